/**
 * Cross-check only: every critical point as one object each, straight from the closed forms (the
 * seed's first implementation). The production enumeration (landscape/enumerate.ts) lists them as
 * typed arrays, incrementally, and past 10⁶ best-first; tests hold it against this list.
 */
import { type CriticalPoint, criticalLoss, criticalPointCount, morseInertia, nextSubset } from '../landscape/criticalPoints';
import type { Eigen } from '../linalg/eigen';

/** Every I ⊆ {0..n−1} with |I| = k, lexicographic, 0-based. */
export function* subsetsOfSize(n: number, k: number): Generator<number[]> {
  if (k > n || k < 0) return;
  const I = Array.from({ length: k }, (_, i) => i);
  do yield I.slice();
  while (nextSubset(I, n, k) >= 0);
}

/** Every I ⊆ {0..n−1} with |I| ≤ d (or = d), by size then lexicographically, 0-based. */
export function* enumerateSubsets(n: number, d: number, fullRankOnly = false): Generator<number[]> {
  for (let k = fullRankOnly ? d : 0; k <= d; k++) yield* subsetsOfSize(n, k);
}

export const LIST_CAP = 50_000;

export interface CriticalPointList {
  points: CriticalPoint[];
  /** Every critical point with |I| ≤ d (or = d with fullRankOnly), counted exactly. */
  total: bigint;
  /** How the list was restricted when the total passes LIST_CAP; null when it is complete. */
  restriction: null | { kind: 'topEigenvectors'; m: number } | { kind: 'chainAndSwaps' };
}

function pointFor(λ: Float64Array, I0: number[], d: number, τ: number): CriticalPoint {
  return { I: I0.map((i) => i + 1), loss: criticalLoss(λ, I0), ...morseInertia(λ, I0, d, τ) };
}

/**
 * Every critical point W_I = U_I U_Iᵀ with |I| ≤ d, its loss and Morse index (docs/design.md §1).
 * Past LIST_CAP the list keeps every I ⊆ {1..m} for the largest m that fits (these include the
 * global minimum and the saddle-to-saddle chain); if even m = d does not fit, it keeps the chain
 * ∅ ⊂ {1} ⊂ … ⊂ {1..d} and every one-swap neighbour of {1..d}. `restriction` says which.
 */
export function criticalPoints(eigen: Eigen, d: number, τ: number, opts: { fullRankOnly?: boolean; cap?: number } = {}): CriticalPointList {
  const fullRankOnly = opts.fullRankOnly ?? false;
  const cap = BigInt(opts.cap ?? LIST_CAP);
  const λ = eigen.values;
  const D = λ.length;
  const total = criticalPointCount(D, d, fullRankOnly);
  const points: CriticalPoint[] = [];
  if (total <= cap) {
    for (const I of enumerateSubsets(D, d, fullRankOnly)) points.push(pointFor(λ, I, d, τ));
    return { points, total, restriction: null };
  }
  let m = d;
  while (m + 1 <= D && criticalPointCount(m + 1, d, fullRankOnly) <= cap) m++;
  if (criticalPointCount(m, d, fullRankOnly) <= cap) {
    for (const I of enumerateSubsets(m, d, fullRankOnly)) points.push(pointFor(λ, I, d, τ));
    return { points, total, restriction: { kind: 'topEigenvectors', m } };
  }
  const top = Array.from({ length: d }, (_, i) => i);
  if (!fullRankOnly) for (let k = 0; k < d; k++) points.push(pointFor(λ, top.slice(0, k), d, τ));
  points.push(pointFor(λ, top, d, τ));
  for (let out = 0; out < d; out++)
    for (let j = d; j < D; j++) {
      const I = top.filter((i) => i !== out).concat(j);
      points.push(pointFor(λ, I, d, τ));
    }
  return { points, total, restriction: { kind: 'chainAndSwaps' } };
}
