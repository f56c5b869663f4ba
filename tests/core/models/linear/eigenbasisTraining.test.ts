import { describe, expect, it } from 'vitest';
import { gaussianData } from '../../../../src/core/data/gaussian';
import { secondMoment } from '../../../../src/core/data/secondMoment';
import { globalMinimumLoss } from '../../../../src/core/landscape/criticalPoints';
import { trace } from '../../../../src/core/linalg/matrix';
import { eigenbasisGradientDescent, nearestFromLearned } from '../../../../src/core/models/linear/eigenbasisTraining';
import { initialWeights } from '../../../../src/core/models/linear/initialWeights';
import { nearestCriticalPoint } from '../../../../src/core/models/linear/nearestCriticalPoint';
import { eigenSymmetric } from '../../../../src/core/reference/eigenMathjs';
import { gradientDescent } from '../../../../src/core/reference/originalBasisDescent';

function setup(D: number, T: number, seed: number, spectrum: (k: number) => number) {
  const variances = Float64Array.from({ length: D }, (_, i) => spectrum(i + 1));
  const sigma = secondMoment(gaussianData({ D, T, seed, variances, rotate: true }));
  return { sigma, eigen: eigenSymmetric(sigma) };
}

describe('gradient descent in the eigenbasis', () => {
  it('matches the original-basis iterates up to rounding (same A₀, B₀, η)', () => {
    const { sigma, eigen } = setup(7, 200, 3, (k) => 2 ** -k);
    const d = 3;
    const { A0, B0 } = initialWeights(3, 0, 7, d, 0.01, 'random');
    const eta = 0.2 / eigen.values[0];
    const recordSteps = [0, 1, 10, 100, 500, 1500];
    const orig = gradientDescent({ sigma, A0, B0, eta, steps: 1500, recordSteps });
    const eig = eigenbasisGradientDescent({ eigen, A0, B0, eta, steps: 1500, recordSteps });
    expect(eig.step).toEqual(orig.step);
    const trS = trace(sigma);
    eig.loss.forEach((l, j) => {
      expect(Math.abs(l - orig.loss[j])).toBeLessThan(1e-10 * trS);
    });
    for (let i = 0; i < orig.A!.data.length; i++) expect(eig.A!.data[i]).toBeCloseTo(orig.A!.data[i], 9);
    for (let i = 0; i < orig.B!.data.length; i++) expect(eig.B!.data[i]).toBeCloseTo(orig.B!.data[i], 9);
  });

  it('records diag P = diag(UᵀABU) consistent with nearestCriticalPoint in the original basis', () => {
    const { eigen } = setup(6, 300, 5, (k) => 3 ** -k);
    const { A0, B0 } = initialWeights(5, 1, 6, 2, 1e-3, 'random');
    const run = eigenbasisGradientDescent({ eigen, A0, B0, eta: 0.2 / eigen.values[0], steps: 800 });
    const last = run.learned[run.learned.length - 1];
    const direct = nearestCriticalPoint(eigen, run.A!, run.B!);
    for (let i = 0; i < 6; i++) expect(last[i]).toBeCloseTo(direct.learned[i], 10);
    expect(nearestFromLearned(last, 2)).toEqual(direct.I);
  });

  it('goes saddle to saddle, ∅ → {1} → {1,2}, from a small start with spectrum 2^(-k)', () => {
    const { eigen } = setup(5, 200, 5, (k) => 2 ** -k);
    const d = 2;
    for (let r = 0; r < 3; r++) {
      const { A0, B0 } = initialWeights(5, r, 5, d, 1e-4, 'random');
      const run = eigenbasisGradientDescent({ eigen, A0, B0, eta: 0.2 / eigen.values[0], steps: 3000 });
      expect(run.visited.map((v) => v.I)).toEqual([[], [1], [1, 2]]);
      expect(run.visited[0].step).toBe(0);
      expect(run.loss[run.loss.length - 1] - globalMinimumLoss(eigen.values, d)).toBeLessThan(1e-9 * eigen.values[0]);
    }
  });

  it('nearestFromLearned keeps the d largest P_ii above ½', () => {
    expect(nearestFromLearned([0.9, 0.2, 0.7, 0.95], 2)).toEqual([1, 4]);
    expect(nearestFromLearned([0.4, 0.5, 0.1], 2)).toEqual([]);
    expect(nearestFromLearned([0.6, 0.51, 0.1], 3)).toEqual([1, 2]);
  });

  it('stops a diverging run without recording a non-finite loss', () => {
    const { eigen } = setup(4, 100, 1, (k) => 1 / k);
    const { A0, B0 } = initialWeights(1, 0, 4, 2, 0.5, 'random');
    const run = eigenbasisGradientDescent({ eigen, A0, B0, eta: 3 / eigen.values[0], steps: 10_000 });
    expect(run.diverged).toBe(true);
    expect(run.loss.every(Number.isFinite)).toBe(true);
    expect(run.divergedAtStep).toBeLessThan(10_000);
  });
});
