import type { Matrix } from '../../linalg/matrix';
import { productsWithRows, productWithRows, smallProducts, transposeInto } from './lossAndGradient';

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
  const n = D * d;
  // Two allocations for all the work (a typed array costs ≈ 1 µs to create): GNM forms this
  // operator at every iterate for one product, so its set-up costs as much as the product.
  // Point: M = Σ Bᵀ (D × d; BΣ = Mᵀ), N = B M and G = AᵀA (d × d).
  const point = new Float64Array(n + 2 * d * d);
  const M = point.subarray(0, n);
  productWithRows(S, b, M, D, d, true);
  const { N, G } = smallProducts(a, b, M, D, d, point.subarray(n));
  // Per direction, reused by every application: dAᵀ, P = Σ dBᵀ, R = Σ dA (D × d; Rᵀ = dAᵀΣ),
  // W = dB M + B P and Z₂ = Aᵀ dA + dAᵀ A (d × d).
  const work = new Float64Array(3 * n + 2 * d * d);
  const dat = work.subarray(0, n);
  const P = work.subarray(n, 2 * n);
  const R = work.subarray(2 * n, 3 * n);
  const W = work.subarray(3 * n, 3 * n + d * d);
  const Z2 = work.subarray(3 * n + d * d);
  return (dA, dB) => {
    const da = dA.data;
    const db = dB.data;
    transposeInto(da, D, d, dat);
    productsWithRows(S, db, dat, P, R, D, d, true);
    for (let h = 0; h < d; h++)
      for (let k = 0; k < d; k++) {
        let w = 0;
        let z = 0;
        for (let c = 0; c < D; c++) {
          w += db[h * D + c] * M[c * d + k] + b[h * D + c] * P[c * d + k];
          z += a[c * d + h] * da[c * d + k] + da[c * d + h] * a[c * d + k];
        }
        W[h * d + k] = w;
        Z2[h * d + k] = z;
      }
    const out = new Float64Array(2 * n);
    // d g_A = 2 (dA N + A W − P)
    for (let r = 0; r < D; r++)
      for (let k = 0; k < d; k++) {
        let t = -P[r * d + k];
        for (let h = 0; h < d; h++) t += da[r * d + h] * N[h * d + k] + a[r * d + h] * W[h * d + k];
        out[r * d + k] = 2 * t;
      }
    // d g_B = 2 (Z₂ (BΣ) + G (dB Σ) − dAᵀ Σ), BΣ = Mᵀ, dB Σ = Pᵀ, dAᵀΣ = Rᵀ
    for (let h = 0; h < d; h++)
      for (let c = 0; c < D; c++) {
        let t = -R[c * d + h];
        for (let k = 0; k < d; k++) t += Z2[h * d + k] * M[c * d + k] + G[h * d + k] * P[c * d + k];
        out[n + h * D + c] = 2 * t;
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
