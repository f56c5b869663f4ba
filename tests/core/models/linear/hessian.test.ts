import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { morseInertia } from '../../../../src/core/landscape/criticalPoints';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../../../../src/core/landscape/inertia';
import type { Matrix } from '../../../../src/core/linalg/matrix';
import { randomOrthogonal } from '../../../../src/core/linalg/rotation';
import { gradientNorm, hessianMatrix } from '../../../../src/core/models/linear/hessian';
import { lossAndGradient } from '../../../../src/core/models/linear/lossAndGradient';
import { canonicalRepresentative, gaugedRepresentative, projection } from '../../../../src/core/models/linear/representatives';
import { createRng } from '../../../../src/core/random/random';
import { enumerateSubsets } from '../../../../src/core/reference/criticalPointList';
import { eigenSymmetric } from '../../../../src/core/reference/eigenMathjs';
import { hessianInertia, inertiaLDL } from '../../../../src/core/reference/inertiaLDL';
import { mat, maxAbsDiff, nmul, ntrans, testNormals, testRng, toNested } from '../../../helpers';

/** Σ = XᵀX for a T × D matrix of test normals. */
function gram(seed: number, T: number, D: number): Matrix {
  const z = testNormals(seed, T * D);
  const X = Array.from({ length: T }, (_, t) => z.slice(t * D, (t + 1) * D));
  return mat(nmul(ntrans(X), X));
}

/** Q diag(v) Qᵀ with Q Haar-orthogonal, symmetrised exactly. */
function rotatedDiagonal(v: number[], seed: number): Matrix {
  const D = v.length;
  const Q = toNested(randomOrthogonal(D, createRng(seed, 7)));
  const S = nmul(
    nmul(
      Q,
      v.map((x, i) => v.map((_, j) => (i === j ? x : 0))),
    ),
    ntrans(Q),
  );
  return mat(S.map((row, i) => row.map((x, j) => (x + S[j][i]) / 2)));
}

const scaled = (S: Matrix, s: number): Matrix => ({ ...S, data: S.data.map((x) => x * s) });

type Kind = 'distinct' | 'tied' | 'rankDeficient' | 'diagonalZeros';
const KINDS: Kind[] = ['distinct', 'tied', 'rankDeficient', 'diagonalZeros'];

/**
 * The four families of Σ of the brief. `distinct`: XᵀX with T > D. `tied`: Q diag(v) Qᵀ with
 * repeated values drawn from {3, 2, 1, 0} (so possibly a tied zero eigenvalue too). `rankDeficient`:
 * XᵀX with T < D. `diagonalZeros`: diag(v) in shuffled order with exact zeros and ties.
 */
function makeSigma(kind: Kind, seed: number, D: number): Matrix {
  const u = testRng(seed * 7919 + 13);
  switch (kind) {
    case 'distinct':
      return gram(seed, D + 1 + (seed % 5), D);
    case 'rankDeficient':
      return gram(seed, 1 + (seed % (D - 1)), D);
    case 'tied': {
      const palette = [3, 2, 1, 0];
      const v = Array.from({ length: D }, () => palette[Math.floor(u() * 4)]);
      v[0] = 3;
      v[D - 1] = v[Math.floor(u() * (D - 1))]; // at least one tie
      return rotatedDiagonal(v, seed);
    }
    case 'diagonalZeros': {
      const palette = [0, 0, 1, 2.5, 2.5, 7];
      const v = Array.from({ length: D }, () => palette[Math.floor(u() * palette.length)]);
      v[0] = 0;
      v[D - 1] = 2.5;
      for (let i = D - 1; i > 0; i--) {
        const j = Math.floor(u() * (i + 1));
        [v[i], v[j]] = [v[j], v[i]];
      }
      return mat(v.map((x, i) => v.map((_, j) => (i === j ? x : 0))));
    }
  }
}

/**
 * Whether Σ's spectrum is far from every decision the one tolerance τ = 1e-9 λ_1 makes: each λ
 * and each gap |λ_i − λ_j| is either ≤ 1e-11 λ_1 (a zero / a tie, as rounding leaves them) or
 * ≥ 1e-4 λ_1 (clearly not). Why this is enough: at the canonical representative every nonzero
 * Hessian eigenvalue is 4λ_i, ±2λ_j, or one of the pair block's [[2λ_i, −2λ_j], [−2λ_j, 2λ_j]],
 * whose smaller eigenvalue has magnitude ≥ (2/3)·min(λ_j, |λ_i − λ_j|); the gauge G (singular
 * values in [½, 2]) acts on parameters by a congruence whose singular values lie in [½, 2], so by
 * Ostrowski's theorem it scales each eigenvalue by a factor in [¼, 4]. So nonzero Hessian
 * eigenvalues are ≥ ¼ · ⅔ · 1e-4 λ_1 ≈ 1.7e4 τ, while the zero ones are rounding, ~1e-15 λ_1
 * (1e-6 τ). A spectrum in between (a gap of 1e-8 λ_1, say) is genuinely borderline for τ — the
 * closed form and any numerics may then legitimately differ — so such Σ are skipped with
 * fc.pre, never compared with a looser tolerance. Only random XᵀX can produce one, rarely.
 */
function clearSpectrum(λ: Float64Array): boolean {
  const λ1 = λ[0];
  const ok = (x: number) => Math.abs(x) <= 1e-11 * λ1 || Math.abs(x) >= 1e-4 * λ1;
  for (let i = 0; i < λ.length; i++) {
    if (!ok(λ[i])) return false;
    for (let j = i + 1; j < λ.length; j++) if (!ok(λ[i] - λ[j])) return false;
  }
  return true;
}

const GAUGES = 3;

describe('hessianMatrix: the exact Hessian of L in all 2Dd parameters', () => {
  it('equals central finite differences of the analytic gradient at random (A, B), D ≤ 5 (relative 1e-6), and is exactly symmetric', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), (seed, D, dSeed) => {
        const d = 1 + (dSeed % D); // d = D allowed here: the formula does not need d < D
        const S = gram(seed, D + 2, D);
        const z = testNormals(seed + 1, 2 * D * d);
        const A: Matrix = { rows: D, cols: d, data: Float64Array.from(z.slice(0, D * d), (x) => 0.7 * x) };
        const B: Matrix = { rows: d, cols: D, data: Float64Array.from(z.slice(D * d), (x) => 0.7 * x) };
        const H = hessianMatrix(S, A, B);
        const n = 2 * D * d;
        expect([H.rows, H.cols]).toEqual([n, n]);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(H.data[i * n + j]).toBe(H.data[j * n + i]);
        const θ = Float64Array.from([...A.data, ...B.data]);
        const grad = (t: Float64Array) => {
          const { gradA, gradB } = lossAndGradient(S, { rows: D, cols: d, data: t.slice(0, D * d) }, { rows: d, cols: D, data: t.slice(D * d) });
          return Float64Array.from([...gradA.data, ...gradB.data]);
        };
        let scale = 0;
        for (const x of H.data) scale = Math.max(scale, Math.abs(x));
        const h = 1e-5;
        let err = 0;
        for (let j = 0; j < n; j++) {
          const p = θ.slice();
          const m = θ.slice();
          p[j] += h;
          m[j] -= h;
          const gp = grad(p);
          const gm = grad(m);
          for (let i = 0; i < n; i++) err = Math.max(err, Math.abs((gp[i] - gm[i]) / (2 * h) - H.data[i * n + j]));
        }
        expect(err).toBeLessThanOrEqual(1e-6 * scale);
      }),
      { numRuns: 40 },
    );
  });

  it('at the canonical representative in the eigenbasis has the design’s blocks: [[2λ_i, −2λ_j], [−2λ_j, 2λ_j]] and [[0, −2λ_j], [−2λ_j, 0]]', () => {
    const λ = [5, 3, 2, 1];
    const D = 4;
    const d = 2;
    const S = mat(λ.map((x, i) => λ.map((_, j) => (i === j ? x : 0))));
    const e = eigenSymmetric(S);
    const I = [2]; // k = 1: unit 0 carries u_2, unit 1 is unused
    const { A, B } = canonicalRepresentative(e, I, d);
    const H = hessianMatrix(S, A, B);
    const n = 2 * D * d;
    const a = (r: number, h: number) => r * d + h; // index of A[r][h]
    const b = (h: number, c: number) => D * d + h * D + c; // index of B[h][c]
    const at = (i: number, j: number) => H.data[i * n + j];
    for (const j of [0, 2, 3]) {
      // pair (i = 2 ∈ I, j ∉ I) on unit 0
      expect(at(a(j, 0), a(j, 0))).toBeCloseTo(2 * λ[1], 12);
      expect(at(b(0, j), b(0, j))).toBeCloseTo(2 * λ[j], 12);
      expect(at(a(j, 0), b(0, j))).toBeCloseTo(-2 * λ[j], 12);
      // unused unit 1 with j ∉ I
      expect(at(a(j, 1), a(j, 1))).toBe(0);
      expect(at(b(1, j), b(1, j))).toBe(0);
      expect(at(a(j, 1), b(1, j))).toBeCloseTo(-2 * λ[j], 12);
    }
    // (A[1][0], B[0][1]) — the orbit direction — is [[2λ_2, 2λ_2], [2λ_2, 2λ_2]]: eigenvalues 4λ_2, 0.
    expect(at(a(1, 0), b(0, 1))).toBeCloseTo(2 * λ[1], 12);
  });
});

describe('gaugedRepresentative and gradientNorm', () => {
  it('gives AB = W_I to rounding, not the canonical A, and gradientNorm is the Frobenius norm of lossAndGradient', () => {
    const S = gram(3, 9, 6);
    const e = eigenSymmetric(S);
    const { A, B } = gaugedRepresentative(e, [1, 4], 3, createRng(1, 2));
    expect(maxAbsDiff(nmul(toNested(A), toNested(B)), projection(e, [1, 4]))).toBeLessThan(1e-14);
    expect(maxAbsDiff(A, canonicalRepresentative(e, [1, 4], 3).A)).toBeGreaterThan(0.05);
    const Z = { rows: 6, cols: 3, data: new Float64Array(18).fill(0.3) };
    const Y = { rows: 3, cols: 6, data: new Float64Array(18).fill(-0.2) };
    const { gradA, gradB } = lossAndGradient(S, Z, Y);
    const ref = Math.hypot(...gradA.data, ...gradB.data);
    expect(Math.abs(gradientNorm(S, Z, Y) - ref)).toBeLessThan(1e-13 * ref);
  });
});

describe('Hessian inertia at every critical point equals the closed form (morseInertia)', () => {
  for (const kind of KINDS)
    it(`${kind} Σ, D ≤ 7, every I with |I| ≤ d < D, ${GAUGES} random gauges each; ‖∇L‖ ≤ 1e-10 λ_1`, () => {
      let checked = 0;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 1_000_000 }),
          fc.integer({ min: 2, max: 7 }),
          fc.integer({ min: 0, max: 5 }),
          fc.integer({ min: -6, max: 6 }),
          (seed, D, dSeed, scaleExp) => {
            const d = 1 + (dSeed % (D - 1));
            const S = scaled(makeSigma(kind, seed, D), 10 ** scaleExp);
            const e = eigenSymmetric(S);
            const λ = e.values;
            const λ1 = λ[0];
            if (kind === 'distinct' || kind === 'rankDeficient') fc.pre(clearSpectrum(λ));
            else expect(clearSpectrum(λ)).toBe(true); // by construction
            const τ = 1e-9 * λ1;
            const n = 2 * D * d;
            const subsets = [...enumerateSubsets(D, d)];
            // The eigenvalue route runs on every I up to n = 36 and, above that, on
            // three I (∅, one in the middle, and the worst saddle {D−d+1..D}). LDL covers every I.
            const stride = n <= 36 ? 1 : Math.ceil(subsets.length / 2);
            const rng = createRng(seed, 50);
            subsets.forEach((I0, pos) => {
              const I = I0.map((i) => i + 1);
              const cf = morseInertia(λ, I0, d, τ);
              const expected = { negative: cf.index, zero: cf.zeros, positive: cf.positive };
              const where = `${kind} D=${D} d=${d} I={${I.join(',')}} λ=[${Array.from(λ).join(', ')}]`;
              for (let g = 0; g < GAUGES; g++) {
                const { A, B } = gaugedRepresentative(e, I, d, rng);
                expect(gradientNorm(S, A, B), where).toBeLessThanOrEqual(1e-10 * λ1);
                const H = hessianMatrix(S, A, B);
                const ldl = inertiaLDL(H, τ);
                expect(ldl, where).toEqual(expected);
                if (g === 0) {
                  // No Hessian eigenvalue magnitude in (1e-3 τ, 1e3 τ]: the counts are not borderline.
                  expect(inertiaLDL(H, 1e-3 * τ), where).toEqual(ldl);
                  expect(inertiaLDL(H, 1e3 * τ), where).toEqual(ldl);
                }
                if (g === 0 && (pos % stride === 0 || pos === subsets.length - 1)) {
                  const viaEigen = hessianInertia(S, A, B, τ, { eigenvalues: true });
                  const { eigenvalues, ...counts } = viaEigen;
                  expect(counts, where).toEqual(expected);
                  expect(eigenvalues).not.toBeNull();
                  // The zero cluster is pure rounding, far below τ; the rest far above it.
                  for (const μ of eigenvalues ?? []) {
                    if (Math.abs(μ) <= τ) expect(Math.abs(μ), where).toBeLessThanOrEqual(1e-3 * τ);
                    else expect(Math.abs(μ), where).toBeGreaterThan(1e3 * τ);
                  }
                }
                checked++;
              }
            });
          },
        ),
        { numRuns: 20 },
      );
      expect(checked).toBeGreaterThan(0);
    }, 20_000);

  it('the LDL route of hessianInertia returns eigenvalues: null and the same counts', () => {
    const S = gram(11, 8, 5);
    const e = eigenSymmetric(S);
    const τ = 1e-9 * e.values[0];
    const { A, B } = gaugedRepresentative(e, [2, 3], 3, createRng(4, 4));
    const viaLDL = hessianInertia(S, A, B, τ);
    const viaEigen = hessianInertia(S, A, B, τ, { eigenvalues: true });
    expect(viaLDL.eigenvalues).toBeNull();
    expect({ ...viaLDL, eigenvalues: null }).toEqual({ ...viaEigen, eigenvalues: null });
    const ev = viaEigen.eigenvalues ?? new Float64Array();
    for (let i = 1; i < ev.length; i++) expect(ev[i]).toBeGreaterThanOrEqual(ev[i - 1]);
  });
});

describe('inertiaLDL counts like the eigenvalues (Sylvester’s law), thresholds ±τ included', () => {
  /**
   * H = Q diag(μ) Qᵀ with a known spectrum μ of scale ~1 mixing exact zeros, rounding-size values,
   * clusters just inside and just outside ±τ (at τ(1 ± 1e-2), i.e. 1e-11 from the threshold,
   * ~100× the rounding of forming H and of the factorisation), and O(1) values of both signs.
   */
  const spectrumArb = fc.array(
    fc.oneof(
      fc.constant(0),
      fc.constantFrom(1e-16, -1e-16, 3e-13, -3e-13),
      fc
        .constantFrom(0.99, 1.01, 0.5, 2)
        .chain((f) => fc.constantFrom(f, -f))
        .map((f) => f * 1e-9),
      fc.double({ min: 0.01, max: 10, noNaN: true }).chain((x) => fc.constantFrom(x, -x)),
    ),
    { minLength: 1, maxLength: 30 },
  );

  it('on Q diag(μ) Qᵀ: singular, indefinite, clustered near ±τ (τ = 1e-9), against μ and against mathjs', () => {
    fc.assert(
      fc.property(spectrumArb, fc.integer({ min: 0, max: 1_000_000 }), (μ, seed) => {
        const τ = 1e-9;
        const H = rotatedDiagonal(μ, seed);
        const expected = inertiaFromEigenvalues(μ, τ);
        expect(inertiaLDL(H, τ)).toEqual(expected);
        expect(inertiaFromEigenvalues(symmetricEigenvalues(H), τ)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('on [[0, C], [Cᵀ, 0]] (zero diagonal: 2 × 2 pivots) and on random rank-deficient XᵀX − cI, against mathjs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (seed, p, q) => {
        const z = testNormals(seed, p * q);
        const r = 1 + (seed % Math.min(p, q)); // rank of C: only its first r rows are nonzero
        const C = Array.from({ length: p }, (_, i) => Array.from({ length: q }, (_, j) => (i < r ? z[i * q + j] : 0)));
        const n = p + q;
        const K = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i < p && j >= p ? C[i][j - p] : j < p && i >= p ? C[j][i - p] : 0)));
        const H = mat(K);
        const ev = symmetricEigenvalues(H);
        let top = 0;
        for (const x of ev) top = Math.max(top, Math.abs(x));
        const τ = 1e-9 * top;
        expect(inertiaLDL(H, τ)).toEqual(inertiaFromEigenvalues(ev, τ));
        const zeroCount = inertiaLDL(H, τ).zero;
        expect(zeroCount).toBe(n - 2 * r); // ±σ_i(C) for the r nonzero singular values

        const T = 1 + (seed % 4);
        const X = gram(seed + 3, T, 6);
        const shift = 0.5 * X.data[0]; // an eigenvalue-free shift, generically
        const Y = { ...X, data: X.data.map((x, i) => (i % 7 === 0 ? x - shift : x)) };
        const ev2 = symmetricEigenvalues(Y);
        const τ2 = 1e-9 * Math.max(Math.abs(ev2[0]), Math.abs(ev2[ev2.length - 1]));
        expect(inertiaLDL(Y, τ2)).toEqual(inertiaFromEigenvalues(ev2, τ2));
      }),
      { numRuns: 60 },
    );
  });

  it('edge cases: the zero matrix, 1 × 1, and a large pivot next to tiny eigenvalues', () => {
    expect(
      inertiaLDL(
        mat([
          [0, 0],
          [0, 0],
        ]),
        1e-9,
      ),
    ).toEqual({ negative: 0, zero: 2, positive: 0 });
    expect(inertiaLDL(mat([[-2e-9]]), 1e-9)).toEqual({ negative: 1, zero: 0, positive: 0 });
    expect(inertiaLDL(mat([[5e-10]]), 1e-9)).toEqual({ negative: 0, zero: 1, positive: 0 });
    // [[1, 1], [1, 1 + 1e-12]] has eigenvalues ≈ 2 and 5e-13 (≤ τ): its pivots are 1 and 1e-12,
    // so thresholding pivots of H would agree here by luck, but [[1e-12, 1], [1, 0]] has pivots
    // that say nothing about its eigenvalues ±1: inertia must come from H ± τI.
    expect(
      inertiaLDL(
        mat([
          [1, 1],
          [1, 1 + 1e-12],
        ]),
        1e-9,
      ),
    ).toEqual({ negative: 0, zero: 1, positive: 1 });
    expect(
      inertiaLDL(
        mat([
          [1e-12, 1],
          [1, 0],
        ]),
        1e-9,
      ),
    ).toEqual({ negative: 1, zero: 0, positive: 1 });
    // A pivot of 1e6 next to an eigenvalue of 1e-7 ≤ τ = 1e-3: the zero must still be found.
    const big = mat([
      [1e6, 1e3],
      [1e3, 1 + 1e-7],
    ]); // det = 1e-1, eigenvalues ≈ 1e6 and 1e-7
    expect(inertiaLDL(big, 1e-9 * 1e6)).toEqual({ negative: 0, zero: 1, positive: 1 });
  });
});
