import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Eigen } from '../../../src/core/linalg/eigen';
import { eigenSymmetricFast, symmetricEigenKernels } from '../../../src/core/linalg/symmetricEigen';
import { eigenSymmetric } from '../../../src/core/reference/eigenMathjs';
import { eye, gram, mat, maxAbsDiff, nmul, ntrans, randomSymmetric, testNormals, toNested } from '../../helpers';

// ---------------------------------------------------------------------------------------------
// Naive references (nested arrays, triple loops), independent of src/core.

function frob(a: number[][]): number {
  let s = 0;
  for (const row of a) for (const x of row) s += x * x;
  return Math.sqrt(s);
}

function diffFrob(a: number[][], b: number[][]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i].length; j++) s += (a[i][j] - b[i][j]) ** 2;
  return Math.sqrt(s);
}

/** ‖UᵀU − I‖_F. */
function orthonormalityError(e: Eigen): number {
  const U = toNested(e.U);
  return diffFrob(nmul(ntrans(U), U), eye(e.D));
}

/** U Λ Uᵀ. */
function reconstruct(e: Eigen): number[][] {
  const U = toNested(e.U);
  const L = U.map((row) => row.map((x, i) => x * e.values[i]));
  return nmul(L, ntrans(U));
}

/** Projector U_C U_Cᵀ onto the span of the columns idx of U. */
function projector(e: Eigen | number[][], idx: number[]): number[][] {
  const U = Array.isArray(e) ? e : toNested(e.U);
  const C = U.map((row) => idx.map((i) => row[i]));
  return nmul(C, ntrans(C));
}

function column(e: Eigen, i: number): number[] {
  return toNested(e.U).map((row) => row[i]);
}

/** Each column's largest-magnitude entry (first on ties) is positive. */
function signRuleHolds(e: Eigen): boolean {
  const U = toNested(e.U);
  for (let i = 0; i < e.D; i++) {
    let best = 0;
    for (let r = 1; r < e.D; r++) if (Math.abs(U[r][i]) > Math.abs(U[best][i])) best = r;
    if (!(U[best][i] > 0)) return false;
  }
  return true;
}

/** A random orthogonal matrix: modified Gram–Schmidt (twice) on the columns of a normal matrix. */
function randomOrthogonalRef(seed: number, D: number): number[][] {
  const z = testNormals(seed, D * D);
  const cols = Array.from({ length: D }, (_, j) => z.slice(j * D, (j + 1) * D));
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < D; j++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let r = 0; r < D; r++) dot += cols[j][r] * cols[k][r];
        for (let r = 0; r < D; r++) cols[j][r] -= dot * cols[k][r];
      }
      const n = Math.sqrt(cols[j].reduce((s, x) => s + x * x, 0));
      for (let r = 0; r < D; r++) cols[j][r] /= n;
    }
  }
  return Array.from({ length: D }, (_, r) => cols.map((c) => c[r]));
}

/** Q diag(λ) Qᵀ, symmetrised exactly. */
function withSpectrum(Q: number[][], lambda: number[]): number[][] {
  const QL = Q.map((row) => row.map((x, i) => x * lambda[i]));
  const S = nmul(QL, ntrans(Q));
  for (let i = 0; i < S.length; i++) for (let j = 0; j < i; j++) S[i][j] = S[j][i];
  return S;
}

/** The contract every result must meet, with normwise tolerances ∝ ε-ish · D. */
function expectValidDecomposition(e: Eigen, S: number[][]): void {
  const D = S.length;
  expect(e.D).toBe(D);
  expect(e.values).toHaveLength(D);
  expect(e.U.rows).toBe(D);
  expect(e.U.cols).toBe(D);
  for (let i = 0; i < D; i++) expect(Number.isFinite(e.values[i])).toBe(true);
  for (let i = 1; i < D; i++) expect(e.values[i]).toBeLessThanOrEqual(e.values[i - 1]);
  expect(orthonormalityError(e)).toBeLessThanOrEqual(1e-12 * Math.max(D, 1));
  expect(diffFrob(reconstruct(e), S)).toBeLessThanOrEqual(1e-12 * frob(S) * Math.max(D, 1));
  expect(signRuleHolds(e)).toBe(true);
}

/**
 * The two largest |entries| of u agree to 1e-8: rounding decides which one the sign rule looks at,
 * so two correct solvers may return ±u (e.g. u = (1, 0, 0, −1)/√2 when columns 1 and 4 of X agree).
 */
function signRuleNearTie(u: number[]): boolean {
  const m = u.map(Math.abs).sort((a, b) => b - a);
  return m.length > 1 && m[0] - m[1] < 1e-8;
}

/**
 * Agreement with mathjs's eigenSymmetric: eigenvalues to 1e-10·‖Σ‖ (‖Σ‖ = max |λ|); a vector is
 * compared alone where its eigenvalue's gap g to the rest exceeds 1e-6·‖Σ‖ (Davis–Kahan: a
 * perturbation of size δ moves it by ≲ δ/g) and the sign rule is not at a near-tie, otherwise the
 * projector onto its cluster (which carries no sign) is compared.
 */
function expectAgreesWithMathjs(fast: Eigen, ref: Eigen): void {
  const D = ref.D;
  const scale = Math.max(Math.abs(ref.values[0]), Math.abs(ref.values[D - 1]));
  expect(maxAbsDiff(fast.values, ref.values)).toBeLessThanOrEqual(1e-10 * scale);
  const tiny = 1e-6 * scale;
  let start = 0;
  for (let i = 1; i <= D; i++) {
    if (i < D && ref.values[i - 1] - ref.values[i] < tiny) continue;
    const cluster = Array.from({ length: i - start }, (_, k) => start + k);
    const below = i < D ? ref.values[i - 1] - ref.values[i] : Infinity;
    const above = start > 0 ? ref.values[start - 1] - ref.values[start] : Infinity;
    const gap = Math.min(below, above);
    const tol = gap === Infinity ? 1e-10 : Math.max(1e-10, (1e-10 * scale) / gap);
    if (cluster.length === 1 && !signRuleNearTie(column(ref, start))) {
      expect(maxAbsDiff(column(fast, start), column(ref, start))).toBeLessThanOrEqual(tol);
    } else expect(maxAbsDiff(projector(fast, cluster), projector(ref, cluster))).toBeLessThanOrEqual(tol);
    start = i;
  }
}

// ---------------------------------------------------------------------------------------------

/** Both kernel sets where WebAssembly SIMD exists (Node ≥ 16.4 and current browsers), else JS only. */
const KERNELS: ('js' | 'wasm')[] = symmetricEigenKernels() === 'wasm-simd' ? ['js', 'wasm'] : ['js'];

describe.each(KERNELS)('eigenSymmetricFast (%s kernels): same contract as eigenSymmetric', (kernels) => {
  const solve = (S: number[][]): Eigen => eigenSymmetricFast(mat(S), { kernels });

  it.each([2, 3, 5, 8, 13, 21, 40])('random Σ = XᵀX, D = %i: agrees with mathjs to 1e-10·λ₁; orthonormal U; U Λ Uᵀ = Σ', (D) => {
    const S = gram(100 + D, 2 * D + 3, D);
    const fast = solve(S);
    expectValidDecomposition(fast, S);
    expectAgreesWithMathjs(fast, eigenSymmetric(mat(S)));
  });

  it.each([2, 7, 16, 33])('random symmetric indefinite Σ, D = %i (e.g. a Hessian): agrees with mathjs', (D) => {
    const S = randomSymmetric(200 + D, D);
    const fast = solve(S);
    expectValidDecomposition(fast, S);
    expect(fast.values[D - 1]).toBeLessThan(0);
    expectAgreesWithMathjs(fast, eigenSymmetric(mat(S)));
  });

  it('tied eigenvalues Q diag(3,3,3,1,1,0.5) Qᵀ: λ exact to 1e-13, projectors onto the tied eigenspaces agree (with Q and with mathjs)', () => {
    const Q = randomOrthogonalRef(7, 6);
    const lambda = [3, 3, 3, 1, 1, 0.5];
    const S = withSpectrum(Q, lambda);
    const fast = solve(S);
    const ref = eigenSymmetric(mat(S));
    expectValidDecomposition(fast, S);
    expect(maxAbsDiff(fast.values, lambda)).toBeLessThan(1e-13 * 3);
    for (const idx of [[0, 1, 2], [3, 4], [5]]) {
      expect(maxAbsDiff(projector(fast, idx), projector(Q, idx))).toBeLessThan(1e-12);
      expect(maxAbsDiff(projector(fast, idx), projector(ref, idx))).toBeLessThan(1e-10);
    }
  });

  it('a larger tied spectrum (D = 30, eigenvalues 2 ×10, 1 ×15, 0 ×5)', () => {
    const lambda = [...new Array(10).fill(2), ...new Array(15).fill(1), ...new Array(5).fill(0)];
    const Q = randomOrthogonalRef(11, 30);
    const S = withSpectrum(Q, lambda);
    const fast = solve(S);
    expectValidDecomposition(fast, S);
    expect(maxAbsDiff(fast.values, lambda)).toBeLessThan(1e-13 * 2 * 30);
    const groups = [Array.from({ length: 10 }, (_, i) => i), Array.from({ length: 15 }, (_, i) => 10 + i), Array.from({ length: 5 }, (_, i) => 25 + i)];
    for (const idx of groups) expect(maxAbsDiff(projector(fast, idx), projector(Q, idx))).toBeLessThan(1e-11);
  });

  it('singular Σ = XᵀX with T < D (D = 12, T = 5): seven zero eigenvalues, the range agrees with mathjs', () => {
    const S = gram(31, 5, 12);
    const fast = solve(S);
    const ref = eigenSymmetric(mat(S));
    expectValidDecomposition(fast, S);
    const λ1 = fast.values[0];
    for (let i = 5; i < 12; i++) expect(Math.abs(fast.values[i])).toBeLessThan(1e-13 * λ1 * 12);
    expect(fast.values[4]).toBeGreaterThan(1e-3 * λ1);
    expectAgreesWithMathjs(fast, ref);
    const range = [0, 1, 2, 3, 4];
    expect(maxAbsDiff(projector(fast, range), projector(ref, range))).toBeLessThan(1e-10);
  });

  it('rank one: the all-ones matrix has λ = (D, 0, …, 0) and u₁ = 1/√D', () => {
    const D = 9;
    const S = Array.from({ length: D }, () => new Array<number>(D).fill(1));
    const fast = solve(S);
    expectValidDecomposition(fast, S);
    expect(Math.abs(fast.values[0] - D)).toBeLessThan(1e-13 * D);
    for (let i = 1; i < D; i++) expect(Math.abs(fast.values[i])).toBeLessThan(1e-13 * D);
    expect(maxAbsDiff(column(fast, 0), new Array(D).fill(1 / Math.sqrt(D)))).toBeLessThan(1e-14);
  });

  it('diagonal Σ = diag(1, 5, 3, 0.5): λ = (5, 3, 1, 0.5) exactly and u_i = +e_j', () => {
    const e = solve([
      [1, 0, 0, 0],
      [0, 5, 0, 0],
      [0, 0, 3, 0],
      [0, 0, 0, 0.5],
    ]);
    expect(Array.from(e.values)).toEqual([5, 3, 1, 0.5]);
    expect(toNested(e.U)).toEqual([
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('diagonal Σ with ties and a negative entry, diag(2, −1, 2, 0): λ = (2, 2, 0, −1), U the permutation with ties in index order', () => {
    const e = solve([
      [2, 0, 0, 0],
      [0, -1, 0, 0],
      [0, 0, 2, 0],
      [0, 0, 0, 0],
    ]);
    expect(Array.from(e.values)).toEqual([2, 2, 0, -1]);
    expect(toNested(e.U)).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 1],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ]);
  });

  it('the identity: λ = 1 and U = I exactly', () => {
    const e = solve(eye(5));
    expect(Array.from(e.values)).toEqual([1, 1, 1, 1, 1]);
    expect(toNested(e.U)).toEqual(eye(5));
  });

  it('the zero matrix: λ = 0 and U = I; D = 0 gives empty results', () => {
    const e = solve([
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(Array.from(e.values)).toEqual([0, 0, 0]);
    expect(toNested(e.U)).toEqual(eye(3));
    const e0 = eigenSymmetricFast({ rows: 0, cols: 0, data: new Float64Array(0) }, { kernels });
    expect(e0.D).toBe(0);
    expect(e0.values).toHaveLength(0);
    expect(e0.U.data).toHaveLength(0);
  });

  it('1 × 1: [[5]] → λ = 5, U = [[1]]; [[−2]] → λ = −2, U = [[1]]', () => {
    const a = solve([[5]]);
    expect(Array.from(a.values)).toEqual([5]);
    expect(Array.from(a.U.data)).toEqual([1]);
    const b = solve([[-2]]);
    expect(Array.from(b.values)).toEqual([-2]);
    expect(Array.from(b.U.data)).toEqual([1]);
  });

  it('2 × 2 by hand: [[2,1],[1,2]] → λ = 3, 1, u₁ = (1,1)/√2, u₂ = (1,−1)/√2; [[2,−1],[−1,2]] → u₁ = (1,−1)/√2, u₂ = (1,1)/√2', () => {
    const s = Math.SQRT1_2;
    const a = solve([
      [2, 1],
      [1, 2],
    ]);
    expect(maxAbsDiff(a.values, [3, 1])).toBeLessThan(1e-15 * 3);
    expect(maxAbsDiff(column(a, 0), [s, s])).toBeLessThan(1e-15);
    expect(maxAbsDiff(column(a, 1), [s, -s])).toBeLessThan(1e-15);
    const b = solve([
      [2, -1],
      [-1, 2],
    ]);
    expect(maxAbsDiff(b.values, [3, 1])).toBeLessThan(1e-15 * 3);
    expect(maxAbsDiff(column(b, 0), [s, -s])).toBeLessThan(1e-15);
    expect(maxAbsDiff(column(b, 1), [s, s])).toBeLessThan(1e-15);
    const c = [
      [4, 1.5],
      [1.5, -1],
    ];
    const e = solve(c);
    expectValidDecomposition(e, c);
    expectAgreesWithMathjs(e, eigenSymmetric(mat(c)));
  });

  it('scaling: Σ·1e-150 and Σ·1e150 give (cλ, U) to relative 1e-12, as does a matrix near the float64 maximum', () => {
    const S = gram(5, 30, 6);
    const base = solve(S);
    const ref = eigenSymmetric(mat(S));
    for (const c of [1e-150, 1e150, 1e-300, 1e300]) {
      const Sc = S.map((row) => row.map((x) => c * x));
      const e = solve(Sc);
      for (let i = 0; i < 6; i++) expect(Math.abs(e.values[i] / c - ref.values[i])).toBeLessThan(1e-12 * ref.values[0]);
      expect(maxAbsDiff(e.U, base.U)).toBeLessThan(1e-10);
      expect(maxAbsDiff(e.U, ref.U)).toBeLessThan(1e-9);
      expect(orthonormalityError(e)).toBeLessThan(1e-12 * 6);
    }
    const big = solve([
      [1.5e308, 1e307],
      [1e307, 1],
    ]);
    expect(Number.isFinite(big.values[0])).toBe(true);
    expect(Math.abs(big.values[0] / 1.5e308 - (1 + (1e307 / 1.5e308) ** 2))).toBeLessThan(1e-3);
    expect(orthonormalityError(big)).toBeLessThan(1e-14);
  });

  it('graded spectrum Q diag(1, 1e-4, …, 1e-20) Qᵀ: normwise accurate (|Δλ| ≤ 1e-13·λ₁)', () => {
    const lambda = [1, 1e-4, 1e-8, 1e-12, 1e-16, 1e-20];
    const S = withSpectrum(randomOrthogonalRef(3, 6), lambda);
    const e = solve(S);
    expectValidDecomposition(e, S);
    expect(maxAbsDiff(e.values, lambda)).toBeLessThan(1e-13);
  });

  it("Wilkinson's W₂₁⁺ (pairs of eigenvalues equal to ~1e-14): valid decomposition; λ₁ = 10.746194182903393", () => {
    const n = 21;
    const W = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? Math.abs(10 - i) : Math.abs(i - j) === 1 ? 1 : 0)));
    const e = solve(W);
    expectValidDecomposition(e, W);
    expect(Math.abs(e.values[0] - 10.746194182903393)).toBeLessThan(1e-13);
    expect(Math.abs(e.values[1] - 10.746194182903393)).toBeLessThan(1e-13);
    expect(maxAbsDiff(projector(e, [0, 1]), projector(eigenSymmetric(mat(W)), [0, 1]))).toBeLessThan(1e-10);
  });

  it('a symmetric input with a one-ulp asymmetry is symmetrised: Σ and Σᵀ give identical results', () => {
    const S = gram(9, 12, 7);
    S[1][4] *= 1 + 2 ** -52;
    const a = solve(S);
    const b = solve(ntrans(S));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.U.data)).toEqual(Array.from(b.U.data));
  });

  it.each([101, 150])('D = %i: valid decomposition (orthonormal to 1e-12·D, reconstruction to 1e-12·‖Σ‖·D)', (D) => {
    const S = gram(77, 60, D); // rank 60
    const e = solve(S);
    expectValidDecomposition(e, S);
    for (let i = 60; i < D; i++) expect(Math.abs(e.values[i])).toBeLessThan(1e-12 * e.values[0]);
  });

  it('rejects a non-square or non-finite Σ', () => {
    expect(() => eigenSymmetricFast({ rows: 2, cols: 3, data: new Float64Array(6) }, { kernels })).toThrow(/not square/);
    expect(() =>
      solve([
        [1, NaN],
        [NaN, 1],
      ]),
    ).toThrow(/non-finite/);
    expect(() =>
      solve([
        [Infinity, 0],
        [0, 1],
      ]),
    ).toThrow(/non-finite/);
  });

  it('property: random XᵀX (D ≤ 24, any T, scale 10^±100, optional repeated rows) → valid decomposition; agrees with mathjs for D ≤ 10', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: -100, max: 100 }),
        fc.boolean(),
        (D, T, seed, exponent, repeat) => {
          const z = testNormals(seed, T * D);
          const X = Array.from({ length: T }, (_, t) => z.slice(t * D, (t + 1) * D).map((x) => x * 10 ** exponent));
          // Repeated (and scaled-copy) columns create exact ties in structure and zero eigenvalues.
          if (repeat && D >= 3) for (const row of X) row[D - 1] = row[0];
          const S = nmul(ntrans(X), X);
          for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) S[i][j] = S[j][i];
          const e = solve(S);
          expectValidDecomposition(e, S);
          if (D <= 10) expectAgreesWithMathjs(e, eigenSymmetric(mat(S)));
        },
      ),
      { numRuns: 300, seed: 20240611 },
    );
  });
});
