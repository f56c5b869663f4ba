/**
 * What the ReLU model's views show about a trained W (d × D row-major, column i = W_i), after
 * Toy Models of Superposition (docs/design.md §7): how strongly each feature is represented, how
 * much it shares its direction with others, and, for d = 2, the geometry of the columns.
 */
import { type Matrix, zeros } from '../../linalg/matrix';

/** A feature counts as represented when ‖W_i‖ exceeds this (the paper's plots read ‖W_i‖ ≈ 1 as learned). */
export const REPRESENTED_NORM = 0.5;

/** W_i · W_j for every pair: the D × D matrix WᵀW (the paper's heatmap, beside b). */
export function gramMatrix(W: Float64Array, D: number): Matrix {
  const d = W.length / D;
  const G = zeros(D, D);
  for (let i = 0; i < D; i++)
    for (let j = i; j < D; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += W[k * D + i] * W[k * D + j];
      G.data[i * D + j] = s;
      G.data[j * D + i] = s;
    }
  return G;
}

/** ‖W_i‖ for each feature i. */
export function featureNorms(W: Float64Array, D: number): Float64Array {
  const G = gramMatrix(W, D);
  return Float64Array.from({ length: D }, (_, i) => Math.sqrt(G.data[i * D + i]));
}

/**
 * Σ_j (Ŵ_i · W_j)² with Ŵ_i = W_i/‖W_i‖, over j ≠ i (`exclude` = true) or every j; 0 for a zero
 * column. It is ‖W_i‖² plus the superposition when j = i is included.
 */
function projectedInterference(G: Matrix, i: number, exclude: boolean): number {
  const D = G.cols;
  const nn = G.data[i * D + i];
  if (nn === 0) return 0;
  let s = 0;
  for (let j = 0; j < D; j++) if (!(exclude && j === i)) s += G.data[i * D + j] ** 2;
  return s / nn; // (Ŵ_i · W_j)² = (W_i · W_j)² / ‖W_i‖²
}

/** The paper's superposition of feature i: Σ_{j≠i} (Ŵ_i · W_j)², 0 when ‖W_i‖ = 0 (and 0 for a feature alone in its direction). */
export function superposition(W: Float64Array, D: number): Float64Array {
  const G = gramMatrix(W, D);
  return Float64Array.from({ length: D }, (_, i) => projectedInterference(G, i, true));
}

/**
 * The paper's feature dimensionality D_i = ‖W_i‖² / Σ_j (Ŵ_i · W_j)² (j over every feature, i
 * included): 1 for a feature with a dimension of its own, 1/k for k features sharing one
 * direction, 2/5 for each corner of the pentagon; 0 for a zero column.
 */
export function featureDimensionality(W: Float64Array, D: number): Float64Array {
  const G = gramMatrix(W, D);
  return Float64Array.from({ length: D }, (_, i) => {
    const denominator = projectedInterference(G, i, false);
    return denominator === 0 ? 0 : G.data[i * D + i] / denominator;
  });
}

/** For d = 2: the angle of each column W_i in the hidden plane, atan2(W_2i, W_1i), radians in (−π, π]. */
export function hiddenPlaneAngles(W: Float64Array, D: number): Float64Array {
  if (W.length !== 2 * D) throw new Error(`hiddenPlaneAngles: W is ${W.length / D} × ${D}, needs d = 2`);
  return Float64Array.from({ length: D }, (_, i) => Math.atan2(W[D + i], W[i]));
}

export interface AdjacentAngles {
  /** The represented features (‖W_i‖ > threshold, 0-based), in order of angle. */
  features: number[];
  /** gaps[k]: the angle from features[k] to the next one counter-clockwise (the last wraps to the first); sums to 2π. */
  gaps: number[];
}

/** For d = 2: the angles between represented features adjacent in the hidden plane (72° each for the pentagon). */
export function adjacentAngles(W: Float64Array, D: number, threshold = REPRESENTED_NORM): AdjacentAngles {
  const angles = hiddenPlaneAngles(W, D);
  const norms = featureNorms(W, D);
  const features = Array.from({ length: D }, (_, i) => i)
    .filter((i) => norms[i] > threshold)
    .sort((p, q) => angles[p] - angles[q] || p - q);
  const gaps = features.map((f, k) => {
    const next = features[(k + 1) % features.length];
    const gap = angles[next] - angles[f];
    return k + 1 < features.length ? gap : gap + 2 * Math.PI;
  });
  return { features, gaps };
}
