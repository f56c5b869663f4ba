import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { secondMoment } from '../../../src/core/data/secondMoment';
import { mat, testData } from '../../helpers';

function naiveXtX(X: number[][], D: number): number[][] {
  const S = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  for (let i = 0; i < D; i++)
    for (let j = 0; j < D; j++) {
      let s = 0;
      for (let t = 0; t < X.length; t++) s += X[t][i] * X[t][j];
      S[i][j] = s;
    }
  return S;
}

describe('secondMoment: Σ = XᵀX = Σ_t x_t x_tᵀ', () => {
  it('equals the naive triple loop Σ_ij = Σ_t x_ti x_tj (relative 1e-14)', () => {
    const X = testData(1, 60, [3, 1, 0.5, 2, 0.1]);
    const S = secondMoment(mat(X));
    const ref = naiveXtX(X, 5);
    expect([S.rows, S.cols]).toEqual([5, 5]);
    const scale = Math.max(...ref.map((r, i) => r[i]));
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(Math.abs(S.data[i * 5 + j] - ref[i][j])).toBeLessThan(1e-14 * scale);
  });

  it('is exactly symmetric and tr Σ = ‖X‖²_F (property, random X)', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 7 })
          .chain((D) => fc.array(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: D, maxLength: D }), { minLength: 1, maxLength: 12 })),
        (rows) => {
          const D = rows[0].length;
          const S = secondMoment(mat(rows));
          for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) expect(S.data[i * D + j]).toBe(S.data[j * D + i]);
          let tr = 0;
          for (let i = 0; i < D; i++) tr += S.data[i * D + i];
          let fro = 0;
          for (const r of rows) for (const x of r) fro += x * x;
          expect(Math.abs(tr - fro)).toBeLessThanOrEqual(1e-13 * fro);
          const ref = naiveXtX(rows, D);
          for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) expect(Math.abs(S.data[i * D + j] - ref[i][j])).toBeLessThanOrEqual(1e-13 * fro + 1e-300);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('is positive semidefinite: vᵀΣv = ‖Xv‖² ≥ 0', () => {
    const X = testData(2, 4, [1, 1, 1, 1, 1, 1]); // T < D: singular
    const S = secondMoment(mat(X));
    const v = [0.3, -1, 2, 0.5, -0.7, 1.1];
    let q = 0;
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) q += v[i] * S.data[i * 6 + j] * v[j];
    let xv2 = 0;
    for (const x of X) xv2 += x.reduce((s, xi, i) => s + xi * v[i], 0) ** 2;
    expect(Math.abs(q - xv2)).toBeLessThan(1e-12 * xv2);
  });

  it('T = 0 and X = 0 give Σ = 0', () => {
    expect(Array.from(secondMoment({ rows: 0, cols: 3, data: new Float64Array(0) }).data)).toEqual(new Array(9).fill(0));
    expect(
      Array.from(
        secondMoment(
          mat([
            [0, 0],
            [0, 0],
          ]),
        ).data,
      ),
    ).toEqual([0, 0, 0, 0]);
  });
});
