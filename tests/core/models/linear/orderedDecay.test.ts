/**
 * The ordered-decay closed forms (src/core/models/linear/orderedDecay.ts) against the exact decayed
 * Hessian of the linear model (hessian.ts + decay.ts, themselves held against finite differences in
 * decay.test.ts) and a numerical Hessian of the tied model, at every critical point of random Σ.
 */
import { describe, expect, it } from 'vitest';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import type { Matrix } from '../../../../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { addDecayGradient, addDecayHessian, decayLoss, decayProfile } from '../../../../src/core/models/linear/decay';
import { hessianMatrix } from '../../../../src/core/models/linear/hessian';
import { lossAndGradient } from '../../../../src/core/models/linear/lossAndGradient';
import { orderedAssignments, orderedInertia, orderedLoss, orderedRepresentative } from '../../../../src/core/models/linear/orderedDecay';
import { centralDifferences, mat, symmetrisedMatrix, testNormals } from '../../../helpers';

function sigmaOf(seed: number, D: number): Matrix {
  const z = testNormals(seed, 3 * D * D);
  const X = Array.from({ length: 3 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.45 ** -i));
  return mat(X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, row) => s + row[i] * row[j], 0))));
}

/** Loss and gradient of the decayed linear model at θ = [A, B]. */
function linear(sigma: Matrix, θ: Float64Array, d: number, μ: Float64Array): { loss: number; gradient: Float64Array } {
  const D = sigma.rows;
  const A = { rows: D, cols: d, data: θ.subarray(0, D * d) };
  const B = { rows: d, cols: D, data: θ.subarray(D * d) };
  const { loss, gradA, gradB } = lossAndGradient(sigma, A, B);
  addDecayGradient(μ, A, B, gradA, gradB);
  return { loss: loss + decayLoss(μ, A, B), gradient: Float64Array.from([...gradA.data, ...gradB.data]) };
}

/** The tied model at θ = B: L(Bᵀ, B) with its gradient ∇_B + (∇_A)ᵀ. */
function tied(sigma: Matrix, θB: Float64Array, d: number, μ: Float64Array): { loss: number; gradient: Float64Array } {
  const D = sigma.rows;
  const θ = new Float64Array(2 * D * d);
  for (let r = 0; r < D; r++) for (let c = 0; c < d; c++) θ[r * d + c] = θB[c * D + r];
  θ.set(θB, D * d);
  const { loss, gradient: g } = linear(sigma, θ, d, μ);
  const out = new Float64Array(d * D);
  for (let j = 0; j < d; j++) for (let c = 0; c < D; c++) out[j * D + c] = g[D * d + j * D + c] + g[c * d + j];
  return { loss, gradient: out };
}

describe.each([
  { D: 5, d: 2, seed: 3, wd: 0.1 },
  { D: 5, d: 2, seed: 4, wd: 0.6 },
  { D: 6, d: 3, seed: 5, wd: 0.3 },
])('ordered decay μ_j = wd · λ₁ · j/d, D = $D, d = $d, wd = $wd', ({ D, d, seed, wd }) => {
  const sigma = sigmaOf(seed, D);
  const eigen = eigenSymmetricFast(sigma);
  const λ = eigen.values;
  const μ = decayProfile(wd * λ[0], d, 'ordered');
  const points = orderedAssignments(λ, μ);

  it('the critical points are the injective partial assignments with λ_σ(j) > μ_j (counted by brute force)', () => {
    let count = 0;
    const choices = Array.from({ length: D + 1 }, (_, i) => (i === 0 ? null : i));
    const walk = (σ: (number | null)[]) => {
      if (σ.length === d) {
        const used = σ.filter((i) => i !== null);
        if (new Set(used).size === used.length && σ.every((i, j) => i === null || λ[i - 1] > μ[j])) count++;
        return;
      }
      for (const c of choices) walk([...σ, c]);
    };
    walk([]);
    expect(points.length).toBe(count);
    expect(new Set(points.map((σ) => σ.join())).size).toBe(count);
  });

  it('linear model: each is critical, has loss L(σ), and the exact Hessian has the closed-form inertia (no zeros)', () => {
    const n = 2 * D * d;
    for (const σ of points) {
      const θ = orderedRepresentative(eigen, μ, σ, false);
      const { loss, gradient } = linear(sigma, θ, d, μ);
      expect(Math.hypot(...gradient), `σ = ${σ}`).toBeLessThanOrEqual(1e-12 * λ[0] * n);
      expect(Math.abs(loss - orderedLoss(λ, μ, σ))).toBeLessThanOrEqual(1e-12 * λ[0] * n);
      const H = hessianMatrix(sigma, { rows: D, cols: d, data: θ.subarray(0, D * d) }, { rows: d, cols: D, data: θ.subarray(D * d) });
      addDecayHessian(μ, H, D, d);
      const c = inertiaFromEigenvalues(symmetricEigenvalues(H), 1e-9 * λ[0]);
      expect({ index: c.negative, zeros: c.zero, positive: c.positive }, `σ = ${σ}`).toEqual(orderedInertia(λ, μ, σ, n));
    }
  });

  it('tied model: the same points, losses and index in its dD parameters (numerical Hessian)', () => {
    const n = d * D;
    for (const σ of points) {
      const θ = orderedRepresentative(eigen, μ, σ, true);
      const { loss, gradient } = tied(sigma, θ, d, μ);
      expect(Math.hypot(...gradient), `σ = ${σ}`).toBeLessThanOrEqual(1e-12 * λ[0] * n);
      expect(Math.abs(loss - orderedLoss(λ, μ, σ))).toBeLessThanOrEqual(1e-12 * λ[0] * n);
      const H = symmetrisedMatrix(centralDifferences((t) => tied(sigma, t, d, μ).gradient, θ, 1e-6));
      const c = inertiaFromEigenvalues(symmetricEigenvalues(H), 1e-6 * λ[0]);
      expect({ index: c.negative, zeros: c.zero, positive: c.positive }, `σ = ${σ}`).toEqual(orderedInertia(λ, μ, σ, n));
    }
  });

  it('the one minimum (index 0, lowest loss) puts unit j on u_j', () => {
    const minima = points.filter((σ) => orderedInertia(λ, μ, σ, 2 * D * d).index === 0);
    const expected = Array.from({ length: d }, (_, j) => (λ[j] > μ[j] ? j + 1 : null));
    expect(minima).toEqual([expected]);
    const lowest = Math.min(...points.map((σ) => orderedLoss(λ, μ, σ)));
    expect(orderedLoss(λ, μ, expected)).toBe(lowest);
  });
});

describe('ordered decay: refusals', () => {
  const eigen = eigenSymmetricFast(sigmaOf(3, 5));
  const μ = decayProfile(0.6 * eigen.values[0], 2, 'ordered');
  it('an eigenvector used twice, a unit that cannot learn its direction, or the wrong number of units', () => {
    expect(() => orderedLoss(eigen.values, μ, [1, 1])).toThrow('u_1 is assigned to two units');
    expect(() => orderedLoss(eigen.values, μ, [null, 5])).toThrow('unit 2 cannot learn u_5: λ_5 ≤ μ_2');
    expect(() => orderedInertia(eigen.values, μ, [1], 20)).toThrow('σ assigns 1 units, μ has 2');
  });
});
