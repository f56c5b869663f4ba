/** The loss distribution per rank past the listing cap: exact counts where C(D, k) fits, else a seeded sample. */
import { createRng } from '../random/random';
import { nextSubset } from './criticalPoints';
import { enumerateRank } from './enumerateAll';
import { advance, binOf, type Ctx, HISTOGRAM_STREAM, type Work } from './enumerationWork';

/**
 * Exact histogram of rank k without listing: every k-subset's loss, lexicographically — over the
 * complement J (|J| = D − k, L = Σ_{j∈J} λ_j as a running sum) when that is the smaller set, so a
 * successor costs amortised O(1) either way. Returns true when cancelled.
 */
export function histogramExactRank(ctx: Ctx, k: number, work: Work): boolean {
  const { D, λ } = ctx;
  if (k <= D - k) return enumerateRank(ctx, k, null, 0, work, true) < 0;
  const m = D - k;
  const J = new Int32Array(Math.max(m, 1));
  const sums = new Float64Array(Math.max(m, 1));
  const counts = ctx.counts;
  const hBase = k * ctx.bins;
  for (let q = 0; q < m; q++) J[q] = q;
  let p = 0;
  let since = 0;
  for (;;) {
    // Running sums from the smallest λ (the last position) would be more accurate; these are
    // sums of positive terms, good to O(ε·m) relative, far below a bin.
    for (let q = p; q < m; q++) sums[q] = (q === 0 ? 0 : sums[q - 1]) + λ[J[q]];
    const loss = m === 0 ? 0 : sums[m - 1];
    counts[hBase + binOf(ctx, loss)] += 1;
    if (++since === 4096) {
      if (advance(work, since)) return true;
      since = 0;
    }
    p = nextSubset(J, D, m);
    if (p < 0) break;
  }
  advance(work, since);
  return false;
}

/**
 * Uniform random k-subsets of {0 … D−1} (Floyd's algorithm on the smaller of I and its complement),
 * their losses binned. Random numbers: sfc32 (as in random.ts, inlined for speed) whose four state
 * words are the first four outputs of createRng(seed, HISTOGRAM_STREAM + k); an integer in 0 … j is
 * ⌊u · (j + 1) / 2³²⌋ for a 32-bit output u (bias below (j + 1)/2³², negligible for a histogram).
 */
export function sampleRank(ctx: Ctx, k: number, n: number, seed: number, work: Work): boolean {
  const { D, λ, suf } = ctx;
  const seeder = createRng(seed, HISTOGRAM_STREAM + k);
  let a = seeder.nextUint32();
  let b = seeder.nextUint32();
  let c = seeder.nextUint32();
  let counter = seeder.nextUint32();
  const complement = k > D - k;
  const m = complement ? D - k : k;
  const stamp = new Int32Array(D);
  const counts = ctx.counts;
  const hBase = k * ctx.bins;
  const trace = suf[0];
  const lossMin = ctx.lossMin;
  const invWidth = ctx.invWidth;
  const lastBin = ctx.bins - 1;
  for (let s = 1; s <= n; s++) {
    let sum = 0;
    for (let j = D - m; j < D; j++) {
      const u = (((a + b) >>> 0) + counter) >>> 0;
      counter = (counter + 1) >>> 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) >>> 0;
      c = ((c << 21) | (c >>> 11)) >>> 0;
      c = (c + u) >>> 0;
      const t = (u * (j + 1) * 2.3283064365386963e-10) | 0;
      const pick = stamp[t] === s ? j : t;
      stamp[pick] = s;
      sum += λ[pick];
    }
    // Complement sampled: the loss is Σ over it; otherwise L = tr Σ − Σ_{i∈I} λ_i (good to ε·tr Σ, far below a bin).
    const loss = complement ? sum : trace - sum;
    const bin = Math.floor((loss - lossMin) * invWidth);
    counts[hBase + (bin < 0 ? 0 : Math.min(bin, lastBin))] += 1;
    if ((s & 4095) === 0 && advance(work, 4096 * Math.max(m, 1))) return true;
  }
  advance(work, (n & 4095) * Math.max(m, 1));
  return false;
}
