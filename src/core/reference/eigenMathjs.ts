/**
 * Cross-check only: the eigendecomposition by mathjs's `eigs`, the slow, independent reference
 * that tests hold the production solver (linalg/symmetricEigen.ts) against. Same contract.
 */
import { eigs } from 'mathjs';
import { applySignRule, type Eigen } from '../linalg/eigen';
import { type Matrix, maxAbs, zeros } from '../linalg/matrix';

/**
 * Eigendecomposition of a symmetric PSD Σ with mathjs's `eigs`.
 * Σ is scaled by its largest absolute entry first and λ scaled back, because `eigs` stops on an
 * absolute test and silently returns wrong results for tiny or huge data (docs/design.md §2).
 */
export function eigenSymmetric(sigma: Matrix): Eigen {
  const D = sigma.rows;
  const s = maxAbs(sigma);
  const U = zeros(D, D);
  if (s === 0 || D === 0) {
    for (let i = 0; i < D; i++) U.data[i * D + i] = 1;
    return { D, values: new Float64Array(D), U };
  }
  const scaled: number[][] = [];
  for (let i = 0; i < D; i++) {
    const row: number[] = [];
    // Symmetrise after scaling: Σ_ij + Σ_ji itself can overflow near the float64 maximum.
    for (let j = 0; j < D; j++) row.push((sigma.data[i * D + j] / s + sigma.data[j * D + i] / s) / 2);
    scaled.push(row);
  }
  const result = eigs(scaled, { eigenvectors: true }) as unknown as {
    eigenvectors: { value: number; vector: number[] }[];
  };
  const pairs = result.eigenvectors.map(({ value, vector }) => ({ value: value * s, vector: Float64Array.from(vector) }));
  pairs.sort((a, b) => b.value - a.value);
  const values = new Float64Array(D);
  pairs.forEach(({ value, vector }, i) => {
    let norm = 0;
    for (let r = 0; r < D; r++) norm += vector[r] * vector[r];
    norm = Math.sqrt(norm);
    for (let r = 0; r < D; r++) vector[r] /= norm;
    applySignRule(vector);
    values[i] = value;
    for (let r = 0; r < D; r++) U.data[r * D + i] = vector[r];
  });
  return { D, values, U };
}
