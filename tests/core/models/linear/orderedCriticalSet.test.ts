/**
 * The ordered profile's critical set behind the Model interface (orderedCriticalSet.ts, docs/design.md
 * §5): the table against a brute-force list of assignments and orderedDecay.ts's closed forms, each
 * row's random-sign representative critical with the exact Hessian's inertia (linear and tied), the
 * lookups (findRow, minimumRow, nearest) and the refusals.
 */
import { describe, expect, it } from 'vitest';
import { findRow, keyRank, minimumRow, tableRow } from '../../../../src/core/landscape/criticalPointTable';
import { tolerance } from '../../../../src/core/landscape/diagnostics';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import type { Matrix } from '../../../../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { decayProfile } from '../../../../src/core/models/linear/decay';
import { linearModel } from '../../../../src/core/models/linear/linearModel';
import { ORDERED_LIST_CAP, orderedCountPerRank } from '../../../../src/core/models/linear/orderedCriticalSet';
import { orderedInertia, orderedLoss } from '../../../../src/core/models/linear/orderedDecay';
import type { Landscape, Model } from '../../../../src/core/models/model';
import { tiedModel } from '../../../../src/core/models/tied/tiedModel';
import { createRng } from '../../../../src/core/random/random';
import { mat, testNormals } from '../../../helpers';

function sigmaOf(seed: number, D: number): Matrix {
  const z = testNormals(seed, 3 * D * D);
  const X = Array.from({ length: 3 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.4 ** -i));
  return mat(X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, row) => s + row[i] * row[j], 0))));
}

function landOf(sigma: Matrix, d: number, wd: number): Landscape {
  const eigen = eigenSymmetricFast(sigma);
  return { sigma, eigen, d, τ: tolerance(eigen.values), μ: decayProfile(wd * eigen.values[0], d, 'ordered') };
}

/** Every valid σ by brute force over (D + 1)^d choices (0 = unused), as keys. */
function bruteForce(λ: ArrayLike<number>, μ: ArrayLike<number>, D: number, d: number): string[] {
  const out: string[] = [];
  const walk = (σ: number[]) => {
    if (σ.length === d) {
      const used = σ.filter((i) => i !== 0);
      if (new Set(used).size === used.length && σ.every((i, j) => i === 0 || λ[i - 1] > μ[j])) out.push(σ.join(','));
      return;
    }
    for (let i = 0; i <= D; i++) walk([...σ, i]);
  };
  walk([]);
  return out.sort();
}

describe.each([
  { D: 5, d: 2, seed: 11, wd: 0.2, model: linearModel as Model },
  { D: 5, d: 3, seed: 12, wd: 0.3, model: linearModel as Model },
  { D: 5, d: 3, seed: 13, wd: 0.25, model: tiedModel as Model },
])('ordered critical set, D = $D, d = $d, wd = $wd, $model.id', ({ D, d, seed, wd, model }) => {
  const land = landOf(sigmaOf(seed, D), d, wd);
  const λ = land.eigen.values;
  const set = model.criticalSet!;
  const n = model.blocks(D, d).reduce((s, b) => s + b.rows * b.cols, 0);
  const t = set.enumerate(land, {});

  it('lists exactly the valid assignments, counted per rank, best first within each rank', () => {
    const keys = Array.from({ length: t.count }, (_, r) => tableRow(t, r).I.join(','));
    expect(t.points).toBe('assignments');
    expect([...keys].sort()).toEqual(bruteForce(λ, land.μ, D, d));
    const perRank = orderedCountPerRank(λ, land.μ);
    expect(t.total).toBe(BigInt(t.count));
    expect(perRank.reduce((a, b) => a + b, 0n)).toBe(BigInt(t.count));
    for (let k = 0; k <= d; k++) {
      expect(BigInt(t.rankStart[k + 1] - t.rankStart[k])).toBe(perRank[k]);
      for (let r = t.rankStart[k]; r < t.rankStart[k + 1]; r++) {
        expect(keyRank('assignments', tableRow(t, r).I)).toBe(k);
        if (r > t.rankStart[k]) expect(t.loss[r]).toBeGreaterThanOrEqual(t.loss[r - 1]);
      }
    }
  });

  it('each row: L(σ), the closed-form inertia, a critical random-sign representative whose exact Hessian agrees', () => {
    for (let r = 0; r < t.count; r++) {
      const key = tableRow(t, r).I;
      const σ = key.map((i) => (i === 0 ? null : i));
      expect(t.loss[r]).toBe(orderedLoss(λ, land.μ, σ));
      expect({ index: t.index[r], zeros: t.zeros[r], positive: t.positive[r] }).toEqual(orderedInertia(λ, land.μ, σ, n));
      expect(set.loss(land, key)).toBe(t.loss[r]);
      const θ = set.representative(land, key, createRng(5, r));
      const { loss, gradient } = model.gradient(land, θ);
      expect(Math.hypot(...gradient), `σ = ${key}`).toBeLessThanOrEqual(1e-12 * λ[0] * n);
      expect(Math.abs(loss - t.loss[r])).toBeLessThanOrEqual(1e-12 * λ[0] * n);
      const c = inertiaFromEigenvalues(symmetricEigenvalues(model.hessian(land, θ)), land.τ);
      expect({ index: c.negative, zeros: c.zero, positive: c.positive }, `σ = ${key}`).toEqual(set.inertia(land, key));
      expect(set.nearest(land, θ), `σ = ${key}`).toEqual(key);
      expect(findRow(t, key)).toBe(r);
    }
  });

  it('the minimum row is unit j on u_j, with the lowest loss, and findRow refuses keys of the wrong length', () => {
    const m = minimumRow(t, set.globalMinimumLoss(land), land.τ);
    expect(tableRow(t, m).I).toEqual(Array.from({ length: d }, (_, j) => (λ[j] > land.μ[j] ? j + 1 : 0)));
    expect(t.index[m]).toBe(0);
    expect(Math.min(...t.loss)).toBe(t.loss[m]);
    expect(findRow(t, [1])).toBe(-1);
  });

  it('fullRankOnly keeps the assignments that use every unit', () => {
    const full = set.enumerate(land, { fullRankOnly: true });
    expect(full.count).toBe(Number(orderedCountPerRank(λ, land.μ)[d]));
    for (let r = 0; r < full.count; r++) expect(tableRow(full, r).I.every((i) => i !== 0)).toBe(true);
  });
});

describe('ordered critical set on a singular Σ (λ = 5, 3, 2, 0, 0 in a random basis)', () => {
  const Q = eigenSymmetricFast(sigmaOf(21, 5)).U;
  const λ0 = [5, 3, 2, 0, 0];
  const sigma = mat(
    Array.from({ length: 5 }, (_, r) => Array.from({ length: 5 }, (_, c) => λ0.reduce((s, l, i) => s + l * Q.data[r * 5 + i] * Q.data[c * 5 + i], 0))),
  );
  it.each([linearModel as Model, tiedModel as Model])(
    '$id: null directions are never assigned, and every row’s exact Hessian agrees (no zeros: the decay curves them)',
    (model) => {
      const land = landOf(sigma, 2, 0.3);
      const set = model.criticalSet!;
      const t = set.enumerate(land, {});
      expect([...Array.from({ length: t.count }, (_, r) => tableRow(t, r).I.join(','))].sort()).toEqual(bruteForce(land.eigen.values, land.μ, 5, 2));
      for (let r = 0; r < t.count; r++) {
        const key = tableRow(t, r).I;
        expect(key.every((i) => i <= 3)).toBe(true);
        const c = inertiaFromEigenvalues(symmetricEigenvalues(model.hessian(land, set.representative(land, key, createRng(2, r)))), land.τ);
        expect({ index: c.negative, zeros: c.zero, positive: c.positive }, `σ = ${key}`).toEqual(set.inertia(land, key));
      }
    },
  );
});

describe('ordered critical set: refusals', () => {
  it('past the listing cap it says how many and what to change', () => {
    const D = 60;
    const land = landOf(mat(Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => (i === j ? D - i : 0)))), 4, 0.01);
    expect(orderedCountPerRank(land.eigen.values, land.μ).reduce((a, b) => a + b, 0n)).toBeGreaterThan(BigInt(ORDERED_LIST_CAP));
    expect(() => linearModel.criticalSet!.enumerate(land, {})).toThrow(/at D = 60, d = 4 there are [\d,]+ .*lower D or d, or use wdProfile=uniform/);
  });

  it('tied learnable eigenvalues are refused with the reason', () => {
    const sigma = mat([
      [2, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(() => linearModel.criticalSet!.enumerate(landOf(sigma, 2, 0.2), {})).toThrow(/tied eigenvalues among the learnable directions/);
  });
});
