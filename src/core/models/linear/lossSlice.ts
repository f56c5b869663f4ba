import { dot } from '../../linalg/matrix';
import { eigenSymmetricFast } from '../../linalg/symmetricEigen';

/**
 * Slices of the loss surface in parameter space, worked in Σ's eigenbasis: θ = (Ã, B̃) with
 * Ã = UᵀA, B̃ = BU. The map (A, B) ↦ (Ã, B̃) is an isometry of R^{2Dd}, so distances, planes
 * and projections are the same as in the original basis, and the loss is cheap:
 *   L(Ã, B̃) = Σ_i λ_i ‖e_i − ÃB̃ e_i‖²  (Λ diagonal).
 * Parameter vectors are Ã's entries row-major followed by B̃'s, as Float64Arrays of length 2Dd.
 */

/** The canonical representative of W_I in the eigenbasis: Ã = [e_I, 0], B̃ = Ãᵀ (I 1-based). */
export function canonicalParameters(I: number[], D: number, d: number): Float64Array {
  const θ = new Float64Array(2 * D * d);
  I.forEach((i, col) => {
    θ[(i - 1) * d + col] = 1;
    θ[D * d + col * D + (i - 1)] = 1;
  });
  return θ;
}

/**
 * L at θ = (Ã, B̃) with eigenvalues λ, in O(D d²): with b_i = B̃e_i and G = ÃᵀÃ,
 *   L = Σ_i λ_i ‖e_i − Ãb_i‖² = Σ_i λ_i (1 − 2 Ã_i·b_i + b_iᵀ G b_i).
 */
export function eigenbasisLoss(λ: ArrayLike<number>, θ: Float64Array, D: number, d: number): number {
  const off = D * d;
  const G = new Float64Array(d * d);
  for (let i = 0; i < D; i++)
    for (let h = 0; h < d; h++) {
      const a = θ[i * d + h];
      if (a === 0) continue;
      for (let g = 0; g < d; g++) G[h * d + g] += a * θ[i * d + g];
    }
  let loss = 0;
  for (let i = 0; i < D; i++) {
    if (λ[i] === 0) continue;
    let ab = 0;
    let bGb = 0;
    for (let h = 0; h < d; h++) {
      const bh = θ[off + h * D + i];
      ab += θ[i * d + h] * bh;
      if (bh === 0) continue;
      let gb = 0;
      for (let g = 0; g < d; g++) gb += G[h * d + g] * θ[off + g * D + i];
      bGb += bh * gb;
    }
    loss += λ[i] * (1 - 2 * ab + bGb);
  }
  return loss;
}

export interface Plane {
  origin: Float64Array;
  e1: Float64Array;
  e2: Float64Array;
}

/**
 * The plane through p0, p1, p2: origin p0, e1 along p1 − p0, e2 the part of p2 − p0 orthogonal
 * to e1 (Gram–Schmidt). Null when the three points are (nearly) collinear.
 */
export function planeThrough(p0: Float64Array, p1: Float64Array, p2: Float64Array): Plane | null {
  const u = p1.map((x, i) => x - p0[i]);
  const nu = Math.sqrt(dot(u, u));
  if (nu < 1e-12) return null;
  const e1 = u.map((x) => x / nu);
  const v = p2.map((x, i) => x - p0[i]);
  const c = dot(v, e1);
  const w = v.map((x, i) => x - c * e1[i]);
  const nw = Math.sqrt(dot(w, w));
  if (nw < 1e-9 * Math.max(1, Math.sqrt(dot(v, v)))) return null;
  return { origin: p0, e1, e2: w.map((x) => x / nw) };
}

export function projectOntoPlane(plane: Plane, θ: Float64Array): [number, number] {
  const r = θ.map((x, i) => x - plane.origin[i]);
  return [dot(r, plane.e1), dot(r, plane.e2)];
}

export function pointOnPlane(plane: Plane, x: number, y: number): Float64Array {
  return plane.origin.map((o, i) => o + x * plane.e1[i] + y * plane.e2[i]);
}

/** The loss on an n × n grid of the plane over [x0, x1] × [y0, y1]; z[row = y][col = x]. */
export function lossOnPlane(
  λ: ArrayLike<number>,
  plane: Plane,
  D: number,
  d: number,
  x: [number, number],
  y: [number, number],
  n: number,
): { xs: number[]; ys: number[]; z: number[][] } {
  const xs = Array.from({ length: n }, (_, k) => x[0] + ((x[1] - x[0]) * k) / (n - 1));
  const ys = Array.from({ length: n }, (_, k) => y[0] + ((y[1] - y[0]) * k) / (n - 1));
  const z = ys.map((yy) => xs.map((xx) => eigenbasisLoss(λ, pointOnPlane(plane, xx, yy), D, d)));
  return { xs, ys, z };
}

/**
 * The orthogonal R (d × d) minimising ‖ÃR − Ã_ref‖_F (orthogonal Procrustes): R is the polar
 * factor of M = ÃᵀÃ_ref, R = M (MᵀM)^{−1/2}. Applying (Ã, B̃) ↦ (ÃR, RᵀB̃) keeps ÃB̃ and the loss.
 * Returns null when M is too close to singular for a unique answer (e.g. near A = 0).
 */
export function procrustesRotation(A: Float64Array, Aref: Float64Array, D: number, d: number): Float64Array | null {
  const M = new Float64Array(d * d);
  for (let h = 0; h < d; h++)
    for (let g = 0; g < d; g++) {
      let s = 0;
      for (let i = 0; i < D; i++) s += A[i * d + h] * Aref[i * d + g];
      M[h * d + g] = s;
    }
  const MtM = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += M[k * d + a] * M[k * d + b];
      MtM[a * d + b] = s;
    }
  const { values, U } = eigenSymmetricFast({ rows: d, cols: d, data: MtM });
  if (!(values[d - 1] > 1e-20 * Math.max(values[0], 1e-300))) return null;
  // (MᵀM)^{−1/2} = V diag(λ^{−1/2}) Vᵀ
  const inv = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (U.data[a * d + k] * U.data[b * d + k]) / Math.sqrt(values[k]);
      inv[a * d + b] = s;
    }
  const R = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += M[a * d + k] * inv[k * d + b];
      R[a * d + b] = s;
    }
  return R;
}

/** θ = (Ã, B̃) ↦ (ÃR, RᵀB̃) for an orthogonal R: the same W, another gauge. */
export function applyGauge(θ: Float64Array, R: Float64Array, D: number, d: number): Float64Array {
  const out = new Float64Array(θ.length);
  const off = D * d;
  for (let i = 0; i < D; i++)
    for (let g = 0; g < d; g++) {
      let s = 0;
      for (let h = 0; h < d; h++) s += θ[i * d + h] * R[h * d + g];
      out[i * d + g] = s;
    }
  for (let g = 0; g < d; g++)
    for (let i = 0; i < D; i++) {
      let s = 0;
      for (let h = 0; h < d; h++) s += R[h * d + g] * θ[off + h * D + i];
      out[off + g * D + i] = s;
    }
  return out;
}
