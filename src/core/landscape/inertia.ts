/** The inertia of a symmetric matrix (a Hessian) with the one tolerance τ (docs/design.md §1). */
import type { Matrix } from '../linalg/matrix';
import { symmetricEigenvaluesFast } from '../linalg/symmetricEigen';

/** Eigenvalues of a symmetric matrix, ascending (the fast typed-array solver; it scales first). */
export function symmetricEigenvalues(H: Matrix): Float64Array {
  // Values only (no eigenvectors: the inertia needs none), descending, reversed.
  return symmetricEigenvaluesFast(H).reverse();
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
