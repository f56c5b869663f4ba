import { describe, expect, it } from 'vitest';
import { eigenSymmetricFast, symmetricEigenKernels, symmetricEigenvaluesFast } from '../../../src/core/linalg/symmetricEigen';
import { eigenSymmetric } from '../../../src/core/reference/eigenMathjs';
import { gram, mat, maxAbsDiff, randomSymmetric } from '../../helpers';

const KERNELS: ('js' | 'wasm')[] = symmetricEigenKernels() === 'wasm-simd' ? ['js', 'wasm'] : ['js'];

describe.each(KERNELS)('symmetricEigenvaluesFast (%s kernels): the eigenvalues alone, for Hessian inertia', (kernels) => {
  it.each([1, 2, 5, 13, 33, 48, 101])('D = %i, random indefinite and PSD: the values of eigenSymmetricFast and of mathjs, descending, to 1e-12·‖Σ‖', (D) => {
    for (const S of [randomSymmetric(300 + D, D), gram(400 + D, D + 2, D)]) {
      const values = symmetricEigenvaluesFast(mat(S), { kernels });
      const scale = Math.max(...S.flat().map(Math.abs));
      for (let i = 1; i < D; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
      expect(maxAbsDiff(Array.from(values), Array.from(eigenSymmetricFast(mat(S), { kernels }).values))).toBeLessThanOrEqual(1e-12 * scale * D);
      if (D <= 48) expect(maxAbsDiff(Array.from(values), Array.from(eigenSymmetric(mat(S)).values))).toBeLessThanOrEqual(1e-11 * scale);
    }
  });

  it('the kept workspace is reset between calls: a large, then a small, then the large problem again give the first answers exactly', () => {
    const big = randomSymmetric(7, 64);
    const small = gram(8, 40, 34);
    const first = eigenSymmetricFast(mat(big), { kernels });
    const firstValues = symmetricEigenvaluesFast(mat(big), { kernels });
    eigenSymmetricFast(mat(small), { kernels });
    symmetricEigenvaluesFast(mat(small), { kernels });
    expect(Array.from(eigenSymmetricFast(mat(big), { kernels }).U.data)).toEqual(Array.from(first.U.data));
    expect(Array.from(symmetricEigenvaluesFast(mat(big), { kernels }))).toEqual(Array.from(firstValues));
  });

  it('the zero matrix, D = 0, and the same refusals as eigenSymmetricFast', () => {
    expect(
      Array.from(
        symmetricEigenvaluesFast(
          mat([
            [0, 0],
            [0, 0],
          ]),
        ),
      ),
    ).toEqual([0, 0]);
    expect(symmetricEigenvaluesFast({ rows: 0, cols: 0, data: new Float64Array(0) }).length).toBe(0);
    expect(() => symmetricEigenvaluesFast({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(/not square/);
    expect(() =>
      symmetricEigenvaluesFast(
        mat([
          [1, Number.NaN],
          [Number.NaN, 1],
        ]),
      ),
    ).toThrow(/non-finite/);
  });
});
