import { describe, expect, it } from 'vitest';
import { featureStream, sampleFeatureBatch } from '../../../../src/core/models/relu/features';
import { reluLoss, reluLossAndGradient, reluWorkspace } from '../../../../src/core/models/relu/reluLoss';
import { centralDifferences, testNormals, testRng } from '../../../helpers';

/** L = (1/N) Σ_t Σ_i I_i (x_i − ReLU((WᵀW x)_i + b_i))², from the definition with WᵀW formed in full. */
function naiveReluLoss(W: Float64Array, b: Float64Array, I: ArrayLike<number>, X: Float64Array, D: number): number {
  const d = W.length / D;
  const N = X.length / D;
  const M = Array.from({ length: D }, (_, i) =>
    Array.from({ length: D }, (_, j) => Array.from({ length: d }, (_, k) => W[k * D + i] * W[k * D + j]).reduce((s, v) => s + v, 0)),
  );
  let L = 0;
  for (let t = 0; t < N; t++)
    for (let i = 0; i < D; i++) {
      const pre = b[i] + M[i].reduce((s, m, j) => s + m * X[t * D + j], 0);
      L += I[i] * (X[t * D + i] - Math.max(0, pre)) ** 2;
    }
  return L / N;
}

/** A random (W, b, I, X): W ~ N(0, ½), b uniform on [−0.4, 0.4] (so some pre-activations are negative), X sparse. */
function setup(seed: number, D: number, d: number, N: number, S: number) {
  const z = testNormals(seed, d * D);
  const u = testRng(seed + 1);
  const W = Float64Array.from(z, (v) => 0.7 * v);
  const b = Float64Array.from({ length: D }, () => 0.8 * u() - 0.4);
  const I = Float64Array.from({ length: D }, (_, i) => 0.85 ** i);
  const X = sampleFeatureBatch(featureStream(seed, 77), D, S, N);
  return { W, b, I, X };
}

describe('reluLossAndGradient: L = (1/N) Σ_t Σ_i I_i (x_ti − ReLU(WᵀW x_t + b)_i)²', () => {
  it('loss equals the definition (relative 1e-12), and reluLoss agrees', () => {
    for (const [seed, D, d, N, S] of [
      [1, 5, 2, 64, 0],
      [2, 7, 3, 50, 0.5],
      [3, 4, 1, 80, 0.9],
      [4, 20, 5, 30, 0.7],
    ]) {
      const { W, b, I, X } = setup(seed, D, d, N, S);
      const ref = naiveReluLoss(W, b, I, X, D);
      expect(Math.abs(reluLossAndGradient(W, b, I, X, N, reluWorkspace(D, d)) - ref)).toBeLessThan(1e-12 * ref);
      expect(Math.abs(reluLoss(W, b, I, X, N, D) - ref)).toBeLessThan(1e-12 * ref);
    }
  });

  it('the gradient matches central finite differences (relative 1e-6), with some pre-activations negative and all-zero samples', () => {
    let checked = 0;
    for (let seed = 10; seed < 22; seed++) {
      const D = 2 + (seed % 6);
      const d = 1 + (seed % (D - 1));
      const S = [0, 0.5, 0.8][seed % 3];
      const { W, b, I, X } = setup(seed, D, d, 40, S);
      // With S = 0.8 and b_i > 0 for some i, all-zero samples feed ∂L/∂b through pre = b.
      const N = X.length / D;
      const ws = reluWorkspace(D, d);
      reluLossAndGradient(W, b, I, X, N, ws);
      const n = d * D;
      let negative = 0;
      for (let t = 0; t < N; t++)
        for (let i = 0; i < D; i++) {
          let pre = b[i];
          for (let k = 0; k < d; k++) for (let j = 0; j < D; j++) pre += W[k * D + i] * W[k * D + j] * X[t * D + j];
          if (pre < 0) negative++;
        }
      expect(negative, `seed ${seed}`).toBeGreaterThan(0);
      const theta = new Float64Array(n + D);
      theta.set(W);
      theta.set(b, n);
      const fd = centralDifferences((θ) => [naiveReluLoss(θ.subarray(0, n), θ.subarray(n), I, X, D)], theta, 1e-6).data;
      const scale = Math.max(...Array.from(fd, Math.abs));
      for (let p = 0; p < n + D; p++) expect(Math.abs(ws.grad[p] - fd[p]), `seed ${seed}, θ_${p}`).toBeLessThanOrEqual(1e-6 * scale);
      expect(Array.from(ws.gradW)).toEqual(Array.from(ws.grad.subarray(0, n)));
      expect(Array.from(ws.gradB)).toEqual(Array.from(ws.grad.subarray(n)));
      if (scale > 0) checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10); // the others sit where every pre-activation is ≤ 0: a zero gradient, also right
  });

  it('the ReLU’s subgradient is 0 at and below 0: a feature whose every pre-activation is ≤ 0 gets ∂L/∂b_i = 0', () => {
    const D = 3;
    const W = Float64Array.from([1, 0, -1, 0, 1, 0]); // W₃ = −W₁
    const b = Float64Array.from([0, 0, -2]);
    const I = Float64Array.from([1, 1, 1]);
    const X = Float64Array.from([0.5, 0.2, 0, 0.1, 0.9, 0.3]);
    const ws = reluWorkspace(D, 2);
    const L = reluLossAndGradient(W, b, I, X, 2, ws);
    // pre₃ = −x₁ + x₃ − 2 < 0 on both samples: x′₃ = 0 and its terms are x₃².
    expect(L).toBeCloseTo(naiveReluLoss(W, b, I, X, D), 15);
    expect(ws.gradB[2]).toBe(0);
    // Exactly at pre = 0 (W = 0, b = 0) nothing moves: every δ is 0.
    reluLossAndGradient(new Float64Array(6), new Float64Array(3), I, X, 2, ws);
    expect(Array.from(ws.grad)).toEqual(new Array(9).fill(0));
  });

  it('the hand example of the Adam test: L = 0.375, ∂L/∂W = (0.75, 0.5), ∂L/∂b = (0.5, 0)', () => {
    // D = 2, d = 1, W = (1, 0.5), b = (0, −0.75), I = (1, 0.5), x₁ = (1, 0), x₂ = (0.5, 1).
    // Both samples have h = 1, pre = (1, −0.25), x′ = (1, 0): r₁ = (0, 0), r₂ = (0.5, −1), L = (0 + 0.25 + 0.5·1)/2.
    // δ₂ = (2/2)·(1·0.5, gated 0) = (0.5, 0); ∂L/∂W = h δ₂ + (W·δ₂) x₂ = (0.5, 0) + 0.5·(0.5, 1) = (0.75, 0.5).
    const ws = reluWorkspace(2, 1);
    const L = reluLossAndGradient(
      Float64Array.from([1, 0.5]),
      Float64Array.from([0, -0.75]),
      Float64Array.from([1, 0.5]),
      Float64Array.from([1, 0, 0.5, 1]),
      2,
      ws,
    );
    expect(L).toBe(0.375);
    expect(Array.from(ws.gradW)).toEqual([0.75, 0.5]);
    expect(Array.from(ws.gradB)).toEqual([0.5, 0]);
  });

  it('reuses its workspace: the same batch gives the same numbers on a used workspace, and only `rows` samples count', () => {
    const { W, b, I, X } = setup(5, 6, 2, 100, 0.6);
    const ws = reluWorkspace(6, 2);
    const L1 = reluLossAndGradient(W, b, I, X, 100, ws);
    const g1 = Array.from(ws.grad);
    reluLossAndGradient(W, b, I, X.subarray(0, 60), 10, ws);
    expect(reluLossAndGradient(W, b, I, X, 100, ws)).toBe(L1);
    expect(Array.from(ws.grad)).toEqual(g1);
    expect(reluLossAndGradient(W, b, I, X, 10, ws)).toBeCloseTo(naiveReluLoss(W, b, I, X.subarray(0, 60), 6), 14);
  });
});
