/**
 * MINRES (src/core/finders/minres.ts) against the solution written through the eigendecomposition,
 * H⁺b = U diag(1/λ, 0 on the kernel) Uᵀ b: definite, indefinite and singular (consistent) systems.
 */
import { describe, expect, it } from 'vitest';
import { minres } from '../../../src/core/finders/minres';
import type { Matrix } from '../../../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../../../src/core/linalg/symmetricEigen';
import { mat, testNormals } from '../../helpers';

/** H = Q diag(λ) Qᵀ for a random orthogonal Q (from a random symmetric matrix's eigenvectors). */
function withSpectrum(seed: number, λ: number[]): Matrix {
  const n = λ.length;
  const z = testNormals(seed, n * n);
  const Q = eigenSymmetricFast(mat(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => z[i * n + j] + z[j * n + i])))).U;
  return mat(Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => λ.reduce((s, l, k) => s + l * Q.data[r * n + k] * Q.data[c * n + k], 0))));
}
const apply = (H: Matrix) => (v: Float64Array) => Float64Array.from({ length: H.rows }, (_, r) => v.reduce((s, x, c) => s + H.data[r * H.cols + c] * x, 0));

/** H⁺ b through H's own eigendecomposition, eigenvalues below `zero` taken as 0. */
function pseudoSolve(H: Matrix, b: Float64Array, zero: number): Float64Array {
  const { values, U } = eigenSymmetricFast(H);
  const n = H.rows;
  const x = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (Math.abs(values[k]) <= zero) continue;
    let ub = 0;
    for (let r = 0; r < n; r++) ub += U.data[r * n + k] * b[r];
    for (let r = 0; r < n; r++) x[r] += (U.data[r * n + k] * ub) / values[k];
  }
  return x;
}

const maxDiff = (a: Float64Array, b: Float64Array) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));

describe('minres', () => {
  it.each([
    ['definite', [5, 4, 3, 2, 1, 0.5, 0.25, 0.1]],
    ['indefinite', [5, -4, 3, -2, 1, -0.5, 0.25, -0.1]],
  ])('%s: x = H⁻¹b to 1e-10', (_, λ) => {
    const H = withSpectrum(1, λ);
    const b = Float64Array.from(testNormals(2, λ.length));
    const r = minres(apply(H), b, { rtol: 1e-14 });
    expect(r.stop).toBe('converged');
    expect(maxDiff(r.x, pseudoSolve(H, b, 0))).toBeLessThan(1e-10);
    expect(r.iterations).toBeLessThanOrEqual(3 * λ.length);
  });

  it('singular and consistent (b in H’s range): the minimum-norm solution H⁺b', () => {
    const H = withSpectrum(3, [3, -2, 1, 0, 0, 0.5]);
    const b = apply(H)(Float64Array.from(testNormals(4, 6)));
    const r = minres(apply(H), b, { rtol: 1e-14 });
    expect(maxDiff(r.x, pseudoSolve(H, b, 1e-12))).toBeLessThan(1e-10);
  });

  it('singular and inconsistent: stops as least squares, with H x = H H⁺ b', () => {
    const H = withSpectrum(5, [3, -2, 1, 0, 0.5]);
    const b = Float64Array.from(testNormals(6, 5));
    const r = minres(apply(H), b, { rtol: 1e-12 });
    expect(r.stop).toBe('least-squares');
    expect(maxDiff(apply(H)(r.x), apply(H)(pseudoSolve(H, b, 1e-12)))).toBeLessThan(1e-8);
  });

  it('b = 0 gives x = 0 in no iterations', () => {
    const r = minres((v) => v, new Float64Array(3));
    expect(r).toMatchObject({ iterations: 0, stop: 'converged' });
  });
});
