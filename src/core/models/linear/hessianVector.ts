import type { Matrix } from '../../linalg/matrix';
import { smallProducts } from './lossAndGradient';

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
  return hessianVectorOperator(sigma, A, B)(dA, dB);
}

/**
 * The same product as an operator at a fixed (A, B): what depends on the point alone (Σ
 * symmetrised, M, N, BΣ, Aᵀ, G) is formed once, so a solver that applies H many times at one θ
 * (MINRES in the Newton finders, docs/design.md §6) pays only the per-direction products.
 */
export function hessianVectorOperator(sigma: Matrix, A: Matrix, B: Matrix): (dA: Matrix, dB: Matrix) => Float64Array {
  const D = sigma.rows;
  const d = A.cols;
  const S = symmetrised(sigma);
  const a = A.data;
  const b = B.data;
  // M = Σ Bᵀ (D × d; BΣ = Mᵀ), N = B M and G = AᵀA (d × d), in plain loops: GNM forms this
  // operator at every iterate for one product, so its set-up costs as much as the product.
  const M = new Float64Array(D * d);
  for (let r = 0; r < D; r++)
    for (let h = 0; h < d; h++) {
      let t = 0;
      for (let c = 0; c < D; c++) t += S[r * D + c] * b[h * D + c];
      M[r * d + h] = t;
    }
  const { N, G } = smallProducts(a, b, M, D, d);
  // Work buffers, reused by every application: P = Σ dBᵀ (D × d), X = dB M, Y = B P, Z = Aᵀ dA (d × d).
  const P = new Float64Array(D * d);
  const X = new Float64Array(d * d);
  const Y = new Float64Array(d * d);
  const Z = new Float64Array(d * d);
  return (dA, dB) => {
    const da = dA.data;
    const db = dB.data;
    // P_rh = Σ_c Σ_rc dB_hc: both rows contiguous.
    for (let r = 0; r < D; r++)
      for (let h = 0; h < d; h++) {
        let t = 0;
        for (let c = 0; c < D; c++) t += S[r * D + c] * db[h * D + c];
        P[r * d + h] = t;
      }
    X.fill(0);
    Y.fill(0);
    Z.fill(0);
    for (let c = 0; c < D; c++)
      for (let h = 0; h < d; h++) {
        const dbhc = db[h * D + c];
        const bhc = b[h * D + c];
        const ach = a[c * d + h];
        for (let k = 0; k < d; k++) {
          X[h * d + k] += dbhc * M[c * d + k];
          Y[h * d + k] += bhc * P[c * d + k];
          Z[h * d + k] += ach * da[c * d + k];
        }
      }
    const out = new Float64Array(2 * D * d);
    // d g_A = 2 (dA N + A (X + Y) − P)
    for (let r = 0; r < D; r++)
      for (let k = 0; k < d; k++) {
        let t = -P[r * d + k];
        for (let h = 0; h < d; h++) t += da[r * d + h] * N[h * d + k] + a[r * d + h] * (X[h * d + k] + Y[h * d + k]);
        out[r * d + k] = 2 * t;
      }
    // d g_B = 2 ((Z + Zᵀ)(BΣ) + G (dB Σ) − dAᵀ Σ), BΣ = Mᵀ, dB Σ = Pᵀ
    const o = D * d;
    for (let h = 0; h < d; h++)
      for (let c = 0; c < D; c++) {
        let t = 0;
        for (let k = 0; k < d; k++) t += (Z[h * d + k] + Z[k * d + h]) * M[c * d + k] + G[h * d + k] * P[c * d + k];
        // (dAᵀΣ)_hc = Σ_r dA_rh Σ_cr (Σ symmetric: row c, contiguous).
        for (let r = 0; r < D; r++) t -= da[r * d + h] * S[c * D + r];
        out[o + h * D + c] = 2 * t;
      }
    return out;
  };
}

/** (Σ + Σᵀ)/2, which leaves L unchanged (as hessianMatrix does); formed once per Σ (a landscape's Σ is never mutated). */
const symmetricOf = new WeakMap<Matrix, Float64Array>();
function symmetrised(sigma: Matrix): Float64Array {
  const cached = symmetricOf.get(sigma);
  if (cached) return cached;
  const D = sigma.rows;
  const data = new Float64Array(D * D);
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) data[i * D + j] = (sigma.data[i * D + j] + sigma.data[j * D + i]) / 2;
  symmetricOf.set(sigma, data);
  return data;
}
