import { add, type Matrix, multiply, subtract, transpose } from '../../linalg/matrix';

/**
 * H(A, B) · (dA, dB) for L(A, B) = tr((I − AB) Σ (I − AB)ᵀ), without forming the 2Dd × 2Dd
 * Hessian: the directional derivative of the gradient (docs/design.md §1; hessian.ts derives the
 * same blocks entry by entry). With E = I − AB, V = dA B + A dB and Σ symmetric,
 *     d g_A = 2 V Σ Bᵀ − 2 E Σ dBᵀ,        d g_B = 2 Aᵀ V Σ − 2 dAᵀ E Σ,
 * and every term is formed through D × d and d × d products, O(D²d), never a D × D one:
 *     V Σ Bᵀ = dA N + A (dB M),            E Σ dBᵀ = P − A (B P),
 *     Aᵀ V Σ = (Aᵀ dA) (BΣ) + G (dB Σ),    dAᵀ E Σ = dAᵀ Σ − (dAᵀ A) (BΣ),
 * where M = ΣBᵀ, N = BM, P = Σ dBᵀ, G = AᵀA. Returns (d g_A, d g_B) in θ's order: A's entries
 * row-major, then B's.
 */
export function hessianVectorProduct(sigma: Matrix, A: Matrix, B: Matrix, dA: Matrix, dB: Matrix): Float64Array {
  const D = sigma.rows;
  const d = A.cols;
  const S = symmetrised(sigma);
  const M = multiply(S, transpose(B)); // Σ Bᵀ, D × d
  const N = multiply(B, M); // B Σ Bᵀ, d × d
  const P = multiply(S, transpose(dB)); // Σ dBᵀ, D × d
  const BS = transpose(M); // B Σ, d × D
  const dBS = transpose(P); // dB Σ, d × D
  const At = transpose(A);
  const dAt = transpose(dA);
  // d g_A = 2 (dA N + A (dB M)) − 2 (P − A (B P))
  const gA = add(multiply(dA, N), multiply(A, multiply(dB, M)));
  const EP = subtract(P, multiply(A, multiply(B, P)));
  // d g_B = 2 ((Aᵀ dA)(BΣ) + G (dB Σ)) − 2 (dAᵀ Σ − (dAᵀ A)(BΣ))
  const gB = add(multiply(multiply(At, dA), BS), multiply(multiply(At, A), dBS));
  const dAtES = subtract(multiply(dAt, S), multiply(multiply(dAt, A), BS));
  const out = new Float64Array(2 * D * d);
  for (let i = 0; i < D * d; i++) out[i] = 2 * (gA.data[i] - EP.data[i]);
  for (let i = 0; i < d * D; i++) out[D * d + i] = 2 * (gB.data[i] - dAtES.data[i]);
  return out;
}

/** (Σ + Σᵀ)/2, which leaves L unchanged (as hessianMatrix does). */
function symmetrised(sigma: Matrix): Matrix {
  const D = sigma.rows;
  const data = new Float64Array(D * D);
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) data[i * D + j] = (sigma.data[i * D + j] + sigma.data[j * D + i]) / 2;
  return { rows: D, cols: D, data };
}
