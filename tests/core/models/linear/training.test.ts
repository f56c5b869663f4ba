import { describe, expect, it } from 'vitest';
import { globalMinimumLoss } from '../../../../src/core/landscape/criticalPoints';
import type { Matrix } from '../../../../src/core/linalg/matrix';
import { initialWeights } from '../../../../src/core/models/linear/initialWeights';
import { nearestCriticalPoint } from '../../../../src/core/models/linear/nearestCriticalPoint';
import { canonicalRepresentative } from '../../../../src/core/models/linear/representatives';
import { createRng, streamForRun } from '../../../../src/core/random/random';
import { enumerateSubsets } from '../../../../src/core/reference/criticalPointList';
import { eigenSymmetric } from '../../../../src/core/reference/eigenMathjs';
import { gradientDescent } from '../../../../src/core/reference/originalBasisDescent';
import { DIVERGENCE_FACTOR, logSpacedSteps } from '../../../../src/core/training/schedule';
import { loadFixture, mat, maxAbsDiff, naiveLoss, nmul, ntrans, testData, toNested } from '../../../helpers';

interface TrainingFixture {
  D: number;
  d: number;
  sigma: number[][];
  lambda1: number;
  eta: number;
  steps: number;
  A0: number[][];
  B0: number[][];
  recordSteps: number[];
  loss: number[];
  finalA: number[][];
  finalB: number[][];
  traceSigma: number;
}
const fx = loadFixture<TrainingFixture>('training.json');

describe('gradientDescent replays numpy’s run exactly', () => {
  const run = gradientDescent({ sigma: mat(fx.sigma), A0: mat(fx.A0), B0: mat(fx.B0), eta: fx.eta, steps: fx.steps, recordSteps: fx.recordSteps });

  it('records the loss after exactly the requested steps 0, 1, 2, 5, …, 499, 500', () => {
    expect(run.step).toEqual(fx.recordSteps);
    expect(run.diverged).toBe(false);
    expect(run.cancelled).toBe(false);
    expect(run.stepsTaken).toBe(fx.steps);
  });

  it('losses agree with numpy’s tr((I − AB) Σ (I − AB)ᵀ) to 1e-10 · tr Σ at every recorded step', () => {
    run.loss.forEach((l, i) => {
      expect(Math.abs(l - fx.loss[i])).toBeLessThan(1e-10 * fx.traceSigma);
    });
  });

  it('final A and B agree with numpy’s to 1e-9', () => {
    expect(run.A).not.toBeNull();
    expect(run.B).not.toBeNull();
    expect(maxAbsDiff(run.A as Matrix, fx.finalA)).toBeLessThan(1e-9);
    expect(maxAbsDiff(run.B as Matrix, fx.finalB)).toBeLessThan(1e-9);
  });

  it('does not mutate A₀ and B₀', () => {
    const A0 = mat(fx.A0);
    gradientDescent({ sigma: mat(fx.sigma), A0, B0: mat(fx.B0), eta: fx.eta, steps: 3 });
    expect(toNested(A0)).toEqual(fx.A0);
  });

  it('one step is A ← A − η ∂L/∂A, B ← B − η ∂L/∂B, both from the same iterate', () => {
    const one = gradientDescent({ sigma: mat(fx.sigma), A0: mat(fx.A0), B0: mat(fx.B0), eta: fx.eta, steps: 1 });
    const S = fx.sigma;
    const E = fx.sigma.map((_, r) => fx.sigma.map((__, c) => (r === c ? 1 : 0) - nmul(fx.A0, fx.B0)[r][c]));
    const gA = nmul(nmul(E, S), ntrans(fx.B0)).map((r) => r.map((x) => -2 * x));
    const gB = nmul(nmul(ntrans(fx.A0), E), S).map((r) => r.map((x) => -2 * x));
    const A1 = fx.A0.map((r, i) => r.map((x, j) => x - fx.eta * gA[i][j]));
    const B1 = fx.B0.map((r, i) => r.map((x, j) => x - fx.eta * gB[i][j]));
    expect(maxAbsDiff(one.A as Matrix, A1)).toBeLessThan(1e-13);
    expect(maxAbsDiff(one.B as Matrix, B1)).toBeLessThan(1e-13);
    expect(one.step).toEqual([0, 1]);
    expect(Math.abs(one.loss[1] - naiveLoss(S, A1, B1))).toBeLessThan(1e-12 * fx.traceSigma);
  });

  it('gradient descent commutes with the eigenbasis change Ã = UᵀA, B̃ = BU (Σ → Λ) up to rounding', () => {
    const e = eigenSymmetric(mat(fx.sigma));
    const U = toNested(e.U);
    const Lambda = U.map((_, i) => U.map((__, j) => (i === j ? e.values[i] : 0)));
    const rot = gradientDescent({ sigma: mat(Lambda), A0: mat(nmul(ntrans(U), fx.A0)), B0: mat(nmul(fx.B0, U)), eta: fx.eta, steps: 200 });
    const orig = gradientDescent({ sigma: mat(fx.sigma), A0: mat(fx.A0), B0: mat(fx.B0), eta: fx.eta, steps: 200 });
    expect(maxAbsDiff(nmul(U, toNested(rot.A as Matrix)), toNested(orig.A as Matrix))).toBeLessThan(1e-9);
    expect(maxAbsDiff(nmul(toNested(rot.B as Matrix), ntrans(U)), toNested(orig.B as Matrix))).toBeLessThan(1e-9);
    rot.loss.forEach((l, i) => {
      expect(Math.abs(l - orig.loss[i])).toBeLessThan(1e-10 * fx.traceSigma);
    });
  });
});

describe('logSpacedSteps', () => {
  it.each([0, 1, 2, 10, 3000, 1_000_000])('steps = %i: contains 0 and steps, ascending, unique integers in [0, steps]', (steps) => {
    const s = logSpacedSteps(steps);
    expect(s[0]).toBe(0);
    expect(s[s.length - 1]).toBe(steps);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s.every((x) => Number.isInteger(x) && x >= 0 && x <= steps)).toBe(true);
  });

  it('is logarithmically dense: for 10⁶ steps it keeps every step up to 10 and about 240 points overall', () => {
    const s = logSpacedSteps(1_000_000);
    for (let i = 0; i <= 10; i++) expect(s).toContain(i);
    expect(s.length).toBeGreaterThan(150);
    expect(s.length).toBeLessThanOrEqual(242);
    expect(logSpacedSteps(1_000_000, 20).length).toBeLessThanOrEqual(22);
  });

  it('is the default record of gradientDescent', () => {
    const run = gradientDescent({ sigma: mat(fx.sigma), A0: mat(fx.A0), B0: mat(fx.B0), eta: fx.eta, steps: 700 });
    expect(run.step).toEqual(logSpacedSteps(700));
  });
});

describe('divergence and cancellation', () => {
  it('η = 5/λ₁ diverges: diverged = true, the run stops, and no non-finite loss is recorded', () => {
    const run = gradientDescent({
      sigma: mat(fx.sigma),
      A0: mat(fx.A0),
      B0: mat(fx.B0),
      eta: 5 / fx.lambda1,
      steps: 2000,
      recordSteps: Array.from({ length: 2001 }, (_, i) => i),
    });
    expect(run.diverged).toBe(true);
    expect(run.divergedAtStep).not.toBeNull();
    expect(run.divergedAtStep as number).toBeLessThan(2000);
    expect(run.stepsTaken).toBe(run.divergedAtStep);
    expect(run.loss.length).toBeGreaterThan(0);
    expect(run.loss.every(Number.isFinite)).toBe(true);
    expect(run.step.every((s) => s <= (run.divergedAtStep as number))).toBe(true);
    // Stopped because the loss passed DIVERGENCE_FACTOR · max(L₀, tr Σ) (or became non-finite).
    const last = run.loss[run.loss.length - 1];
    if (run.step[run.step.length - 1] === run.divergedAtStep) expect(last).toBeGreaterThan(DIVERGENCE_FACTOR * Math.max(run.loss[0], fx.traceSigma));
    if (run.A) expect(Array.from(run.A.data).every(Number.isFinite)).toBe(true);
  });

  it('even with an absurd η (1e6/λ₁) nothing non-finite is recorded and the weights are finite or null', () => {
    const run = gradientDescent({ sigma: mat(fx.sigma), A0: mat(fx.A0), B0: mat(fx.B0), eta: 1e6 / fx.lambda1, steps: 500 });
    expect(run.diverged).toBe(true);
    expect(run.loss.every(Number.isFinite)).toBe(true);
    for (const W of [run.A, run.B]) if (W) expect(Array.from(W.data).every(Number.isFinite)).toBe(true);
  });

  it('a stable step (η = 0.2/λ₁) does not diverge and the loss never increases', () => {
    const run = gradientDescent({ sigma: mat(fx.sigma), A0: mat(fx.A0), B0: mat(fx.B0), eta: 0.2 / fx.lambda1, steps: 1000 });
    expect(run.diverged).toBe(false);
    expect(run.divergedAtStep).toBeNull();
    for (let i = 1; i < run.loss.length; i++) expect(run.loss[i]).toBeLessThanOrEqual(run.loss[i - 1] * (1 + 1e-12));
  });

  it('onProgress returning true cancels the run', () => {
    const seen: number[] = [];
    const run = gradientDescent({
      sigma: mat(fx.sigma),
      A0: mat(fx.A0),
      B0: mat(fx.B0),
      eta: fx.eta,
      steps: 10_000,
      onProgress: (s) => {
        seen.push(s);
        return s >= 512;
      },
    });
    expect(run.cancelled).toBe(true);
    expect(run.stepsTaken).toBe(512);
    expect(seen).toEqual([0, 256, 512]);
  });
});

describe('initialWeights: run r from stream (seed, 100 + r)', () => {
  it('is deterministic per (seed, run), differs between runs and seeds, and has shapes D × d, d × D', () => {
    const a = initialWeights(3, 0, 6, 2, 0.1, 'random');
    const b = initialWeights(3, 0, 6, 2, 0.1, 'random');
    expect([a.A0.rows, a.A0.cols, a.B0.rows, a.B0.cols]).toEqual([6, 2, 2, 6]);
    expect(Array.from(a.A0.data)).toEqual(Array.from(b.A0.data));
    expect(Array.from(a.B0.data)).toEqual(Array.from(b.B0.data));
    expect(maxAbsDiff(a.A0, initialWeights(3, 1, 6, 2, 0.1, 'random').A0)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(a.A0, initialWeights(4, 0, 6, 2, 0.1, 'random').A0)).toBeGreaterThan(1e-3);
  });

  it('random: A₀ then B₀, row-major, are init · N(0,1) draws of stream 100 + r', () => {
    const { A0, B0 } = initialWeights(9, 2, 4, 3, 0.01, 'random');
    const rng = createRng(9, streamForRun(2));
    const expected = Array.from({ length: 24 }, () => 0.01 * rng.normal());
    expect([...Array.from(A0.data), ...Array.from(B0.data)]).toEqual(expected);
  });

  it('balanced: A₀ = B₀ᵀ, so A₀ᵀA₀ = B₀B₀ᵀ', () => {
    const { A0, B0 } = initialWeights(5, 1, 7, 3, 0.3, 'balanced');
    const A = toNested(A0);
    const B = toNested(B0);
    expect(A).toEqual(ntrans(B));
    expect(maxAbsDiff(nmul(ntrans(A), A), nmul(B, ntrans(B)))).toBe(0);
    expect(Math.max(...Array.from(B0.data).map(Math.abs))).toBeGreaterThan(0);
  });

  it('entries are iid N(0, init²): sample std of 64 × 63 × 2 entries ≈ init', () => {
    const { A0, B0 } = initialWeights(1, 0, 64, 63, 0.5, 'random');
    const xs = [...Array.from(A0.data), ...Array.from(B0.data)];
    const m2 = xs.reduce((s, x) => s + x * x, 0) / xs.length;
    expect(Math.abs(m2 - 0.25)).toBeLessThan(5 * 0.25 * Math.sqrt(2 / xs.length));
  });
});

describe('nearestCriticalPoint: I = {i : P_ii > ½}, P = Uᵀ A B U', () => {
  const X = testData(21, 50, [3, 2.2, 1.5, 1, 0.6, 0.3]);
  const S = nmul(ntrans(X), X);
  const eigen = eigenSymmetric(mat(S));
  const d = 3;

  it('at every canonical representative of W_I it returns I, with P_ii = 1 on I and 0 off I', () => {
    for (const I0 of enumerateSubsets(6, d)) {
      const I = I0.map((i) => i + 1);
      const { A, B } = canonicalRepresentative(eigen, I, d);
      const r = nearestCriticalPoint(eigen, A, B);
      expect(r.I).toEqual(I);
      for (let i = 1; i <= 6; i++) expect(Math.abs(r.learned[i - 1] - (I.includes(i) ? 1 : 0))).toBeLessThan(1e-12);
    }
  });

  it('is gauge invariant: (U_I G, G⁻¹ U_Iᵀ) gives the same I', () => {
    const I = [1, 3, 6];
    const { A, B } = canonicalRepresentative(eigen, I, d);
    const G = [
      [2, 0.3, 0],
      [0, 1, -0.5],
      [0.1, 0, 0.5],
    ];
    // G⁻¹ by solving with the adjugate.
    const det =
      G[0][0] * (G[1][1] * G[2][2] - G[1][2] * G[2][1]) - G[0][1] * (G[1][0] * G[2][2] - G[1][2] * G[2][0]) + G[0][2] * (G[1][0] * G[2][1] - G[1][1] * G[2][0]);
    const cof = (r: number, c: number) => {
      const m = G.filter((_, i) => i !== r).map((row) => row.filter((_, j) => j !== c));
      return ((r + c) % 2 ? -1 : 1) * (m[0][0] * m[1][1] - m[0][1] * m[1][0]);
    };
    const Gi = [0, 1, 2].map((r) => [0, 1, 2].map((c) => cof(c, r) / det));
    const A2 = mat(nmul(toNested(A), G));
    const B2 = mat(nmul(Gi, toNested(B)));
    expect(nearestCriticalPoint(eigen, A2, B2).I).toEqual(I);
  });

  it('keeps the d largest P_ii when more than d exceed ½', () => {
    const U = toNested(eigen.U);
    const u = (i: number) => U.map((row) => row[i - 1]);
    // d = 1: A = a₁u₁ + a₂u₂, B = (b₁u₁ + b₂u₂)ᵀ gives P₁₁ = a₁b₁ = 0.6, P₂₂ = a₂b₂ = 0.9.
    const A1 = u(1).map((x, r) => [0.6 * x + 0.9 * u(2)[r]]);
    const B1 = [u(1).map((x, r) => x + u(2)[r])];
    const r1 = nearestCriticalPoint(eigen, mat(A1), mat(B1));
    expect(Math.abs(r1.learned[0] - 0.6)).toBeLessThan(1e-12);
    expect(Math.abs(r1.learned[1] - 0.9)).toBeLessThan(1e-12);
    expect(r1.I).toEqual([2]);
    // d = 2: P₁₁ = 0.6, P₂₂ = 1, P₃₃ = 0.7 → keep {2, 3}.
    const A2 = u(1).map((x, r) => [0.6 * x + 0.7 * u(3)[r], u(2)[r]]);
    const B2 = [u(1).map((x, r) => x + u(3)[r]), u(2)];
    expect(nearestCriticalPoint(eigen, mat(A2), mat(B2)).I).toEqual([2, 3]);
    // Nothing above ½ → ∅ (A = B = 0).
    expect(nearestCriticalPoint(eigen, mat(A2.map((r) => r.map(() => 0))), mat(B2.map((r) => r.map(() => 0)))).I).toEqual([]);
  });
});

describe('small initialisation and clear gaps: saddle to saddle to the global minimum', () => {
  // Σ = diag(8, 4, 2, 1, 0.5), d = 2: L* = 2 + 1 + 0.5.
  const λ = [8, 4, 2, 1, 0.5];
  const S = λ.map((x, i) => λ.map((_, j) => (i === j ? x : 0)));
  const eigen = eigenSymmetric(mat(S));
  const trS = 15.5;
  const eta = 0.2 / 8;
  const { A0, B0 } = initialWeights(4, 0, 5, 2, 1e-4, 'random');

  it('ends at the global minimum: final loss within 1e-8 · tr Σ of L* = Σ_{i>d} λ_i, nearest critical point {1, 2}', () => {
    const run = gradientDescent({ sigma: mat(S), A0, B0, eta, steps: 3000 });
    const Lstar = globalMinimumLoss(eigen.values, 2);
    expect(Lstar).toBe(3.5);
    expect(run.diverged).toBe(false);
    expect(Math.abs(run.loss[run.loss.length - 1] - Lstar)).toBeLessThan(1e-8 * trS);
    expect(nearestCriticalPoint(eigen, run.A as Matrix, run.B as Matrix).I).toEqual([1, 2]);
  });

  it('visits ∅ → {1} → {1, 2} in that order, with plateaus at L(∅) = tr Σ and L({1}) = tr Σ − λ₁', () => {
    let A = A0;
    let B = B0;
    const visited: string[] = [];
    let plateauNearL1 = false;
    for (let s = 0; s < 600; s++) {
      const I = nearestCriticalPoint(eigen, A, B).I.join(',');
      if (visited[visited.length - 1] !== I) visited.push(I);
      const step = gradientDescent({ sigma: mat(S), A0: A, B0: B, eta, steps: 1, recordSteps: [0] });
      if (I === '1' && Math.abs(step.loss[0] - (trS - 8)) < 0.01 * trS) plateauNearL1 = true;
      A = step.A as Matrix;
      B = step.B as Matrix;
    }
    expect(visited).toEqual(['', '1', '1,2']);
    expect(plateauNearL1).toBe(true);
    expect(Math.abs(naiveLoss(S, toNested(A0), toNested(B0)) - trS)).toBeLessThan(1e-6 * trS);
  });
});
