/**
 * Step 4 of `eigenSymmetricFast` (symmetricEigen.ts): implicit QL on the tridiagonal T, and the
 * rotations it leaves applied to the rows of W = Uᵀ, in plain JS (`applyRotations`) or, when the
 * caller's `rotate` uses it, the WebAssembly SIMD kernel `rot` of eigenKernels.ts.
 */

import { hypot2 } from './householder';

const EPS = 2 ** -52;

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
export function tql(
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
export function applyRotations(w: Float64Array, n: number, ws: number, l: number, top: number, cs: Float64Array, sn: Float64Array): void {
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
