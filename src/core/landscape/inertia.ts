/** The inertia of a symmetric matrix (a Hessian) with the one tolerance τ (docs/design.md §1). */
import type { Matrix } from '../linalg/matrix';
import { eigenSymmetricFast } from '../linalg/symmetricEigen';

/** Eigenvalues of a symmetric matrix, ascending (the fast typed-array solver; it scales first). */
export function symmetricEigenvalues(H: Matrix): Float64Array {
  const values = eigenSymmetricFast(H).values; // descending
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[n - 1 - i];
  return out;
}

export interface Inertia {
  negative: number;
  zero: number;
  positive: number;
}

/** Counts of eigenvalues < −τ, with |μ| ≤ τ, and > τ. */
export function inertiaFromEigenvalues(values: ArrayLike<number>, τ: number): Inertia {
  let negative = 0;
  let zero = 0;
  let positive = 0;
  for (let i = 0; i < values.length; i++) {
    const μ = values[i];
    if (μ < -τ) negative++;
    else if (μ > τ) positive++;
    else zero++;
  }
  return { negative, zero, positive };
}
