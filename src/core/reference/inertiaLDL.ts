/**
 * Cross-check only: the inertia of a symmetric matrix without eigenvalues, from the pivots of a
 * Bunch–Kaufman LDLᵀ factorisation (Sylvester's law of inertia). The page takes the inertia from
 * the eigenvalues (landscape/inertia.ts); tests hold the two against each other.
 */
import type { Inertia } from '../landscape/inertia';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../landscape/inertia';
import type { Matrix } from '../linalg/matrix';
import { hessianMatrix } from '../models/linear/hessian';

/** Bunch–Kaufman's α = (1 + √17)/8, which bounds element growth. */
const BK_ALPHA = (1 + Math.sqrt(17)) / 8;

/**
 * Signs of the pivots of an LDLᵀ factorisation of H + shift·I with Bunch–Kaufman (partial,
 * symmetric) pivoting and 1 × 1 / 2 × 2 blocks. By Sylvester's law of inertia the counts are the
 * inertia of H + shift·I. Only the lower triangle of the trailing Schur complement is kept and
 * updated (L itself is not needed), so the cost is n³/3 multiply–adds.
 */
function pivotSigns(H: Matrix, shift: number): Inertia {
  const n = H.rows;
  if (H.cols !== n) throw new Error(`not square: ${H.rows}×${H.cols}`);
  // Lower triangle: entry (i, j), i ≥ j, at a[i·n + j]; the upper triangle is never read.
  const a = Float64Array.from(H.data);
  for (let i = 0; i < n; i++) a[i * n + i] += shift;
  let negative = 0;
  let zero = 0;
  let positive = 0;
  const count1 = (p: number) => {
    if (p < 0) negative++;
    else if (p > 0) positive++;
    else zero++;
  };
  // Symmetric interchange of indices p < q of the trailing matrix (indices ≥ k), lower storage.
  const swap = (k: number, p: number, q: number) => {
    if (p === q) return;
    let t: number;
    t = a[p * n + p];
    a[p * n + p] = a[q * n + q];
    a[q * n + q] = t;
    for (let j = k; j < p; j++) {
      t = a[p * n + j];
      a[p * n + j] = a[q * n + j];
      a[q * n + j] = t;
    }
    for (let j = p + 1; j < q; j++) {
      t = a[j * n + p];
      a[j * n + p] = a[q * n + j];
      a[q * n + j] = t;
    }
    for (let i = q + 1; i < n; i++) {
      t = a[i * n + p];
      a[i * n + p] = a[i * n + q];
      a[i * n + q] = t;
    }
  };
  const c0 = new Float64Array(n); // column k of the trailing matrix
  const c1 = new Float64Array(n); // column k + 1 (2 × 2 pivots)
  const w0 = new Float64Array(n);
  const w1 = new Float64Array(n);
  let k = 0;
  while (k < n) {
    const akk = Math.abs(a[k * n + k]);
    let colmax = 0;
    let r = k;
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > colmax) {
        colmax = v;
        r = i;
      }
    }
    if (Math.max(akk, colmax) === 0) {
      // Column already zero: a zero 1 × 1 pivot, nothing to eliminate.
      zero++;
      k++;
      continue;
    }
    let size = 1;
    if (akk < BK_ALPHA * colmax) {
      // Largest off-diagonal magnitude in row r of the trailing matrix.
      let rowmax = 0;
      for (let j = k; j < r; j++) rowmax = Math.max(rowmax, Math.abs(a[r * n + j]));
      for (let i = r + 1; i < n; i++) rowmax = Math.max(rowmax, Math.abs(a[i * n + r]));
      if (akk * rowmax >= BK_ALPHA * colmax * colmax) {
        // 1 × 1 pivot at k, no interchange.
      } else if (Math.abs(a[r * n + r]) >= BK_ALPHA * rowmax) {
        swap(k, k, r);
      } else {
        size = 2;
        swap(k, k + 1, r);
      }
    }
    if (size === 1) {
      const p = a[k * n + k];
      count1(p);
      // Schur complement: a_ij −= a_ik a_jk / p for k < j ≤ i.
      for (let i = k + 1; i < n; i++) c0[i] = a[i * n + k];
      for (let i = k + 1; i < n; i++) {
        const f = c0[i] / p;
        if (f === 0) continue;
        const row = i * n;
        for (let j = k + 1; j <= i; j++) a[row + j] -= f * c0[j];
      }
      k += 1;
    } else {
      const e11 = a[k * n + k];
      const e21 = a[(k + 1) * n + k];
      const e22 = a[(k + 1) * n + k + 1];
      // Eigenvalue signs of the 2 × 2 block [[e11, e21], [e21, e22]] from its determinant and
      // trace. (Bunch–Kaufman's choice makes det < 0, one of each sign, but count in general.)
      const det = e11 * e22 - e21 * e21;
      const tr = e11 + e22;
      if (det < 0) {
        negative++;
        positive++;
      } else if (det > 0) {
        if (tr > 0) positive += 2;
        else negative += 2;
      } else {
        zero++;
        count1(tr);
      }
      // w_i = E⁻¹ (a_ik, a_i,k+1)ᵀ in LAPACK dsytf2's scaled form (divide by e21, the block's
      // largest entry when a 2 × 2 pivot is chosen), then a_ij −= (a_ik, a_i,k+1) · w_j.
      const d11 = e22 / e21;
      const d22 = e11 / e21;
      const t = 1 / (d11 * d22 - 1);
      const d21 = t / e21;
      for (let i = k + 2; i < n; i++) {
        const x0 = a[i * n + k];
        const x1 = a[i * n + k + 1];
        c0[i] = x0;
        c1[i] = x1;
        w0[i] = d21 * (d11 * x0 - x1);
        w1[i] = d21 * (d22 * x1 - x0);
      }
      for (let i = k + 2; i < n; i++) {
        const u0 = c0[i];
        const u1 = c1[i];
        if (u0 === 0 && u1 === 0) continue;
        const row = i * n;
        for (let j = k + 2; j <= i; j++) a[row + j] -= u0 * w0[j] + u1 * w1[j];
      }
      k += 2;
    }
  }
  return { negative, zero, positive };
}

/**
 * Inertia of a symmetric H with the one tolerance τ, without eigenvalues (Sylvester's law):
 *   negative = #{μ < −τ}       = #negative pivots of LDLᵀ(H + τI),
 *   #{μ ≤ τ}                   = #non-positive pivots of LDLᵀ(H − τI),
 *   zero = #{−τ ≤ μ ≤ τ}       = #{μ ≤ τ} − negative,   positive = n − negative − zero.
 * (Thresholding the pivots of H itself would be wrong: pivots are not eigenvalues, and a pivot
 * can be tiny next to large eigenvalues or large next to tiny ones.) O(n³/3) flops.
 */
export function inertiaLDL(H: Matrix, τ: number): Inertia {
  const n = H.rows;
  const plus = pivotSigns(H, τ);
  const minus = pivotSigns(H, -τ);
  const negative = plus.negative;
  const atMostTau = minus.negative + minus.zero;
  const zero = atMostTau - negative;
  return { negative, zero, positive: n - negative - zero };
}

/**
 * Inertia of the Hessian of L at (A, B) with tolerance τ: from its eigenvalues (the fast typed-array
 * solver) when `eigenvalues` is set, otherwise from inertiaLDL (and `eigenvalues: null`).
 */
export function hessianInertia(
  sigma: Matrix,
  A: Matrix,
  B: Matrix,
  τ: number,
  opts: { eigenvalues?: boolean } = {},
): Inertia & { eigenvalues: Float64Array | null } {
  const H = hessianMatrix(sigma, A, B);
  if (opts.eigenvalues) {
    const eigenvalues = symmetricEigenvalues(H);
    return { ...inertiaFromEigenvalues(eigenvalues, τ), eigenvalues };
  }
  return { ...inertiaLDL(H, τ), eigenvalues: null };
}
