/**
 * Steps 2 and 3 of `eigenSymmetricFast` (symmetricEigen.ts): Householder tridiagonalisation
 * A = Q T Qᵀ of the scaled symmetric matrix, with the reflectors left in the rows of A, and the
 * accumulation of W = Qᵀ from them. Each has its O(D³) loop in plain JS here and as a WebAssembly
 * SIMD kernel in eigenKernels.ts (`tri`, `acc`), used when the caller passes a `WasmRun`.
 */

import type { WasmRun } from './eigenKernels';

const TINY_TAIL = 2 ** -960;

/** √(a² + b²) without overflow or destructive underflow. */
export function hypot2(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  if (a === 0) return 0;
  const r = b / a;
  return a * Math.sqrt(1 + r * r);
}
/**
 * Householder reduction of the symmetric n × n row-major `a` (upper triangle used) to tridiagonal
 * (d, e): d[i] = T_ii, e[i] = T_{i,i+1} (e[n−1] = 0). Row k of `a`, columns k+1…n−1, receives the
 * reflector v_k (v_k[k+1] = 1) and tau[k] its τ, H_k = I − τ v vᵀ; τ = 0 means H_k = I.
 *
 * Step k needs B v_k for the trailing block B = a[k+1…, k+1…] after the rank-2 update of step
 * k−1, B ← B − v wᵀ − w vᵀ. Both are done in one pass over B's upper triangle: each entry is
 * updated and immediately used for the symmetric matrix–vector product. Only row k+1 is updated
 * eagerly (step k+1 builds its reflector from it); the rest of step k's update rides along with
 * step k+1's product. Rows are taken four at a time so loads of the vectors are shared; with
 * WebAssembly the four-row loop from an even column on is the `tri` kernel.
 */
export function tridiagonalise(
  a: Float64Array,
  n: number,
  ws: number,
  d: Float64Array,
  e: Float64Array,
  tau: Float64Array,
  vectors: Float64Array[],
  wasm: WasmRun | null,
): void {
  // Global-indexed vectors (length ws, zero past n): pending update (vp, wp) from step k−1, new
  // reflector vn, product p. Four buffers whose roles rotate from step to step.
  let [vp, wp, vn, p] = vectors;
  for (let k = 0; k < n - 2; k++) {
    const kr = k * ws;
    d[k] = a[kr + k];
    // Reflector from x = a[k, k+1 … n−1]; its tail x[k+2 …] is what H_k annihilates.
    let sc = 0;
    for (let j = k + 2; j < n; j++) {
      const t = Math.abs(a[kr + j]);
      if (t > sc) sc = t;
    }
    const x0 = a[kr + k + 1];
    let t = 0;
    vn.fill(0);
    // A tail below 2⁻⁹⁶⁰ (the matrix is scaled to max |a| = 1) is treated as zero: its reflector's
    // 1/(x₀ − β) would overflow, and dropping it changes T by less than 1e-289 normwise.
    if (sc < TINY_TAIL) {
      e[k] = x0; // already tridiagonal in this row, to rounding: H_k = I
    } else {
      let ss = 0;
      for (let j = k + 2; j < n; j++) {
        const q = a[kr + j] / sc;
        ss += q * q;
      }
      const norm = hypot2(x0, sc * Math.sqrt(ss));
      const beta = x0 >= 0 ? -norm : norm; // H x = beta e₁
      t = (beta - x0) / beta; // τ ∈ [1, 2]
      const inv = 1 / (x0 - beta); // |inv · x_j| ≤ 1
      a[kr + k + 1] = 1;
      vn[k + 1] = 1;
      for (let j = k + 2; j < n; j++) vn[j] = a[kr + j] *= inv;
      e[k] = beta;
    }
    tau[k] = t;

    // One pass over rows i ≥ k+1, columns j ≥ i: b ← b − vp_i wp_j − wp_i vp_j; p ← B v.
    p.fill(0);
    let i = k + 1;
    for (; i + 3 < n; i += 4) {
      // The 4 × 4 corner (upper triangle) entry by entry, then four rows side by side.
      for (let r = i; r < i + 4; r++) {
        const rr = r * ws;
        const vpr = vp[r];
        const wpr = wp[r];
        const vr = vn[r];
        let sr = 0;
        for (let c = r; c < i + 4; c++) {
          const b = a[rr + c] - (vpr * wp[c] + wpr * vp[c]);
          a[rr + c] = b;
          sr += b * vn[c];
          if (c > r) p[c] += b * vr;
        }
        p[r] += sr;
      }
      if (wasm) {
        // Columns i+4 …: one column here if needed to start the SIMD kernel on an even column.
        let j0 = i + 4;
        if (j0 & 1 && j0 < n) {
          let pj = 0;
          for (let r = i; r < i + 4; r++) {
            const b = a[r * ws + j0] - (vp[r] * wp[j0] + wp[r] * vp[j0]);
            a[r * ws + j0] = b;
            p[r] += b * vn[j0];
            pj += b * vn[r];
          }
          p[j0] += pj;
          j0++;
        }
        if (j0 < n) wasm.tri(wasm.offA + 8 * i * ws, ws, i, j0, vp.byteOffset, wp.byteOffset, vn.byteOffset, p.byteOffset);
        continue;
      }
      const r0 = i * ws;
      const r1 = r0 + ws;
      const r2 = r1 + ws;
      const r3 = r2 + ws;
      const vpi0 = vp[i];
      const wpi0 = wp[i];
      const vi0 = vn[i];
      const vpi1 = vp[i + 1];
      const wpi1 = wp[i + 1];
      const vi1 = vn[i + 1];
      const vpi2 = vp[i + 2];
      const wpi2 = wp[i + 2];
      const vi2 = vn[i + 2];
      const vpi3 = vp[i + 3];
      const wpi3 = wp[i + 3];
      const vi3 = vn[i + 3];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = i + 4; j < n; j++) {
        const wpj = wp[j];
        const vpj = vp[j];
        const vj = vn[j];
        const b0 = a[r0 + j] - (vpi0 * wpj + wpi0 * vpj);
        const b1 = a[r1 + j] - (vpi1 * wpj + wpi1 * vpj);
        const b2 = a[r2 + j] - (vpi2 * wpj + wpi2 * vpj);
        const b3 = a[r3 + j] - (vpi3 * wpj + wpi3 * vpj);
        a[r0 + j] = b0;
        a[r1 + j] = b1;
        a[r2 + j] = b2;
        a[r3 + j] = b3;
        s0 += b0 * vj;
        s1 += b1 * vj;
        s2 += b2 * vj;
        s3 += b3 * vj;
        p[j] += b0 * vi0 + b1 * vi1 + (b2 * vi2 + b3 * vi3);
      }
      p[i] += s0;
      p[i + 1] += s1;
      p[i + 2] += s2;
      p[i + 3] += s3;
    }
    // The last < 4 rows: only their corner.
    for (let r = i; r < n; r++) {
      const rr = r * ws;
      const vpr = vp[r];
      const wpr = wp[r];
      const vr = vn[r];
      let sr = 0;
      for (let c = r; c < n; c++) {
        const b = a[rr + c] - (vpr * wp[c] + wpr * vp[c]);
        a[rr + c] = b;
        sr += b * vn[c];
        if (c > r) p[c] += b * vr;
      }
      p[r] += sr;
    }
    // w = τ p − (τ² pᵀv / 2) v, then apply step k's update to row k+1 now.
    let pv = 0;
    for (let j = k + 1; j < n; j++) pv += p[j] * vn[j];
    const K = 0.5 * t * t * pv;
    for (let j = k + 1; j < n; j++) p[j] = t * p[j] - K * vn[j];
    const r = (k + 1) * ws;
    const vr = vn[k + 1];
    const wr = p[k + 1];
    for (let j = k + 1; j < n; j++) a[r + j] -= vr * p[j] + wr * vn[j];
    // Step k's update is now pending for rows ≥ k+2.
    let tmp = vp;
    vp = vn;
    vn = tmp;
    tmp = wp;
    wp = p;
    p = tmp;
  }
  if (n >= 3) a[(n - 1) * ws + n - 1] -= 2 * vp[n - 1] * wp[n - 1];
  if (n >= 2) {
    d[n - 2] = a[(n - 2) * ws + n - 2];
    e[n - 2] = a[(n - 2) * ws + n - 1];
  }
  d[n - 1] = a[(n - 1) * ws + n - 1];
  e[n - 1] = 0;
}
/**
 * W = Qᵀ = H_{n−3} ⋯ H_0 from the reflectors left in `a` by `tridiagonalise` (row stride ws for both;
 * `a` must have zeros left of each reflector, see `clearBelowReflectors`). Row i of W is
 * e_iᵀ H_{n−3} ⋯ H_0: start from e_i and apply H_k, k descending, from the right. For k ≥ i the row
 * is still e_i and H_k leaves it alone (the product with v_k is exactly zero), so k starts at i−1.
 *
 * Reflectors go in pairs (H_k, H_{k−1}): with f = τ_k r·v_k and g = τ_{k−1}(r·v_{k−1} − f v_k·v_{k−1}),
 * r H_k H_{k−1} = r − f v_k − g v_{k−1}, so one pass computes both products and one pass updates.
 * Rows go four at a time so every load of a reflector entry serves four rows.
 */
export function accumulateQt(a: Float64Array, n: number, ws: number, tau: Float64Array, c: Float64Array, w: Float64Array, wasm: WasmRun | null): void {
  w.fill(0);
  for (let i = 0; i < n; i++) w[i * ws + i] = 1;
  if (n < 3) return;
  // c[k] = v_k · v_{k−1}.
  for (let k = 1; k <= n - 3; k++) {
    let s = 0;
    for (let j = k + 1; j < n; j++) s += a[k * ws + j] * a[(k - 1) * ws + j];
    c[k] = s;
  }
  for (let i = 1; i < n; i += 4) {
    const nr = Math.min(4, n - i);
    const kmax = Math.min(i + nr - 2, n - 3);
    const kEnd =
      wasm && nr === 4 ? wasm.acc(wasm.offW + 8 * i * ws, ws, kmax, wasm.offA, wasm.offTau, wasm.offC) : accumulatePairsJs(a, n, ws, tau, c, w, i, nr, kmax);
    if (kEnd === 0) {
      // A last single reflector H_0 (v_0 in row 0 of a, columns 1 …).
      const t = tau[0];
      for (let q = 0; q < nr; q++) {
        const b = (i + q) * ws;
        let sdot = 0;
        for (let j = 1; j < n; j++) sdot += w[b + j] * a[j];
        const f = t * sdot;
        for (let j = 1; j < n; j++) w[b + j] -= f * a[j];
      }
    }
  }
}
/** Pairs (H_k, H_{k−1}), k = kmax, kmax−2, … ≥ 1, applied to rows i … i+nr−1 of W; returns the k left (0 or −1). */
function accumulatePairsJs(
  a: Float64Array,
  n: number,
  ws: number,
  tau: Float64Array,
  c: Float64Array,
  w: Float64Array,
  i: number,
  nr: number,
  kmax: number,
): number {
  // Missing rows (nr < 4) alias row i: the same work, and only distinct rows are written.
  const b0 = i * ws;
  const b1 = nr > 1 ? b0 + ws : b0;
  const b2 = nr > 2 ? b0 + 2 * ws : b0;
  const b3 = nr > 3 ? b0 + 3 * ws : b0;
  let k = kmax;
  for (; k >= 1; k -= 2) {
    const t1 = tau[k];
    const t2 = tau[k - 1];
    const v1 = k * ws; // v_k[j] = a[v1 + j], j ≥ k+1
    const v2 = v1 - ws; // v_{k−1}[j] = a[v2 + j], j ≥ k
    const y0 = a[v2 + k];
    let p0 = 0;
    let p1 = 0;
    let p2 = 0;
    let p3 = 0;
    let q0 = w[b0 + k] * y0;
    let q1 = w[b1 + k] * y0;
    let q2 = w[b2 + k] * y0;
    let q3 = w[b3 + k] * y0;
    for (let j = k + 1; j < n; j++) {
      const x = a[v1 + j];
      const y = a[v2 + j];
      const w0 = w[b0 + j];
      const w1 = w[b1 + j];
      const w2 = w[b2 + j];
      const w3 = w[b3 + j];
      p0 += w0 * x;
      p1 += w1 * x;
      p2 += w2 * x;
      p3 += w3 * x;
      q0 += w0 * y;
      q1 += w1 * y;
      q2 += w2 * y;
      q3 += w3 * y;
    }
    const ck = c[k];
    const f0 = t1 * p0;
    const f1 = t1 * p1;
    const f2 = t1 * p2;
    const f3 = t1 * p3;
    const g0 = t2 * (q0 - f0 * ck);
    const g1 = t2 * (q1 - f1 * ck);
    const g2 = t2 * (q2 - f2 * ck);
    const g3 = t2 * (q3 - f3 * ck);
    if (nr === 4) {
      w[b0 + k] -= g0 * y0;
      w[b1 + k] -= g1 * y0;
      w[b2 + k] -= g2 * y0;
      w[b3 + k] -= g3 * y0;
      for (let j = k + 1; j < n; j++) {
        const x = a[v1 + j];
        const y = a[v2 + j];
        w[b0 + j] -= f0 * x + g0 * y;
        w[b1 + j] -= f1 * x + g1 * y;
        w[b2 + j] -= f2 * x + g2 * y;
        w[b3 + j] -= f3 * x + g3 * y;
      }
    } else {
      const fs = [f0, f1, f2, f3];
      const gs = [g0, g1, g2, g3];
      for (let q = 0; q < nr; q++) {
        const b = b0 + q * ws;
        const fq = fs[q];
        const gq = gs[q];
        w[b + k] -= gq * y0;
        for (let j = k + 1; j < n; j++) w[b + j] -= fq * a[v1 + j] + gq * a[v2 + j];
      }
    }
  }
  return k;
}
/** Zero row k of `a` at columns 0 … k for every reflector row, so v_k is zero left of column k+1. */
export function clearBelowReflectors(a: Float64Array, n: number, ws: number): void {
  for (let k = 0; k < n - 2; k++) a.fill(0, k * ws, k * ws + k + 1);
}
