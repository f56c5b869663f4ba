/**
 * The linear model's weight-decay term (src/core/models/linear/decay.ts) added to the undecayed
 * loss, gradient, Hessian and Hessian-vector product: against central differences of the decayed
 * loss and gradient written out here, for uniform and ordered μ_j, and, at the closed-form critical
 * points of weightDecay.ts, a zero gradient and the closed-form inertia from the exact Hessian.
 */
import { describe, expect, it } from 'vitest';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import type { Matrix } from '../../../../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { addDecayGradient, addDecayHessian, addDecayHessianVector, decayLoss, decayProfile } from '../../../../src/core/models/linear/decay';
import { hessianMatrix } from '../../../../src/core/models/linear/hessian';
import { hessianVectorProduct } from '../../../../src/core/models/linear/hessianVector';
import { lossAndGradient } from '../../../../src/core/models/linear/lossAndGradient';
import { decayedInertia, decayedRepresentative } from '../../../../src/core/models/linear/weightDecay';
import { centralDifferences, mat, naiveLoss, testNormals, toNested } from '../../../helpers';

const D = 5;
const d = 2;
const n = 2 * D * d;
const sigma = (() => {
  const z = testNormals(41, 3 * D * D);
  const X = Array.from({ length: 3 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.5 ** -i));
  return mat(X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, row) => s + row[i] * row[j], 0))));
})();
const blocks = (θ: Float64Array): { A: Matrix; B: Matrix } => ({
  A: { rows: D, cols: d, data: θ.subarray(0, D * d) },
  B: { rows: d, cols: D, data: θ.subarray(D * d) },
});
/** The decayed loss from nested arrays: tr(EΣEᵀ) + Σ_j μ_j (‖a_j‖² + ‖b_j‖²). */
function referenceLoss(θ: Float64Array, μ: Float64Array): number {
  const { A, B } = blocks(θ);
  const a = toNested(A);
  const b = toNested(B);
  let r = 0;
  for (let j = 0; j < d; j++) for (let i = 0; i < D; i++) r += μ[j] * (a[i][j] ** 2 + b[j][i] ** 2);
  return naiveLoss(toNested(sigma), a, b) + r;
}
function gradient(θ: Float64Array, μ: Float64Array): Float64Array {
  const { A, B } = blocks(θ);
  const { gradA, gradB } = lossAndGradient(sigma, A, B);
  addDecayGradient(μ, A, B, gradA, gradB);
  return Float64Array.from([...gradA.data, ...gradB.data]);
}
const λ1 = eigenSymmetricFast(sigma).values[0];

describe.each(['uniform', 'ordered'] as const)('the decay term, %s μ_j', (profile) => {
  const μ = decayProfile(0.2 * λ1, d, profile);
  const θ = Float64Array.from(testNormals(7, n), (v) => 0.4 * v);

  it('μ_j is μ for every unit (uniform) or μ · j/d (ordered)', () => {
    expect(Array.from(μ)).toEqual(profile === 'uniform' ? [0.2 * λ1, 0.2 * λ1] : [0.1 * λ1, 0.2 * λ1]);
  });

  it('loss and gradient: the decayed loss agrees with the reference, the gradient with its central differences', () => {
    const { A, B } = blocks(θ);
    expect(lossAndGradient(sigma, A, B).loss + decayLoss(μ, A, B)).toBeCloseTo(referenceLoss(θ, μ), 9);
    const g = gradient(θ, μ);
    const fd = centralDifferences((t) => [referenceLoss(t, μ)], θ, 1e-6).data;
    for (let i = 0; i < n; i++) expect(Math.abs(g[i] - fd[i])).toBeLessThanOrEqual(1e-5 * λ1);
  });

  it('Hessian and H·v: the exact Hessian plus the term equals central differences of the gradient; H·v equals H v', () => {
    const { A, B } = blocks(θ);
    const H = hessianMatrix(sigma, A, B);
    addDecayHessian(μ, H, D, d);
    const fd = centralDifferences((t) => gradient(t, μ), θ, 1e-6).data;
    for (let i = 0; i < n * n; i++) expect(Math.abs(H.data[i] - fd[i])).toBeLessThanOrEqual(1e-5 * λ1);
    const v = Float64Array.from(testNormals(8, n));
    const dir = blocks(v);
    const Hv = hessianVectorProduct(sigma, A, B, dir.A, dir.B);
    addDecayHessianVector(μ, dir.A, dir.B, Hv);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += H.data[i * n + j] * v[j];
      expect(Math.abs(Hv[i] - s)).toBeLessThanOrEqual(1e-10 * λ1 * n);
    }
  });
});

describe('uniform decay at the closed-form critical points (weightDecay.ts)', () => {
  const eigen = eigenSymmetricFast(sigma);
  const μ = 0.2 * λ1;
  const decay = decayProfile(μ, d, 'uniform');
  const learnable = Array.from({ length: D }, (_, i) => i + 1).filter((i) => eigen.values[i - 1] > μ);
  const points: number[][] = [[]];
  for (const i of learnable) points.push([i]);
  for (const i of learnable) for (const j of learnable) if (i < j) points.push([i, j]);

  it('each has a zero gradient (≤ 1e-12 · λ₁) and the closed-form inertia from the exact decayed Hessian', () => {
    expect(learnable.length).toBeLessThan(D);
    for (const I of points) {
      const θ = decayedRepresentative(eigen, I, d, μ, false);
      expect(Math.hypot(...gradient(θ, decay)), `{${I}}`).toBeLessThanOrEqual(1e-12 * λ1 * n);
      const { A, B } = blocks(θ);
      const H = hessianMatrix(sigma, A, B);
      addDecayHessian(decay, H, D, d);
      const counts = inertiaFromEigenvalues(symmetricEigenvalues(H), 1e-9 * λ1);
      const closed = decayedInertia(eigen.values, I, d, μ, n);
      expect({ index: counts.negative, zeros: counts.zero, positive: counts.positive }, `{${I}}`).toEqual(closed);
    }
  });
});
