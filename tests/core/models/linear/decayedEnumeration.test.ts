/**
 * The uniform-decay table (decayedEnumeration.ts) against the closed forms of weightDecay.ts row by
 * row (themselves held against numerical Hessians in weightDecay.test.ts), listed in full and past
 * the cap (best-first), for random Σ with distinct eigenvalues.
 */
import { describe, expect, it } from 'vitest';
import { binomial } from '../../../../src/core/landscape/criticalPoints';
import { tableRow } from '../../../../src/core/landscape/criticalPointTable';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { enumerateDecayed } from '../../../../src/core/models/linear/decayedEnumeration';
import { decayedInertia, decayedLoss, learnableCount } from '../../../../src/core/models/linear/weightDecay';
import { mat, testNormals } from '../../../helpers';

function eigenOf(seed: number, D: number) {
  const z = testNormals(seed, 3 * D * D);
  const X = Array.from({ length: 3 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.3 ** -i));
  return eigenSymmetricFast(mat(X[0].map((_, i) => X[0].map((_, j) => X.reduce((s, row) => s + row[i] * row[j], 0)))));
}

describe.each([
  { D: 8, d: 3, wd: 0.1 },
  { D: 12, d: 4, wd: 0.05 },
  { D: 10, d: 5, wd: 0.3 }, // fewer learnable directions than units: m = 3 < d
])('enumerateDecayed, D = $D, d = $d, wd = $wd', ({ D, d, wd }) => {
  const eigen = eigenOf(D * 7 + d, D);
  const λ = eigen.values;
  const μ = wd * λ[0];
  const τ = 1e-9 * λ[0];
  const m = learnableCount(λ, μ);

  it('lists Σ_{k≤d} C(m, k) points, each with the closed-form loss (to 1e-12 · tr Σ) and inertia in 2dD parameters', () => {
    expect(m).toBeLessThan(D);
    if (wd === 0.3) expect(m).toBeLessThan(d); // the case where units are left unused at every point
    const table = enumerateDecayed(eigen, d, μ, τ);
    let total = 0n;
    for (let k = 0; k <= Math.min(d, m); k++) total += binomial(m, k);
    expect(table.complete).toBe(true);
    expect(table.total).toBe(total);
    expect(BigInt(table.count)).toBe(total);
    expect(table.D).toBe(D);
    expect(table.d).toBe(d);
    expect(table.totalPerRank.length).toBe(d + 1);
    expect(table.rankStart.length).toBe(d + 2);
    const trace = λ.reduce((s, v) => s + v, 0);
    for (let r = 0; r < table.count; r++) {
      const p = tableRow(table, r);
      expect(Math.abs(p.loss - decayedLoss(λ, p.I, μ)), `{${p.I}}`).toBeLessThanOrEqual(1e-12 * trace);
      expect({ index: p.index, zeros: p.zeros, positive: p.positive }, `{${p.I}}`).toEqual(decayedInertia(λ, p.I, d, μ, 2 * d * D));
    }
    // The one minimum: the top min(d, m) directions, index 0.
    const minima = Array.from({ length: table.count }, (_, r) => tableRow(table, r)).filter((p) => p.index === 0);
    expect(minima.map((p) => p.I)).toEqual([Array.from({ length: Math.min(d, m) }, (_, i) => i + 1)]);
  });

  it('past the cap (best-first): the lowest points of each rank, with the same losses and inertia, and exact counts', () => {
    const table = enumerateDecayed(eigen, d, μ, τ, { cap: 5 });
    expect(table.complete).toBe(false);
    expect(table.count).toBeGreaterThan(0);
    for (let r = 0; r < table.count; r++) {
      const p = tableRow(table, r);
      expect(p.loss).toBeCloseTo(decayedLoss(λ, p.I, μ), 9);
      expect({ index: p.index, zeros: p.zeros, positive: p.positive }).toEqual(decayedInertia(λ, p.I, d, μ, 2 * d * D));
    }
    for (let k = 0; k <= d; k++) expect(table.totalPerRank[k]).toBe(binomial(m, k));
    expect(table.histogram.counts.length).toBe((d + 1) * table.histogram.bins);
    expect(table.histogram.edges[0]).toBeCloseTo(
      decayedLoss(
        λ,
        Array.from({ length: Math.min(d, m) }, (_, i) => i + 1),
        μ,
      ),
      9,
    );
  });
});

describe('enumerateDecayed: refusals', () => {
  it('μ < 0, and a learnable direction with λ within τ of μ', () => {
    const eigen = eigenOf(3, 6);
    expect(() => enumerateDecayed(eigen, 2, -1, 1e-9)).toThrow(/μ ≥ 0/);
    const edge = { ...eigen, values: Float64Array.from([4, 3, 2, 1, 0.5, 0.1]) };
    expect(() => enumerateDecayed(edge, 2, 1 - 1e-12, 1e-9)).toThrow(/λ_4 is within τ of μ/);
  });

  it('μ = 0 on a singular Σ with ties: every subset is listed, each row as decayedInertia says', () => {
    const λ = Float64Array.from([4, 2, 2, 1e-17, 0, 0]);
    const t = enumerateDecayed({ ...eigenOf(3, 6), values: λ }, 3, 0, 1e-9, {}, 3 * 6);
    expect(t.count).toBe(1 + 6 + 15 + 20);
    for (let r = 0; r < t.count; r++) {
      const { I, loss, index, zeros, positive } = tableRow(t, r);
      expect({ index, zeros, positive }, `{${I}}`).toEqual(decayedInertia(λ, I, 3, 0, 18, 1e-9));
      expect(loss).toBeCloseTo(decayedLoss(λ, I, 0), 12);
    }
  });

  it('tied learnable eigenvalues: each row agrees with decayedInertia’s tie count', () => {
    const eigen = eigenOf(3, 6);
    const λ = Float64Array.from([4, 4, 2, 1, 1, 0.1]);
    const tied = { ...eigen, values: λ };
    const t = enumerateDecayed(tied, 3, 0.2, 1e-9, {}, 2 * 3 * 6);
    expect(t.count).toBe(1 + 5 + 10 + 10);
    let pairs = 0;
    for (let r = 0; r < t.count; r++) {
      const { I, index, zeros, positive } = tableRow(t, r);
      expect({ index, zeros, positive }, `{${I}}`).toEqual(decayedInertia(λ, I, 3, 0.2, 36, 1e-9));
      pairs += zeros - (3 - ((3 - I.length) * (2 - I.length)) / 2);
    }
    expect(pairs).toBeGreaterThan(0);
  });
});
