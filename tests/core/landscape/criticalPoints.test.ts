import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomial, criticalLoss, criticalPointCount, globalMinimumLoss, morseInertia } from '../../../src/core/landscape/criticalPoints';
import { tolerance } from '../../../src/core/landscape/diagnostics';
import { eigenvector } from '../../../src/core/linalg/eigen';
import { lossAndGradient } from '../../../src/core/models/linear/lossAndGradient';
import { canonicalRepresentative, projection } from '../../../src/core/models/linear/representatives';
import { criticalPoints, enumerateSubsets, subsetsOfSize } from '../../../src/core/reference/criticalPointList';
import { eigenSymmetric } from '../../../src/core/reference/eigenMathjs';
import { eye, loadFixture, mat, maxAbs, maxAbsDiff, naiveDataLoss, nmul, ntrans, testData, toNested } from '../../helpers';
import { pascal } from './spectra';

const inertia = (λ: number[], I1: number[], d: number) =>
  morseInertia(
    Float64Array.from(λ),
    I1.map((i) => i - 1),
    d,
    1e-9 * λ[0],
  );

describe('counting critical points exactly (BigInt)', () => {
  it('D = 6, d = 2: 1 + 6 + 15 = 22; full rank only: C(6, 2) = 15', () => {
    expect(criticalPointCount(6, 2)).toBe(22n);
    expect(criticalPointCount(6, 2, true)).toBe(15n);
  });

  it('D = 8, d = 3: 1 + 8 + 28 + 56 = 93', () => {
    expect(criticalPointCount(8, 3)).toBe(93n);
  });

  it('binomial(n, k) equals Pascal’s triangle for n ≤ 70 and is 0 outside 0 ≤ k ≤ n', () => {
    for (let n = 0; n <= 70; n++) {
      const row = pascal(n);
      for (let k = 0; k <= n; k++) expect(binomial(n, k)).toBe(row[k]);
      expect(binomial(n, -1)).toBe(0n);
      expect(binomial(n, n + 1)).toBe(0n);
    }
  });

  it('D = 57, d = 28 and D = 60, d = 30 pass 2⁵³ and are still exact: Σ_{k≤d} C(D, k)', () => {
    for (const [D, d] of [
      [57, 28],
      [60, 30],
      [100, 40],
    ]) {
      const row = pascal(D);
      const expected = row.slice(0, d + 1).reduce((a, b) => a + b, 0n);
      const got = criticalPointCount(D, d);
      expect(got).toBe(expected);
      expect(got > 2n ** 53n).toBe(true);
      expect(criticalPointCount(D, d, true)).toBe(row[d]);
    }
  });

  it('d = D − 1 counts every proper subset: 2^D − 1 (D = 64, 200)', () => {
    expect(criticalPointCount(64, 63)).toBe(2n ** 64n - 1n);
    expect(criticalPointCount(200, 199)).toBe(2n ** 200n - 1n);
  });
});

describe('enumerating I by size, then lexicographically', () => {
  it('n = 4, d = 2 lists ∅, {0}…{3}, {0,1}, {0,2}, {0,3}, {1,2}, {1,3}, {2,3} (0-based)', () => {
    expect([...enumerateSubsets(4, 2)]).toEqual([[], [0], [1], [2], [3], [0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]]);
    expect([...enumerateSubsets(4, 2, true)]).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
  });

  it('subsetsOfSize edge cases: k = 0 → [∅]; k > n or k < 0 → nothing; k = n → the whole set', () => {
    expect([...subsetsOfSize(5, 0)]).toEqual([[]]);
    expect([...subsetsOfSize(3, 4)]).toEqual([]);
    expect([...subsetsOfSize(3, -1)]).toEqual([]);
    expect([...subsetsOfSize(3, 3)]).toEqual([[0, 1, 2]]);
  });

  it('property: Σ_{k≤d} C(n, k) distinct ascending subsets in 0..n−1, sizes non-decreasing, lexicographic within a size', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 11 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.boolean())),
        ([n, d, full]) => {
          const all = [...enumerateSubsets(n, d, full)];
          expect(BigInt(all.length)).toBe(criticalPointCount(n, d, full));
          expect(new Set(all.map((I) => I.join(','))).size).toBe(all.length);
          for (const I of all) {
            if (full) expect(I.length).toBe(d);
            expect(I.length).toBeLessThanOrEqual(d);
            I.forEach((x, j) => {
              expect(Number.isInteger(x) && x >= 0 && x < n).toBe(true);
              if (j > 0) expect(x).toBeGreaterThan(I[j - 1]);
            });
          }
          for (let p = 1; p < all.length; p++) {
            const [a, b] = [all[p - 1], all[p]];
            if (a.length === b.length) {
              const j = a.findIndex((x, q) => x !== b[q]);
              expect(a[j]).toBeLessThan(b[j]);
            } else expect(b.length).toBe(a.length + 1);
          }
        },
      ),
      { numRuns: 80 },
    );
  });
});

describe('W_I = U_I U_Iᵀ on random data', () => {
  const X = testData(11, 40, [3, 2.2, 1.6, 1, 0.6, 0.3]);
  const S = nmul(ntrans(X), X);
  const eigen = eigenSymmetric(mat(S));
  const λ = Array.from(eigen.values);
  const trS = S.reduce((s, r, i) => s + r[i], 0);
  const d = 3;
  const allI = [...enumerateSubsets(6, d)].map((I) => I.map((i) => i + 1));

  it('loss at W_I equals tr Σ − Σ_{i∈I} λ_i and the data loss Σ_t ‖x_t − W_I x_t‖² (relative 1e-10 of tr Σ)', () => {
    for (const I of allI) {
      const L = criticalLoss(
        eigen.values,
        I.map((i) => i - 1),
      );
      const closed = trS - I.reduce((s, i) => s + λ[i - 1], 0);
      expect(Math.abs(L - closed)).toBeLessThan(1e-10 * trS);
      const W = toNested(projection(eigen, I));
      expect(Math.abs(L - naiveDataLoss(X, W))).toBeLessThan(1e-10 * trS);
    }
  });

  it('the gradient vanishes at every canonical representative A = [U_I, 0], B = [U_Iᵀ; 0]: ‖∇L‖_max ≤ 1e-9 · λ₁', () => {
    for (const I of allI) {
      const { A, B } = canonicalRepresentative(eigen, I, d);
      const { loss, gradA, gradB } = lossAndGradient(mat(S), A, B);
      expect(Math.max(maxAbs(toNested(gradA)), maxAbs(toNested(gradB)))).toBeLessThanOrEqual(1e-9 * λ[0]);
      expect(
        Math.abs(
          loss -
            criticalLoss(
              eigen.values,
              I.map((i) => i - 1),
            ),
        ),
      ).toBeLessThan(1e-10 * trS);
    }
  });

  it('the canonical representative has A = [U_I, 0] (D × d), B = Aᵀ, and AB = W_I', () => {
    const I = [2, 5];
    const { A, B } = canonicalRepresentative(eigen, I, d);
    expect([A.rows, A.cols, B.rows, B.cols]).toEqual([6, 3, 3, 6]);
    const An = toNested(A);
    expect(An.map((r) => r[0])).toEqual(Array.from(eigenvector(eigen, 1)));
    expect(An.map((r) => r[1])).toEqual(Array.from(eigenvector(eigen, 4)));
    expect(An.map((r) => r[2])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(toNested(B)).toEqual(ntrans(An));
    expect(maxAbsDiff(nmul(An, toNested(B)), toNested(projection(eigen, I)))).toBeLessThan(1e-15);
  });

  it('projection W_I is symmetric, idempotent, has trace |I|, fixes u_i (i ∈ I) and kills u_j (j ∉ I)', () => {
    for (const I of allI) {
      const W = toNested(projection(eigen, I));
      expect(maxAbsDiff(W, ntrans(W))).toBe(0);
      expect(maxAbsDiff(nmul(W, W), W)).toBeLessThan(1e-14);
      expect(Math.abs(W.reduce((s, r, i) => s + r[i], 0) - I.length)).toBeLessThan(1e-14);
      for (let j = 1; j <= 6; j++) {
        const u = Array.from(eigenvector(eigen, j - 1));
        const Wu = W.map((row) => row.reduce((s, w, c) => s + w * u[c], 0));
        expect(maxAbsDiff(Wu, I.includes(j) ? u : [0, 0, 0, 0, 0, 0])).toBeLessThan(1e-14);
      }
    }
    expect(toNested(projection(eigen, []))).toEqual(eye(6).map((r) => r.map(() => 0)));
  });

  it('global minimum L* = Σ_{i>d} λ_i is the smallest listed loss, attained only at I = {1..d}', () => {
    const list = criticalPoints(eigen, d, tolerance(eigen.values));
    const Lstar = globalMinimumLoss(eigen.values, d);
    expect(Math.abs(Lstar - (λ[3] + λ[4] + λ[5]))).toBeLessThan(1e-12 * trS);
    const best = list.points.reduce((a, b) => (b.loss < a.loss ? b : a));
    expect(best.I).toEqual([1, 2, 3]);
    expect(best.loss).toBe(Lstar);
    for (const p of list.points) if (p.I.join() !== '1,2,3') expect(p.loss).toBeGreaterThan(Lstar);
  });
});

describe('Morse index and inertia: distinct eigenvalues, worked by hand', () => {
  // index = Σ_m (i_m − m) + (d − k)(D − k), zeros = k(2d − k), positive = 2Dd − index − zeros.
  it('D = 3, d = 1, λ = (3, 2, 1): ∅ → (3, 0, 3); {1} → (0, 1, 5); {2} → (1, 1, 4); {3} → (2, 1, 3)', () => {
    const λ = [3, 2, 1];
    expect(inertia(λ, [], 1)).toEqual({ index: 3, zeros: 0, positive: 3 });
    expect(inertia(λ, [1], 1)).toEqual({ index: 0, zeros: 1, positive: 5 });
    expect(inertia(λ, [2], 1)).toEqual({ index: 1, zeros: 1, positive: 4 });
    expect(inertia(λ, [3], 1)).toEqual({ index: 2, zeros: 1, positive: 3 });
  });

  it('D = 4, d = 2, λ = (4, 3, 2, 1): ∅ → 8; {1} → 3; {3} → 5; {1,2} → 0; {1,3} → 1; {2,4} → 3; {3,4} → 4', () => {
    const λ = [4, 3, 2, 1];
    expect(inertia(λ, [], 2)).toEqual({ index: 8, zeros: 0, positive: 8 });
    expect(inertia(λ, [1], 2)).toEqual({ index: 3, zeros: 3, positive: 10 });
    expect(inertia(λ, [3], 2)).toEqual({ index: 5, zeros: 3, positive: 8 });
    expect(inertia(λ, [1, 2], 2)).toEqual({ index: 0, zeros: 4, positive: 12 });
    expect(inertia(λ, [1, 3], 2)).toEqual({ index: 1, zeros: 4, positive: 11 });
    expect(inertia(λ, [2, 4], 2)).toEqual({ index: 3, zeros: 4, positive: 9 });
    expect(inertia(λ, [3, 4], 2)).toEqual({ index: 4, zeros: 4, positive: 8 });
  });

  it('property: for distinct positive λ, index = Σ_m (i_m − m) + (d − k)(D − k), zeros = k(2d − k), and only I = {1..d} has index 0', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 7 })
          .chain((D) => fc.tuple(fc.uniqueArray(fc.integer({ min: 1, max: 1000 }), { minLength: D, maxLength: D }), fc.integer({ min: 1, max: D - 1 }))),
        ([raw, d]) => {
          const λ = [...raw].sort((a, b) => b - a);
          const D = λ.length;
          let minima = 0;
          for (const I0 of enumerateSubsets(D, d)) {
            const k = I0.length;
            const r = morseInertia(Float64Array.from(λ), I0, d, 1e-9 * λ[0]);
            const index = I0.reduce((s, i, m) => s + (i + 1 - (m + 1)), 0) + (d - k) * (D - k);
            expect(r).toEqual({ index, zeros: k * (2 * d - k), positive: 2 * D * d - index - k * (2 * d - k) });
            if (r.index === 0) {
              minima++;
              expect(I0).toEqual(Array.from({ length: d }, (_, i) => i));
            }
          }
          expect(minima).toBe(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Morse inertia when the assumptions fail: ties and zero eigenvalues, by hand', () => {
  it('tie λ = (2, 1, 1), d = 1: {2} and {3} → index 1, zeros 2 (the tied pair’s block turns to zero)', () => {
    const λ = [2, 1, 1];
    expect(inertia(λ, [1], 1)).toEqual({ index: 0, zeros: 1, positive: 5 });
    expect(inertia(λ, [2], 1)).toEqual({ index: 1, zeros: 2, positive: 3 });
    expect(inertia(λ, [3], 1)).toEqual({ index: 1, zeros: 2, positive: 3 });
  });

  it('a tie across the edge of {1..d} gives the global minimum a zero instead of an index: λ = (3, 2, 2, 1), d = 2, I = {1,2}', () => {
    expect(inertia([3, 2, 2, 1], [1, 2], 2)).toEqual({ index: 0, zeros: 5, positive: 11 });
    expect(inertia([3, 2, 2, 1], [1, 3], 2)).toEqual({ index: 0, zeros: 5, positive: 11 });
  });

  it('singular λ = (1, 0), d = 1: ∅ → (1, 2, 1); {1} → (0, 2, 2); {2} → (1, 2, 1)', () => {
    const λ = [1, 0];
    expect(inertia(λ, [], 1)).toEqual({ index: 1, zeros: 2, positive: 1 });
    expect(inertia(λ, [1], 1)).toEqual({ index: 0, zeros: 2, positive: 2 });
    expect(inertia(λ, [2], 1)).toEqual({ index: 1, zeros: 2, positive: 1 });
  });

  it('λ = (4, 1, 0, 0), d = 2: ∅ → (4, 8, 4); {1} → (1, 9, 6); {1,2} → (0, 8, 8); {2,3} → (2, 9, 5); {3,4} → (4, 8, 4)', () => {
    const λ = [4, 1, 0, 0];
    expect(inertia(λ, [], 2)).toEqual({ index: 4, zeros: 8, positive: 4 });
    expect(inertia(λ, [1], 2)).toEqual({ index: 1, zeros: 9, positive: 6 });
    expect(inertia(λ, [1, 2], 2)).toEqual({ index: 0, zeros: 8, positive: 8 });
    expect(inertia(λ, [2, 3], 2)).toEqual({ index: 2, zeros: 9, positive: 5 });
    expect(inertia(λ, [3, 4], 2)).toEqual({ index: 4, zeros: 8, positive: 4 });
  });

  it('τ decides: λ₂ = λ₁(1 − 5e-10) is tied with λ₁, λ₂ = λ₁(1 − 2e-9) is not', () => {
    expect(inertia([1, 1 - 5e-10, 0.5], [2], 1)).toEqual({ index: 0, zeros: 2, positive: 4 });
    expect(inertia([1, 1 - 2e-9, 0.5], [2], 1)).toEqual({ index: 1, zeros: 1, positive: 4 });
  });
});

interface CPCase {
  name: string;
  D: number;
  d: number;
  X: number[][];
  sigma: number[][];
  eigenvalues: number[];
  traceSigma: number;
  points: { I: number[]; loss: number; negative: number; zero: number; positive: number }[];
}
const cpFixture = loadFixture<{ cases: CPCase[] }>('criticalPoints.json');

describe.each(cpFixture.cases.map((c) => [c.name, c] as const))('numpy’s exact Hessian: %s', (_name, c) => {
  const eigen = eigenSymmetric(mat(c.sigma));
  const τ = tolerance(eigen.values);

  it('closed-form inertia (index, zeros, positive) equals the numerical Hessian’s at every I', () => {
    const mismatches: string[] = [];
    for (const p of c.points) {
      const r = morseInertia(
        eigen.values,
        p.I.map((i) => i - 1),
        c.d,
        τ,
      );
      const want = { index: p.negative, zeros: p.zero, positive: p.positive };
      if (JSON.stringify(r) !== JSON.stringify(want)) mismatches.push(`I = {${p.I}}: got ${JSON.stringify(r)}, numpy ${JSON.stringify(want)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('L(I) = tr Σ − Σ_{i∈I} λ_i equals numpy’s data loss Σ_t ‖x_t − W_I x_t‖² (relative 1e-10 of tr Σ)', () => {
    for (const p of c.points)
      expect(
        Math.abs(
          criticalLoss(
            eigen.values,
            p.I.map((i) => i - 1),
          ) - p.loss,
        ),
      ).toBeLessThan(1e-10 * c.traceSigma);
  });

  it('criticalPoints lists the same I in the same order with the same losses and indices', () => {
    const list = criticalPoints(eigen, c.d, τ);
    expect(list.restriction).toBeNull();
    expect(list.total).toBe(BigInt(c.points.length));
    expect(list.points.map((p) => p.I)).toEqual(c.points.map((p) => p.I));
    list.points.forEach((p, n) => {
      expect([p.index, p.zeros, p.positive]).toEqual([c.points[n].negative, c.points[n].zero, c.points[n].positive]);
      expect(Math.abs(p.loss - c.points[n].loss)).toBeLessThan(1e-10 * c.traceSigma);
    });
  });
});
