import type { Eigen } from '../../linalg/eigen';
import type { Matrix } from '../../linalg/matrix';
import { nearestFromLearned } from './trajectoryAnatomy';

/**
 * The nearest critical point to (A, B) by docs/design.md's closed form: with P = Uᵀ A B U,
 * I = {i : P_ii > ½}, keeping the d largest P_ii if more qualify. Returns 1-based ascending I
 * and the diagonal of P (how much of each eigendirection is learned).
 */
export function nearestCriticalPoint(eigen: Eigen, A: Matrix, B: Matrix): { I: number[]; learned: Float64Array } {
  const { D, U } = eigen;
  const d = A.cols;
  const learned = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    // P_ii = (u_iᵀ A)(B u_i)
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
    learned[i] = p;
  }
  return { I: nearestFromLearned(learned, d), learned };
}
