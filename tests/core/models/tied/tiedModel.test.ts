/**
 * The tied model and the weight-decayed linear model behind the Model interface (docs/design.md §5):
 * gradients against central differences, Hessian-vector products against the dense Hessian, every
 * critical point of the closed form (random gauge) against the exact Hessian's inertia, and training
 * in the eigenbasis (foldedWorkspace.ts) against plain gradient descent in the original basis written
 * out here with nested arrays.
 */
import { describe, expect, it } from 'vitest';
import { secondMoment } from '../../../../src/core/data/secondMoment';
import { tolerance } from '../../../../src/core/landscape/diagnostics';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import { multiply } from '../../../../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { decayProfile } from '../../../../src/core/models/linear/decay';
import { linearModel } from '../../../../src/core/models/linear/linearModel';
import { type Landscape, type Model, parameterCount } from '../../../../src/core/models/model';
import { tiedModel } from '../../../../src/core/models/tied/tiedModel';
import { createRng } from '../../../../src/core/random/random';
import { centralDifferences, eye, mat, nmul, nsub, ntrans, testData, testNormals, toNested } from '../../../helpers';

function landscape(wd: number, d: number): Landscape {
  const sigma = secondMoment(mat(testData(7, 40, [2, 1.5, 1.1, 0.7, 0.4, 0.2])));
  const eigen = eigenSymmetricFast(sigma);
  return { sigma, eigen, d, τ: tolerance(eigen.values), μ: decayProfile(wd * eigen.values[0], d, 'uniform') };
}
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));
const randomθ = (seed: number, n: number, s = 0.5) => Float64Array.from(testNormals(seed, n), (x) => s * x);

/** Plain gradient descent in the original basis, nested arrays: ∇_A = −2EΣBᵀ + 2μA, ∇_B = −2AᵀEΣ + 2μB; tied: B − η(∇_B + ∇_Aᵀ). */
function referenceDescent(S: number[][], A0: number[][], B0: number[][], μ: number, eta: number, steps: number, tied: boolean) {
  let A = A0.map((r) => r.slice());
  let B = B0.map((r) => r.slice());
  const D = S.length;
  for (let s = 0; s < steps; s++) {
    const E = nsub(eye(D), nmul(A, B));
    const gA = nmul(nmul(E, S), ntrans(B)).map((r, i) => r.map((x, j) => -2 * x + 2 * μ * A[i][j]));
    const gB = nmul(nmul(ntrans(A), E), S).map((r, i) => r.map((x, j) => -2 * x + 2 * μ * B[i][j]));
    if (tied) {
      B = B.map((r, i) => r.map((x, j) => x - eta * (gB[i][j] + gA[j][i])));
      A = ntrans(B);
    } else {
      A = A.map((r, i) => r.map((x, j) => x - eta * gA[i][j]));
      B = B.map((r, i) => r.map((x, j) => x - eta * gB[i][j]));
    }
  }
  return { A, B };
}

describe.each([
  { model: tiedModel as Model, wd: 0 },
  { model: tiedModel as Model, wd: 0.1 },
  { model: linearModel as Model, wd: 0.1 },
  { model: tiedModel as Model, wd: 0.3 },
  { model: linearModel as Model, wd: 0.3 },
])('$model.id, wd = $wd', ({ model, wd }) => {
  const d = 2;
  const D = 6;
  const land = landscape(wd, d);
  const n = parameterCount(model, D, d);
  const λ = land.eigen.values;

  it('n is dD (tied) or 2dD (linear); the gradient matches central differences of the loss', () => {
    expect(n).toBe(model.id === 'tied' ? D * d : 2 * D * d);
    const θ = randomθ(3, n);
    const { loss, gradient } = model.gradient(land, θ);
    expect(loss).toBeCloseTo(model.loss(land, θ), 12);
    const fd = centralDifferences((t) => [model.loss(land, t)], θ, 1e-5).data;
    expect(norm(gradient.map((g, i) => g - fd[i]))).toBeLessThan(1e-6 * norm(gradient));
  });

  it('hessianVector equals the dense Hessian times v, and the Hessian is the gradient’s central differences', () => {
    const θ = randomθ(4, n);
    const H = model.hessian(land, θ);
    const v = randomθ(5, n, 1);
    const dense = multiply(H, { rows: n, cols: 1, data: v }).data;
    expect(norm(model.hessianVector(land, θ, v).map((x, i) => x - dense[i]))).toBeLessThan(1e-12 * norm(dense));
    const fd = centralDifferences((t) => model.gradient(land, t).gradient, θ, 1e-5);
    expect(Math.max(...fd.data.map((x, k) => Math.abs(x - H.data[k])))).toBeLessThan(1e-6 * λ[0]);
  });

  it('every listed critical point, in a random gauge, is critical, has the table’s loss, its Hessian has the closed-form inertia, and is its own nearest point', () => {
    const set = model.criticalSet;
    if (!set) throw new Error('closed form expected');
    const table = set.enumerate(land);
    expect(table.complete).toBe(true);
    const learnable = λ.filter((l) => l > land.μ[0]).length;
    expect(table.count).toBe(1 + learnable + (learnable * (learnable - 1)) / 2);
    for (let r = 0; r < table.count; r++) {
      const I = Array.from(table.I.subarray(table.offsets[r], table.offsets[r + 1]));
      const θ = set.representative(land, I, createRng(11, r));
      const { loss, gradient } = model.gradient(land, θ);
      expect(norm(gradient), `{${I}}`).toBeLessThan(1e-9 * λ[0]);
      expect(Math.abs(loss - table.loss[r])).toBeLessThan(1e-10 * λ[0]);
      expect(set.loss(land, I)).toBeCloseTo(table.loss[r], 10);
      const counts = inertiaFromEigenvalues(symmetricEigenvalues(model.hessian(land, θ)), land.τ);
      expect(counts, `{${I}}`).toEqual({ negative: table.index[r], zero: table.zeros[r], positive: table.positive[r] });
      expect(set.inertia(land, I)).toEqual({ index: table.index[r], zeros: table.zeros[r], positive: table.positive[r] });
      expect(set.nearest(land, θ)).toEqual(I);
    }
    expect(set.globalMinimumLoss(land)).toBeCloseTo(Math.min(...table.loss), 12);
  });

  it('training in the eigenbasis equals plain gradient descent in the original basis (1e-10), and the losses it records are the model’s', () => {
    const θ0 = model.initialParameters(1, 0, D, d, 0.3, 'random');
    const eta = 0.1 / λ[0];
    const run = model.train(land, θ0, { eta, steps: 60, snapshots: false });
    const S = toNested(land.sigma);
    const B0 = toNested({ rows: d, cols: D, data: θ0.subarray(model.id === 'tied' ? 0 : D * d) });
    const A0 = model.id === 'tied' ? ntrans(B0) : toNested({ rows: D, cols: d, data: θ0.subarray(0, D * d) });
    const ref = referenceDescent(S, A0, B0, land.μ[0], eta, 60, model.id === 'tied');
    const expected = model.id === 'tied' ? ref.B.flat() : [...ref.A.flat(), ...ref.B.flat()];
    const final = run.final as Float64Array;
    expect(Math.max(...expected.map((x, i) => Math.abs(x - final[i])))).toBeLessThan(1e-10);
    expect(run.loss[run.loss.length - 1]).toBeCloseTo(model.loss(land, final), 10);
  });

  it('a long run from a small start ends at the minimum, W = Σ_{i≤d} (1 − μ/λ_i) u_i u_iᵀ to 1e-6', () => {
    const θ0 = model.initialParameters(2, 1, D, d, 0.01, 'random');
    const run = model.train(land, θ0, { eta: 0.2 / λ[0], steps: 20_000, snapshots: false });
    const final = run.final as Float64Array;
    const B = { rows: d, cols: D, data: final.subarray(model.id === 'tied' ? 0 : D * d) };
    const A = model.id === 'tied' ? mat(ntrans(toNested(B))) : { rows: D, cols: d, data: final.subarray(0, D * d) };
    const W = multiply(A, B);
    const { U } = land.eigen;
    for (let r = 0; r < D; r++)
      for (let c = 0; c < D; c++) {
        let w = 0;
        for (let i = 0; i < d; i++) w += (1 - land.μ[0] / λ[i]) * U.data[r * D + i] * U.data[c * D + i];
        expect(Math.abs(W.data[r * D + c] - w)).toBeLessThan(1e-6);
      }
    expect(run.visited[run.visited.length - 1].I).toEqual([1, 2]);
  });
});
