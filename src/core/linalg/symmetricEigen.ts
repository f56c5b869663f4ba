/**
 * A fast dense symmetric eigensolver on typed arrays with the same contract as `eigenSymmetric`
 * (eigen.ts): D = 784 in about 0.2 s, where mathjs's `eigs` takes minutes.
 *
 * Algorithm (the classical EISPACK/LAPACK pipeline, arranged so every inner loop runs along a
 * contiguous row of a row-major Float64Array):
 *   1. Scale Σ by its largest absolute entry s and symmetrise exactly: A = (Σ/s + Σᵀ/s)/2.
 *   2. Householder tridiagonalisation A = Q T Qᵀ on the upper triangle of the trailing block; the
 *      rank-2 update of step k and the symmetric matrix–vector product of step k+1 share one pass.
 *      Reflectors are stored LAPACK-style (H = I − τ v vᵀ, first entry of v = 1) in the rows of A.
 *   3. W = Qᵀ = H_{D−3} ⋯ H_0, row by row (four rows and two reflectors per pass).
 *   4. Implicit QL (EISPACK tql2) on T, eigenvalues first and then, with them as perfect shifts
 *      (Wilkinson shifts as the fallback), the eigenvectors. W is kept transposed (W = Uᵀ), so each
 *      Givens rotation mixes two contiguous rows; four consecutive rotations share one pass.
 *   5. λ scaled back and sorted descending; rows of W normalised, given the sign rule of design.md
 *      §2 (`applySignRule`), and transposed into U (column i = u_i).
 *
 * The three O(D³) loops (step 2's pass, step 3's reflector pairs, step 4's rotation sweeps) also
 * exist as WebAssembly SIMD kernels, assembled below from their instruction listing; they are used
 * when WebAssembly SIMD is available and D ≥ 32 (about 2–3× faster at D = 200–784) and the plain-JS
 * loops otherwise. Both do the same arithmetic up to the order of a few sums.
 *
 * Accuracy is that of tql2/LAPACK: backward stable, so |Δλ| and ‖U Λ Uᵀ − Σ‖ are O(ε·‖Σ‖·D) and U is
 * orthonormal to O(ε·D); eigenvectors of close eigenvalues are individually ill-determined, as
 * with any solver, but their span is not.
 */

import { name, section, sleb, uleb, vec } from '../wasm/wasmModule';
import { applySignRule, type Eigen } from './eigen';
import { type Matrix, zeros } from './matrix';

const EPS = 2 ** -52;
const TINY_TAIL = 2 ** -960;

/** √(a² + b²) without overflow or destructive underflow. */
function hypot2(a: number, b: number): number {
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
function tridiagonalise(
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
function accumulateQt(a: Float64Array, n: number, ws: number, tau: Float64Array, c: Float64Array, w: Float64Array, wasm: WasmRun | null): void {
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
function clearBelowReflectors(a: Float64Array, n: number, ws: number): void {
  for (let k = 0; k < n - 2; k++) a.fill(0, k * ws, k * ws + k + 1);
}

/**
 * Implicit QL on the tridiagonal (d, e) (EISPACK tql2, as in JAMA), e[i] coupling i and i+1 and
 * e[n−1] = 0; deflation when |e_i| ≤ ε·max_{j≤l}(|d_j| + |e_j|), a normwise test (like tql2's).
 * On return d holds the eigenvalues, unsorted.
 *
 * Each sweep leaves its rotations in cs[l … m−1], sn[l … m−1] and calls `rotate(l, m)`, which
 * applies them to the rows of W = Uᵀ (`applyRotations`): every rotation G applied on the right of U
 * is applied as Gᵀ on the left of W, i.e. to two contiguous rows. Row i of W then belongs to d[i].
 *
 * Shifts: with `ev` (the eigenvalues, ascending, from a first vector-free run of this routine,
 * which costs O(n²)), the first sweep for each l uses a "perfect" shift: the not-yet-deflated
 * eigenvalue nearest the Wilkinson shift. In exact arithmetic that deflates in one sweep; in
 * floating point it usually does, and when it does not the following sweeps use the Wilkinson
 * shift of tql2. Convergence is still judged by the same test, so this only changes how many
 * O(n²) rotation sweeps the vectors need (≈ 1.3 instead of ≈ 1.8 per eigenvalue at n = 784),
 * never what is accepted.
 */
function tql(
  d: Float64Array,
  e: Float64Array,
  n: number,
  cs: Float64Array,
  sn: Float64Array,
  rotate: ((l: number, m: number) => void) | null,
  ev: Float64Array | null,
): void {
  const used = ev ? new Uint8Array(n) : null;
  // Index of the unused entry of the ascending `ev` nearest to x (−1 if none).
  const nearest = (x: number): number => {
    if (!ev || !used) return -1;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ev[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    let a = lo - 1;
    let b = lo;
    while (a >= 0 && used[a]) a--;
    while (b < n && used[b]) b++;
    if (a < 0) return b < n ? b : -1;
    if (b >= n) return a;
    return x - ev[a] <= ev[b] - x ? a : b;
  };
  let f = 0;
  // Deflate against the norm of the whole tridiagonal, not the running maximum of tql2: a
  // leading block of tiny entries (1e-168 next to O(1), as in a Hessian at a point with a nearly
  // zero eigenvalue) otherwise iterates at its own scale, where products underflow to 0 and a
  // rotation divides 0 by 0. Errors stay ≤ EPS·‖T‖, the normwise accuracy the solver promises.
  let tst1 = 0;
  for (let l = 0; l < n; l++) tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
  for (let l = 0; l < n; l++) {
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > EPS * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error('eigenSymmetricFast: QL iteration did not converge');
        // Wilkinson shift from the leading 2 × 2 block.
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot2(p, 1);
        if (p < 0) r = -r;
        let h = g - e[l] / (p + r);
        const k = iter === 1 ? nearest(f + h) : -1;
        const perfect = k >= 0;
        let dl1 = 0;
        if (perfect) {
          h = (ev as Float64Array)[k] - f; // perfect only when ev was given
          d[l] = g - h;
          d[l + 1] -= h;
        } else {
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          dl1 = d[l + 1];
          h = g - d[l];
        }
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        // Implicit QL sweep from the bottom of the unreduced block.
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot2(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          cs[i] = c;
          sn[i] = s;
        }
        if (rotate) rotate(l, m);
        if (!perfect) p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > EPS * tst1);
    }
    d[l] += f;
    e[l] = 0;
    if (used) {
      const k = nearest(d[l]);
      if (k >= 0) used[k] = 1;
    }
  }
}

/**
 * For i = top down to l, tql2's rotation of rows (i, i+1) of W (row stride ws, n columns):
 * w_{i+1} ← s_i·w_i + c_i·w_{i+1}, w_i ← c_i·w_i − s_i·w_{i+1}.
 * Four consecutive rotations share one pass over five rows (the rotated row i is carried in a
 * register to rotation i−1), which keeps the inner loop close to its multiply-throughput bound.
 */
function applyRotations(w: Float64Array, n: number, ws: number, l: number, top: number, cs: Float64Array, sn: Float64Array): void {
  let i = top;
  for (; i - 3 >= l; i -= 4) {
    const ca = cs[i];
    const sa = sn[i];
    const cb = cs[i - 1];
    const sb = sn[i - 1];
    const cc = cs[i - 2];
    const sc = sn[i - 2];
    const cd = cs[i - 3];
    const sd = sn[i - 3];
    const r4 = (i + 1) * ws;
    const r3 = r4 - ws;
    const r2 = r3 - ws;
    const r1 = r2 - ws;
    const r0 = r1 - ws;
    let k = 0;
    // Two columns per iteration: fewer loop and bounds checks per flop.
    for (; k + 1 < n; k += 2) {
      const x4 = w[r4 + k];
      const x3 = w[r3 + k];
      const z4 = w[r4 + k + 1];
      const z3 = w[r3 + k + 1];
      w[r4 + k] = sa * x3 + ca * x4;
      w[r4 + k + 1] = sa * z3 + ca * z4;
      let y = ca * x3 - sa * x4;
      let u = ca * z3 - sa * z4;
      const x2 = w[r2 + k];
      const z2 = w[r2 + k + 1];
      w[r3 + k] = sb * x2 + cb * y;
      w[r3 + k + 1] = sb * z2 + cb * u;
      y = cb * x2 - sb * y;
      u = cb * z2 - sb * u;
      const x1 = w[r1 + k];
      const z1 = w[r1 + k + 1];
      w[r2 + k] = sc * x1 + cc * y;
      w[r2 + k + 1] = sc * z1 + cc * u;
      y = cc * x1 - sc * y;
      u = cc * z1 - sc * u;
      const x0 = w[r0 + k];
      const z0 = w[r0 + k + 1];
      w[r1 + k] = sd * x0 + cd * y;
      w[r1 + k + 1] = sd * z0 + cd * u;
      w[r0 + k] = cd * x0 - sd * y;
      w[r0 + k + 1] = cd * z0 - sd * u;
    }
    if (k < n) {
      const x4 = w[r4 + k];
      const x3 = w[r3 + k];
      w[r4 + k] = sa * x3 + ca * x4;
      let y = ca * x3 - sa * x4;
      const x2 = w[r2 + k];
      w[r3 + k] = sb * x2 + cb * y;
      y = cb * x2 - sb * y;
      const x1 = w[r1 + k];
      w[r2 + k] = sc * x1 + cc * y;
      y = cc * x1 - sc * y;
      const x0 = w[r0 + k];
      w[r1 + k] = sd * x0 + cd * y;
      w[r0 + k] = cd * x0 - sd * y;
    }
  }
  for (; i >= l; i--) {
    const c = cs[i];
    const s = sn[i];
    const r1 = i * ws;
    const r2 = r1 + ws;
    for (let k = 0; k < n; k++) {
      const x1 = w[r1 + k];
      const x2 = w[r2 + k];
      w[r2 + k] = s * x1 + c * x2;
      w[r1 + k] = c * x1 - s * x2;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Optional WebAssembly SIMD kernels for the three O(D³) loops: `rot` = the four-rotation passes of
// `applyRotations`, `acc` = `accumulatePairsJs` on four rows, `tri` = the four-row pass of
// `tridiagonalise` from an even column on. Each does the JS arithmetic on two entries at a time
// (f64x2) in the same order per entry, except that dot products are summed as two interleaved
// partial sums, so results differ from the JS path by rounding only. The module is assembled here
// from its instruction listing (no build step, no binary blob; 2.3 kB) and compiled once; each call
// gets a fresh instance and memory (≈ 16·D² bytes), so nothing stays allocated between calls.

/** Byte offsets into a per-call instance's memory, and its three kernels. */
interface WasmRun {
  offA: number;
  offW: number;
  offTau: number;
  offC: number;
  offCs: number;
  offSn: number;
  /** Rotations i = m−1 down while i−3 ≥ l, four per pass, on W at byte offset w; returns the next i. */
  rot(w: number, ws: number, l: number, m: number, csp: number, snp: number): number;
  /** Reflector pairs k = kmax, kmax−2, … ≥ 1 on the four W rows at byte offset r0; returns the k left. */
  acc(r0: number, ws: number, kmax: number, aPtr: number, tauPtr: number, cPtr: number): number;
  /** Tridiagonalisation pass over rows i … i+3 (row i of A at byte offset r0), columns j0 (even) … ws−1. */
  tri(r0: number, ws: number, i: number, j0: number, vp: number, wp: number, vn: number, p: number): number;
}

/** Minimal WebAssembly binary encoder for the three kernels (opcodes per the core and SIMD specs). */
function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const I32 = 0x7f;
  const F64 = 0x7c;
  const V128 = 0x7b;
  const get = (i: number) => [0x20, ...uleb(i)];
  const set = (i: number) => [0x21, ...uleb(i)];
  const i32 = (v: number) => [0x41, ...sleb(v)];
  const [add, sub, mul, and, shl, ltS, ltU] = [[0x6a], [0x6b], [0x6c], [0x71], [0x74], [0x48], [0x49]];
  const [fAdd, fSub, fMul] = [[0xa0], [0xa1], [0xa2]];
  const f64Load = [0x2b, 3, 0];
  const vLoad = [0xfd, 0x00, 3, 0];
  const vStore = [0xfd, 0x0b, 3, 0];
  const vZero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const splat = [0xfd, 0x14];
  const lane = (k: number) => [0xfd, 0x21, k];
  const [vAdd, vSub, vMul] = [
    [0xfd, 0xf0, 0x01],
    [0xfd, 0xf1, 0x01],
    [0xfd, 0xf2, 0x01],
  ];
  const [block, loop, end] = [[0x02, 0x40], [0x03, 0x40], [0x0b]];
  const br = (depth: number) => [0x0c, depth];
  const brIf = (depth: number) => [0x0d, depth];
  const code = (locals: [number, number][], ...ops: number[][]): number[] => {
    const body = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...ops.flat(), ...end];
    return [...uleb(body.length), ...body];
  };

  // rot(w, ws, l, m, csp, snp) -> i. Rows R_0 … R_4 = rows i−3 … i+1; rotation q = i−q acts on (R_{3−q}, R_{4−q}).
  const R = {
    w: 0,
    ws: 1,
    l: 2,
    m: 3,
    cs: 4,
    sn: 5,
    i: 6,
    stride: 7,
    k: 8,
    row: 9, // rows at 9 … 13
    c: 14, // c_q at 14 + 2q, s_q at 15 + 2q (v128)
    x: 22,
    y: 23,
  };
  const rowAt = (j: number) => [...get(R.row + j), ...get(R.k), ...add];
  const rotOps: number[][] = [get(R.ws), i32(3), shl, set(R.stride), get(R.m), i32(1), sub, set(R.i), block, loop];
  rotOps.push(get(R.i), i32(3), sub, get(R.l), ltS, brIf(1));
  for (let q = 0; q < 4; q++) {
    rotOps.push(get(R.cs), get(R.i), i32(q), sub, i32(3), shl, add, f64Load, splat, set(R.c + 2 * q));
    rotOps.push(get(R.sn), get(R.i), i32(q), sub, i32(3), shl, add, f64Load, splat, set(R.c + 2 * q + 1));
  }
  rotOps.push(get(R.w), get(R.i), i32(3), sub, get(R.stride), mul, add, set(R.row));
  for (let j = 1; j <= 4; j++) rotOps.push(get(R.row + j - 1), get(R.stride), add, set(R.row + j));
  rotOps.push(i32(0), set(R.k), loop, rowAt(4), vLoad, set(R.y));
  for (let q = 0; q < 4; q++) {
    const [c, sn] = [R.c + 2 * q, R.c + 2 * q + 1];
    rotOps.push(rowAt(3 - q), vLoad, set(R.x));
    rotOps.push(rowAt(4 - q), get(sn), get(R.x), vMul, get(c), get(R.y), vMul, vAdd, vStore); // w_{i+1} = s·x + c·y
    rotOps.push(get(c), get(R.x), vMul, get(sn), get(R.y), vMul, vSub, set(R.y)); // carried: c·x − s·y
  }
  rotOps.push(rowAt(0), get(R.y), vStore);
  rotOps.push(get(R.k), i32(16), add, set(R.k), get(R.k), get(R.stride), ltU, brIf(0), end);
  rotOps.push(get(R.i), i32(4), sub, set(R.i), br(0), end, end, get(R.i));
  const rotCode = code(
    [
      [8, I32],
      [10, V128],
    ],
    ...rotOps,
  );

  // acc(r0, ws, kmax, a, tau, c) -> k.
  const A = {
    r0: 0,
    ws: 1,
    kmax: 2,
    a: 3,
    tau: 4,
    c: 5,
    stride: 6,
    k: 7,
    j: 8,
    j0: 9,
    r1: 10,
    r2: 11,
    r3: 12,
    v1: 13,
    v2: 14, // i32
    t1: 15,
    t2: 16,
    ck: 17,
    f: 18, // f64
    p: 19,
    q: 23,
    x: 27,
    y: 28,
    wv: 29, // v128: p_r at 19 + r, q_r at 23 + r
  };
  const rows = [A.r0, A.r1, A.r2, A.r3];
  const at = (base: number) => [...get(base), ...get(A.j), ...add];
  const accOps: number[][] = [get(A.ws), i32(3), shl, set(A.stride)];
  accOps.push(get(A.r0), get(A.stride), add, set(A.r1), get(A.r1), get(A.stride), add, set(A.r2), get(A.r2), get(A.stride), add, set(A.r3));
  accOps.push(get(A.kmax), set(A.k), block, loop, get(A.k), i32(1), ltS, brIf(1));
  accOps.push(get(A.a), get(A.k), get(A.stride), mul, add, set(A.v1), get(A.v1), get(A.stride), sub, set(A.v2));
  accOps.push(get(A.k), i32(-2), and, i32(3), shl, set(A.j0));
  accOps.push(get(A.tau), get(A.k), i32(3), shl, add, f64Load, set(A.t1));
  accOps.push(get(A.tau), get(A.k), i32(1), sub, i32(3), shl, add, f64Load, set(A.t2));
  accOps.push(get(A.c), get(A.k), i32(3), shl, add, f64Load, set(A.ck));
  for (let r = 0; r < 4; r++) accOps.push(vZero, set(A.p + r), vZero, set(A.q + r));
  // Dot products with v_k (p) and v_{k−1} (q), columns j0 … ws−1 (zeros outside the supports).
  accOps.push(get(A.j0), set(A.j), loop, at(A.v1), vLoad, set(A.x), at(A.v2), vLoad, set(A.y));
  for (let r = 0; r < 4; r++) {
    accOps.push(at(rows[r]), vLoad, set(A.wv));
    accOps.push(get(A.p + r), get(A.wv), get(A.x), vMul, vAdd, set(A.p + r));
    accOps.push(get(A.q + r), get(A.wv), get(A.y), vMul, vAdd, set(A.q + r));
  }
  accOps.push(get(A.j), i32(16), add, set(A.j), get(A.j), get(A.stride), ltU, brIf(0), end);
  // f = τ_k p, g = τ_{k−1}(q − f c_k), splatted into p_r and q_r.
  for (let r = 0; r < 4; r++) {
    accOps.push(get(A.t1), get(A.p + r), lane(0), get(A.p + r), lane(1), fAdd, fMul, set(A.f));
    accOps.push(get(A.t2), get(A.q + r), lane(0), get(A.q + r), lane(1), fAdd, get(A.f), get(A.ck), fMul, fSub, fMul, splat, set(A.q + r));
    accOps.push(get(A.f), splat, set(A.p + r));
  }
  // w_r ← w_r − (f_r v_k + g_r v_{k−1}).
  accOps.push(get(A.j0), set(A.j), loop, at(A.v1), vLoad, set(A.x), at(A.v2), vLoad, set(A.y));
  for (let r = 0; r < 4; r++) {
    accOps.push(at(rows[r]), at(rows[r]), vLoad, get(A.p + r), get(A.x), vMul, get(A.q + r), get(A.y), vMul, vAdd, vSub, vStore);
  }
  accOps.push(get(A.j), i32(16), add, set(A.j), get(A.j), get(A.stride), ltU, brIf(0), end);
  accOps.push(get(A.k), i32(2), sub, set(A.k), br(0), end, end, get(A.k));
  const accCode = code(
    [
      [9, I32],
      [4, F64],
      [11, V128],
    ],
    ...accOps,
  );

  // tri(r0, ws, i, j0, vp, wp, vn, p) -> 0. For rows r = i … i+3 and columns j ≥ j0:
  // b = a_rj − (vp_r wp_j + wp_r vp_j) stored; s_r += b vn_j; p_j += Σ_r b vn_r; finally p_r += s_r.
  const T = {
    r0: 0,
    ws: 1,
    i: 2,
    j0: 3,
    vp: 4,
    wp: 5,
    vn: 6,
    p: 7,
    stride: 8,
    j: 9,
    r1: 10,
    r2: 11,
    r3: 12, // i32
    vpi: 13,
    wpi: 17,
    vi: 21,
    s: 25,
    b: 29,
    wpj: 33,
    vpj: 34,
    vj: 35, // v128 (four each for vpi … b)
  };
  const tRows = [T.r0, T.r1, T.r2, T.r3];
  const tAt = (base: number) => [...get(base), ...get(T.j), ...add];
  const elem = (vecPtr: number, r: number) => [...get(vecPtr), ...get(T.i), ...i32(r), ...add, ...i32(3), ...shl, ...add];
  const triOps: number[][] = [get(T.ws), i32(3), shl, set(T.stride)];
  triOps.push(get(T.r0), get(T.stride), add, set(T.r1), get(T.r1), get(T.stride), add, set(T.r2), get(T.r2), get(T.stride), add, set(T.r3));
  for (let r = 0; r < 4; r++) {
    triOps.push(elem(T.vp, r), f64Load, splat, set(T.vpi + r), elem(T.wp, r), f64Load, splat, set(T.wpi + r));
    triOps.push(elem(T.vn, r), f64Load, splat, set(T.vi + r), vZero, set(T.s + r));
  }
  triOps.push(get(T.j0), i32(3), shl, set(T.j), loop);
  triOps.push(tAt(T.wp), vLoad, set(T.wpj), tAt(T.vp), vLoad, set(T.vpj), tAt(T.vn), vLoad, set(T.vj));
  for (let r = 0; r < 4; r++) {
    triOps.push(tAt(tRows[r]), vLoad, get(T.vpi + r), get(T.wpj), vMul, get(T.wpi + r), get(T.vpj), vMul, vAdd, vSub, set(T.b + r));
    triOps.push(tAt(tRows[r]), get(T.b + r), vStore);
    triOps.push(get(T.s + r), get(T.b + r), get(T.vj), vMul, vAdd, set(T.s + r));
  }
  // p_j += b_0 vn_0 + b_1 vn_1 + (b_2 vn_2 + b_3 vn_3), the JS order.
  triOps.push(tAt(T.p), tAt(T.p), vLoad);
  triOps.push(get(T.b), get(T.vi), vMul, get(T.b + 1), get(T.vi + 1), vMul, vAdd);
  triOps.push(get(T.b + 2), get(T.vi + 2), vMul, get(T.b + 3), get(T.vi + 3), vMul, vAdd, vAdd, vAdd, vStore);
  triOps.push(get(T.j), i32(16), add, set(T.j), get(T.j), get(T.stride), ltU, brIf(0), end);
  for (let r = 0; r < 4; r++) {
    triOps.push(elem(T.p, r), elem(T.p, r), f64Load, get(T.s + r), lane(0), get(T.s + r), lane(1), fAdd, fAdd, [0x39, 3, 0]); // f64.store
  }
  triOps.push(i32(0));
  const triCode = code(
    [
      [5, I32],
      [23, V128],
    ],
    ...triOps,
  );

  const fn = (params: number, results: number) => [0x60, ...vec(new Array(params).fill([I32])), ...vec(new Array(results).fill([I32]))];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([fn(6, 1), fn(8, 1)])),
    ...section(2, vec([[...name('e'), ...name('m'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([uleb(0), uleb(0), uleb(1)])),
    ...section(
      7,
      vec([
        [...name('rot'), 0x00, 0],
        [...name('acc'), 0x00, 1],
        [...name('tri'), 0x00, 2],
      ]),
    ),
    ...section(10, vec([rotCode, accCode, triCode])),
  ]);
}

let kernelModule: WebAssembly.Module | null | undefined;

/** The compiled kernels, or null where WebAssembly or its SIMD extension is unavailable. */
function compiledKernels(): WebAssembly.Module | null {
  if (kernelModule === undefined) {
    kernelModule = null;
    try {
      const bytes = kernelModuleBytes();
      if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) kernelModule = new WebAssembly.Module(bytes);
    } catch {
      kernelModule = null;
    }
  }
  return kernelModule;
}

/** Which kernels `eigenSymmetricFast` uses by default here: WebAssembly SIMD when available, else plain JS. */
export function symmetricEigenKernels(): 'wasm-simd' | 'js' {
  return compiledKernels() ? 'wasm-simd' : 'js';
}

/** Below this D the plain-JS kernels are as fast (a WebAssembly instance costs ≈ 15 µs to set up). */
const WASM_MIN_D = 32;

export interface EigenSymmetricFastOptions {
  /** 'auto' (default): WebAssembly SIMD kernels when available and D ≥ 32, else JS. 'js' forces plain JS; 'wasm' forces WebAssembly and throws if it is unavailable. */
  kernels?: 'auto' | 'js' | 'wasm';
}

/**
 * Eigendecomposition of a symmetric Σ with the same contract as `eigenSymmetric` (eigen.ts):
 * Σ is scaled by its largest absolute entry and symmetrised exactly, λ is scaled back and sorted
 * descending, eigenvectors are unit-norm columns of U with the sign rule applied; the zero matrix
 * gives λ = 0 and U = I. Any symmetric Σ is accepted (PSD or not). Throws on a non-square or
 * non-finite Σ.
 */
export function eigenSymmetricFast(sigma: Matrix, options: EigenSymmetricFastOptions = {}): Eigen {
  const D = sigma.rows;
  if (sigma.cols !== D) throw new Error(`eigenSymmetricFast: Σ is ${sigma.rows}×${sigma.cols}, not square`);
  const src = sigma.data;
  let s = 0;
  for (let i = 0; i < D * D; i++) {
    const t = Math.abs(src[i]);
    if (!(t <= s)) {
      if (!Number.isFinite(t)) throw new Error('eigenSymmetricFast: Σ has a non-finite entry');
      s = t;
    }
  }
  const U = zeros(D, D);
  if (s === 0 || D === 0) {
    for (let i = 0; i < D; i++) U.data[i * D + i] = 1;
    return { D, values: new Float64Array(D), U };
  }

  // Workspace: A and W with an even row stride (16-byte rows for the SIMD kernels).
  const n = D;
  const ws = n + (n & 1);
  const mode = options.kernels ?? 'auto';
  // Memory layout (bytes): A, W (8·n·ws each), τ, c, cs, sn (8·n each), four vectors (8·ws each).
  const offW = 8 * n * ws;
  const offTau = 2 * offW;
  const offC = offTau + 8 * n;
  const offCs = offC + 8 * n;
  const offSn = offCs + 8 * n;
  const offVec = offSn + 8 * n;
  const pages = Math.ceil((offVec + 32 * ws) / 65536);
  const module = mode === 'js' || (mode === 'auto' && (n < WASM_MIN_D || pages > 65536)) ? null : compiledKernels();
  if (mode === 'wasm' && !module) throw new Error('eigenSymmetricFast: WebAssembly SIMD is not available here');
  let wasm: WasmRun | null = null;
  let a: Float64Array;
  let w: Float64Array;
  let tau: Float64Array;
  let c: Float64Array;
  let cs: Float64Array;
  let sn: Float64Array;
  let vectors: Float64Array[];
  if (module) {
    const memory = new WebAssembly.Memory({ initial: pages });
    const exports = new WebAssembly.Instance(module, { e: { m: memory } }).exports as unknown as Pick<WasmRun, 'rot' | 'acc' | 'tri'>;
    wasm = { offA: 0, offW, offTau, offC, offCs, offSn, rot: exports.rot, acc: exports.acc, tri: exports.tri };
    const buf = memory.buffer;
    [a, w, tau, c, cs, sn] = [
      new Float64Array(buf, 0, n * ws),
      new Float64Array(buf, offW, n * ws),
      new Float64Array(buf, offTau, n),
      new Float64Array(buf, offC, n),
      new Float64Array(buf, offCs, n),
      new Float64Array(buf, offSn, n),
    ];
    vectors = [0, 1, 2, 3].map((q) => new Float64Array(buf, offVec + 8 * ws * q, ws));
  } else {
    [a, w, tau, c, cs, sn] = [
      new Float64Array(n * ws),
      new Float64Array(n * ws),
      new Float64Array(n),
      new Float64Array(n),
      new Float64Array(n),
      new Float64Array(n),
    ];
    vectors = [0, 1, 2, 3].map(() => new Float64Array(ws));
  }

  // Scale, then symmetrise exactly: a_ij = a_ji = (Σ_ij/s + Σ_ji/s)/2 (no overflow near 1e308).
  for (let i = 0; i < n; i++) {
    a[i * ws + i] = src[i * n + i] / s;
    for (let j = i + 1; j < n; j++) {
      const v = (src[i * n + j] / s + src[j * n + i] / s) * 0.5;
      a[i * ws + j] = v;
      a[j * ws + i] = v;
    }
  }

  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalise(a, n, ws, d, e, tau, vectors, wasm);
  clearBelowReflectors(a, n, ws);
  accumulateQt(a, n, ws, tau, c, w, wasm);

  // Eigenvalues first (O(D²)), then the vectors with them as shifts.
  const ev = d.slice();
  tql(ev, e.slice(), n, cs, sn, null, null);
  ev.sort();
  const run = wasm;
  const rotate = run
    ? (l: number, m: number) => applyRotations(w, n, ws, l, run.rot(run.offW, ws, l, m, run.offCs, run.offSn), cs, sn)
    : (l: number, m: number) => applyRotations(w, n, ws, l, m - 1, cs, sn);
  tql(d, e, n, cs, sn, rotate, ev);

  // Sort descending (stable on ties), normalise, sign rule, transpose rows of W into columns of U.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y] - d[x] || x - y);
  const values = new Float64Array(n);
  const out = U.data;
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = order[i];
    values[i] = d[k] * s;
    let nn = 0;
    for (let r = 0; r < n; r++) {
      const x = w[k * ws + r];
      row[r] = x;
      nn += x * x;
    }
    const inv = 1 / Math.sqrt(nn);
    for (let r = 0; r < n; r++) row[r] *= inv;
    applySignRule(row);
    for (let r = 0; r < n; r++) out[r * n + i] = row[r];
  }
  return { D, values, U };
}
