/**
 * The weight-decay closed forms (src/core/models/linear/weightDecay.ts, docs/design.md §5) against
 * the losses written out here (nested arrays, independent of src/core), their analytic gradients
 * and a numerical Hessian (central differences of the gradient), on random Σ with distinct
 * eigenvalues, for the linear (2dD parameters) and the tied (dD) model.
 */
import { describe, expect, it } from 'vitest';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { decayedInertia, decayedLoss, decayedRepresentative, learnableCount } from '../../../../src/core/models/linear/weightDecay';
import { centralDifferences, eye, mat, nmul, nsub, ntrans, symmetrisedMatrix, testNormals } from '../../../helpers';

const trace = (M: number[][]) => M.reduce((s, row, i) => s + row[i], 0);
const frob2 = (M: number[][]) => M.flat().reduce((s, x) => s + x * x, 0);
const scale = (M: number[][], c: number) => M.map((row) => row.map((x) => c * x));
const add = (P: number[][], Q: number[][]) => P.map((row, i) => row.map((x, j) => x + Q[i][j]));

/** θ → (A, B): the linear model's [A (D × d), B (d × D)], or the tied model's B with A = Bᵀ. */
function unpack(θ: ArrayLike<number>, D: number, d: number, tied: boolean): { A: number[][]; B: number[][] } {
  const rows = (off: number, r: number, c: number) => Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => θ[off + i * c + j]));
  const B = rows(tied ? 0 : D * d, d, D);
  return { A: tied ? ntrans(B) : rows(0, D, d), B };
}

/** L_μ = tr(E Σ Eᵀ) + μ(‖A‖² + ‖B‖²), E = I − AB (tied: A = Bᵀ, so the decay is 2μ‖B‖²). */
function lossOf(S: number[][], θ: ArrayLike<number>, d: number, μ: number, tied: boolean): number {
  const { A, B } = unpack(θ, S.length, d, tied);
  const E = nsub(eye(S.length), nmul(A, B));
  return trace(nmul(nmul(E, S), ntrans(E))) + μ * (frob2(A) + frob2(B));
}

/** ∇_A = −2EΣBᵀ + 2μA, ∇_B = −2AᵀEΣ + 2μB; tied: ∇_B + (∇_A)ᵀ. */
function gradientOf(S: number[][], θ: ArrayLike<number>, d: number, μ: number, tied: boolean): number[] {
  const { A, B } = unpack(θ, S.length, d, tied);
  const E = nsub(eye(S.length), nmul(A, B));
  const gA = add(scale(nmul(nmul(E, S), ntrans(B)), -2), scale(A, 2 * μ));
  const gB = add(scale(nmul(nmul(ntrans(A), E), S), -2), scale(B, 2 * μ));
  return tied ? add(gB, ntrans(gA)).flat() : [...gA.flat(), ...gB.flat()];
}

/** Σ = XᵀX with column scales 1.6^(−i): distinct eigenvalues over a decade or two. */
function sigma(seed: number, D: number): number[][] {
  const z = testNormals(seed, 3 * D * D);
  const X = Array.from({ length: 3 * D }, (_, t) => Array.from({ length: D }, (_, i) => z[t * D + i] * 1.6 ** -i));
  return nmul(ntrans(X), X);
}

function subsets(items: number[], k: number): number[][] {
  if (k === 0) return [[]];
  return items.flatMap((x, p) => subsets(items.slice(p + 1), k - 1).map((rest) => [x, ...rest]));
}

/** Each I's representative is critical, has loss L(I), and its numerical Hessian has the closed-form inertia. */
function checkPoints(S: number[][], eigen: ReturnType<typeof eigenSymmetricFast>, d: number, μ: number, tied: boolean, points: number[][], τ = 0): void {
  const D = S.length;
  const λ = eigen.values;
  const n = tied ? d * D : 2 * d * D;
  for (const I of points) {
    const θ = decayedRepresentative(eigen, I, d, μ, tied);
    const g = gradientOf(S, θ, d, μ, tied);
    expect(Math.hypot(...g), `∇L at {${I}}`).toBeLessThanOrEqual(1e-9 * λ[0]);
    expect(Math.abs(lossOf(S, θ, d, μ, tied) - decayedLoss(λ, I, μ))).toBeLessThanOrEqual(1e-10 * λ[0]);
    // Central differences of the analytic gradient, symmetrised.
    const H = symmetrisedMatrix(centralDifferences((t) => gradientOf(S, t, d, μ, tied), θ, 1e-5));
    const ev = eigenSymmetricFast(H).values;
    const tol = 1e-6 * λ[0];
    const counts = {
      index: ev.filter((v) => v < -tol).length,
      zeros: ev.filter((v) => Math.abs(v) <= tol).length,
      positive: ev.filter((v) => v > tol).length,
    };
    expect(counts, `{${I}}, tied ${tied}`).toEqual(decayedInertia(λ, I, d, μ, n, τ));
  }
}

describe.each([
  { D: 5, d: 2, seed: 1 },
  { D: 6, d: 3, seed: 2 },
])('uniform weight decay, D = $D, d = $d', ({ D, d, seed }) => {
  const S = sigma(seed, D);
  const eigen = eigenSymmetricFast(mat(S));
  const λ = eigen.values;
  describe.each([0.1, 0.3])('wd = %s (μ = wd · λ₁)', (wd) => {
    const μ = wd * λ[0];
    const learnable = Array.from({ length: D }, (_, i) => i + 1).filter((i) => λ[i - 1] > μ);
    const points = Array.from({ length: d + 1 }, (_, k) => subsets(learnable, k)).flat();

    it('only directions with λ_i > μ can be learned: Σ_{k≤d} C(m, k) points, and a point using one that cannot is refused', () => {
      expect(learnableCount(λ, μ)).toBe(learnable.length);
      expect(learnable.length).toBeLessThan(D); // wd = 0.1 already removes the smallest directions here
      const lost = D; // λ_D ≤ μ
      expect(() => decayedLoss(λ, [lost], μ)).toThrow(`u_${lost} is no longer learned: λ_${lost} ≤ μ`);
    });

    it.each([false, true])(
      'tied = %s: every point is critical (‖∇L‖ ≤ 1e-9 λ₁), has loss L(I), and the numerical Hessian’s inertia is the closed form',
      (tied) => checkPoints(S, eigen, d, μ, tied, points),
    );
  });

  it('the tied model at μ = 0: the same points with the same index, and the O(d) zeros (not GL(d): A = Bᵀ leaves only rotations)', () => {
    const all = Array.from({ length: d + 1 }, (_, k) =>
      subsets(
        Array.from({ length: D }, (_, i) => i + 1),
        k,
      ),
    ).flat();
    checkPoints(S, eigen, d, 0, true, all);
  });

  /** Σ's own eigenvectors with the eigenvalues λt instead: Q diag(λt) Qᵀ (ties and zeros exactly where λt has them). */
  const withEigenvalues = (λt: number[]): number[][] => {
    const Q = eigenSymmetricFast(mat(S)).U;
    return Array.from({ length: D }, (_, r) => Array.from({ length: D }, (_, c) => λt.reduce((s, l, i) => s + l * Q.data[r * D + i] * Q.data[c * D + i], 0)));
  };

  it('tied eigenvalues (Σ = Q diag(3, 3, 3, 1, 1, 0.2) Qᵀ): one more zero per tied pair across I’s edge, for both models', () => {
    const λt = [3, 3, 3, 1, 1, 0.2].slice(0, D);
    const St = withEigenvalues(λt);
    const et = eigenSymmetricFast(mat(St));
    const μ = 0.2 * et.values[0];
    const learnable = Array.from({ length: D }, (_, i) => i + 1).filter((i) => et.values[i - 1] > μ);
    const points = Array.from({ length: d + 1 }, (_, k) => subsets(learnable, k)).flat();
    const τ = 1e-9 * et.values[0];
    // Some points have a tied pair across I's edge (e.g. {1} with u_2, u_3), so the tie term is exercised.
    expect(points.some((I) => decayedInertia(et.values, I, d, μ, 2 * d * D, τ).zeros > (d * (d - 1)) / 2 - ((d - I.length) * (d - I.length - 1)) / 2)).toBe(
      true,
    );
    for (const tied of [false, true]) checkPoints(St, et, d, μ, tied, points, τ);
  });

  it('the tied model at μ = 0 on a singular Σ (λ = 3, 2, 2, 0, 0, …): every I ⊆ 1..D is critical, with the null directions’ zeros', () => {
    const λt = [3, 2, 2, 0, 0, 0].slice(0, D);
    const St = withEigenvalues(λt);
    const et = eigenSymmetricFast(mat(St));
    const all = Array.from({ length: d + 1 }, (_, k) =>
      subsets(
        Array.from({ length: D }, (_, i) => i + 1),
        k,
      ),
    ).flat();
    checkPoints(St, et, d, 0, true, all, 1e-9 * et.values[0]);
  });

  it('μ < 0 is refused, as is |I| > d', () => {
    expect(() => decayedInertia(λ, [1], d, -0.1, 2 * d * D)).toThrow(/μ ≥ 0/);
    expect(() =>
      decayedInertia(
        λ,
        Array.from({ length: d + 1 }, (_, i) => i + 1),
        d,
        1e-9 * λ[0],
        2 * d * D,
      ),
    ).toThrow(/> d/);
  });
});
