/**
 * The critical points of a closed-form set as a compact table of typed arrays that a worker can
 * transfer (never one JS object per point), and the lookups the views and the export make in it.
 * landscape/enumerate.ts fills it; src/text/criticalPointTableSummary.ts says in words what it holds.
 */
import type { CriticalPoint } from './criticalPoints';

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
  /**
   * What a row's key is: 'sets', a set I (1-based ascending, |I| = the row's length, the rank); or
   * 'assignments' (the ordered decay profile, docs/design.md §5), σ of length d, entry j the 1-based
   * eigen-index of hidden unit j + 1 or 0 when the unit is unused (the rank is the units used).
   */
  points: 'sets' | 'assignments';
  /** Row r's key (I or σ, as `points` says) is I.subarray(offsets[r], offsets[r + 1]). */
  I: Uint16Array;
  /** count + 1 entries. */
  offsets: Uint32Array;
  /** L(I) = Σ_{j∉I} λ_j (sum over samples). */
  loss: Float64Array;
  /** Closed-form Hessian inertia (docs/design.md §1): negative, zero and positive eigenvalue counts. */
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
  /** The most critical points listed in full (the enumeration's `cap`). */
  cap: number;
  /** The K used per rank beyond the cap (after ENTRY_BUDGET), or null for a complete listing. */
  perRank: number | null;
  /** The K asked for per rank beyond the cap (before ENTRY_BUDGET), or null for a complete listing. */
  perRankAsked: number | null;
  histogram: LossHistogram;
}

/** Row r as a CriticalPoint (I 1-based), e.g. for the selected point or the export. */
export function tableRow(t: CriticalPointTable, r: number): CriticalPoint {
  return { I: Array.from(t.I.subarray(t.offsets[r], t.offsets[r + 1])), loss: t.loss[r], index: t.index[r], zeros: t.zeros[r], positive: t.positive[r] };
}

/** The rank of a row's key: |I| for a set, the units used for an assignment σ. */
export function keyRank(points: CriticalPointTable['points'], key: ArrayLike<number>): number {
  if (points === 'sets') return key.length;
  let k = 0;
  for (let j = 0; j < key.length; j++) if (key[j] !== 0) k++;
  return k;
}

/** Row of the key I (a set, 1-based ascending, or σ) in the table, or −1. Binary search by rank in lexicographic tables; a scan of the rank otherwise. */
export function findRow(t: CriticalPointTable, I: number[]): number {
  if (t.points === 'assignments' && I.length !== t.d) return -1;
  const k = keyRank(t.points, I);
  if (k > t.d) return -1;
  let a = t.rankStart[k];
  let b = t.rankStart[k + 1];
  const cmp = (r: number) => {
    const o = t.offsets[r];
    for (let m = 0; m < I.length; m++) if (t.I[o + m] !== I[m]) return t.I[o + m] - I[m];
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

/**
 * The global minimum's row: I = {1..d} where listed (the seed's star, also when ties make other
 * minima), else the first row of Morse index 0 whose loss is L* to τ (under decay fewer than d
 * directions may be learnable; under the ordered profile the minimum is an assignment); −1 if none.
 */
export function minimumRow(t: CriticalPointTable, Lstar: number, τ: number): number {
  if (t.points === 'sets') {
    const top = findRow(
      t,
      Array.from({ length: t.d }, (_, i) => i + 1),
    );
    if (top >= 0) return top;
  }
  for (let r = 0; r < t.count; r++) if (t.index[r] === 0 && Math.abs(t.loss[r] - Lstar) <= τ) return r;
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
