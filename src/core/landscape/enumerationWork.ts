/**
 * What the enumeration strategies (enumerateAll.ts, bestFirst.ts, lossHistogram.ts) share: the
 * loss of a subset from suffix sums of λ, the output buffers, the histogram binning and the
 * progress / cancel accounting.
 */

import type { SpectrumClasses } from './closedFormInertia';
import type { CriticalPointTable } from './criticalPointTable';

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

export interface Ctx {
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

export function binOf(ctx: Ctx, loss: number): number {
  const b = Math.floor((loss - ctx.lossMin) * ctx.invWidth);
  return b < 0 ? 0 : b >= ctx.bins ? ctx.bins - 1 : b;
}

export type Out = Pick<CriticalPointTable, 'I' | 'offsets' | 'loss' | 'index' | 'zeros' | 'positive'>;

export function allocate(rows: number, entries: number): Out {
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
export function trim(out: Out, rows: number): Out {
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

/** Suffix sums suf[j] = Σ_{j' ≥ j} λ_j' (length D + 1, suf[D] = 0), accumulated from the smallest. */
export function suffixSums(λ: ArrayLike<number>): Float64Array {
  const D = λ.length;
  const suf = new Float64Array(D + 1);
  for (let j = D - 1; j >= 0; j--) suf[j] = suf[j + 1] + λ[j];
  return suf;
}

/** L(I) = Σ_{j∉I} λ_j gap by gap: [0, i_0), (i_0, i_1), …, (i_{k−1}, D). */
export function lossOfSubset(suf: Float64Array, I0: ArrayLike<number>, k: number): number {
  if (k === 0) return suf[0];
  let loss = suf[0] - suf[I0[0]];
  for (let m = 1; m < k; m++) loss += suf[I0[m - 1] + 1] - suf[I0[m]];
  return loss + suf[I0[k - 1] + 1];
}

export function sumRange(λ: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let j = to - 1; j >= from; j--) s += λ[j];
  return s;
}

export interface Work {
  done: number;
  total: number;
  nextReport: number;
  onProgress?: (fraction: number) => boolean | void;
  cancelled: boolean;
}

export const REPORT_EVERY = 1 << 16;

/** Adds n units of work; reports (and checks for cancel) about every REPORT_EVERY units. */
export function advance(work: Work, n: number): boolean {
  work.done += n;
  if (work.onProgress && work.done >= work.nextReport) {
    work.nextReport = work.done + REPORT_EVERY;
    if (work.onProgress(Math.min(1, work.done / work.total))) work.cancelled = true;
  }
  return work.cancelled;
}
