/**
 * The ordered decay profile's critical set (μ_j = wd · λ₁ · j/d, docs/design.md §5; orderedDecay.ts
 * holds L(σ), index(σ) and the representative) behind the Model interface, for the linear and the
 * tied model. A point is an assignment σ, keyed as the table's 'assignments' (entry j the 1-based
 * eigen-index of unit j + 1, 0 when unused). There is no continuous symmetry (zeros(σ) = 0); the
 * only gauge is a sign per unit (a_j, b_j) → (−a_j, −b_j), which the random-gauge representative draws.
 *
 * Every assignment is listed (best first per rank): their number Σ_k C(d, k)-like products of
 * falling factorials grows too fast for the sets' best-first tables past a few dozen directions, so
 * past ORDERED_LIST_CAP the enumeration refuses with the count and what to change.
 */
import { spectrumClasses } from '../../landscape/closedFormInertia';
import type { CriticalPointTable, LossHistogram } from '../../landscape/criticalPointTable';
import { type EnumerateOptions, HISTOGRAM_BINS_DEFAULT } from '../../landscape/enumerationWork';
import type { ClosedFormCriticalSet, Landscape } from '../model';
import { type Assignment, orderedAssignments, orderedInertia, orderedLoss, orderedRepresentative } from './orderedDecay';

/** The most assignments listed; past it the ordered profile asks for a smaller D or d. */
export const ORDERED_LIST_CAP = 200_000;

/** σ as the table's key (null → 0) and back. */
const assignmentKey = (σ: Assignment): number[] => σ.map((i) => i ?? 0);
const keyAssignment = (key: ArrayLike<number>): Assignment => Array.from(key, (i) => (i === 0 ? null : i));

/** m_j = #{i : λ_i > μ_j}, the directions unit j can learn (nested: μ_j increases with j). */
function learnable(λ: ArrayLike<number>, μ: ArrayLike<number>): number[] {
  return Array.from(μ, (m) => {
    let n = 0;
    while (n < λ.length && λ[n] > m) n++;
    return n;
  });
}

/**
 * The number of assignments per rank k (units used), exactly: the units from the costliest down,
 * each on one of its m_j directions not taken by a costlier unit (those are within its m_j, since
 * the sets are nested), or unused.
 */
export function orderedCountPerRank(λ: ArrayLike<number>, μ: ArrayLike<number>): bigint[] {
  const m = learnable(λ, μ);
  const d = m.length;
  let ways: bigint[] = [1n, ...Array<bigint>(d).fill(0n)];
  for (let j = d - 1; j >= 0; j--) {
    const next = Array<bigint>(d + 1).fill(0n);
    for (let u = 0; u <= d; u++) {
      if (ways[u] === 0n) continue;
      next[u] += ways[u];
      const free = m[j] - u;
      if (free > 0 && u < d) next[u + 1] += ways[u] * BigInt(free);
    }
    ways = next;
  }
  return ways;
}

function refuse(λ: ArrayLike<number>, μ: ArrayLike<number>, τ: number): void {
  const least = Math.min(...Array.from(μ));
  const m = learnable(λ, [least])[0];
  if (!spectrumClasses(Array.from(λ).slice(0, m), τ).simple)
    throw new RangeError(
      'wdProfile=ordered: Σ has tied eigenvalues among the learnable directions, where the ordered closed form is not derived; use wdProfile=uniform',
    );
}

/** Every assignment as the explorer's table: per rank (units used) by ascending loss, then key. */
function enumerateOrdered(land: Landscape, opts: EnumerateOptions, parameters: number): CriticalPointTable {
  const { d, μ } = land;
  const λ = land.eigen.values;
  const D = λ.length;
  refuse(λ, μ, land.τ);
  const fullRankOnly = opts.fullRankOnly ?? false;
  const perRank = orderedCountPerRank(λ, μ).map((n, k) => (fullRankOnly && k < d ? 0n : n));
  const total = perRank.reduce((a, b) => a + b, 0n);
  if (total > BigInt(ORDERED_LIST_CAP))
    throw new RangeError(
      `wdProfile=ordered lists every assignment of units to eigenvectors, and at D = ${D}, d = ${d} there are ${total.toLocaleString('en')} (more than ${ORDERED_LIST_CAP.toLocaleString('en')}): lower D or d, or use wdProfile=uniform`,
    );
  const rows = orderedAssignments(λ, μ)
    .map((σ) => ({ key: assignmentKey(σ), rank: σ.filter((i) => i !== null).length, loss: orderedLoss(λ, μ, σ), σ }))
    .filter((r) => !fullRankOnly || r.rank === d);
  rows.sort((a, b) => a.rank - b.rank || a.loss - b.loss || compareKeys(a.key, b.key));
  const count = rows.length;
  const I = new Uint16Array(count * d);
  const offsets = Uint32Array.from({ length: count + 1 }, (_, r) => r * d);
  const loss = new Float64Array(count);
  const index = new Int32Array(count);
  const zeros = new Int32Array(count);
  const positive = new Int32Array(count);
  const rankStart = new Uint32Array(d + 2);
  for (let r = 0; r < count; r++) {
    if ((r & 4095) === 0 && opts.onProgress?.(r / count)) return { ...emptyTable(D, d, fullRankOnly, perRank, total), cancelled: true, complete: false };
    const row = rows[r];
    I.set(row.key, r * d);
    loss[r] = row.loss;
    const inertia = orderedInertia(λ, μ, row.σ, parameters);
    index[r] = inertia.index;
    zeros[r] = inertia.zeros;
    positive[r] = inertia.positive;
  }
  for (let k = 0, r = 0; k <= d + 1; k++) {
    while (r < count && rows[r].rank < k) r++;
    rankStart[k] = r;
  }
  opts.onProgress?.(1);
  return {
    ...emptyTable(D, d, fullRankOnly, perRank, total),
    count,
    I,
    offsets,
    loss,
    index,
    zeros,
    positive,
    rankStart,
    histogram: histogramOf(rows, d, perRank, Math.max(1, Math.floor(opts.bins ?? HISTOGRAM_BINS_DEFAULT)), opts.seed ?? 0),
  };
}

function compareKeys(a: number[], b: number[]): number {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return a[j] - b[j];
  return 0;
}

function emptyTable(D: number, d: number, fullRankOnly: boolean, totalPerRank: bigint[], total: bigint): CriticalPointTable {
  return {
    D,
    d,
    fullRankOnly,
    points: 'assignments',
    count: 0,
    I: new Uint16Array(0),
    offsets: new Uint32Array(1),
    loss: new Float64Array(0),
    index: new Int32Array(0),
    zeros: new Int32Array(0),
    positive: new Int32Array(0),
    rankStart: new Uint32Array(d + 2),
    order: 'bestFirst',
    total,
    totalPerRank,
    complete: true,
    cancelled: false,
    cap: ORDERED_LIST_CAP,
    perRank: null,
    perRankAsked: null,
    histogram: histogramOf([], d, totalPerRank, 1, 0),
  };
}

/** Exact counts per rank on equal bins over [min loss, max loss] of the listed points. */
function histogramOf(rows: { rank: number; loss: number }[], d: number, perRank: bigint[], bins: number, seed: number): LossHistogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    lo = Math.min(lo, r.loss);
    hi = Math.max(hi, r.loss);
  }
  if (!(lo <= hi)) lo = hi = 0;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const edges = Float64Array.from({ length: bins + 1 }, (_, b) => (b === bins ? (hi > lo ? hi : lo + bins) : lo + b * width));
  const counts = new Float64Array((d + 1) * bins);
  const counted = Array<number>(d + 1).fill(0);
  for (const r of rows) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((r.loss - lo) / width)));
    counts[r.rank * bins + b]++;
    counted[r.rank]++;
  }
  return { edges, bins, counts, exact: perRank.map((n) => n > 0n), counted, weight: perRank.map((n) => (n > 0n ? 1 : 0)), seed };
}

/**
 * The nearest assignment to a point from its eigenbasis products q(i, h) = (u_iᵀ a_h)(b_h u_i): unit h
 * is on u_i where q(i, h)/(1 − μ_h/λ_i) is largest over the directions it can learn and above ½ (at σ
 * it is 1 for the assigned pair, 0 for the rest); two units on one direction: the stronger keeps it.
 * Built for every step of a run, without allocating: the scales are computed once, and the products
 * come from rows [ã_i | b̃_i] (row stride rs, b̃ at offset dp: eigenbasisTraining.ts's workspace).
 * `update` says whether the key (0 = unused) changed.
 */
export class AssignmentTracker {
  readonly key: Int32Array;
  private readonly scale: Float64Array;
  private readonly reach: Int32Array;
  private readonly at: Int32Array;
  private readonly r: Float64Array;
  private readonly order: Int32Array;
  private readonly taken: Uint8Array;
  constructor(
    λ: ArrayLike<number>,
    private readonly μ: ArrayLike<number>,
    private readonly D: number,
  ) {
    const d = μ.length;
    this.key = new Int32Array(d).fill(-1);
    this.scale = new Float64Array(d * D);
    this.reach = new Int32Array(d);
    for (let h = 0; h < d; h++) {
      let i = 0;
      for (; i < D && λ[i] > μ[h]; i++) this.scale[h * D + i] = 1 / (1 - μ[h] / λ[i]);
      this.reach[h] = i;
    }
    this.at = new Int32Array(d);
    this.r = new Float64Array(d);
    this.order = new Int32Array(d);
    this.taken = new Uint8Array(D);
  }

  update(W: Float64Array, rs: number, dp: number): boolean {
    const d = this.μ.length;
    const { at, r, order, taken, scale, reach, key } = this;
    for (let h = 0; h < d; h++) {
      at[h] = -1;
      r[h] = 0.5;
      for (let i = 0; i < reach[h]; i++) {
        const s = W[i * rs + h] * W[i * rs + dp + h] * scale[h * this.D + i];
        if (s > r[h]) {
          r[h] = s;
          at[h] = i;
        }
      }
      // Insertion into the order by strength (descending, then unit): d is small.
      let p = h;
      while (p > 0 && r[order[p - 1]] < r[h]) {
        order[p] = order[p - 1];
        p--;
      }
      order[p] = h;
    }
    let changed = false;
    taken.fill(0);
    for (let n = 0; n < d; n++) {
      const h = order[n];
      let k = 0;
      if (at[h] >= 0 && !taken[at[h]]) {
        taken[at[h]] = 1;
        k = at[h] + 1;
      }
      if (key[h] !== k) changed = true;
      key[h] = k;
    }
    return changed;
  }
}

/** The lowest loss: unit j on u_j wherever λ_j > μ_j (each lowers L by (λ_j − μ_j)²/λ_j; §5's unique minimum). */
function orderedMinimumLoss(land: Landscape): number {
  const λ = land.eigen.values;
  const σ: Assignment = Array.from(land.μ, (m, j) => (j < λ.length && λ[j] > m ? j + 1 : null));
  return orderedLoss(λ, land.μ, σ);
}

export function orderedCriticalSet(tied: boolean): ClosedFormCriticalSet {
  const n = (land: Landscape) => (tied ? 1 : 2) * land.d * land.eigen.D;
  return {
    enumerate: (land, options = {}) => enumerateOrdered(land, options, n(land)),
    loss: (land, key) => orderedLoss(land.eigen.values, land.μ, keyAssignment(key)),
    inertia: (land, key) => orderedInertia(land.eigen.values, land.μ, keyAssignment(key), n(land)),
    globalMinimumLoss: orderedMinimumLoss,
    representative(land, key, gauge) {
      const θ = orderedRepresentative(land.eigen, land.μ, keyAssignment(key), tied);
      if (!gauge) return θ;
      const { d } = land;
      const D = land.eigen.D;
      const B0 = tied ? 0 : D * d;
      for (let h = 0; h < d; h++) {
        if (gauge.uniform() >= 0.5) continue;
        for (let c = 0; c < D; c++) θ[B0 + h * D + c] = -θ[B0 + h * D + c];
        if (!tied) for (let r = 0; r < D; r++) θ[r * d + h] = -θ[r * d + h];
      }
      return θ;
    },
    gauge: () =>
      tied
        ? 'Representative with a random sign per unit: b_j = ±√(1 − μ_j/λ_σ(j)) u_σ(j)ᵀ, A = Bᵀ (distinct penalties leave no continuous symmetry)'
        : 'Representative with a random sign per unit: a_j = b_jᵀ = ±√(1 − μ_j/λ_σ(j)) u_σ(j) (distinct penalties leave no continuous symmetry)',
    nearest(land, θ) {
      const D = land.eigen.D;
      const { d } = land;
      const U = land.eigen.U.data;
      const B = θ.subarray(tied ? 0 : D * d);
      // Rows [ã_i | b̃_i]: ã_ih = u_i · a_h, b̃_hi = b_h · u_i (tied: a_h = b_hᵀ).
      const W = new Float64Array(D * 2 * d);
      for (let i = 0; i < D; i++)
        for (let h = 0; h < d; h++) {
          let ua = 0;
          let bu = 0;
          for (let r = 0; r < D; r++) {
            const u = U[r * D + i];
            bu += B[h * D + r] * u;
            ua += (tied ? B[h * D + r] : θ[r * d + h]) * u;
          }
          W[i * 2 * d + h] = ua;
          W[i * 2 * d + d + h] = bu;
        }
      const tracker = new AssignmentTracker(land.eigen.values, land.μ, D);
      tracker.update(W, 2 * d, d);
      return Array.from(tracker.key);
    },
  };
}
