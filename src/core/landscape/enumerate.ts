/**
 * Critical points W_I = U_I U_Iᵀ (docs/design.md §1) at scale, as a compact table of typed arrays
 * (criticalPointTable.ts) that a worker can transfer — never one JS object per point.
 *
 * Up to `cap` critical points (Σ_{k≤d} C(D, k), or C(D, d) with fullRankOnly): every I, by size and
 * then lexicographically (the order of `criticalPoints`), with the loss and the closed-form inertia
 * updated incrementally from one subset to the next (amortised O(1) per point plus writing I).
 *
 * Beyond the cap: for every rank k the `perRank` lowest-loss I of size k, found best-first with a
 * heap (lowest loss = largest Σ_{i∈I} λ_i); the exact count of every rank (BigInt); and the loss
 * distribution per rank as a histogram whose counts are exact for the ranks small enough to
 * enumerate and a seeded uniform random sample for the others (src/text/criticalPointTableSummary.ts
 * says which, in words).
 *
 * Loss: L(I) = Σ_{j∉I} λ_j, summed gap by gap from suffix sums of λ, so no term suffers the
 * cancellation of tr Σ − Σ_{i∈I} λ_i (each gap's relative error is O(ε·D)).
 *
 * Inertia: the general closed form of docs/design.md §1 with the one tolerance τ, evaluated in O(k) per
 * point from per-eigenvalue classes (see `spectrumClasses`); with distinct positive eigenvalues it
 * is index = Σ_m (i_m − m) + (d − k)(D − k), zeros = k(2d − k), kept as running sums.
 */

import { bestFirst } from './bestFirst';
import { spectrumClasses } from './closedFormInertia';
import { binomial } from './criticalPoints';
import type { CriticalPointTable, LossHistogram } from './criticalPointTable';
import { listAll } from './enumerateAll';
import { type Ctx, ENUMERATION_CAP, type EnumerateOptions, HISTOGRAM_BINS_DEFAULT, suffixSums, sumRange } from './enumerationWork';

/**
 * Every critical point with |I| ≤ d (or = d), or past `cap` the best-first lists, counts and
 * histogram described in the file comment. λ is Σ's eigenvalues, sorted descending (the
 * eigenvectors play no part).
 */
export function enumerateCriticalPoints(λ: ArrayLike<number>, d: number, τ: number, opts: EnumerateOptions = {}): CriticalPointTable {
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
  if (total <= BigInt(cap)) return listAll(ctx, k0, total, totalPerRank, histogram, fullRankOnly, cap, opts.onProgress);
  return bestFirst(ctx, k0, total, totalPerRank, histogram, fullRankOnly, cap, opts);
}
