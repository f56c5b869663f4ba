import { describe, expect, it } from 'vitest';
import { evaluationSample, featureStream, importanceWeights, sampleFeatureBatch, streamForReluBatches } from '../../../../src/core/models/relu/features';
import { adamState, adamStep } from '../../../../src/core/models/relu/optimizers';
import { reluLoss, reluLossAndGradient, reluWorkspace } from '../../../../src/core/models/relu/reluLoss';
import {
  RELU_DEFAULTS,
  RELU_PROGRESS_EVERY,
  RELU_RECORD_COUNT,
  reluInitialWeights,
  trainRelu,
  trainReluRuns,
} from '../../../../src/core/models/relu/reluTraining';

const small = { D: 5, d: 2, sparsity: 0.8, importance: 0.9, seed: 3, steps: 300, batch: 64, lr: 0.01 };

describe('trainRelu', () => {
  it('defaults to the paper’s training: Adam, lr 1e-3, batch 1,024, 10⁴ steps', () => {
    expect(RELU_DEFAULTS).toEqual({ optimizer: 'adam', lr: 1e-3, batch: 1024, steps: 10_000 });
  });

  it('is deterministic per (seed, run), and runs and seeds differ', () => {
    const a = trainRelu({ ...small, run: 1 });
    const b = trainRelu({ ...small, run: 1 });
    expect(Array.from(a.W)).toEqual(Array.from(b.W));
    expect(Array.from(a.b)).toEqual(Array.from(b.b));
    expect(a.loss).toEqual(b.loss);
    expect(Array.from(trainRelu({ ...small, run: 2 }).W)).not.toEqual(Array.from(a.W));
    expect(Array.from(trainRelu({ ...small, run: 1, seed: 4 }).W)).not.toEqual(Array.from(a.W));
  });

  it('starts at the paper’s initialisation: W ~ N(0, 2/(D + d)) (Xavier normal), b = 0', () => {
    const W0 = reluInitialWeights(0, 0, 200, 50);
    const mean = W0.reduce((s, w) => s + w, 0) / W0.length;
    const variance = W0.reduce((s, w) => s + (w - mean) ** 2, 0) / W0.length;
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.abs(variance / (2 / 250) - 1)).toBeLessThan(0.03);
    const run = trainRelu({ ...small, steps: 0 });
    expect(Array.from(run.W)).toEqual(Array.from(reluInitialWeights(3, 0, 5, 2)));
    expect(Array.from(run.b)).toEqual([0, 0, 0, 0, 0]);
    expect(run.step).toEqual([0]);
  });

  it('is Adam on a fresh seeded batch every step: the same loop written out gives the same W, b', () => {
    const { D, d, sparsity, importance, seed, batch, lr } = small;
    const steps = 25;
    const theta = new Float64Array(d * D + D);
    theta.set(reluInitialWeights(seed, 0, D, d));
    const I = importanceWeights(D, importance);
    const ws = reluWorkspace(D, d);
    const state = adamState(theta.length);
    const stream = featureStream(seed, streamForReluBatches(0));
    for (let t = 0; t < steps; t++) {
      const X = sampleFeatureBatch(stream, D, sparsity, batch);
      reluLossAndGradient(theta.subarray(0, d * D), theta.subarray(d * D), I, X, batch, ws);
      adamStep(theta, ws.grad, state, lr);
    }
    const run = trainRelu({ ...small, steps });
    expect(Array.from(run.W)).toEqual(Array.from(theta.subarray(0, d * D)));
    expect(Array.from(run.b)).toEqual(Array.from(theta.subarray(d * D)));
  });

  it('records the evaluation sample’s loss at log-spaced steps from 0 to the last', () => {
    const run = trainRelu(small);
    expect(run.step[0]).toBe(0);
    expect(run.step[run.step.length - 1]).toBe(300);
    expect(run.step.length).toBe(run.loss.length);
    expect(run.step.length).toBeGreaterThan(RELU_RECORD_COUNT / 3); // log-spaced steps round to the same integer early on
    expect(trainRelu({ ...small, recordCount: 2 }).step).toEqual([0, 1, 300]);
    for (let k = 1; k < run.step.length; k++) expect(run.step[k]).toBeGreaterThan(run.step[k - 1]);
    const E = evaluationSample(small.seed, 5, small.sparsity);
    expect(run.finalLoss).toBe(reluLoss(run.W, run.b, importanceWeights(5, 0.9), E, E.length / 5, 5));
    expect(run.loss[run.loss.length - 1]).toBe(run.finalLoss);
    expect(run.finalLoss).toBeLessThan(0.5 * run.loss[0]);
    expect([run.cancelled, run.diverged, run.stepsTaken]).toEqual([false, false, 300]);
  });

  it('gradient descent lowers the loss; a huge step diverges, stopping at the last finite W, b', () => {
    const gd = trainRelu({ ...small, optimizer: 'gd', lr: 0.2 });
    expect(gd.diverged).toBe(false);
    expect(gd.finalLoss).toBeLessThan(0.7 * gd.loss[0]);
    const wild = trainRelu({ ...small, optimizer: 'gd', lr: 1e6, sparsity: 0 });
    expect(wild.diverged).toBe(true);
    expect(wild.stepsTaken).toBeLessThan(300);
    expect([...wild.W, ...wild.b, ...wild.loss].every(Number.isFinite)).toBe(true);
    expect(wild.step[wild.step.length - 1]).toBe(wild.stepsTaken);
  });

  it('onProgress every RELU_PROGRESS_EVERY steps; returning true cancels, and the last step taken is recorded', () => {
    const seen: number[] = [];
    const run = trainRelu({
      ...small,
      steps: 2000,
      onProgress: (step, recorded) => {
        seen.push(step);
        expect(recorded.step.length).toBe(recorded.loss.length);
        return step >= 2 * RELU_PROGRESS_EVERY;
      },
    });
    expect(seen).toEqual([RELU_PROGRESS_EVERY, 2 * RELU_PROGRESS_EVERY]);
    expect(run.cancelled).toBe(true);
    expect(run.stepsTaken).toBe(2 * RELU_PROGRESS_EVERY);
    expect(run.step[run.step.length - 1]).toBe(run.stepsTaken);
  });

  it('takes an explicit importance vector (the phase diagram’s (1, ratio)) in place of r^(i−1)', () => {
    const base = { D: 2, d: 1, sparsity: 0, importance: 0.5, seed: 1, steps: 50, batch: 32 };
    const explicit = trainRelu({ ...base, importance: 123, importanceVector: [1, 0.5] });
    expect(Array.from(explicit.W)).toEqual(Array.from(trainRelu(base).W));
    expect(Array.from(trainRelu({ ...base, importanceVector: [1, 3] }).importance)).toEqual([1, 3]);
    expect(() => trainRelu({ ...base, importanceVector: [1] })).toThrow(/importanceVector/);
    expect(() => trainRelu({ ...base, d: 2 })).toThrow(/d < D/);
  });

  it('trainReluRuns keeps the run with the lowest final evaluation loss and reports all', () => {
    const { runs, best, evaluation } = trainReluRuns(small, 3);
    expect(runs.length).toBe(3);
    expect(runs[best].finalLoss).toBe(Math.min(...runs.map((r) => r.finalLoss)));
    expect(Array.from(runs[2].W)).toEqual(Array.from(trainRelu({ ...small, run: 2 }).W));
    expect(Array.from(evaluation)).toEqual(Array.from(evaluationSample(small.seed, 5, small.sparsity)));
    const cancelled = trainReluRuns({ ...small, steps: 1000 }, 3, (run) => run === 1);
    expect(cancelled.runs.length).toBe(2);
    expect(cancelled.runs[1].cancelled).toBe(true);
  });
});
