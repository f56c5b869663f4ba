/**
 * The closed-form Hessian inertia of docs/design.md §1 at W_I in O(k) per point, from
 * per-eigenvalue classes under the one tolerance τ; agrees with `morseInertia` (criticalPoints.ts),
 * the direct O(kD) reading of the formula, on every I (unit tests).
 */

/**
 * Per-eigenvalue classes under the one tolerance τ, for the closed-form inertia in O(k).
 * λ sorted descending, so every set below is a contiguous range of eigen-indices (0-based):
 *   r      = #{j : λ_j > τ}: the zero eigenvalues are j ≥ r;
 *   lo[i]  = #{j : λ_j − λ_i > τ} = min{j : |λ_i − λ_j| ≤ τ}: the eigenvalues larger than λ_i are j < lo[i];
 *   hi[i]  = max{j : |λ_i − λ_j| ≤ τ}: the ones tied with λ_i are lo[i] … hi[i];
 *   c[i]   = lo[i], or min(lo[i], r) when λ_i is zero: the j that make a negative direction with i ∈ I.
 * All are nondecreasing in i. `simple`: no ties and no zeros, where the distinct-eigenvalue formula holds.
 */
export interface SpectrumClasses {
  D: number;
  r: number;
  lo: Int32Array;
  hi: Int32Array;
  c: Int32Array;
  simple: boolean;
}

export function spectrumClasses(λ: ArrayLike<number>, τ: number): SpectrumClasses {
  const D = λ.length;
  for (let i = 0; i + 1 < D; i++) if (!(λ[i] >= λ[i + 1])) throw new Error('spectrumClasses: eigenvalues must be sorted descending');
  let r = 0;
  while (r < D && !(λ[r] <= τ)) r++;
  const lo = new Int32Array(D);
  const hi = new Int32Array(D);
  const c = new Int32Array(D);
  let a = 0;
  let b = 0;
  for (let i = 0; i < D; i++) {
    while (a < D && λ[a] - λ[i] > τ) a++;
    if (b < i) b = i;
    while (b + 1 < D && Math.abs(λ[i] - λ[b + 1]) <= τ) b++;
    lo[i] = a;
    hi[i] = b;
    c[i] = i >= r ? Math.min(a, r) : a;
  }
  let simple = r === D;
  for (let i = 0; i < D && simple; i++) if (lo[i] !== i || hi[i] !== i) simple = false;
  return { D, r, lo, hi, c, simple };
}

/**
 * The closed-form inertia of docs/design.md §1 at W_I, I = I0[0 … k−1] 0-based ascending, in O(k):
 * writes [index, zeros] to out (positive = 2Dd − index − zeros). Agrees with `morseInertia`.
 */
export function inertiaFromClasses(cls: SpectrumClasses, I0: ArrayLike<number>, k: number, d: number, out: Int32Array): void {
  const { D, r, lo, hi, c } = cls;
  // #{m : I0[m] < x} for nondecreasing x, one pointer per kind of bound.
  let pc = 0;
  let pl = 0;
  let ph = 0;
  let cR = 0;
  while (cR < k && I0[cR] < r) cR++;
  const notIZero = D - r - (k - cR);
  let index = 0;
  let zeros = k * (2 * d - k);
  for (let m = 0; m < k; m++) {
    const i = I0[m];
    const ci = c[i];
    while (pc < k && I0[pc] < ci) pc++;
    index += ci - pc;
    const l = lo[i];
    const h = hi[i];
    while (pl < k && I0[pl] < l) pl++;
    while (ph < k && I0[ph] <= h) ph++;
    if (i < r) {
      // j ∉ I tied with λ_i, or with λ_j zero: one zero each (union of lo…hi and r…D−1).
      const notITied = h - l + 1 - (ph - pl);
      const overlap = h >= r ? h - r + 1 - (ph - cR) : 0;
      zeros += notITied + notIZero - overlap;
    } else {
      // λ_i zero: two zeros per j ∉ I with λ_j zero, one per nonzero j ∉ I tied with it, and k.
      const tiedNonzero = l < r ? r - l - (cR - pl) : 0;
      zeros += 2 * notIZero + tiedNonzero + k;
    }
  }
  // Each unused hidden unit with each j ∉ I.
  index += (d - k) * (r - cR);
  zeros += 2 * (d - k) * notIZero;
  out[0] = index;
  out[1] = zeros;
}
