import { describe, expect, it } from 'vitest';
import { gaussianData } from '../../../src/core/data/gaussian';
import { secondMoment } from '../../../src/core/data/secondMoment';
import { randomOrthogonal } from '../../../src/core/linalg/rotation';
import { createRng, STREAM_ROTATION } from '../../../src/core/random/random';
import { eigenSymmetric } from '../../../src/core/reference/eigenMathjs';
import { maxAbsDiff, nmul, ntrans, toNested } from '../../helpers';

const variances = Float64Array.from([4, 1, 0.25, 0]);

describe('gaussianData: x_t = R diag(√λ) z_t', () => {
  it('has shape T × D', () => {
    const X = gaussianData({ D: 4, T: 37, seed: 1, variances, rotate: true });
    expect([X.rows, X.cols, X.data.length]).toEqual([37, 4, 37 * 4]);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const a = gaussianData({ D: 4, T: 50, seed: 3, variances, rotate: true });
    const b = gaussianData({ D: 4, T: 50, seed: 3, variances, rotate: true });
    const c = gaussianData({ D: 4, T: 50, seed: 4, variances, rotate: true });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(maxAbsDiff(a, c)).toBeGreaterThan(0.1);
  });

  it('with rotate = 0 the sample second moments Σ_t x_tk² / T approach λ_k (within 5·λ_k·√(2/T)) and a zero variance gives an exact zero column', () => {
    const T = 20_000;
    const X = gaussianData({ D: 4, T, seed: 7, variances, rotate: false });
    for (let k = 0; k < 4; k++) {
      let s = 0;
      for (let t = 0; t < T; t++) s += X.data[t * 4 + k] ** 2;
      const v = s / T;
      if (variances[k] === 0) expect(v).toBe(0);
      else expect(Math.abs(v - variances[k])).toBeLessThan(5 * variances[k] * Math.sqrt(2 / T));
    }
  });

  it('with rotate = 0 the columns are uncorrelated (off-diagonal second moments ≈ 0)', () => {
    const T = 20_000;
    const X = gaussianData({ D: 3, T, seed: 8, variances: Float64Array.from([1, 1, 1]), rotate: false });
    for (const [i, j] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      let s = 0;
      for (let t = 0; t < T; t++) s += X.data[t * 3 + i] * X.data[t * 3 + j];
      expect(Math.abs(s / T)).toBeLessThan(5 / Math.sqrt(T));
    }
  });

  it('rotate = 1 gives exactly the unrotated rows times Rᵀ, R = randomOrthogonal(D, stream 1 of the seed)', () => {
    const D = 5;
    const v = Float64Array.from([5, 3, 2, 1, 0.5]);
    const Z = toNested(gaussianData({ D, T: 30, seed: 12, variances: v, rotate: false }));
    const X = toNested(gaussianData({ D, T: 30, seed: 12, variances: v, rotate: true }));
    const R = toNested(randomOrthogonal(D, createRng(12, STREAM_ROTATION)));
    expect(maxAbsDiff(X, nmul(Z, ntrans(R)))).toBeLessThan(1e-12);
    // A rotation keeps every sample's length.
    X.forEach((x, t) => {
      const nx = Math.hypot(...x);
      const nz = Math.hypot(...Z[t]);
      expect(Math.abs(nx - nz)).toBeLessThan(1e-12 * nz);
    });
  });

  it('rotate = 1: tr(Σ)/T approaches Σ_k λ_k', () => {
    const T = 20_000;
    const X = gaussianData({ D: 4, T, seed: 21, variances, rotate: true });
    let s = 0;
    for (const x of X.data) s += x * x;
    const total = 4 + 1 + 0.25;
    // Var(Σ_k λ_k z_k²) = 2 Σ λ_k².
    expect(Math.abs(s / T - total)).toBeLessThan(5 * Math.sqrt((2 * (16 + 1 + 0.0625)) / T));
  });
});

describe('exact Gaussian data (no sampling noise)', () => {
  it('gives Σ = T·R diag(variances) Rᵀ: eigenvalues T·variances, ties exact to 1e-12', () => {
    const variances = Float64Array.from([3, 3, 1, 1, 0.5]);
    const X = gaussianData({ D: 5, T: 40, seed: 2, variances, rotate: true, exact: true });
    const λ = eigenSymmetric(secondMoment(X)).values;
    [120, 120, 40, 40, 20].forEach((v, i) => {
      expect(Math.abs(λ[i] - v)).toBeLessThan(1e-12 * 120);
    });
  });

  it('with T < D keeps the top T variances and makes Σ singular', () => {
    const variances = Float64Array.from([4, 2, 1, 0.5]);
    const λ = eigenSymmetric(secondMoment(gaussianData({ D: 4, T: 2, seed: 1, variances, rotate: true, exact: true }))).values;
    expect(λ[0]).toBeCloseTo(8, 10);
    expect(λ[1]).toBeCloseTo(4, 10);
    expect(Math.abs(λ[2])).toBeLessThan(1e-12);
    expect(Math.abs(λ[3])).toBeLessThan(1e-12);
  });
});
