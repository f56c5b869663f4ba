import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySignRule, type Eigen, eigenvector } from '../../../src/core/linalg/eigen';
import { eigenSymmetric } from '../../../src/core/reference/eigenMathjs';
import { eye, loadFixture, mat, maxAbsDiff, nmul, ntrans, testData, toNested } from '../../helpers';

interface EigenCase {
  name: string;
  note: string;
  sigma: number[][];
  eigenvalues: number[];
  U: number[][];
}
const fixture = loadFixture<{ cases: EigenCase[] }>('eigen.json');

function columns(U: number[][], idx: number[]): number[][] {
  return U.map((row) => idx.map((i) => row[i]));
}

/** Projector onto span of the given columns: U_C U_Cᵀ. */
function projector(U: number[][], idx: number[]): number[][] {
  const C = columns(U, idx);
  return nmul(C, ntrans(C));
}

function orthonormalityError(e: Eigen): number {
  const U = toNested(e.U);
  return maxAbsDiff(nmul(ntrans(U), U), eye(e.D));
}

function reconstructionError(e: Eigen, sigma: number[][]): number {
  const U = toNested(e.U);
  const L = U.map((row) => row.map((x, i) => x * e.values[i]));
  return maxAbsDiff(nmul(L, ntrans(U)), sigma);
}

/** The sign rule: each column's largest-magnitude entry (first on ties) is positive. */
function signRuleHolds(U: number[][]): boolean {
  const D = U.length;
  for (let i = 0; i < D; i++) {
    let best = 0;
    for (let r = 1; r < D; r++) if (Math.abs(U[r][i]) > Math.abs(U[best][i])) best = r;
    if (!(U[best][i] > 0)) return false;
  }
  return true;
}

/** Maximal runs of eigenvalues whose consecutive gaps are below `gap` (numpy's values). */
function clusters(values: number[], gap: number): number[][] {
  const out: number[][] = [[0]];
  for (let i = 1; i < values.length; i++) {
    if (values[i - 1] - values[i] < gap) out[out.length - 1].push(i);
    else out.push([i]);
  }
  return out;
}

describe('applySignRule', () => {
  it('flips a vector whose largest-magnitude entry is negative', () => {
    const v = [0.5, -0.7, 0.1];
    applySignRule(v);
    expect(v).toEqual([-0.5, 0.7, -0.1]);
  });

  it('leaves a vector whose largest-magnitude entry is positive', () => {
    const v = Float64Array.from([-0.5, 0.7, 0.1]);
    applySignRule(v);
    expect(Array.from(v)).toEqual([-0.5, 0.7, 0.1]);
  });

  it('on a tie in magnitude the first entry decides: (−½, ½) → (½, −½), (½, −½) stays', () => {
    const a = [-0.5, 0.5];
    applySignRule(a);
    expect(a).toEqual([0.5, -0.5]);
    const b = [0.5, -0.5];
    applySignRule(b);
    expect(b).toEqual([0.5, -0.5]);
  });
});

describe('eigenSymmetric: Σ = U Λ Uᵀ, λ₁ ≥ … ≥ λ_D, sign rule', () => {
  it('diagonal Σ = diag(1, 5, 3, 0.5): λ = (5, 3, 1, 0.5) and u_i are +e_j (sign rule)', () => {
    const e = eigenSymmetric(
      mat([
        [1, 0, 0, 0],
        [0, 5, 0, 0],
        [0, 0, 3, 0],
        [0, 0, 0, 0.5],
      ]),
    );
    expect(e.D).toBe(4);
    expect(Array.from(e.values)).toEqual([5, 3, 1, 0.5].map((x) => expect.closeTo(x, 14)));
    const U = toNested(e.U);
    // u_1 = e_2, u_2 = e_3, u_3 = e_1, u_4 = e_4.
    const expected = [
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ];
    expect(maxAbsDiff(U, expected)).toBeLessThan(1e-14);
  });

  it('[[2,1],[1,2]] by hand: λ = 3, 1; u₁ = (1,1)/√2; u₂ = (1,−1)/√2 (tie in magnitude → first entry positive)', () => {
    const e = eigenSymmetric(
      mat([
        [2, 1],
        [1, 2],
      ]),
    );
    expect(Math.abs(e.values[0] - 3)).toBeLessThan(1e-14);
    expect(Math.abs(e.values[1] - 1)).toBeLessThan(1e-14);
    const s = Math.SQRT1_2;
    expect(maxAbsDiff(eigenvector(e, 0), [s, s])).toBeLessThan(1e-14);
    expect(maxAbsDiff(eigenvector(e, 1), [s, -s])).toBeLessThan(1e-14);
  });

  it('[[2,−1],[−1,2]]: λ = 3, 1 with u₁ = (1,−1)/√2 and u₂ = (1,1)/√2', () => {
    const e = eigenSymmetric(
      mat([
        [2, -1],
        [-1, 2],
      ]),
    );
    const s = Math.SQRT1_2;
    expect(maxAbsDiff(e.values, [3, 1])).toBeLessThan(1e-14);
    expect(maxAbsDiff(eigenvector(e, 0), [s, -s])).toBeLessThan(1e-14);
    expect(maxAbsDiff(eigenvector(e, 1), [s, s])).toBeLessThan(1e-14);
  });

  it('the zero matrix: λ = 0 and U = I', () => {
    const e = eigenSymmetric(
      mat([
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expect(Array.from(e.values)).toEqual([0, 0, 0]);
    expect(toNested(e.U)).toEqual(eye(3));
  });

  it('D = 1: Σ = [[5]] → λ = 5, U = [[1]]', () => {
    const e = eigenSymmetric(mat([[5]]));
    expect(Array.from(e.values)).toEqual([5]);
    expect(Array.from(e.U.data)).toEqual([1]);
  });

  it('eigenvector(e, i) returns column i of U', () => {
    const e = eigenSymmetric(
      mat([
        [4, 1, 0],
        [1, 3, 1],
        [0, 1, 2],
      ]),
    );
    const U = toNested(e.U);
    for (let i = 0; i < 3; i++) expect(Array.from(eigenvector(e, i))).toEqual(U.map((row) => row[i]));
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as const))('numpy fixture: %s', (_name, c) => {
    const e = eigenSymmetric(mat(c.sigma));
    const λ1 = c.eigenvalues[0];
    const U = toNested(e.U);

    it('eigenvalues agree normwise: max |Δλ| ≤ 1e-9 · λ₁, sorted descending', () => {
      expect(e.values).toHaveLength(c.eigenvalues.length);
      expect(maxAbsDiff(e.values, c.eigenvalues)).toBeLessThanOrEqual(1e-9 * λ1);
      for (let i = 1; i < e.D; i++) expect(e.values[i]).toBeLessThanOrEqual(e.values[i - 1]);
    });

    it('U is orthonormal to 1e-12 and U Λ Uᵀ = Σ to 1e-10 · λ₁', () => {
      expect(orthonormalityError(e)).toBeLessThan(1e-12);
      expect(reconstructionError(e, c.sigma)).toBeLessThan(1e-10 * λ1);
    });

    it('the sign rule holds for every column', () => {
      expect(signRuleHolds(U)).toBe(true);
    });

    it('well-separated eigenvectors equal numpy’s to 1e-7; tied/zero clusters span the same subspace (projectors agree to 1e-7)', () => {
      let compared = 0;
      for (const cl of clusters(c.eigenvalues, 1e-3 * λ1)) {
        if (cl.length === 1) {
          const i = cl[0];
          expect(
            maxAbsDiff(
              eigenvector(e, i),
              c.U.map((row) => row[i]),
            ),
          ).toBeLessThan(1e-7);
          compared++;
        } else {
          expect(maxAbsDiff(projector(U, cl), projector(c.U, cl))).toBeLessThan(1e-7);
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  });

  it('scaling invariance: eig(cΣ) = (cλ, U) for c = 1e-200, 1e200', () => {
    const X = testData(5, 30, [3, 2, 1, 0.5]);
    const S = nmul(ntrans(X), X);
    const e = eigenSymmetric(mat(S));
    for (const c of [1e-200, 1e200]) {
      const ec = eigenSymmetric(mat(S.map((r) => r.map((x) => c * x))));
      for (let i = 0; i < 4; i++) expect(Math.abs(ec.values[i] / c - e.values[i])).toBeLessThan(1e-12 * e.values[0]);
      expect(maxAbsDiff(ec.U, e.U)).toBeLessThan(1e-10);
    }
  });

  it('Σ with entries near the float64 maximum (diag(1.5e308, 1)) keeps finite eigenvalues 1.5e308 and 1', () => {
    const e = eigenSymmetric(
      mat([
        [1.5e308, 0],
        [0, 1],
      ]),
    );
    expect(Number.isFinite(e.values[0])).toBe(true);
    expect(Math.abs(e.values[0] / 1.5e308 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(e.values[1] - 1)).toBeLessThan(1e-12 * 1.5e308);
    expect(maxAbsDiff(e.U, [1, 0, 0, 1])).toBeLessThan(1e-12);
  });

  it('property: random XᵀX (D ≤ 6) → orthonormal U, U Λ Uᵀ = Σ, λ descending and ≥ −1e-12·λ₁, sign rule', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((D) => fc.array(fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: D, maxLength: D }), { minLength: 1, maxLength: 8 })),
        (X) => {
          const S = nmul(ntrans(X), X);
          const e = eigenSymmetric(mat(S));
          const λ1 = Math.max(e.values[0], 0);
          expect(orthonormalityError(e)).toBeLessThan(1e-12);
          expect(reconstructionError(e, S)).toBeLessThanOrEqual(1e-10 * λ1);
          for (let i = 1; i < e.D; i++) expect(e.values[i]).toBeLessThanOrEqual(e.values[i - 1]);
          expect(e.values[e.D - 1]).toBeGreaterThanOrEqual(-1e-12 * λ1);
          expect(signRuleHolds(toNested(e.U))).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
