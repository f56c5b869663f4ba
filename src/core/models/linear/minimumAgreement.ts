/**
 * What gradient descent found against the decayed minimum's closed form (docs/design.md §5):
 * W* = Σ_{i ≤ k} (1 − μ_i/λ_i) u_i u_iᵀ, unit i on u_i, k = #{i ≤ d : λ_i > μ_i} (a prefix: λ falls
 * and μ_i does not grow). Uniform μ: k = min(d, #{λ_i > μ}); the ordered profile's unique minimum too. For a run's W = AB it gives
 * u_iᵀ W u_i beside 1 − μ/λ_i for i ≤ k, and ‖W − W*‖_F / ‖W*‖_F, which is 0 exactly when W has
 * W*'s eigenvalues and eigenvectors. The difference is summed row by row, O(D²(d + k)), never by
 * ‖W‖² − 2⟨W, W*⟩ + ‖W*‖², which would lose half the digits to cancellation.
 */
import type { Matrix } from '../../linalg/matrix';
import { eigenDiagonal } from './nearestCriticalPoint';

export interface MinimumAgreement {
  /** 1-based eigen-indices i ≤ k. */
  i: number[];
  /** 1 − μ_i/λ_i, the minimum's eigenvalue on u_i. */
  closed: number[];
  /** u_iᵀ W u_i for the run's W = AB. */
  found: number[];
  /** ‖W − W*‖_F / ‖W*‖_F (‖W‖_F when W* = 0). */
  relativeError: number;
}

/** The run's W = AB against W* under decay μ_j per unit (length d); U's columns are Σ's eigenvectors, λ descending. */
export function minimumAgreement(λ: ArrayLike<number>, U: Matrix, A: Matrix, B: Matrix, μ: ArrayLike<number>): MinimumAgreement {
  const d = B.rows;
  const D = U.rows;
  if (μ.length !== d) throw new RangeError(`μ has ${μ.length} entries, d = ${d}`);
  let k = 0;
  while (k < Math.min(d, D) && λ[k] > μ[k]) k++;
  const i = Array.from({ length: k }, (_, n) => n + 1);
  const closed = i.map((n) => 1 - μ[n - 1] / λ[n - 1]);
  const found = i.map((n) => eigenDiagonal(U, A, B, n - 1));
  const row = new Float64Array(D);
  let diff2 = 0;
  for (let r = 0; r < D; r++) {
    row.fill(0);
    for (let h = 0; h < d; h++) {
      const a = A.data[r * d + h];
      for (let c = 0; c < D; c++) row[c] += a * B.data[h * D + c];
    }
    for (let n = 0; n < k; n++) {
      const w = closed[n] * U.data[r * D + n];
      for (let c = 0; c < D; c++) row[c] -= w * U.data[c * D + n];
    }
    for (let c = 0; c < D; c++) diff2 += row[c] * row[c];
  }
  const star2 = closed.reduce((s, w) => s + w * w, 0);
  return { i, closed, found, relativeError: Math.sqrt(diff2) / (star2 > 0 ? Math.sqrt(star2) : 1) };
}
