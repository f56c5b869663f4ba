/**
 * What a critical-point table (src/core/landscape/criticalPointTable.ts) and its loss histogram
 * hold, in a sentence or three: shown above the table and the histogram, and written as the
 * export's note when the listing is not complete. Core returns the structure; this writes the words.
 */
import type { CriticalPointTable } from '../core/landscape/criticalPointTable';
import { ENTRY_BUDGET } from '../core/landscape/enumerationWork';

const fmtInt = (x: number | bigint) => x.toLocaleString('en');

/** Exact with separators up to 21 digits, else "≈ 1.02 × 10^236". */
function fmtCount(n: bigint): string {
  const digits = n.toString();
  return digits.length <= 21 ? n.toLocaleString('en') : `≈ ${digits[0]}.${digits.slice(1, 3)} × 10^${digits.length - 1}`;
}

function describeRanks(k0: number, d: number): string {
  return k0 === d ? `|I| = ${d}` : `|I| ≤ ${d} (ranks 0…${d})`;
}

/** Compress runs: [0,1,2,3,7] → "ranks 0–3, 7". */
function rankList(ks: number[]): string {
  const parts: string[] = [];
  for (let a = 0; a < ks.length; ) {
    let b = a;
    while (b + 1 < ks.length && ks[b + 1] === ks[b] + 1) b++;
    parts.push(a === b ? `${ks[a]}` : `${ks[a]}–${ks[b]}`);
    a = b + 1;
  }
  return `${ks.length === 1 ? 'rank' : 'ranks'} ${parts.join(', ')}`;
}

/** Exactly what the table and its histogram show. */
export function criticalPointTableSummary(t: CriticalPointTable): string {
  const { D, d, histogram: h } = t;
  const k0 = t.fullRankOnly ? d : 0;
  if (t.order === 'lexicographic') {
    if (t.cancelled) return `Cancelled after ${fmtInt(t.count)} of ${fmtInt(t.total)} critical points.`;
    return (
      `All ${fmtInt(t.total)} critical points with ${describeRanks(k0, d)} are listed, by size and then lexicographically. ` +
      `Histogram: exact counts of every critical point per rank, ${h.bins} bins of equal width on [${h.edges[0].toPrecision(4)}, ${h.edges[h.bins].toPrecision(4)}].`
    );
  }
  if (t.cancelled) return `Cancelled: ${fmtInt(t.count)} of the lowest-loss critical points listed; the histogram is incomplete.`;
  const K = t.perRank ?? 0;
  const asked = t.perRankAsked ?? K;
  const exact: number[] = [];
  const sampled: number[] = [];
  for (let k = k0; k <= d; k++) (h.exact[k] ? exact : sampled).push(k);
  const sampleN = sampled.length ? h.counted[sampled[0]] : 0;
  let fewer = false;
  for (let k = k0; k <= d; k++) if (t.rankStart[k + 1] - t.rankStart[k] < K) fewer = true;
  return (
    `${fmtCount(t.total)} critical points with ${describeRanks(k0, d)} — more than the ${fmtInt(t.cap)} that are listed in full. ` +
    `Listed: the ${fmtInt(K)} lowest-loss critical points of each rank${fewer ? ' (every one where the rank has fewer)' : ''}, saddles included, ${fmtInt(t.count)} in all, found best-first` +
    `${K < asked ? ` (${fmtInt(asked)} asked, fewer to fit ${fmtInt(ENTRY_BUDGET)} index entries)` : ''}. The count of each rank, C(${D}, k), is exact. ` +
    `Histogram of the loss per rank (${h.bins} equal bins): ` +
    (exact.length ? `exact counts of every critical point for ${rankList(exact)}` : '') +
    (exact.length && sampled.length ? '; ' : '') +
    (sampled.length
      ? `for ${rankList(sampled)}, counts in a uniform random sample of ${fmtInt(sampleN)} subsets per rank (seed ${h.seed}), not scaled — multiply by the rank's weight C(${D}, k)/${fmtInt(sampleN)} to estimate counts`
      : '') +
    '.'
  );
}
