import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { centerColumns } from '../../../src/core/data/centering';
import { irisData } from '../../../src/core/data/iris';
import { secondMoment } from '../../../src/core/data/secondMoment';
import { eigenSymmetricFast } from '../../../src/core/linalg/symmetricEigen';

describe('irisData: Fisher’s Iris, 150 × 4', () => {
  it('has shape 150 × 4', () => {
    const X = irisData();
    expect([X.rows, X.cols, X.data.length]).toEqual([150, 4, 600]);
  });

  it('first row is [5.1, 3.5, 1.4, 0.2] (setosa) and last row [5.9, 3.0, 5.1, 1.8] (virginica)', () => {
    const X = irisData();
    expect(Array.from(X.data.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2]);
    expect(Array.from(X.data.subarray(596, 600))).toEqual([5.9, 3.0, 5.1, 1.8]);
  });

  it('sepal lengths sum to 876.5 (mean 5.843) and every value is a positive measurement in cm', () => {
    const X = irisData();
    let s = 0;
    for (let t = 0; t < 150; t++) s += X.data[t * 4];
    expect(s).toBeCloseTo(876.5, 9);
    for (const x of X.data) expect(x > 0 && x < 10).toBe(true);
  });

  it('is deterministic and each call returns a fresh matrix (mutating one does not leak)', () => {
    const a = irisData();
    const b = irisData();
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    a.data[0] = 999;
    expect(irisData().data[0]).toBe(5.1);
  });
});

describe('Iris eigenvalues against numpy (tests/fixtures/iris.json)', () => {
  const fixture = JSON.parse(readFileSync('tests/fixtures/iris.json', 'utf8')) as Record<'uncentred' | 'centred', { sigma: number[][]; eigenvalues: number[] }>;
  for (const [name, centre] of [
    ['uncentred', false],
    ['centred', true],
  ] as const)
    it(`${name}: Σ = XᵀX and λ₁ ≥ … ≥ λ₄ agree normwise to 1e-9·λ₁`, () => {
      const X = centre ? centerColumns(irisData()) : irisData();
      const S = secondMoment(X);
      const ref = fixture[name];
      for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(Math.abs(S.data[i * 4 + j] - ref.sigma[i][j])).toBeLessThan(1e-12 * ref.eigenvalues[0]);
      const λ = eigenSymmetricFast(S).values;
      const err = Math.max(...ref.eigenvalues.map((v, i) => Math.abs(v - λ[i])));
      expect(err).toBeLessThan(1e-9 * ref.eigenvalues[0]);
    });
});
