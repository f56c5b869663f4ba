import type { Eigen } from '../linalg/eigen';

/** The one tolerance of docs/design.md §1: τ = 1e-9 · λ_1. */
export const TOLERANCE_FACTOR = 1e-9;

export function tolerance(values: Float64Array): number {
  return TOLERANCE_FACTOR * Math.max(values[0] ?? 0, 0);
}

export interface Diagnostics {
  tolerance: number;
  /** λ_1 / λ_D, or null when λ_D ≤ τ (Σ singular to tolerance). */
  conditionNumber: number | null;
  /** min_i (λ_i − λ_{i+1}) / λ_1, or null when D < 2 or λ_1 = 0. */
  minRelativeGap: number | null;
  /** #{i : λ_i > τ}. */
  rank: number;
  /** Baldi–Hornik's assumptions: Σ invertible and its eigenvalues distinct (both to τ). */
  invertible: boolean;
  distinct: boolean;
  /** Pairs (i, i+1), 1-based, whose eigenvalues are tied to τ. */
  tiedPairs: [number, number][];
}

/** Checks the theorem's assumptions on Σ's spectrum with the one tolerance τ. */
export function diagnose(eigen: Eigen): Diagnostics {
  const λ = eigen.values;
  const D = λ.length;
  const τ = tolerance(λ);
  const λ1 = λ[0] ?? 0;
  let rank = 0;
  for (let i = 0; i < D; i++) if (λ[i] > τ) rank++;
  const tiedPairs: [number, number][] = [];
  let minGap = Infinity;
  for (let i = 0; i + 1 < D; i++) {
    const gap = λ[i] - λ[i + 1];
    minGap = Math.min(minGap, gap);
    if (gap <= τ) tiedPairs.push([i + 1, i + 2]);
  }
  const invertible = λ1 > 0 && rank === D;
  return {
    tolerance: τ,
    conditionNumber: invertible ? λ1 / λ[D - 1] : null,
    minRelativeGap: D >= 2 && λ1 > 0 ? minGap / λ1 : null,
    rank,
    invertible,
    distinct: tiedPairs.length === 0,
    tiedPairs,
  };
}
