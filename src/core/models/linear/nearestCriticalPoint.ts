import type { Eigen } from '../../linalg/eigen';
import type { Matrix } from '../../linalg/matrix';
import { nearestFromLearned } from './trajectoryAnatomy';

/** P_ii = u_iᵀ A B u_i = Σ_h (u_iᵀ a_h)(b_h u_i) for U's column i (0-based), O(Dd) without forming AB. */
export function eigenDiagonal(U: Matrix, A: Matrix, B: Matrix, i: number): number {
  const D = U.rows;
  const d = A.cols;
  let p = 0;
  for (let h = 0; h < d; h++) {
    let ua = 0;
    let bu = 0;
    for (let r = 0; r < D; r++) {
      const u = U.data[r * D + i];
      ua += u * A.data[r * d + h];
      bu += B.data[h * D + r] * u;
    }
    p += ua * bu;
  }
  return p;
}

/**
 * The nearest critical point to (A, B) by docs/design.md's closed form: with P = Uᵀ A B U,
 * I = {i : P_ii > ½}, keeping the d largest P_ii if more qualify. Returns 1-based ascending I
 * and the diagonal of P (how much of each eigendirection is learned). With weight decay μ (per
 * hidden unit) P_ii is compared after `learnedScale`.
 */
export function nearestCriticalPoint(eigen: Eigen, A: Matrix, B: Matrix, μ?: ArrayLike<number>): { I: number[]; learned: Float64Array } {
  const { D, U } = eigen;
  const d = A.cols;
  const learned = new Float64Array(D);
  for (let i = 0; i < D; i++) learned[i] = eigenDiagonal(U, A, B, i);
  if (!μ || !Array.prototype.some.call(μ, (m: number) => m !== 0)) return { I: nearestFromLearned(learned, d), learned };
  const s = learnedScale(eigen.values, μ);
  return {
    I: nearestFromLearned(
      learned.map((p, i) => p * s[i]),
      d,
    ),
    learned,
  };
}

/**
 * Under weight decay (docs/design.md §5) direction i is learned at most to P_ii = 1 − μ/λ_i, so the
 * nearest critical point compares P_ii/(1 − μ/λ_i) with ½; a direction with λ_i ≤ μ cannot be
 * learned and gets scale 0. μ per unit: the smallest penalty sets the bound (the unit that can learn
 * the most). At μ = 0 every scale is 1.
 */
export function learnedScale(λ: ArrayLike<number>, μ: ArrayLike<number>): Float64Array {
  let least = Infinity;
  for (let h = 0; h < μ.length; h++) least = Math.min(least, μ[h]);
  return Float64Array.from({ length: λ.length }, (_, i) => (λ[i] > least ? 1 / (1 - least / λ[i]) : 0));
}
