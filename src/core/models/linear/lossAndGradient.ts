import { type Matrix, multiply, trace, transpose } from '../../linalg/matrix';

/**
 * L(A, B) = tr((I − AB) Σ (I − AB)ᵀ) and its analytic gradient
 *   ∂L/∂A = −2 (I − AB) Σ Bᵀ,   ∂L/∂B = −2 Aᵀ (I − AB) Σ   (docs/design.md §1).
 * Written through M = ΣBᵀ, Q = ΣA, N = BΣBᵀ, G = AᵀA so no D × D product is formed:
 *   ∂L/∂A = −2 (M − A N),   ∂L/∂B = −2 (Qᵀ − G Mᵀ),
 *   L = tr Σ − 2 tr(A Mᵀ) + tr(G N).
 */
export function lossAndGradient(sigma: Matrix, A: Matrix, B: Matrix): { loss: number; gradA: Matrix; gradB: Matrix } {
  const D = sigma.rows;
  const d = A.cols;
  const M = multiply(sigma, transpose(B)); // D × d
  const Q = multiply(sigma, A); // D × d
  const N = multiply(B, M); // d × d
  const G = multiply(transpose(A), A); // d × d
  const AN = multiply(A, N);
  const GMt = multiply(G, transpose(M)); // d × D
  const gradA = { rows: D, cols: d, data: new Float64Array(D * d) };
  for (let i = 0; i < D * d; i++) gradA.data[i] = -2 * (M.data[i] - AN.data[i]);
  const gradB = { rows: d, cols: D, data: new Float64Array(d * D) };
  for (let h = 0; h < d; h++) for (let r = 0; r < D; r++) gradB.data[h * D + r] = -2 * (Q.data[r * d + h] - GMt.data[h * D + r]);
  let trAMt = 0;
  for (let i = 0; i < D * d; i++) trAMt += A.data[i] * M.data[i];
  let trGN = 0;
  for (let i = 0; i < d * d; i++) trGN += G.data[i] * N.data[i];
  return { loss: trace(sigma) - 2 * trAMt + trGN, gradA, gradB };
}
