import { type Matrix, trace } from '../../linalg/matrix';

/**
 * L(A, B) = tr((I − AB) Σ (I − AB)ᵀ) and its analytic gradient
 *   ∂L/∂A = −2 (I − AB) Σ Bᵀ,   ∂L/∂B = −2 Aᵀ (I − AB) Σ   (docs/design.md §1).
 * Written through M = ΣBᵀ, Q = ΣA, N = BΣBᵀ, G = AᵀA so no D × D product is formed:
 *   ∂L/∂A = −2 (M − A N),   ∂L/∂B = −2 (Qᵀ − G Mᵀ),
 *   L = tr Σ − 2 tr(A Mᵀ) + tr(G N).
 */
export function lossAndGradient(sigma: Matrix, A: Matrix, B: Matrix, out?: Float64Array): { loss: number; gradA: Matrix; gradB: Matrix } {
  const D = sigma.rows;
  const d = A.cols;
  const S = sigma.data;
  const a = A.data;
  const b = B.data;
  // M = ΣBᵀ and Q = ΣA (D × d) in one pass over Σ's rows; plain loops, no intermediate matrices
  // (the finders evaluate the gradient at every line-search trial, docs/design.md §6).
  // Bᵀ first, so both inner loops below run along contiguous rows.
  const bt = new Float64Array(D * d);
  for (let h = 0; h < d; h++) for (let c = 0; c < D; c++) bt[c * d + h] = b[h * D + c];
  const M = new Float64Array(D * d);
  const Q = new Float64Array(D * d);
  for (let r = 0; r < D; r++)
    for (let c = 0; c < D; c++) {
      const s = S[r * D + c];
      const o = c * d;
      for (let h = 0; h < d; h++) {
        M[r * d + h] += s * bt[o + h];
        Q[r * d + h] += s * a[o + h];
      }
    }
  const { N, G } = smallProducts(a, b, M, D, d);
  // ∂L/∂A then ∂L/∂B, in θ's order: into `out` (2Dd entries) when given, so the caller needs no copy.
  const g = out ?? new Float64Array(2 * D * d);
  const gradA = { rows: D, cols: d, data: g.subarray(0, D * d) };
  const gradB = { rows: d, cols: D, data: g.subarray(D * d, 2 * D * d) };
  let trAMt = 0;
  for (let r = 0; r < D; r++)
    for (let k = 0; k < d; k++) {
      let an = 0; // (A N)_rk
      let gm = 0; // (G Mᵀ)_kr
      for (let h = 0; h < d; h++) {
        an += a[r * d + h] * N[h * d + k];
        gm += G[k * d + h] * M[r * d + h];
      }
      gradA.data[r * d + k] = -2 * (M[r * d + k] - an);
      gradB.data[k * D + r] = -2 * (Q[r * d + k] - gm);
      trAMt += a[r * d + k] * M[r * d + k];
    }
  let trGN = 0;
  for (let i = 0; i < d * d; i++) trGN += G[i] * N[i];
  return { loss: trace(sigma) - 2 * trAMt + trGN, gradA, gradB };
}

/** N = B M (M = ΣBᵀ) and G = AᵀA, the d × d products of the gradient and of the Hessian-vector operator, in one pass over the D rows. */
export function smallProducts(a: Float64Array, b: Float64Array, M: Float64Array, D: number, d: number): { N: Float64Array; G: Float64Array } {
  const N = new Float64Array(d * d);
  const G = new Float64Array(d * d);
  for (let c = 0; c < D; c++)
    for (let h = 0; h < d; h++) {
      const bhc = b[h * D + c];
      const ach = a[c * d + h];
      for (let k = 0; k < d; k++) {
        N[h * d + k] += bhc * M[c * d + k];
        G[h * d + k] += ach * a[c * d + k];
      }
    }
  return { N, G };
}
