import type { Matrix } from './matrix';

/** Σ = U Λ Uᵀ with λ_1 ≥ … ≥ λ_D; column i of U is u_i. */
export interface Eigen {
  D: number;
  /** λ_1 ≥ λ_2 ≥ … ≥ λ_D. */
  values: Float64Array;
  /** U as a D × D matrix: U.data[r * D + i] = (u_i)_r. */
  U: Matrix;
}

/**
 * Sign rule (docs/design.md §2): each eigenvector's largest-magnitude entry is positive; on a tie in
 * magnitude the first such entry decides. Mutates `v`.
 */
export function applySignRule(v: Float64Array | number[]): void {
  let best = 0;
  for (let r = 1; r < v.length; r++) if (Math.abs(v[r]) > Math.abs(v[best])) best = r;
  if (v[best] < 0) for (let r = 0; r < v.length; r++) v[r] = -v[r];
}

/** u_i as an array (0-based i). */
export function eigenvector(eigen: Eigen, i: number): Float64Array {
  const { D, U } = eigen;
  const u = new Float64Array(D);
  for (let r = 0; r < D; r++) u[r] = U.data[r * D + i];
  return u;
}
