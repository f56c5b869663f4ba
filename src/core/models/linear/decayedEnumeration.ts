/**
 * Every critical point of uniform weight decay μ > 0 (weightDecay.ts) as the explorer's typed
 * table, from the μ = 0 enumerator (landscape/enumerate.ts) run on the learnable directions alone:
 * with λ′_i = (λ_i − μ)²/λ_i, which increases with λ_i above μ (so the order and the ties of λ are
 * kept),
 *     L(I)     = tr Σ − Σ_{i∈I} λ′_i = Σ_{j∉I, λ_j>μ} λ′_j + C,   C = tr Σ − Σ_{λ_j>μ} λ′_j,
 *     index(I) = the μ = 0 index of I among the m learnable directions (a direction with λ_j ≤ μ
 *                is below every λ_i of I and is not a direction an unused unit grows along),
 *     zeros(I) = d(d−1)/2 − (d−k)(d−k−1)/2 (the O(d) orbit) + #{(i ∈ I, j ∉ I) : λ_j = λ_i},
 *                positive = n − index − zeros
 * (n = 2dD linear, dD tied; the tied model has these counts at μ = 0 too),
 * so best-first listing, exact counts and histograms past the cap come with it. The zeros also
 * count tied pairs across I's edge and, at μ = 0 (the tied model), the null directions
 * (weightDecay.ts's decayedInertia, the reference these rows are tested against); they are counted
 * from the enumerator's tie classes of λ′, which keeps λ's ties. At μ = 0 every direction is listed,
 * null ones included (they are critical directions there, as in the seed). For μ > 0 a learnable
 * direction whose λ′ is within τ of 0 (λ_i barely above μ) is refused: it would pass for a null one.
 */
import { type SpectrumClasses, spectrumClasses } from '../../landscape/closedFormInertia';
import type { CriticalPointTable } from '../../landscape/criticalPointTable';
import { enumerateCriticalPoints } from '../../landscape/enumerate';
import type { EnumerateOptions } from '../../landscape/enumerationWork';
import type { Eigen } from '../../linalg/eigen';
import { learnableCount } from './weightDecay';

/**
 * Zeros beyond the O(d) orbit at I (1-based ascending): one per tied pair (i ∈ I, j ∉ I) (i's tie
 * class lo[i] … hi[i], less its members in I), and at μ = 0 (d − k) per null direction outside I plus
 * n₀(n₀ + 1)/2 for the n₀ null directions in I (classes: the null ones are j ≥ r).
 */
function extraZeros(I: ArrayLike<number>, d: number, μ: number, cls: SpectrumClasses): number {
  const k = I.length;
  let zeros = 0;
  let n0 = 0;
  for (let a = 0; a < k; a++) {
    const i = I[a] - 1;
    let inClass = 0;
    for (let b = 0; b < k; b++) if (I[b] - 1 >= cls.lo[i] && I[b] - 1 <= cls.hi[i]) inClass++;
    zeros += cls.hi[i] - cls.lo[i] + 1 - inClass;
    if (i >= cls.r) n0++;
  }
  if (μ === 0) zeros += (d - k) * (cls.D - cls.r - n0) + (n0 * (n0 + 1)) / 2;
  return zeros;
}

export function enumerateDecayed(eigen: Eigen, d: number, μ: number, τ: number, opts: EnumerateOptions = {}, parameters = 2 * d * eigen.D): CriticalPointTable {
  if (!(μ >= 0)) throw new RangeError(`enumerateDecayed: μ = ${μ}, but μ ≥ 0 (the linear model at μ = 0 is enumerateCriticalPoints)`);
  const λ = eigen.values;
  const D = λ.length;
  const m = μ === 0 ? D : learnableCount(λ, μ);
  const reduced = Float64Array.from({ length: m }, (_, i) => (μ === 0 ? λ[i] : (λ[i] - μ) ** 2 / λ[i]));
  if (μ > 0 && m > 0 && !(reduced[m - 1] > τ))
    throw new RangeError(`enumerateDecayed: λ_${m} is within τ of μ (λ′ = (λ − μ)²/λ = ${reduced[m - 1]}): change wd a little`);
  const table = enumerateCriticalPoints(reduced, d, τ, opts);
  // C = Σ_{j>m} λ_j + Σ_{j≤m} (λ_j − λ′_j), summed from the smallest terms.
  let C = 0;
  for (let j = D - 1; j >= m; j--) C += λ[j];
  for (let j = m - 1; j >= 0; j--) C += λ[j] - reduced[j];
  // With fewer learnable directions than units (m < d) the enumerator works at width d′ = m (dListed); the
  // d − d′ units it did not count are unused at every point, each growing along the m − k free
  // learnable directions.
  const dListed = Math.min(d, m);
  const cls = spectrumClasses(reduced, τ);
  for (let r = 0; r < table.count; r++) {
    const k = table.offsets[r + 1] - table.offsets[r];
    table.index[r] += (d - dListed) * (m - k);
    table.loss[r] += C;
    table.zeros[r] =
      (d * (d - 1)) / 2 - ((d - k) * (d - k - 1)) / 2 + (cls.simple ? 0 : extraZeros(table.I.subarray(table.offsets[r], table.offsets[r + 1]), d, μ, cls));
    table.positive[r] = parameters - table.index[r] - table.zeros[r];
  }
  const h = table.histogram;
  for (let b = 0; b < h.edges.length; b++) h.edges[b] += C;
  // Ranks d′ < k ≤ d have no points: per-rank arrays padded to d + 1 ranks.
  const pad = d - dListed;
  const counts = new Float64Array((d + 1) * h.bins);
  counts.set(h.counts);
  const rankStart = new Uint32Array(d + 2).fill(table.count);
  rankStart.set(table.rankStart);
  return {
    ...table,
    D,
    d,
    rankStart,
    totalPerRank: [...table.totalPerRank, ...Array<bigint>(pad).fill(0n)],
    histogram: {
      ...h,
      counts,
      exact: [...h.exact, ...Array<boolean>(pad).fill(false)],
      counted: [...h.counted, ...Array<number>(pad).fill(0)],
      weight: [...h.weight, ...Array<number>(pad).fill(0)],
    },
  };
}
