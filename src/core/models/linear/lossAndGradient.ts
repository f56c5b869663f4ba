import { type Matrix, trace } from '../../linalg/matrix';
import { sigmaProductsWasm } from './sigmaProductsWasm';

/**
 * L(A, B) = tr((I − AB) Σ (I − AB)ᵀ) and its analytic gradient
 *   ∂L/∂A = −2 (I − AB) Σ Bᵀ,   ∂L/∂B = −2 Aᵀ (I − AB) Σ   (docs/design.md §1).
 * Written through M = ΣBᵀ, Q = ΣA, N = BΣBᵀ, G = AᵀA so no D × D product is formed:
 *   ∂L/∂A = −2 (M − A N),   ∂L/∂B = −2 (Qᵀ − G Mᵀ),
 *   L = tr Σ − 2 tr(A Mᵀ) + tr(G N).
 * Every entry is one dot product summed in a register, in the order of the index it contracts
 * (the finders evaluate the gradient at every line-search trial, docs/design.md §6, and a
 * read-modify-write of memory per multiply-add costs twice as much in V8).
 */
export function lossAndGradient(sigma: Matrix, A: Matrix, B: Matrix, out?: Float64Array): { loss: number; gradA: Matrix; gradB: Matrix } {
  const D = sigma.rows;
  const d = A.cols;
  const S = sigma.data;
  const a = A.data;
  const b = B.data;
  // One allocation for the work (a typed array costs ≈ 1 µs to create, as much as 500 multiply-adds):
  // Aᵀ (so Q's dot products run along contiguous rows as M's do along B's), M, Q, N, G.
  const work = new Float64Array(3 * D * d + 2 * d * d);
  const at = transposeInto(a, D, d, work.subarray(0, D * d));
  const M = work.subarray(D * d, 2 * D * d);
  const Q = work.subarray(2 * D * d, 3 * D * d);
  productsWithRows(S, b, at, M, Q, D, d);
  const { N, G } = smallProducts(a, b, M, D, d, work.subarray(3 * D * d));
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
      g[r * d + k] = -2 * (M[r * d + k] - an);
      g[D * d + k * D + r] = -2 * (Q[r * d + k] - gm);
      trAMt += a[r * d + k] * M[r * d + k];
    }
  let trGN = 0;
  for (let i = 0; i < d * d; i++) trGN += G[i] * N[i];
  return { loss: trace(sigma) - 2 * trAMt + trGN, gradA, gradB };
}

/** The d × D transpose of a row-major D × d matrix, into `at`. */
export function transposeInto(a: Float64Array, D: number, d: number, at: Float64Array): Float64Array {
  for (let c = 0; c < D; c++) for (let h = 0; h < d; h++) at[h * D + c] = a[c * d + h];
  return at;
}

/**
 * X = S Uᵀ and Y = S Vᵀ (D × d) for S (D × D) and U, V (d × D, row-major): X_rh = Σ_c S_rc U_hc.
 * WebAssembly SIMD where available (sigmaProductsWasm.ts), else the JS loop; `fixed`: S is an
 * array that is never mutated (lets the kernel keep its copy).
 */
export function productsWithRows(
  S: Float64Array,
  U: Float64Array,
  V: Float64Array,
  X: Float64Array,
  Y: Float64Array,
  D: number,
  d: number,
  fixed = false,
): void {
  const kernel = sigmaProductsWasm(D, d);
  if (kernel) kernel.two(S, U, V, X, Y, fixed);
  else productsWithRowsJs(S, U, V, X, Y, D, d);
}

/** productsWithRows in JS: one pass over S's rows for both products, each entry summed over c in order. */
export function productsWithRowsJs(S: Float64Array, U: Float64Array, V: Float64Array, X: Float64Array, Y: Float64Array, D: number, d: number): void {
  for (let r = 0; r < D; r++) {
    const row = r * D;
    for (let h = 0; h < d; h++) {
      const o = h * D;
      let x = 0;
      let y = 0;
      for (let c = 0; c < D; c++) {
        const s = S[row + c];
        x += s * U[o + c];
        y += s * V[o + c];
      }
      X[r * d + h] = x;
      Y[r * d + h] = y;
    }
  }
}

/** X = S Uᵀ alone (productsWithRows without Y). */
export function productWithRows(S: Float64Array, U: Float64Array, X: Float64Array, D: number, d: number, fixed = false): void {
  const kernel = sigmaProductsWasm(D, d);
  if (kernel) {
    kernel.one(S, U, X, fixed);
    return;
  }
  for (let r = 0; r < D; r++)
    for (let h = 0; h < d; h++) {
      let x = 0;
      for (let c = 0; c < D; c++) x += S[r * D + c] * U[h * D + c];
      X[r * d + h] = x;
    }
}

/**
 * N = B M (M = ΣBᵀ) and G = AᵀA (symmetric, mirrored), the d × d products of the gradient and of
 * the Hessian-vector operator, into `into` (2d² entries: N then G).
 */
export function smallProducts(
  a: Float64Array,
  b: Float64Array,
  M: Float64Array,
  D: number,
  d: number,
  into: Float64Array,
): { N: Float64Array; G: Float64Array } {
  const N = into.subarray(0, d * d);
  const G = into.subarray(d * d, 2 * d * d);
  for (let h = 0; h < d; h++) {
    for (let k = 0; k < d; k++) {
      let n = 0;
      for (let c = 0; c < D; c++) n += b[h * D + c] * M[c * d + k];
      N[h * d + k] = n;
    }
    for (let k = h; k < d; k++) {
      let s = 0;
      for (let c = 0; c < D; c++) s += a[c * d + h] * a[c * d + k];
      G[h * d + k] = s;
      G[k * d + h] = s;
    }
  }
  return { N, G };
}
