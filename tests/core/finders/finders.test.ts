/**
 * Each finder of docs/design.md §6 (src/core/finders) run to a known saddle of a small model: from a
 * point 1e-3 away from the closed-form critical point I = {1,3} (linear model, a random GL(d) gauge)
 * and σ = (2,1) (the tied model under ordered decay), every method ends at ‖∇L‖² ≤ 1e-20 λ₁² (gradient-norm
 * minimisation on the second: 1e-10 λ₁², the default cutoff) with the loss of that point and the same nearest critical point; its ‖∇L‖² record starts at θ₀ and
 * does not rise under the line-searched methods.
 */
import { describe, expect, it } from 'vitest';
import { FINDER_METHODS, type FinderProblem, runFinder } from '../../../src/core/finders/finderRun';
import { tolerance } from '../../../src/core/landscape/diagnostics';
import { eigenSymmetricFast } from '../../../src/core/linalg/symmetricEigen';
import { decayProfile } from '../../../src/core/models/linear/decay';
import { linearModel } from '../../../src/core/models/linear/linearModel';
import type { Landscape, Model } from '../../../src/core/models/model';
import { tiedModel } from '../../../src/core/models/tied/tiedModel';
import { createRng } from '../../../src/core/random/random';
import { mat, testNormals } from '../../helpers';

const D = 4;
const d = 2;
const z = testNormals(7, 3 * D * D);
const X = Array.from({ length: 3 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.3 ** -i));
const sigma = mat(X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, row) => s + row[i] * row[j], 0))));
const eigen = eigenSymmetricFast(sigma);
const λ = eigen.values;
const landscape = (wd: number, profile: 'uniform' | 'ordered'): Landscape => ({ sigma, eigen, d, τ: tolerance(λ), μ: decayProfile(wd * λ[0], d, profile) });
const problemOf = (model: Model, land: Landscape): FinderProblem => ({
  gradient: (θ) => model.gradient(land, θ),
  hessianVector: (θ, v) => model.hessianVector(land, θ, v),
});

describe.each([
  { name: 'linear, I = {1,3}', model: linearModel as Model, land: landscape(0, 'uniform'), key: [1, 3], gnmBound: 1e-20 },
  // Gradient-norm minimisation converges linearly, at a rate set by (smallest / largest nonzero |H eigenvalue|)²,
  // which the small penalty differences make slow here: it reaches the default cutoff (1e-10 λ₁²), not rounding.
  { name: 'tied, ordered decay, σ = (2,1)', model: tiedModel as Model, land: landscape(0.4, 'ordered'), key: [2, 1], gnmBound: 1e-10 },
])('$name', ({ model, land, key, gnmBound }) => {
  const iterations = { gnm: 20_000, 'newton-mr': 60, newton: 400 };
  const set = model.criticalSet!;
  const θ = set.representative(land, key, createRng(1, 2));
  const δ = testNormals(9, θ.length);
  const θ0 = θ.map((t, i) => t + 1e-3 * δ[i]);
  for (const method of FINDER_METHODS)
    it(`${method} converges to it`, () => {
      const run = runFinder(method, problemOf(model, land), θ0, { iterations: iterations[method], λ1: λ[0] });
      expect(run.gradNormSq).toHaveLength(run.iterations + 1);
      expect(run.gradNormSq[0]).toBeCloseTo(
        model.gradient(land, θ0).gradient.reduce((s, g) => s + g * g, 0),
        20,
      );
      const last = run.gradNormSq[run.iterations];
      const bound = method === 'gnm' ? gnmBound : 1e-20;
      expect(last, `${method}: ${run.stop} after ${run.iterations}`).toBeLessThanOrEqual(bound * λ[0] ** 2);
      expect(Math.abs(run.loss - set.loss(land, key))).toBeLessThanOrEqual(Math.sqrt(bound) * λ[0]);
      expect(set.nearest(land, run.θ)).toEqual(key);
      if (method !== 'newton') for (let k = 1; k <= run.iterations; k++) expect(run.gradNormSq[k]).toBeLessThanOrEqual(run.gradNormSq[k - 1] * (1 + 1e-12));
    });

  it('a cancel stops a finder after the iteration it was asked at', () => {
    const run = runFinder('newton-mr', problemOf(model, land), θ0, { iterations: 60, λ1: λ[0], onProgress: (k) => k === 1 });
    expect(run).toMatchObject({ stop: 'cancelled', iterations: 1 });
  });
});
