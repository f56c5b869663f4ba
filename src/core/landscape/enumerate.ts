/**
 * Critical points W_I = U_I U_Iᵀ (design.md §1) at scale, as a compact table of typed arrays that a
 * worker can transfer — never one JS object per point.
 *
 * Up to `cap` critical points (Σ_{k≤d} C(D, k), or C(D, d) with fullRankOnly): every I, by size and
 * then lexicographically (the order of `criticalPoints`), with the loss and the closed-form inertia
 * updated incrementally from one subset to the next (amortised O(1) per point plus writing I).
 *
 * Beyond the cap: for every rank k the `perRank` lowest-loss I of size k, found best-first with a
 * heap (lowest loss = largest Σ_{i∈I} λ_i); the exact count of every rank (BigInt); and the loss
 * distribution per rank as a histogram whose counts are exact for the ranks small enough to
 * enumerate and a seeded uniform random sample for the others. `description` says which.
 *
 * Loss: L(I) = Σ_{j∉I} λ_j, summed gap by gap from suffix sums of λ, so no term suffers the
 * cancellation of tr Σ − Σ_{i∈I} λ_i (each gap's relative error is O(ε·D)).
 *
 * Inertia: the general closed form of design.md §1 with the one tolerance τ, evaluated in O(k) per
 * point from per-eigenvalue classes (see `spectrumClasses`); with distinct positive eigenvalues it
 * is index = Σ_m (i_m − m) + (d − k)(D − k), zeros = k(2d − k), kept as running sums.
 */

import type { Eigen } from '../linalg/eigen';
import { createRng } from '../random/random';
import { binomial, type CriticalPoint, nextSubset } from './criticalPoints';

export const ENUMERATION_CAP = 1_000_000;
export const PER_RANK_DEFAULT = 2000;
export const HISTOGRAM_BINS_DEFAULT = 100;
export const SAMPLE_SIZE_DEFAULT = 100_000;
/** At most this many entries of I (Uint16, 2 bytes each) in a best-first table: perRank shrinks to fit. */
export const ENTRY_BUDGET = 1 << 24;
/** At most about this many random draws for the sampled histograms: the sample per rank shrinks to fit (never below SAMPLE_MIN). */
export const SAMPLE_DRAW_BUDGET = 50_000_000;
export const SAMPLE_MIN = 200;
/** The random sample of rank k's subsets comes from the stream (seed, HISTOGRAM_STREAM + k) of `createRng`. */
export const HISTOGRAM_STREAM = 2_000_000;

export interface EnumerateOptions {
  /** Only |I| = d. */
  fullRankOnly?: boolean;
  /** List every critical point when there are at most this many (default 1,000,000). */
  cap?: number;
  /** Beyond the cap: the K lowest-loss points of each rank (default 2,000). */
  perRank?: number;
  /** Histogram bins (default 100), equal width on [min loss, max loss] of the ranks included. */
  bins?: number;
  /** Beyond the cap: random subsets per sampled rank for the histogram (default 100,000). */
  sampleSize?: number;
  /** Seed of the histogram sample (default 0). */
  seed?: number;
  /** Called now and then with the fraction done (0 … 1); return true to cancel. */
  onProgress?: (fraction: number) => boolean | void;
}

/** The loss distribution per rank, on shared bins. */
export interface LossHistogram {
  /** bins + 1 ascending loss values; bin b is [edges[b], edges[b+1]) (the last bin is closed). */
  edges: Float64Array;
  bins: number;
  /** counts[k · bins + b]: subsets of size k (counted as `exact[k]` says) whose loss is in bin b. */
  counts: Float64Array;
  /** Per rank k = 0 … d: true when counts are over every I of size k; false when over a sample (or, with counted 0, for a rank not included). */
  exact: boolean[];
  /** Per rank: how many subsets the counts add up to (C(D, k) when exact, the sample size when not, 0 for a rank not included). */
  counted: number[];
  /** Per rank: C(D, k) / counted, to estimate counts from a sample (1 when exact, 0 when not included). */
  weight: number[];
  /** Seed of the sample (stream HISTOGRAM_STREAM + k for rank k). */
  seed: number;
}

/** Critical points as parallel typed arrays; row r is one W_I. */
export interface CriticalPointTable {
  D: number;
  d: number;
  fullRankOnly: boolean;
  /** Rows listed. */
  count: number;
  /** Row r's I, 1-based ascending, is I.subarray(offsets[r], offsets[r + 1]) (|I| = the difference). */
  I: Uint16Array;
  /** count + 1 entries. */
  offsets: Uint32Array;
  /** L(I) = Σ_{j∉I} λ_j (sum over samples). */
  loss: Float64Array;
  /** Closed-form Hessian inertia (design.md §1): negative, zero and positive eigenvalue counts. */
  index: Int32Array;
  zeros: Int32Array;
  positive: Int32Array;
  /** d + 2 entries: the rows of rank k are rankStart[k] … rankStart[k + 1] − 1. */
  rankStart: Uint32Array;
  /** 'lexicographic': every I (by size, then lexicographically); 'bestFirst': per rank, ascending loss. */
  order: 'lexicographic' | 'bestFirst';
  /** Critical points with |I| ≤ d (= d with fullRankOnly), exactly. */
  total: bigint;
  /** Per rank k = 0 … d: C(D, k), or 0n for a rank not included (fullRankOnly). */
  totalPerRank: bigint[];
  /** Every critical point is listed (total ≤ cap, not cancelled). */
  complete: boolean;
  cancelled: boolean;
  /** The K used per rank beyond the cap (after ENTRY_BUDGET), or null for a complete listing. */
  perRank: number | null;
  histogram: LossHistogram;
  /** Exactly what the table and the histogram show, in a sentence or three. */
  description: string;
}

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
 * The closed-form inertia of design.md §1 at W_I, I = I0[0 … k−1] 0-based ascending, in O(k):
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

/** Suffix sums suf[j] = Σ_{j' ≥ j} λ_j' (length D + 1, suf[D] = 0), accumulated from the smallest. */
function suffixSums(λ: ArrayLike<number>): Float64Array {
  const D = λ.length;
  const suf = new Float64Array(D + 1);
  for (let j = D - 1; j >= 0; j--) suf[j] = suf[j + 1] + λ[j];
  return suf;
}

/** L(I) = Σ_{j∉I} λ_j gap by gap: [0, i_0), (i_0, i_1), …, (i_{k−1}, D). */
function lossOfSubset(suf: Float64Array, I0: ArrayLike<number>, k: number): number {
  if (k === 0) return suf[0];
  let loss = suf[0] - suf[I0[0]];
  for (let m = 1; m < k; m++) loss += suf[I0[m - 1] + 1] - suf[I0[m]];
  return loss + suf[I0[k - 1] + 1];
}

const fmtInt = (x: number | bigint) => x.toLocaleString('en');
/** Exact with separators up to 21 digits, else "≈ 1.02 × 10^236 (exactly: see total)". */
const fmtCount = (n: bigint) => {
  const digits = n.toString();
  return digits.length <= 21 ? n.toLocaleString('en') : `≈ ${digits[0]}.${digits.slice(1, 3)} × 10^${digits.length - 1}`;
};

function sumRange(λ: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let j = to - 1; j >= from; j--) s += λ[j];
  return s;
}

interface Work {
  done: number;
  total: number;
  nextReport: number;
  onProgress?: (fraction: number) => boolean | void;
  cancelled: boolean;
}

const REPORT_EVERY = 1 << 16;

/** Adds n units of work; reports (and checks for cancel) about every REPORT_EVERY units. */
function advance(work: Work, n: number): boolean {
  work.done += n;
  if (work.onProgress && work.done >= work.nextReport) {
    work.nextReport = work.done + REPORT_EVERY;
    if (work.onProgress(Math.min(1, work.done / work.total))) work.cancelled = true;
  }
  return work.cancelled;
}

/**
 * Every critical point with |I| ≤ d (or = d), or past `cap` the best-first lists, counts and
 * histogram described in the file comment. λ = eigen.values, sorted descending.
 */
export function enumerateCriticalPoints(eigen: Eigen, d: number, τ: number, opts: EnumerateOptions = {}): CriticalPointTable {
  const λ = eigen.values;
  const D = λ.length;
  if (D > 65535) throw new Error('enumerateCriticalPoints: D must be below 65,536');
  d = Math.min(d, D);
  const fullRankOnly = opts.fullRankOnly ?? false;
  const cap = opts.cap ?? ENUMERATION_CAP;
  const bins = Math.max(1, Math.floor(opts.bins ?? HISTOGRAM_BINS_DEFAULT));
  const seed = opts.seed ?? 0;
  const k0 = fullRankOnly ? d : 0;
  const totalPerRank: bigint[] = [];
  let total = 0n;
  for (let k = 0; k <= d; k++) {
    const n = k >= k0 ? binomial(D, k) : 0n;
    totalPerRank.push(n);
    total += n;
  }
  const cls = spectrumClasses(λ, τ);
  const suf = suffixSums(λ);
  // Histogram bins: from the lowest loss of any included rank (rank d's {0…d−1}) to the highest
  // (rank k0's last k0 eigen-indices).
  const lossMin = suf[d];
  const lossMax = sumRange(λ, 0, D - k0);
  const width = lossMax > lossMin ? (lossMax - lossMin) / bins : 1;
  const edges = Float64Array.from({ length: bins + 1 }, (_, b) => (b === bins ? (lossMax > lossMin ? lossMax : lossMin + bins) : lossMin + b * width));
  const histogram: LossHistogram = {
    edges,
    bins,
    counts: new Float64Array((d + 1) * bins),
    exact: totalPerRank.map((n) => n > 0n),
    counted: totalPerRank.map(() => 0),
    weight: totalPerRank.map((n) => (n > 0n ? 1 : 0)),
    seed,
  };
  const ctx: Ctx = { λ, D, d, cls, suf, lossMin, invWidth: 1 / width, bins, counts: histogram.counts };
  if (total <= BigInt(cap)) return listAll(ctx, k0, total, totalPerRank, histogram, fullRankOnly, opts.onProgress);
  return bestFirst(ctx, k0, total, totalPerRank, histogram, fullRankOnly, cap, opts);
}

interface Ctx {
  λ: ArrayLike<number>;
  D: number;
  d: number;
  cls: SpectrumClasses;
  suf: Float64Array;
  lossMin: number;
  invWidth: number;
  bins: number;
  counts: Float64Array;
}

function binOf(ctx: Ctx, loss: number): number {
  const b = Math.floor((loss - ctx.lossMin) * ctx.invWidth);
  return b < 0 ? 0 : b >= ctx.bins ? ctx.bins - 1 : b;
}

type Out = Pick<CriticalPointTable, 'I' | 'offsets' | 'loss' | 'index' | 'zeros' | 'positive'>;

function allocate(rows: number, entries: number): Out {
  return {
    I: new Uint16Array(entries),
    offsets: new Uint32Array(rows + 1),
    loss: new Float64Array(rows),
    index: new Int32Array(rows),
    zeros: new Int32Array(rows),
    positive: new Int32Array(rows),
  };
}

/** Trims a partially filled table (after a cancel) to its first `rows` rows, copying so the buffers are small. */
function trim(out: Out, rows: number): Out {
  if (rows === out.loss.length) return out;
  return {
    I: out.I.slice(0, out.offsets[rows]),
    offsets: out.offsets.slice(0, rows + 1),
    loss: out.loss.slice(0, rows),
    index: out.index.slice(0, rows),
    zeros: out.zeros.slice(0, rows),
    positive: out.positive.slice(0, rows),
  };
}

/**
 * Every I of size k, lexicographically, with running sums: pg[m] = Σ of λ over the gaps before
 * i_m, ps[m] = Σ_{m' ≤ m} (i_m' − m'). A successor that changes positions p … k−1 recomputes only
 * those entries (amortised O(1)). Bins each loss into rank k's histogram when `histogramRank`;
 * writes the rows to `out` from row0 when given. Returns the next row, or −(next row) when cancelled.
 */
function enumerateRank(ctx: Ctx, k: number, out: Out | null, row0: number, work: Work, histogramRank: boolean): number {
  const { D, d, suf, cls } = ctx;
  const twoDd = 2 * D * d;
  const I0 = new Int32Array(Math.max(k, 1));
  const pg = new Float64Array(Math.max(k, 1));
  const ps = new Int32Array(Math.max(k, 1));
  const inert = new Int32Array(2);
  const counts = ctx.counts;
  const hBase = k * ctx.bins;
  const simple = cls.simple;
  const unusedIndex = (d - k) * (D - k);
  const orbit = k * (2 * d - k);
  let row = row0;
  let e = out ? out.offsets[row0] : 0;
  for (let m = 0; m < k; m++) I0[m] = m;
  let p = 0; // first position whose running sums are stale
  let sinceReport = 0;
  for (;;) {
    for (let m = p; m < k; m++) {
      const i = I0[m];
      if (m === 0) {
        pg[0] = suf[0] - suf[i];
        ps[0] = i;
      } else {
        pg[m] = pg[m - 1] + (suf[I0[m - 1] + 1] - suf[i]);
        ps[m] = ps[m - 1] + i - m;
      }
    }
    const loss = k === 0 ? suf[0] : pg[k - 1] + suf[I0[k - 1] + 1];
    if (histogramRank) counts[hBase + binOf(ctx, loss)] += 1;
    if (out) {
      for (let m = 0; m < k; m++) out.I[e++] = I0[m] + 1;
      out.offsets[row + 1] = e;
      out.loss[row] = loss;
      let index: number;
      let zeros: number;
      if (simple) {
        index = (k === 0 ? 0 : ps[k - 1]) + unusedIndex;
        zeros = orbit;
      } else {
        inertiaFromClasses(cls, I0, k, d, inert);
        index = inert[0];
        zeros = inert[1];
      }
      out.index[row] = index;
      out.zeros[row] = zeros;
      out.positive[row] = twoDd - index - zeros;
    }
    row++;
    if (++sinceReport === 4096) {
      if (advance(work, sinceReport)) return -row;
      sinceReport = 0;
    }
    p = nextSubset(I0, D, k);
    if (p < 0) break;
  }
  advance(work, sinceReport);
  return row;
}

function describeRanks(k0: number, d: number): string {
  return k0 === d ? `|I| = ${d}` : `|I| ≤ ${d} (ranks 0…${d})`;
}

function listAll(
  ctx: Ctx,
  k0: number,
  total: bigint,
  totalPerRank: bigint[],
  histogram: LossHistogram,
  fullRankOnly: boolean,
  onProgress?: (f: number) => boolean | void,
): CriticalPointTable {
  const { D, d } = ctx;
  const rows = Number(total);
  let entries = 0;
  for (let k = k0; k <= d; k++) entries += k * Number(totalPerRank[k]);
  const out = allocate(rows, entries);
  const rankStart = new Uint32Array(d + 2);
  const work: Work = { done: 0, total: Math.max(1, rows), nextReport: REPORT_EVERY, onProgress, cancelled: false };
  let row = 0;
  let cancelled = false;
  for (let k = 0; k <= d; k++) {
    rankStart[k] = row;
    if (k < k0) continue;
    const next = enumerateRank(ctx, k, out, row, work, true);
    if (next < 0) {
      row = -next;
      cancelled = true;
      for (let k2 = k + 1; k2 <= d + 1; k2++) rankStart[k2] = row;
      break;
    }
    row = next;
    histogram.counted[k] = Number(totalPerRank[k]);
  }
  rankStart[d + 1] = row;
  if (!cancelled) onProgress?.(1);
  const o = trim(out, row);
  const description = cancelled
    ? `Cancelled after ${fmtInt(row)} of ${fmtInt(total)} critical points.`
    : `All ${fmtInt(total)} critical points with ${describeRanks(k0, d)} are listed, by size and then lexicographically. ` +
      `Histogram: exact counts of every critical point per rank, ${histogram.bins} bins of equal width on [${histogram.edges[0].toPrecision(4)}, ${histogram.edges[histogram.bins].toPrecision(4)}].`;
  return {
    D,
    d,
    fullRankOnly,
    count: row,
    ...o,
    rankStart,
    order: 'lexicographic',
    total,
    totalPerRank,
    complete: !cancelled,
    cancelled,
    perRank: null,
    histogram,
    description,
  };
}

/**
 * Exact histogram of rank k without listing: every k-subset's loss, lexicographically — over the
 * complement J (|J| = D − k, L = Σ_{j∈J} λ_j as a running sum) when that is the smaller set, so a
 * successor costs amortised O(1) either way. Returns true when cancelled.
 */
function histogramExactRank(ctx: Ctx, k: number, work: Work): boolean {
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

/** Binary min-heap of node ids keyed by (key, id). */
class NodeHeap {
  ids: Int32Array;
  size = 0;
  constructor(
    capacity: number,
    private key: Float64Array,
  ) {
    this.ids = new Int32Array(capacity);
  }
  private less(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka < kb || (ka === kb && a < b);
  }
  push(id: number): void {
    const h = this.ids;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(id, h[parent])) break;
      h[i] = h[parent];
      i = parent;
    }
    h[i] = id;
  }
  pop(): number {
    const h = this.ids;
    const top = h[0];
    const last = h[--this.size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= this.size) break;
      if (c + 1 < this.size && this.less(h[c + 1], h[c])) c++;
      if (!this.less(h[c], last)) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
    return top;
  }
}

/**
 * The K lowest-loss I of size k, best-first. Successor scheme (every k-subset exactly once, each
 * child's loss ≥ its parent's): a node is (I, p) with p the first position moved off its start
 * (i_m = m for m < p; p = k at the root {0…k−1}). Children: (a) move element p one step right,
 * pointer p; (b) move element p − 1 one step right, pointer p − 1 — each when the next slot is
 * free. The parent of I ≠ root is I with its first moved element moved one step back, so the
 * nodes form a tree; moving right never raises Σ_{i∈I} λ_i, so a min-heap on the loss pops them
 * in ascending loss. Writes up to K rows from row0; returns the next row, or −(next row) if cancelled.
 */
function bestFirstRank(ctx: Ctx, k: number, K: number, out: Out, row0: number, work: Work): number {
  const { D, d, λ, suf, cls } = ctx;
  const twoDd = 2 * D * d;
  const inert = new Int32Array(2);
  const scratch = new Int32Array(Math.max(k, 1));
  const maxNodes = 2 * K + 2;
  const nodeI = new Uint16Array(maxNodes * Math.max(k, 1));
  const key = new Float64Array(maxNodes);
  const ptr = new Int32Array(maxNodes);
  const heap = new NodeHeap(maxNodes, key);
  let nodes = 0;
  for (let m = 0; m < k; m++) nodeI[m] = m;
  key[0] = suf[k];
  ptr[0] = k;
  nodes = 1;
  heap.push(0);
  let row = row0;
  let e = out.offsets[row0];
  let emitted = 0;
  const child = (parent: number, q: number, pointer: number) => {
    const id = nodes++;
    const src = parent * k;
    const dst = id * k;
    for (let m = 0; m < k; m++) nodeI[dst + m] = nodeI[src + m];
    const i = nodeI[dst + q];
    nodeI[dst + q] = i + 1;
    key[id] = key[parent] + (λ[i] - λ[i + 1]);
    ptr[id] = pointer;
    heap.push(id);
  };
  while (heap.size > 0 && emitted < K) {
    const n = heap.pop();
    const base = n * k;
    for (let m = 0; m < k; m++) {
      scratch[m] = nodeI[base + m];
      out.I[e++] = scratch[m] + 1;
    }
    out.offsets[row + 1] = e;
    out.loss[row] = lossOfSubset(suf, scratch, k);
    inertiaFromClasses(cls, scratch, k, d, inert);
    out.index[row] = inert[0];
    out.zeros[row] = inert[1];
    out.positive[row] = twoDd - inert[0] - inert[1];
    row++;
    emitted++;
    const p = ptr[n];
    if (p < k) {
      const limit = p + 1 < k ? scratch[p + 1] : D;
      if (scratch[p] + 1 < limit) child(n, p, p);
    }
    if (p >= 1) {
      const q = p - 1;
      const limit = q + 1 < k ? scratch[q + 1] : D;
      if (scratch[q] + 1 < limit) child(n, q, q);
    }
    if ((emitted & 1023) === 0 && advance(work, 1024 * Math.max(k, 1))) return -row;
  }
  advance(work, (emitted & 1023) * Math.max(k, 1));
  return row;
}

/**
 * Uniform random k-subsets of {0 … D−1} (Floyd's algorithm on the smaller of I and its complement),
 * their losses binned. Random numbers: sfc32 (as in random.ts, inlined for speed) whose four state
 * words are the first four outputs of createRng(seed, HISTOGRAM_STREAM + k); an integer in 0 … j is
 * ⌊u · (j + 1) / 2³²⌋ for a 32-bit output u (bias below (j + 1)/2³², negligible for a histogram).
 */
function sampleRank(ctx: Ctx, k: number, n: number, seed: number, work: Work): boolean {
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

function bestFirst(
  ctx: Ctx,
  k0: number,
  total: bigint,
  totalPerRank: bigint[],
  histogram: LossHistogram,
  fullRankOnly: boolean,
  cap: number,
  opts: EnumerateOptions,
): CriticalPointTable {
  const { D, d } = ctx;
  const seed = histogram.seed;
  let sizeSum = 0;
  for (let k = k0; k <= d; k++) sizeSum += k;
  const Kasked = Math.max(1, Math.floor(opts.perRank ?? PER_RANK_DEFAULT));
  const K = sizeSum === 0 ? Kasked : Math.max(1, Math.min(Kasked, Math.floor(ENTRY_BUDGET / sizeSum)));
  const listed: number[] = totalPerRank.map((n, k) => (k < k0 ? 0 : n < BigInt(K) ? Number(n) : K));
  let rows = 0;
  let entries = 0;
  for (let k = k0; k <= d; k++) {
    rows += listed[k];
    entries += listed[k] * k;
  }
  // Histogram: exact for the ranks with the fewest subsets while their sum stays ≤ cap; sampled otherwise.
  const exactRanks = new Set<number>();
  let exactSum = 0n;
  const byCount: number[] = [];
  for (let k = k0; k <= d; k++) byCount.push(k);
  byCount.sort((a, b) => (totalPerRank[a] < totalPerRank[b] ? -1 : totalPerRank[a] > totalPerRank[b] ? 1 : a - b));
  for (const k of byCount) {
    if (exactSum + totalPerRank[k] > BigInt(cap)) break;
    exactSum += totalPerRank[k];
    exactRanks.add(k);
  }
  let drawsPerSample = 0;
  for (let k = k0; k <= d; k++) if (!exactRanks.has(k)) drawsPerSample += Math.min(k, D - k);
  const sampleAsked = Math.max(1, Math.floor(opts.sampleSize ?? SAMPLE_SIZE_DEFAULT));
  const sampleN = drawsPerSample === 0 ? sampleAsked : Math.min(sampleAsked, Math.max(SAMPLE_MIN, Math.floor(SAMPLE_DRAW_BUDGET / drawsPerSample)));
  let workTotal = sampleN * drawsPerSample;
  for (const k of exactRanks) workTotal += Number(totalPerRank[k]);
  for (let k = k0; k <= d; k++) workTotal += listed[k] * Math.max(k, 1);
  const work: Work = { done: 0, total: Math.max(1, workTotal), nextReport: REPORT_EVERY, onProgress: opts.onProgress, cancelled: false };

  const out = allocate(rows, entries);
  const rankStart = new Uint32Array(d + 2);
  let row = 0;
  let cancelled = false;
  for (let k = 0; k <= d && !cancelled; k++) {
    rankStart[k] = row;
    if (k < k0) continue;
    const next = bestFirstRank(ctx, k, K, out, row, work);
    if (next < 0) {
      row = -next;
      cancelled = true;
      for (let k2 = k + 1; k2 <= d + 1; k2++) rankStart[k2] = row;
    } else row = next;
  }
  rankStart[d + 1] = row;
  for (let k = k0; k <= d && !cancelled; k++) {
    if (exactRanks.has(k)) {
      if (histogramExactRank(ctx, k, work)) cancelled = true;
      histogram.counted[k] = Number(totalPerRank[k]);
    } else {
      if (sampleRank(ctx, k, sampleN, seed, work)) cancelled = true;
      histogram.exact[k] = false;
      histogram.counted[k] = sampleN;
      histogram.weight[k] = Number(totalPerRank[k]) / sampleN;
    }
  }
  if (!cancelled) opts.onProgress?.(1);
  const o = trim(out, row);
  const exactList = [...exactRanks].sort((a, b) => a - b);
  const sampledList: number[] = [];
  for (let k = k0; k <= d; k++) if (!exactRanks.has(k)) sampledList.push(k);
  const fewer = listed.some((n, k) => k >= k0 && n < K);
  const description = cancelled
    ? `Cancelled: ${fmtInt(row)} of the lowest-loss critical points listed; the histogram is incomplete.`
    : `${fmtCount(total)} critical points with ${describeRanks(k0, d)} — more than the ${fmtInt(cap)} that are listed in full. ` +
      `Listed: the ${fmtInt(K)} lowest-loss critical points of each rank${fewer ? ' (every one where the rank has fewer)' : ''}, saddles included, ${fmtInt(row)} in all, found best-first` +
      `${K < Kasked ? ` (${fmtInt(Kasked)} asked, fewer to fit ${fmtInt(ENTRY_BUDGET)} index entries)` : ''}. The count of each rank, C(${D}, k), is exact. ` +
      `Histogram of the loss per rank (${histogram.bins} equal bins): ` +
      (exactList.length ? `exact counts of every critical point for ${rankList(exactList)}` : '') +
      (exactList.length && sampledList.length ? '; ' : '') +
      (sampledList.length
        ? `for ${rankList(sampledList)}, counts in a uniform random sample of ${fmtInt(sampleN)} subsets per rank (seed ${seed}), not scaled — multiply by the rank's weight C(${D}, k)/${fmtInt(sampleN)} to estimate counts`
        : '') +
      '.';
  return {
    D,
    d,
    fullRankOnly,
    count: row,
    ...o,
    rankStart,
    order: 'bestFirst',
    total,
    totalPerRank,
    complete: false,
    cancelled,
    perRank: K,
    histogram,
    description,
  };
}

function rankList(ks: number[]): string {
  // Compress runs: [0,1,2,3,7] → "ranks 0–3, 7".
  const parts: string[] = [];
  for (let a = 0; a < ks.length; ) {
    let b = a;
    while (b + 1 < ks.length && ks[b + 1] === ks[b] + 1) b++;
    parts.push(a === b ? `${ks[a]}` : `${ks[a]}–${ks[b]}`);
    a = b + 1;
  }
  return `${ks.length === 1 ? 'rank' : 'ranks'} ${parts.join(', ')}`;
}

/** Row r as a CriticalPoint (I 1-based), e.g. for the selected point or the export. */
export function tableRow(t: CriticalPointTable, r: number): CriticalPoint {
  return { I: Array.from(t.I.subarray(t.offsets[r], t.offsets[r + 1])), loss: t.loss[r], index: t.index[r], zeros: t.zeros[r], positive: t.positive[r] };
}

/** Row of I (1-based ascending) in the table, or −1. Binary search by rank in lexicographic tables; a scan of the rank otherwise. */
export function findRow(t: CriticalPointTable, I: number[]): number {
  const k = I.length;
  if (k > t.d) return -1;
  let a = t.rankStart[k];
  let b = t.rankStart[k + 1];
  const cmp = (r: number) => {
    const o = t.offsets[r];
    for (let m = 0; m < k; m++) if (t.I[o + m] !== I[m]) return t.I[o + m] - I[m];
    return 0;
  };
  if (t.order === 'lexicographic') {
    while (a < b) {
      const mid = (a + b) >>> 1;
      const c = cmp(mid);
      if (c === 0) return mid;
      if (c < 0) a = mid + 1;
      else b = mid;
    }
    return -1;
  }
  for (let r = a; r < b; r++) if (cmp(r) === 0) return r;
  return -1;
}

/** The buffers to list as transferables when posting the table from a worker. */
export function tableTransferables(t: CriticalPointTable): ArrayBuffer[] {
  return [t.I, t.offsets, t.loss, t.index, t.zeros, t.positive, t.rankStart, t.histogram.edges, t.histogram.counts].map((a) => a.buffer as ArrayBuffer);
}

/** Rows ordered by loss (ties: by Morse index, then row), for tables and the lowest levels. */
export function lossOrder(t: CriticalPointTable): Uint32Array {
  const order = new Uint32Array(t.count);
  for (let r = 0; r < t.count; r++) order[r] = r;
  order.sort((a, b) => t.loss[a] - t.loss[b] || t.index[a] - t.index[b] || a - b);
  return order;
}
