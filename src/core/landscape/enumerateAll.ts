/** The complete listing of a critical set: every I, with its loss and closed-form inertia kept as running sums. */

import { inertiaFromClasses } from './closedFormInertia';
import { nextSubset } from './criticalPoints';
import type { CriticalPointTable, LossHistogram } from './criticalPointTable';
import { advance, allocate, binOf, type Ctx, type Out, REPORT_EVERY, trim, type Work } from './enumerationWork';

/**
 * Every I of size k, lexicographically, with running sums: pg[m] = Σ of λ over the gaps before
 * i_m, ps[m] = Σ_{m' ≤ m} (i_m' − m'). A successor that changes positions p … k−1 recomputes only
 * those entries (amortised O(1)). Bins each loss into rank k's histogram when `histogramRank`;
 * writes the rows to `out` from row0 when given. Returns the next row, or −(next row) when cancelled.
 */
export function enumerateRank(ctx: Ctx, k: number, out: Out | null, row0: number, work: Work, histogramRank: boolean): number {
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

/** Every critical point with |I| ≤ d (or = d), by size and then lexicographically, and the exact histogram. */
export function listAll(
  ctx: Ctx,
  k0: number,
  total: bigint,
  totalPerRank: bigint[],
  histogram: LossHistogram,
  fullRankOnly: boolean,
  cap: number,
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
  return {
    D,
    d,
    fullRankOnly,
    points: 'sets',
    count: row,
    ...o,
    rankStart,
    order: 'lexicographic',
    total,
    totalPerRank,
    complete: !cancelled,
    cancelled,
    cap,
    perRank: null,
    perRankAsked: null,
    histogram,
  };
}
