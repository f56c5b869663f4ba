import { describe, expect, it } from 'vitest';
import { secondMoment } from '../../../../src/core/data/secondMoment';
import { tolerance } from '../../../../src/core/landscape/diagnostics';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import { type Matrix, multiply, transpose } from '../../../../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { eigenbasisGradientDescent } from '../../../../src/core/models/linear/eigenbasisTraining';
import { hessianMatrix } from '../../../../src/core/models/linear/hessian';
import { hessianVectorProduct } from '../../../../src/core/models/linear/hessianVector';
import { initialWeights } from '../../../../src/core/models/linear/initialWeights';
import { linearModel } from '../../../../src/core/models/linear/linearModel';
import { hessianScopeFor, type Landscape, MODEL_IDS, parameterCount, unpackBlocks } from '../../../../src/core/models/model';
import { modelFor } from '../../../../src/core/models/registry';
import { createRng } from '../../../../src/core/random/random';
import { mat, naiveLoss, testData, testNormals, toNested } from '../../../helpers';

/** A landscape of T samples with axis scales `scales` (distinct eigenvalues), hidden width d. */
function landscape(seed: number, T: number, scales: number[], d: number): Landscape {
  const sigma = secondMoment(mat(testData(seed, T, scales)));
  const eigen = eigenSymmetricFast(sigma);
  return { sigma, eigen, d, τ: tolerance(eigen.values), μ: new Float64Array(d) };
}

const randomθ = (seed: number, n: number, s = 0.5) => Float64Array.from(testNormals(seed, n), (x) => s * x);
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));

/** H v by central differences of the analytic gradient, step h. */
function fdHessianVector(land: Landscape, θ: Float64Array, v: Float64Array, h: number): Float64Array {
  const plus = linearModel.gradient(
    land,
    θ.map((x, i) => x + h * v[i]),
  ).gradient;
  const minus = linearModel.gradient(
    land,
    θ.map((x, i) => x - h * v[i]),
  ).gradient;
  return plus.map((p, i) => (p - minus[i]) / (2 * h));
}

describe('the linear model behind the Model interface', () => {
  const land = landscape(3, 40, [2, 1.5, 1.1, 0.7, 0.4, 0.2], 2);
  const D = 6;
  const d = 2;

  it('is the registry’s default; θ is A (D × d) then B (d × D), 2Dd entries', () => {
    expect(MODEL_IDS).toEqual(['linear', 'tied', 'relu']);
    // The ReLU model is drawn against the linear landscape of its own sample (registry.ts, sampledModel).
    expect(modelFor('relu')).toBe(linearModel);
    expect(modelFor('linear')).toBe(linearModel);
    expect(linearModel.blocks(D, d)).toEqual([
      { name: 'A', rows: 6, cols: 2 },
      { name: 'B', rows: 2, cols: 6 },
    ]);
    expect(parameterCount(linearModel, D, d)).toBe(24);
    const θ = randomθ(1, 24);
    const { A, B } = unpackBlocks(linearModel.blocks(D, d), θ);
    expect([A.rows, A.cols, B.rows, B.cols]).toEqual([6, 2, 2, 6]);
    expect([...A.data, ...B.data]).toEqual([...θ]);
    expect(() => unpackBlocks(linearModel.blocks(D, d), θ.subarray(1))).toThrow(/23 entries, the blocks 24/);
  });

  it('loss(θ) = tr((I − AB) Σ (I − AB)ᵀ), by full D × D products', () => {
    const θ = randomθ(2, 24);
    const { A, B } = unpackBlocks(linearModel.blocks(D, d), θ);
    const ref = naiveLoss(toNested(land.sigma), toNested(A), toNested(B));
    expect(Math.abs(linearModel.loss(land, θ) - ref)).toBeLessThan(1e-12 * ref);
  });

  it('gradient(θ) matches central differences of the loss (relative 1e-6)', () => {
    const θ = randomθ(3, 24);
    const { loss, gradient } = linearModel.gradient(land, θ);
    expect(loss).toBeCloseTo(linearModel.loss(land, θ), 12);
    const h = 1e-5;
    const fd = Array.from({ length: 24 }, (_, i) => {
      const e = (s: number) => θ.map((x, j) => (j === i ? x + s : x));
      return (linearModel.loss(land, e(h)) - linearModel.loss(land, e(-h))) / (2 * h);
    });
    expect(norm(gradient.map((g, i) => g - fd[i]))).toBeLessThan(1e-6 * norm(gradient));
  });

  it('hessianVector(θ, v) equals the dense Hessian times v (1e-12), and central differences of the gradient (1e-6), at random points and at critical points', () => {
    const points = [randomθ(4, 24), randomθ(5, 24, 2), linearModel.criticalSet?.representative(land, [1, 3], createRng(9, 1)) as Float64Array];
    for (const [k, θ] of points.entries()) {
      const H = linearModel.hessian(land, θ);
      for (let trial = 0; trial < 4; trial++) {
        const v = randomθ(100 * k + trial, 24, 1);
        const Hv = linearModel.hessianVector(land, θ, v);
        const dense = multiply(H, { rows: 24, cols: 1, data: v }).data;
        expect(norm(Hv.map((x, i) => x - dense[i]))).toBeLessThan(1e-12 * Math.max(1, norm(dense)));
        const fd = fdHessianVector(land, θ, v, 1e-5);
        expect(norm(Hv.map((x, i) => x - fd[i]))).toBeLessThan(1e-6 * Math.max(1, norm(Hv)));
      }
    }
  });

  it('one hessianOperator(θ) applied to many directions, in any order, gives the dense Hessian times each (1e-12): nothing carries over between them', () => {
    const θ = randomθ(6, 24);
    const H = linearModel.hessian(land, θ);
    const apply = linearModel.hessianOperator(land, θ);
    const vs = [1, 2, 3].map((s) => randomθ(200 + s, 24, 1));
    for (const v of [...vs, ...vs.reverse()]) {
      const dense = multiply(H, { rows: 24, cols: 1, data: v }).data;
      const Hv = apply(v);
      expect(norm(Hv.map((x, i) => x - dense[i]))).toBeLessThan(1e-12 * Math.max(1, norm(dense)));
    }
  });

  it('hessianVectorProduct on a non-square hidden layer (D = 5, d = 3) and a non-symmetric Σ input agrees with hessianMatrix', () => {
    const S = mat(testData(8, 30, [1.3, 1, 0.8, 0.5, 0.1]).slice(0, 5)); // 5 × 5, not symmetric
    const rand = (seed: number, r: number, c: number): Matrix => ({ rows: r, cols: c, data: Float64Array.from(testNormals(seed, r * c)) });
    const [A, B, dA, dB] = [rand(1, 5, 3), rand(2, 3, 5), rand(3, 5, 3), rand(4, 3, 5)];
    const Hv = hessianVectorProduct(S, A, B, dA, dB);
    const v = Float64Array.from([...dA.data, ...dB.data]);
    const dense = multiply(hessianMatrix(S, A, B), { rows: 30, cols: 1, data: v }).data;
    expect(norm(Hv.map((x, i) => x - dense[i]))).toBeLessThan(1e-12 * norm(dense));
  });

  it('the critical set: each representative is critical, realises W_I, has loss L(I), and its Hessian’s inertia is the closed form’s', () => {
    const set = linearModel.criticalSet;
    if (!set) throw new Error('the linear model has a closed form');
    const λ = land.eigen.values;
    for (const I of [[], [1], [4], [1, 2], [2, 5], [5, 6]]) {
      for (const gauge of [undefined, createRng(11, 1000)]) {
        const θ = set.representative(land, I, gauge);
        const { loss, gradient } = linearModel.gradient(land, θ);
        expect(norm(gradient)).toBeLessThan(1e-9 * λ[0]);
        expect(Math.abs(loss - set.loss(land, I))).toBeLessThan(1e-10 * λ[0]);
        const { A, B } = unpackBlocks(linearModel.blocks(D, d), θ);
        const W = multiply(A, B);
        const U_I = {
          rows: D,
          cols: I.length,
          data: Float64Array.from({ length: D * I.length }, (_, k) => land.eigen.U.data[Math.floor(k / I.length) * D + I[k % I.length] - 1]),
        };
        const WI = multiply(U_I, transpose(U_I));
        expect(Math.max(...W.data.map((x, k) => Math.abs(x - WI.data[k])))).toBeLessThan(1e-10);
        const counts = inertiaFromEigenvalues(symmetricEigenvalues(linearModel.hessian(land, θ)), land.τ);
        const closed = set.inertia(land, I);
        expect(counts).toEqual({ negative: closed.index, zero: closed.zeros, positive: closed.positive });
        expect(set.nearest(land, θ)).toEqual(I);
      }
    }
    expect(set.globalMinimumLoss(land)).toBeCloseTo(set.loss(land, [1, 2]), 10);
  });

  it('initialParameters packs initialWeights, and train is eigenbasisGradientDescent with the same iterates', () => {
    const θ0 = linearModel.initialParameters(1, 2, D, d, 0.01, 'random');
    const { A0, B0 } = initialWeights(1, 2, D, d, 0.01, 'random');
    expect([...θ0]).toEqual([...A0.data, ...B0.data]);
    const eta = 0.2 / land.eigen.values[0];
    const run = linearModel.train(land, θ0, { eta, steps: 500, snapshots: true });
    const gd = eigenbasisGradientDescent({ eigen: land.eigen, A0, B0, eta, steps: 500, snapshots: true });
    expect(run.loss).toEqual(gd.loss);
    expect(run.visited).toEqual(gd.visited);
    expect([...(run.final ?? [])]).toEqual([...(gd.A?.data ?? []), ...(gd.B?.data ?? [])]);
    expect(run.records.snapshots?.length).toBe(gd.step.length);
    expect(run.records.learned).toEqual(gd.learned);
  });

  it('the Hessian scope follows the parameter count: every point up to 64, the selected one up to 600, none above', () => {
    expect([64, 65, 600, 601].map(hessianScopeFor)).toEqual(['allPoints', 'onDemand', 'onDemand', 'closedFormOnly']);
    expect(linearModel.hessianScope(8, 4)).toBe('allPoints');
    expect(linearModel.hessianScope(40, 2)).toBe('onDemand');
    expect(linearModel.hessianScope(200, 4)).toBe('closedFormOnly');
  });
});
