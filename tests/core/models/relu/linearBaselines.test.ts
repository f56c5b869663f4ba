import { describe, expect, it } from 'vitest';
import { evaluationSample, importanceWeights } from '../../../../src/core/models/relu/features';
import {
  centredCovariance,
  importanceScaled,
  linearBaselines,
  linearNoBiasLoss,
  linearOptimumLoss,
  secondMoment,
} from '../../../../src/core/models/relu/linearBaselines';
import { eigenSymmetric } from '../../../../src/core/reference/eigenMathjs';
import { mat, testNormals } from '../../../helpers';

/** (1/N) Σ_t Σ_i I_i (x_ti − x′_ti)² of the linear map y ↦ M y + c on y = x ⊙ √I (x′ = y′ / √I), from the definition. */
function weightedLinearLoss(X: Float64Array, D: number, I: Float64Array, M: number[][], c: number[]): number {
  const N = X.length / D;
  let L = 0;
  for (let t = 0; t < N; t++) {
    const y = Array.from({ length: D }, (_, i) => X[t * D + i] * Math.sqrt(I[i]));
    for (let i = 0; i < D; i++) {
      const yi = c[i] + M[i].reduce((s, m, j) => s + m * y[j], 0);
      L += I[i] * (X[t * D + i] - yi / Math.sqrt(I[i])) ** 2;
    }
  }
  return L / N;
}

/** The rows × D moment (1/N) Σ (y − c)(y − c)ᵀ from the definition, c = ȳ or 0. */
function naiveMoment(X: Float64Array, D: number, I: Float64Array, centred: boolean): { M: number[][]; mean: number[] } {
  const N = X.length / D;
  const Y = Array.from({ length: N }, (_, t) => Array.from({ length: D }, (_, i) => X[t * D + i] * Math.sqrt(I[i])));
  const mean = Array.from({ length: D }, (_, i) => (centred ? Y.reduce((s, y) => s + y[i], 0) / N : 0));
  const M = Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => Y.reduce((s, y) => s + (y[i] - mean[i]) * (y[j] - mean[j]), 0) / N));
  return { M, mean };
}

/** P = U_d U_dᵀ from mathjs's eigs (the cross-check solver), the top-d eigenvectors of M. */
function topProjection(M: number[][], d: number): number[][] {
  const { U } = eigenSymmetric(mat(M));
  const D = M.length;
  return Array.from({ length: D }, (_, i) =>
    Array.from({ length: D }, (_, j) => Array.from({ length: d }, (_, k) => U.data[i * D + k] * U.data[j * D + k]).reduce((s, v) => s + v, 0)),
  );
}

describe('linear baselines on the ReLU model’s sample and weighting', () => {
  const cases = [
    { D: 5, d: 2, S: 0.9, r: 0.9, seed: 1 },
    { D: 5, d: 2, S: 0, r: 0.9, seed: 2 },
    { D: 7, d: 3, S: 0.7, r: 0.8, seed: 3 },
  ];

  it('with a bias: equals the loss of the PCA autoencoder y ↦ ȳ + U_d U_dᵀ (y − ȳ) on the sample (mathjs eigs), and no random rank-d map with a bias beats it', () => {
    for (const { D, d, S, r, seed } of cases) {
      const X = evaluationSample(seed, D, S, 600);
      const I = importanceWeights(D, r);
      const { M, mean } = naiveMoment(X, D, I, true);
      const P = topProjection(M, d);
      const c = mean.map((m, i) => m - P[i].reduce((s, p, j) => s + p * mean[j], 0)); // (I − P) ȳ
      const brute = weightedLinearLoss(X, D, I, P, c);
      const L = linearOptimumLoss(X, D, d, I);
      expect(Math.abs(L - brute)).toBeLessThan(1e-12);
      expect(linearBaselines(X, D, d, I).optimumLoss).toBe(L);
      const z = testNormals(seed, 2 * D * d + D);
      const A = Array.from({ length: D }, (_, i) => Array.from({ length: d }, (_, k) => z[i * d + k]));
      const B = Array.from({ length: d }, (_, k) => Array.from({ length: D }, (_, j) => z[D * d + k * D + j]));
      const AB = A.map((row) => B[0].map((_, j) => row.reduce((s, a, k) => s + a * B[k][j], 0)));
      expect(weightedLinearLoss(X, D, I, AB, z.slice(2 * D * d))).toBeGreaterThan(L);
      expect(weightedLinearLoss(X, D, I, P, new Array(D).fill(0))).toBeGreaterThanOrEqual(L);
    }
  });

  it('without a bias: equals the loss of y ↦ U_d U_dᵀ y with U from the second moment (1/N) YᵀY', () => {
    for (const { D, d, S, r, seed } of cases) {
      const X = evaluationSample(seed, D, S, 600);
      const I = importanceWeights(D, r);
      const P = topProjection(naiveMoment(X, D, I, false).M, d);
      const L = linearNoBiasLoss(X, D, d, I);
      expect(Math.abs(L - weightedLinearLoss(X, D, I, P, new Array(D).fill(0)))).toBeLessThan(1e-12);
      expect(L).toBeGreaterThanOrEqual(linearOptimumLoss(X, D, d, I));
      expect(linearBaselines(X, D, d, I).noBiasLoss).toBe(L);
    }
  });

  it('the moments match their definitions, and λ(Σ) is every eigenvalue, descending, summing to tr Σ', () => {
    const D = 5;
    const X = evaluationSample(4, D, 0.8, 300);
    const I = importanceWeights(D, 0.7);
    const Y = importanceScaled(X, D, I);
    for (let k = 0; k < X.length; k++) expect(Y[k]).toBe(X[k] * Math.sqrt(I[k % D]));
    const sigma = naiveMoment(X, D, I, false).M;
    const C = naiveMoment(X, D, I, true).M;
    const ours = secondMoment(Y, D);
    const oursC = centredCovariance(Y, D);
    for (let i = 0; i < D; i++)
      for (let j = 0; j < D; j++) {
        expect(Math.abs(ours.data[i * D + j] - sigma[i][j])).toBeLessThan(1e-15);
        expect(Math.abs(oursC.data[i * D + j] - C[i][j])).toBeLessThan(1e-15);
      }
    const { secondMomentEigenvalues: lam, covarianceEigenvalues: mu } = linearBaselines(X, D, 2, I);
    expect(lam.length).toBe(D);
    for (let i = 1; i < D; i++) expect(lam[i]).toBeLessThanOrEqual(lam[i - 1]);
    const ref = eigenSymmetric(mat(sigma)).values;
    for (let i = 0; i < D; i++) expect(Math.abs(lam[i] - ref[i])).toBeLessThan(1e-14);
    expect(lam.reduce((s, v) => s + v, 0)).toBeCloseTo(
      sigma.reduce((s, row, i) => s + row[i], 0),
      14,
    );
    expect(mu.reduce((s, v) => s + v, 0)).toBeCloseTo(
      C.reduce((s, row, i) => s + row[i], 0),
      14,
    );
  });

  it('dense independent features (S = 0): the optimum with a bias is about Σ_{i>d} I_i / 12 (each feature’s variance), the sample’s own', () => {
    const D = 5;
    const I = importanceWeights(D, 0.9);
    const L = linearOptimumLoss(evaluationSample(9, D, 0), D, 2, I);
    expect(Math.abs(L - (I[2] + I[3] + I[4]) / 12)).toBeLessThan(0.01 * L);
  });
});
