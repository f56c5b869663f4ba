/**
 * The ReLU model in the compute job (src/worker/reluPipeline.ts, docs/design.md §7): the landscape
 * beside it is the linear autoencoder's on the same evaluation sample scaled by √I, so its lowest
 * critical level (per sample) is the no-bias baseline; every run is reported and the best kept; the
 * export's sample is the evaluation sample's head and its numbers are recomputed here; a cancel
 * throws; the phase diagram comes only when asked.
 */
import { describe, expect, it } from 'vitest';
import { evaluationSample, importanceWeights } from '../../src/core/models/relu/features';
import { linearBaselines } from '../../src/core/models/relu/linearBaselines';
import { reluLoss } from '../../src/core/models/relu/reluLoss';
import { featureNorms } from '../../src/core/models/relu/reluMetrics';
import { parseUrl } from '../../src/state/urlCodec';
import { computeParams } from '../../src/state/urlSchema';
import { CancelledError, computeAll } from '../../src/worker/pipeline';
import { RELU_EXPORT_ROWS } from '../../src/worker/reluPipeline';

const params = (query: string) => computeParams(parseUrl(query).params);

describe('computeAll with model=relu', () => {
  const p = params('?model=relu&D=5&d=2&sparsity=0.9&importance=0.9&runs=2&steps=1500&seed=3');
  const r = computeAll(p);
  const relu = r.relu!;

  it('draws it against the linear landscape of its √I-scaled evaluation sample', () => {
    expect(r.model.id).toBe('linear');
    expect(r.trajectories).toEqual([]);
    expect(r.T).toBe(relu.evaluationRows);
    const I = importanceWeights(5, 0.9);
    const X = evaluationSample(3, 5, 0.9);
    for (let t = 0; t < r.T; t += 997) for (let i = 0; i < 5; i++) expect(r.X?.data[t * 5 + i]).toBeCloseTo(Math.sqrt(I[i]) * X[t * 5 + i], 15);
    const base = linearBaselines(X, 5, 2, I);
    expect(r.globalMinimumLoss / r.T).toBeCloseTo(base.noBiasLoss, 12);
    expect(relu.linearNoBiasLoss).toBeCloseTo(base.noBiasLoss, 14);
    expect(relu.linearOptimumLoss).toBeCloseTo(base.optimumLoss, 14);
    expect(relu.linearOptimumLoss).toBeLessThan(relu.linearNoBiasLoss);
  });

  it('reports every run, keeps the lowest final loss, and its numbers hold on the export’s sample', () => {
    expect(relu.runs.map((x) => x.run)).toEqual([1, 2]);
    const best = relu.runs[relu.best];
    expect(best.finalLoss).toBe(Math.min(...relu.runs.map((x) => x.finalLoss)));
    expect(best.loss.at(-1)).toBe(best.finalLoss);
    expect(best.step.at(-1)).toBe(1500);
    expect(Array.from(relu.featureNorms)).toEqual(Array.from(featureNorms(best.W, 5)));
    expect(relu.sample.rows).toBe(RELU_EXPORT_ROWS);
    expect(relu.sampleLoss).toBe(reluLoss(best.W, best.b, relu.I, relu.sample.data, RELU_EXPORT_ROWS, 5));
    const onSample = linearBaselines(relu.sample.data, 5, 2, relu.I);
    expect([relu.sampleLinearOptimumLoss, relu.sampleLinearNoBiasLoss]).toEqual([onSample.optimumLoss, onSample.noBiasLoss]);
    expect(relu.angles?.gaps.reduce((s, g) => s + g, 0)).toBeCloseTo(2 * Math.PI, 12);
    expect(relu.phase).toBeNull();
  });

  it('streams each run’s curve while it trains and when it ends, as the linear runs are', () => {
    const seen: { run: number; done: boolean; last: number }[] = [];
    const q = computeAll(
      p,
      () => false,
      {},
      (r) => seen.push({ run: r.run, done: r.done, last: r.step.at(-1) ?? 0 }),
      0,
    );
    expect(seen.filter((s) => s.done)).toEqual([
      { run: 1, done: true, last: 1500 },
      { run: 2, done: true, last: 1500 },
    ]);
    expect(seen.some((s) => !s.done && s.last < 1500)).toBe(true);
    expect(q.relu?.runs.map((r) => r.finalLoss)).toEqual(relu.runs.map((r) => r.finalLoss));
  });

  it('a cancel during training throws CancelledError', () => {
    expect(() => computeAll(p, (stage, f) => stage === 'relu' && f > 0.2)).toThrow(CancelledError);
  });

  it('with phase=1 the D = 2, d = 1 diagram comes too', { timeout: 120_000 }, () => {
    const q = computeAll(params('?model=relu&D=2&d=1&sparsity=0.9&importance=1&runs=1&steps=200&phase=1'));
    const regions = new Set(q.relu?.phase?.cells.flat().map((c) => c.region));
    expect(regions).toEqual(new Set(['not represented', 'dedicated', 'superposed']));
  });
});
