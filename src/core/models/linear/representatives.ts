/** Representatives (A, B) of a critical point W_I of the linear model, and W_I itself (docs/design.md §1). */
import pow from '@stdlib/math-base-special-pow';
import type { Eigen } from '../../linalg/eigen';
import { type Matrix, multiply, transpose, zeros } from '../../linalg/matrix';
import { randomOrthogonal } from '../../linalg/rotation';
import type { Rng } from '../../random/random';

/** W_I = U_I U_Iᵀ, the orthogonal projection onto span{u_i : i ∈ I} (I 1-based). */
export function projection(eigen: Eigen, I: number[]): Matrix {
  const { D, U } = eigen;
  const W = zeros(D, D);
  for (const i1 of I) {
    const i = i1 - 1;
    for (let r = 0; r < D; r++) {
      const ur = U.data[r * D + i];
      if (ur === 0) continue;
      for (let c = 0; c < D; c++) W.data[r * D + c] += ur * U.data[c * D + i];
    }
  }
  return W;
}

/** The canonical representative A = [U_I, 0] (D × d), B = [U_Iᵀ; 0] (d × D) (I 1-based). */
export function canonicalRepresentative(eigen: Eigen, I: number[], d: number): { A: Matrix; B: Matrix } {
  const { D, U } = eigen;
  const A = zeros(D, d);
  const B = zeros(d, D);
  I.forEach((i1, col) => {
    for (let r = 0; r < D; r++) {
      const u = U.data[r * D + (i1 - 1)];
      A.data[r * d + col] = u;
      B.data[col * D + r] = u;
    }
  });
  return { A, B };
}

/**
 * A representative of W_I in a random GL(d) gauge: A = [U_I, 0] G, B = G⁻¹ [U_Iᵀ; 0] with
 * G = Q1 diag(s) Q2, Q1, Q2 Haar-orthogonal and s log-uniform in [½, 2] (so cond(G) ≤ 4), and
 * G⁻¹ = Q2ᵀ diag(1/s) Q1ᵀ formed from the factors, never by inversion. Then AB = W_I up to
 * rounding and the point is critical, but it is not the canonical representative. `I` is 1-based.
 */
export function gaugedRepresentative(eigen: Eigen, I: number[], d: number, rng: Rng): { A: Matrix; B: Matrix } {
  const { A: A0, B: B0 } = canonicalRepresentative(eigen, I, d);
  const Q1 = randomOrthogonal(d, rng);
  const Q2 = randomOrthogonal(d, rng);
  const s = new Float64Array(d);
  for (let i = 0; i < d; i++) s[i] = pow(2, 2 * rng.uniform() - 1); // stdlib's pow, not **: the same bits in every browser (random.ts)
  const Q1s = zeros(d, d); // Q1 diag(s)
  const Q2tInvS = zeros(d, d); // Q2ᵀ diag(1/s)
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      Q1s.data[i * d + j] = Q1.data[i * d + j] * s[j];
      Q2tInvS.data[i * d + j] = Q2.data[j * d + i] / s[j];
    }
  const Gm = multiply(Q1s, Q2);
  const Ginv = multiply(Q2tInvS, transpose(Q1));
  return { A: multiply(A0, Gm), B: multiply(Ginv, B0) };
}
