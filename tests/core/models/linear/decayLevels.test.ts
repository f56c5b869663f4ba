/**
 * The loss levels as μ grows (src/core/models/linear/decayLevels.ts, docs/design.md §5): each
 * level is the model's loss at its closed-form point for that μ, it starts at the seed's
 * tr Σ − Σ_{i∈I} λ_i, ends on its neighbour's level, and the index at a μ is the exact Hessian's.
 */
import { describe, expect, it } from 'vitest';
import { secondMoment } from '../../../../src/core/data/secondMoment';
import { tolerance } from '../../../../src/core/landscape/diagnostics';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { decayLevels, levelsAt } from '../../../../src/core/models/linear/decayLevels';
import { linearModel } from '../../../../src/core/models/linear/linearModel';
import type { Landscape } from '../../../../src/core/models/model';
import { mat, testData } from '../../../helpers';

const sigma = secondMoment(mat(testData(11, 40, [2, 1.5, 1.1, 0.7, 0.4])));
const eigen = eigenSymmetricFast(sigma);
const λ = eigen.values;
const D = 5;
const d = 2;
const land = (μ: number): Landscape => ({ sigma, eigen, d, τ: tolerance(λ), μ: Float64Array.from({ length: d }, () => μ) });
const trΣ = λ.reduce((a, x) => a + x, 0);

describe('loss levels as the weight decay μ grows', () => {
  const curves = decayLevels(λ, d);

  it('draws every I ⊆ {1..5} with |I| ≤ 2 once: 1 + 5 + 10 sets', () => {
    expect(curves.map((c) => c.I.join(','))).toHaveLength(16);
    expect(new Set(curves.map((c) => c.I.join(','))).size).toBe(16);
  });

  it('each level is the linear model’s loss at I’s closed-form point for that μ, from tr Σ − Σλ_i at μ = 0', () => {
    for (const c of curves) {
      expect(c.L[0]).toBeCloseTo(trΣ - c.I.reduce((a, i) => a + λ[i - 1], 0), 10);
      for (const s of [5, 20, 40]) {
        const μ = c.μ[s];
        const θ = linearModel.criticalSet!.representative(land(μ), c.I);
        expect(Math.abs(linearModel.loss(land(μ), θ) - c.L[s])).toBeLessThan(1e-10 * trΣ);
      }
    }
  });

  it('each level ends where μ reaches its smallest λ_i, on the level of I without i', () => {
    for (const c of curves.filter((c) => c.I.length > 0)) {
      const end = Math.min(...c.I.map((i) => λ[i - 1]));
      expect(c.μ.at(-1)).toBeCloseTo(end, 12);
      const without = c.I.filter((i) => λ[i - 1] > end);
      const neighbour = linearModel.criticalSet!.loss(land(end * (1 - 1e-12)), without);
      expect(Math.abs(c.L.at(-1)! - neighbour)).toBeLessThan(1e-9 * trΣ);
      // Continuous: the step before the end is close to it.
      expect(Math.abs(c.L.at(-2)! - c.L.at(-1)!)).toBeLessThan(0.1 * trΣ);
    }
  });

  it('at a μ the sets still learnable are listed with the exact Hessian’s Morse index', () => {
    for (const wd of [0.05, 0.3, 0.6]) {
      const μ = wd * λ[0];
      const at = levelsAt(λ, d, μ, 2 * D * d);
      expect(at.length).toBe(curves.filter((c) => c.I.every((i) => λ[i - 1] > μ)).length);
      for (const { I, L, index } of at) {
        const θ = linearModel.criticalSet!.representative(land(μ), I);
        const counts = inertiaFromEigenvalues(symmetricEigenvalues(linearModel.hessian(land(μ), θ)), 1e-8 * λ[0]);
        expect(counts.negative, `I = {${I}}, wd = ${wd}`).toBe(index);
        expect(Math.abs(linearModel.loss(land(μ), θ) - L)).toBeLessThan(1e-10 * trΣ);
      }
    }
  });
});
