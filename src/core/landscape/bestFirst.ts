/**
 * Past the listing cap: for every rank k the `perRank` lowest-loss I of size k, found best-first
 * with a heap (lowest loss = largest Σ_{i∈I} λ_i), the exact count of every rank (BigInt), and the
 * loss histogram per rank (lossHistogram.ts).
 */
import { inertiaFromClasses } from './closedFormInertia';
import type { CriticalPointTable, LossHistogram } from './criticalPointTable';
import {
  advance,
  allocate,
  type Ctx,
  ENTRY_BUDGET,
  type EnumerateOptions,
  lossOfSubset,
  type Out,
  PER_RANK_DEFAULT,
  REPORT_EVERY,
  SAMPLE_DRAW_BUDGET,
  SAMPLE_MIN,
  SAMPLE_SIZE_DEFAULT,
  trim,
  type Work,
} from './enumerationWork';
import { histogramExactRank, sampleRank } from './lossHistogram';

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

/** Past the cap: the K lowest-loss I of every rank, exact counts per rank, and the loss histogram. */
export function bestFirst(
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
  return {
    D,
    d,
    fullRankOnly,
    points: 'sets',
    count: row,
    ...o,
    rankStart,
    order: 'bestFirst',
    total,
    totalPerRank,
    complete: false,
    cancelled,
    cap,
    perRank: K,
    perRankAsked: Kasked,
    histogram,
  };
}
