import { describe, expect, it } from 'vitest';
import { criticalLoss, morseInertia } from '../../../src/core/landscape/criticalPoints';
import type { Eigen } from '../../../src/core/linalg/eigen';
import { criticalPoints, LIST_CAP } from '../../../src/core/reference/criticalPointList';

/** C(n, k) from Pascal's triangle, independently of src. */
function spectrum(values: number[]): Eigen {
  const D = values.length;
  const data = new Float64Array(D * D);
  for (let i = 0; i < D; i++) data[i * D + i] = 1;
  return { D, values: Float64Array.from(values), U: { rows: D, cols: D, data } };
}

describe('criticalPoints: restriction past the cap', () => {
  const λ = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
  const eigen = spectrum(λ);
  const τ = 1e-9 * 10;
  const chain = [[], [1], [1, 2], [1, 2, 3]];
  const has = (points: { I: number[] }[], I: number[]) => points.some((p) => p.I.join() === I.join());

  it('under the cap the list is complete (D = 10, d = 3: 176 points, restriction null)', () => {
    const list = criticalPoints(eigen, 3, τ);
    expect(list.total).toBe(176n);
    expect(list.points).toHaveLength(176);
    expect(list.restriction).toBeNull();
  });

  it('cap 50: every I ⊆ {1..6} (42 points, the largest m that fits), including the global minimum and the chain ∅ ⊂ {1} ⊂ {1,2} ⊂ {1,2,3}', () => {
    const list = criticalPoints(eigen, 3, τ, { cap: 50 });
    expect(list.total).toBe(176n);
    expect(list.restriction).toEqual({ kind: 'topEigenvectors', m: 6 });
    expect(list.points).toHaveLength(42);
    for (const p of list.points) expect(Math.max(0, ...p.I)).toBeLessThanOrEqual(6);
    for (const I of chain) expect(has(list.points, I)).toBe(true);
  });

  it('cap 5 (< 2^d): the chain ∅ ⊂ {1} ⊂ {1,2} ⊂ {1,2,3} and every one-swap neighbour of {1,2,3}', () => {
    const list = criticalPoints(eigen, 3, τ, { cap: 5 });
    expect(list.restriction).toEqual({ kind: 'chainAndSwaps' });
    expect(list.points.slice(0, 4).map((p) => p.I)).toEqual(chain);
    expect(list.points).toHaveLength(4 + 3 * 7);
    for (const out of [1, 2, 3]) for (let j = 4; j <= 10; j++) expect(has(list.points, [1, 2, 3].filter((i) => i !== out).concat(j))).toBe(true);
    const min = list.points.find((p) => p.I.join() === '1,2,3');
    expect(min?.index).toBe(0);
    // Each listed point keeps its closed-form loss and index.
    for (const p of list.points) {
      expect(p.loss).toBe(
        criticalLoss(
          eigen.values,
          p.I.map((i) => i - 1),
        ),
      );
      expect(p.index).toBe(
        morseInertia(
          eigen.values,
          p.I.map((i) => i - 1),
          3,
          τ,
        ).index,
      );
    }
  });

  it('full rank only, cap 50: every 3-subset of {1..7} (35 points)', () => {
    const list = criticalPoints(eigen, 3, τ, { cap: 50, fullRankOnly: true });
    expect(list.total).toBe(120n);
    expect(list.restriction).toEqual({ kind: 'topEigenvectors', m: 7 });
    expect(list.points).toHaveLength(35);
    expect(list.points.every((p) => p.I.length === 3)).toBe(true);
    expect(has(list.points, [1, 2, 3])).toBe(true);
  });

  it(`the default cap is LIST_CAP = 50 000: D = 60, d = 3 (36 051) is complete, D = 100, d = 3 is restricted`, () => {
    expect(LIST_CAP).toBe(50_000);
    const sixty = criticalPoints(spectrum(Array.from({ length: 60 }, (_, i) => 60 - i)), 3, 60e-9);
    expect(sixty.points).toHaveLength(36_051);
    expect(sixty.restriction).toBeNull();
    const hundred = criticalPoints(spectrum(Array.from({ length: 100 }, (_, i) => 100 - i)), 3, 100e-9);
    expect(hundred.total).toBe(1n + 100n + 4950n + 161700n);
    expect(hundred.restriction?.kind).toBe('topEigenvectors');
    expect(BigInt(hundred.points.length)).toBeLessThanOrEqual(50_000n);
    expect(has(hundred.points, [1, 2, 3])).toBe(true);
  });
});
