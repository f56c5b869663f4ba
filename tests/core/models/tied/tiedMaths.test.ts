/**
 * The tied model's loss, gradient, Hessian and H·v (src/core/models/tied/tiedMaths.ts): against the
 * loss written out here with nested arrays (A = Bᵀ, decay 2Σ μ_j ‖b_j‖²) and central differences,
 * and at the closed-form critical points of uniform and ordered decay (weightDecay.ts,
 * orderedDecay.ts): a zero gradient and the closed-form inertia from the exact tied Hessian.
 */
import { describe, expect, it } from 'vitest';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { decayProfile } from '../../../../src/core/models/linear/decay';
import { orderedAssignments, orderedInertia, orderedRepresentative } from '../../../../src/core/models/linear/orderedDecay';
import { decayedInertia, decayedRepresentative } from '../../../../src/core/models/linear/weightDecay';
import { tiedHessian, tiedHessianVector, tiedLossAndGradient } from '../../../../src/core/models/tied/tiedMaths';
import { centralDifferences, mat, naiveLoss, ntrans, testNormals, toNested } from '../../../helpers';

const D = 5;
const d = 2;
const m = D * d;
const X = (() => {
  const z = testNormals(61, 3 * D * D);
  return Array.from({ length: 3 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.5 ** -i));
})();
const sigma = mat(X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, row) => s + row[i] * row[j], 0))));
const eigen = eigenSymmetricFast(sigma);
const λ = eigen.values;

/** tr((I − BᵀB) Σ (I − BᵀB)) + 2 Σ_j μ_j ‖b_j‖², from nested arrays. */
function referenceLoss(θ: Float64Array, μ: Float64Array): number {
  const B = toNested({ rows: d, cols: D, data: θ });
  return naiveLoss(toNested(sigma), ntrans(B), B) + 2 * B.reduce((s, row, j) => s + μ[j] * row.reduce((t, x) => t + x * x, 0), 0);
}

describe.each(['uniform', 'ordered'] as const)('tied model, %s decay', (profile) => {
  const μ = decayProfile(0.25 * λ[0], d, profile);
  const θ = Float64Array.from(testNormals(9, m), (v) => 0.5 * v);

  it('loss = the reference; gradient = central differences of it', () => {
    const { loss, gradient } = tiedLossAndGradient(sigma, θ, d, μ);
    expect(Math.abs(loss - referenceLoss(θ, μ))).toBeLessThanOrEqual(1e-12 * λ[0] * m);
    const fd = centralDifferences((t) => [referenceLoss(t, μ)], θ, 1e-6).data;
    for (let i = 0; i < m; i++) expect(Math.abs(gradient[i] - fd[i])).toBeLessThanOrEqual(1e-5 * λ[0]);
  });

  it('Hessian = central differences of the gradient, exactly symmetric; H·v = H v', () => {
    const H = tiedHessian(sigma, θ, d, μ);
    const fd = centralDifferences((t) => tiedLossAndGradient(sigma, t, d, μ).gradient, θ, 1e-6).data;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) {
        expect(Math.abs(H.data[i * m + j] - fd[i * m + j])).toBeLessThanOrEqual(1e-5 * λ[0]);
        expect(H.data[i * m + j]).toBe(H.data[j * m + i]);
      }
    const v = Float64Array.from(testNormals(10, m));
    const Hv = tiedHessianVector(sigma, θ, d, μ, v);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += H.data[i * m + j] * v[j];
      expect(Math.abs(Hv[i] - s)).toBeLessThanOrEqual(1e-10 * λ[0] * m);
    }
  });
});

describe('tied model at the closed-form critical points: zero gradient, closed-form inertia from the exact Hessian', () => {
  const inertiaAt = (θ: Float64Array, μ: Float64Array) => {
    const c = inertiaFromEigenvalues(symmetricEigenvalues(tiedHessian(sigma, θ, d, μ)), 1e-9 * λ[0]);
    return { index: c.negative, zeros: c.zero, positive: c.positive };
  };

  it('uniform μ = 0.2 λ₁: every I ⊆ {λ_i > μ}, |I| ≤ 2', () => {
    const μ = 0.2 * λ[0];
    const decay = decayProfile(μ, d, 'uniform');
    const learnable = [1, 2, 3, 4, 5].filter((i) => λ[i - 1] > μ);
    const points = [[], ...learnable.map((i) => [i]), ...learnable.flatMap((i) => learnable.filter((j) => j > i).map((j) => [i, j]))];
    for (const I of points) {
      const θ = decayedRepresentative(eigen, I, d, μ, true);
      expect(Math.hypot(...tiedLossAndGradient(sigma, θ, d, decay).gradient), `{${I}}`).toBeLessThanOrEqual(1e-12 * λ[0] * m);
      expect(inertiaAt(θ, decay), `{${I}}`).toEqual(decayedInertia(λ, I, d, μ, m));
    }
  });

  it('ordered μ_j = 0.3 λ₁ j/2: every assignment', () => {
    const μ = decayProfile(0.3 * λ[0], d, 'ordered');
    for (const σ of orderedAssignments(λ, μ)) {
      const θ = orderedRepresentative(eigen, μ, σ, true);
      expect(Math.hypot(...tiedLossAndGradient(sigma, θ, d, μ).gradient), `σ = ${σ}`).toBeLessThanOrEqual(1e-12 * λ[0] * m);
      expect(inertiaAt(θ, μ), `σ = ${σ}`).toEqual(orderedInertia(λ, μ, σ, m));
    }
  });
});
