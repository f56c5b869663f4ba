import { describe, expect, it } from 'vitest';
import { diagnose, TOLERANCE_FACTOR, tolerance } from '../../../src/core/landscape/diagnostics';
import type { Eigen } from '../../../src/core/linalg/eigen';
import { eigenSymmetric } from '../../../src/core/reference/eigenMathjs';
import { mat } from '../../helpers';

/** diagnose() reads only the spectrum; U is the identity here. */
function spectrum(values: number[]): Eigen {
  const D = values.length;
  const data = new Float64Array(D * D);
  for (let i = 0; i < D; i++) data[i * D + i] = 1;
  return { D, values: Float64Array.from(values), U: { rows: D, cols: D, data } };
}

describe('tolerance: τ = 1e-9 · λ₁', () => {
  it('is 1e-9 times the largest eigenvalue', () => {
    expect(TOLERANCE_FACTOR).toBe(1e-9);
    expect(tolerance(Float64Array.from([250, 3, 1]))).toBe(1e-9 * 250);
    expect(tolerance(Float64Array.from([1e200, 1]))).toBe(1e-9 * 1e200);
  });

  it('is 0 for an empty or zero spectrum (never negative)', () => {
    expect(tolerance(new Float64Array(0))).toBe(0);
    expect(tolerance(Float64Array.from([0, 0]))).toBe(0);
    expect(tolerance(Float64Array.from([-1e-20]))).toBe(0);
  });
});

describe('diagnose: Baldi–Hornik assumptions with the one τ', () => {
  it('distinct positive spectrum (4, 2, 1, 0.5): invertible, distinct, rank 4, κ = 8, min relative gap 0.5/4', () => {
    const d = diagnose(spectrum([4, 2, 1, 0.5]));
    expect(d.tolerance).toBe(1e-9 * 4);
    expect(d.rank).toBe(4);
    expect(d.invertible).toBe(true);
    expect(d.distinct).toBe(true);
    expect(d.tiedPairs).toEqual([]);
    expect(d.conditionNumber).toBe(8);
    expect(d.minRelativeGap).toBe(0.125);
  });

  it('singular spectrum (3, 1, 0): condition number null, rank 2, not invertible', () => {
    const d = diagnose(spectrum([3, 1, 0]));
    expect(d.conditionNumber).toBeNull();
    expect(d.rank).toBe(2);
    expect(d.invertible).toBe(false);
  });

  it('λ_D ≤ τ counts as zero (λ = (1, 5e-10) → rank 1, κ null); λ_D just above τ does not (λ = (1, 2e-9) → rank 2, κ = 5e8)', () => {
    const a = diagnose(spectrum([1, 5e-10]));
    expect([a.rank, a.conditionNumber, a.invertible]).toEqual([1, null, false]);
    const b = diagnose(spectrum([1, 2e-9]));
    expect(b.rank).toBe(2);
    expect(b.invertible).toBe(true);
    expect(b.conditionNumber).toBeCloseTo(5e8, 0);
  });

  it('a tie λ₂ = λ₃ is detected as the 1-based pair [2, 3]; ties within τ too; gaps just over τ are not ties', () => {
    const d = diagnose(spectrum([5, 3, 3, 1]));
    expect(d.tiedPairs).toEqual([[2, 3]]);
    expect(d.distinct).toBe(false);
    expect(d.minRelativeGap).toBe(0);
    expect(diagnose(spectrum([1, 1 - 5e-10, 0.5])).tiedPairs).toEqual([[1, 2]]);
    expect(diagnose(spectrum([1, 1 - 2e-9, 0.5])).tiedPairs).toEqual([]);
  });

  it('several zero eigenvalues are tied with each other: (2, 1, 0, 0, 0) → pairs [3,4], [4,5], rank 2', () => {
    const d = diagnose(spectrum([2, 1, 0, 0, 0]));
    expect(d.tiedPairs).toEqual([
      [3, 4],
      [4, 5],
    ]);
    expect(d.rank).toBe(2);
  });

  it('minRelativeGap = min_i (λ_i − λ_{i+1}) / λ₁', () => {
    const d = diagnose(spectrum([10, 7, 6.5, 2]));
    expect(d.minRelativeGap).toBeCloseTo(0.05, 15);
  });

  it('minRelativeGap is null for D = 1 or λ₁ = 0; Σ = 0 has rank 0', () => {
    const one = diagnose(spectrum([3]));
    expect(one.minRelativeGap).toBeNull();
    expect(one.conditionNumber).toBe(1);
    const zero = diagnose(spectrum([0, 0, 0]));
    expect(zero.minRelativeGap).toBeNull();
    expect(zero.conditionNumber).toBeNull();
    expect(zero.rank).toBe(0);
    expect(zero.invertible).toBe(false);
  });

  it('end to end: a rank-2 Σ = XᵀX from T = 2 < D = 4 samples is diagnosed singular', () => {
    const X = [
      [1, 2, 0.5, -1],
      [0.3, -0.4, 2, 1],
    ];
    const S = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => X[0][i] * X[0][j] + X[1][i] * X[1][j]));
    const d = diagnose(eigenSymmetric(mat(S)));
    expect(d.rank).toBe(2);
    expect(d.conditionNumber).toBeNull();
    expect(d.tiedPairs).toEqual([[3, 4]]);
  });
});
