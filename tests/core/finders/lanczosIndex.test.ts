/**
 * The block-Lanczos Morse index (src/core/finders/lanczosIndex.ts) against the dense inertia: on
 * matrices with a planted spectrum (repeated negative eigenvalues, a zero band, a wide positive
 * range) and on the linear and tied autoencoders' Hessians at every critical point of a small
 * landscape, in a random gauge — where the hidden-unit symmetry repeats negative eigenvalues.
 */
import { describe, expect, it } from 'vitest';
import { lanczosIndex } from '../../../src/core/finders/lanczosIndex';
import { tolerance } from '../../../src/core/landscape/diagnostics';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../src/core/landscape/inertia';
import { type Matrix, multiply, transpose } from '../../../src/core/linalg/matrix';
import { randomOrthogonal } from '../../../src/core/linalg/rotation';
import { eigenSymmetricFast } from '../../../src/core/linalg/symmetricEigen';
import { decayProfile } from '../../../src/core/models/linear/decay';
import { linearModel } from '../../../src/core/models/linear/linearModel';
import type { Landscape, Model } from '../../../src/core/models/model';
import { tiedModel } from '../../../src/core/models/tied/tiedModel';
import { createRng } from '../../../src/core/random/random';
import { mat, testNormals } from '../../helpers';

const operator = (A: Matrix) => (v: Float64Array) => {
  const out = new Float64Array(A.rows);
  for (let i = 0; i < A.rows; i++) for (let j = 0; j < A.cols; j++) out[i] += A.data[i * A.cols + j] * v[j];
  return out;
};

/** Q diag(values) Qᵀ with a seeded random orthogonal Q. */
function planted(values: number[], seed: number): Matrix {
  const n = values.length;
  const Q = randomOrthogonal(n, createRng(seed, 5));
  const QΛ = { rows: n, cols: n, data: Q.data.map((q, k) => q * values[k % n]) };
  return multiply(QΛ, transpose(Q));
}

describe('lanczosIndex on planted spectra', () => {
  it.each([
    { name: '7 distinct negatives', negatives: [-3, -2, -1, -0.5, -0.2, -0.1, -0.05] },
    { name: 'a negative of multiplicity 4', negatives: [-1, -1, -1, -1, -0.3] },
    { name: 'negatives near the zero band', negatives: [-2, -1e-3, -2e-3] },
    { name: 'no negative', negatives: [] },
  ])('$name: the count is the dense index, and converged', ({ negatives }) => {
    const n = 80;
    const zeros = Array.from({ length: 10 }, (_, k) => (k % 2 ? 1 : -1) * 1e-12);
    const positives = Array.from({ length: n - negatives.length - zeros.length }, (_, k) => 0.01 + 10 * (k / n) ** 2);
    const A = planted([...negatives, ...zeros, ...positives], 3);
    const τ = 1e-8;
    const dense = inertiaFromEigenvalues(symmetricEigenvalues(A), τ);
    expect(dense.negative).toBe(negatives.length);
    const got = lanczosIndex(operator(A), n, τ, createRng(1, 9), 4);
    expect(got.negative).toBe(negatives.length);
    expect(got.converged).toBe(true);
  });

  it('is a lower bound when stopped early, and exact (m = n) with enough steps', () => {
    const negatives = Array.from({ length: 30 }, (_, k) => -1 - k / 10);
    const n = 60;
    const A = planted([...negatives, ...Array.from({ length: n - 30 }, (_, k) => 1 + k)], 4);
    const early = lanczosIndex(operator(A), n, 1e-8, createRng(2, 9), 2, 12);
    expect(early.steps).toBe(12);
    expect(early.negative).toBeLessThanOrEqual(30);
    expect(early.converged).toBe(false);
    const full = lanczosIndex(operator(A), n, 1e-8, createRng(2, 9), 2, n);
    expect(full.negative).toBe(30);
  });
});

describe.each([
  { name: 'linear', model: linearModel as Model },
  { name: 'tied', model: tiedModel as Model },
])('lanczosIndex on the $name autoencoder at every critical point (D = 7, d = 3)', ({ model }) => {
  const D = 7;
  const d = 3;
  const z = testNormals(11, 4 * D * D);
  const X = Array.from({ length: 4 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.25 ** -i));
  const sigma = mat(X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, row) => s + row[i] * row[j], 0))));
  const eigen = eigenSymmetricFast(sigma);
  const land: Landscape = { sigma, eigen, d, τ: tolerance(eigen.values), μ: decayProfile(0, d, 'uniform') };
  const set = model.criticalSet!;
  const table = set.enumerate(land);
  it('matches the closed-form index and the dense inertia at every point, in a random gauge', () => {
    expect(table.count).toBeGreaterThan(30);
    for (let r = 0; r < table.count; r++) {
      const I = Array.from(table.I.subarray(table.offsets[r], table.offsets[r + 1]));
      const θ = set.representative(land, I, createRng(r, 77));
      const dense = inertiaFromEigenvalues(symmetricEigenvalues(model.hessian(land, θ)), land.τ);
      const got = lanczosIndex(model.hessianOperator(land, θ), θ.length, land.τ, createRng(r, 78), d + 2);
      expect(got.negative, `I = {${I}}`).toBe(dense.negative);
      expect(got.negative, `I = {${I}}`).toBe(set.inertia(land, I).index);
      expect(got.converged).toBe(true);
    }
  });
});
