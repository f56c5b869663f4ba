import { describe, expect, it } from 'vitest';
import { sparseData } from '../../../../src/core/data/sparse';
import {
  evaluationSample,
  featureStream,
  importanceWeights,
  RELU_EVALUATION_ROWS,
  STREAM_RELU_EVALUATION,
  sampleFeatureBatch,
  sampleFeatures,
  streamForReluBatches,
  streamForReluInit,
} from '../../../../src/core/models/relu/features';
import { createRng, STREAM_DATA, streamForGauge, streamForRun } from '../../../../src/core/random/random';

describe('ReLU model features (docs/design.md §7)', () => {
  it('importance I_i = r^(i−1)', () => {
    expect(Array.from(importanceWeights(4, 0.9))).toEqual([1, 0.9, 0.9 ** 2, 0.9 ** 3]);
    expect(Array.from(importanceWeights(3, 1))).toEqual([1, 1, 1]);
  });

  it('sampleFeatures draws exactly sparse.ts’s numbers, without the √I scaling', () => {
    for (const [seed, D, T, S] of [
      [1, 5, 40, 0.9],
      [7, 3, 25, 0],
      [12, 8, 10, 0.5],
    ]) {
      const ours = sampleFeatures(createRng(seed, STREAM_DATA), D, S, T);
      expect(Array.from(ours)).toEqual(Array.from(sparseData({ D, T, seed, sparsity: S, importance: 1 }).data));
      // With r < 1, sparse.ts's column i is ours times √(r^(i−1)).
      const scaled = sparseData({ D, T, seed, sparsity: S, importance: 0.8 }).data;
      const I = importanceWeights(D, 0.8);
      for (let k = 0; k < D * T; k++) expect(scaled[k]).toBe(Math.sqrt(I[k % D]) * ours[k]);
    }
  });

  it('each feature is 0 with probability S and otherwise uniform on [0, 1]', () => {
    const X = sampleFeatures(createRng(3, 9), 4, 0.7, 20_000);
    const nonzero = X.filter((x) => x !== 0);
    expect(Math.abs(nonzero.length / X.length - 0.3)).toBeLessThan(0.01);
    expect(Math.min(...nonzero)).toBeGreaterThan(0);
    expect(Math.max(...nonzero)).toBeLessThan(1);
    expect(Math.abs(nonzero.reduce((s, x) => s + x, 0) / nonzero.length - 0.5)).toBeLessThan(0.01);
  });

  it('sampleFeatureBatch is sampleFeatures on createRng(seed, stream), batch after batch, into the buffer given', () => {
    for (const [seed, stream, D, S] of [
      [0, 0, 5, 0.9],
      [123456789, streamForReluBatches(2), 20, 0],
      [4294967295, STREAM_RELU_EVALUATION, 3, 0.5],
    ]) {
      const rng = createRng(seed, stream);
      const fast = featureStream(seed, stream);
      const buffer = new Float64Array(64 * D);
      for (let batch = 0; batch < 3; batch++) {
        const out = sampleFeatureBatch(fast, D, S, 64, buffer);
        expect(out).toBe(buffer);
        expect(Array.from(out)).toEqual(Array.from(sampleFeatures(rng, D, S, 64)));
      }
    }
  });

  it('the evaluation sample is fixed by the seed, shared by every run, and clear of the training streams', () => {
    const E = evaluationSample(5, 4, 0.9);
    expect(E.length).toBe(RELU_EVALUATION_ROWS * 4);
    expect(Array.from(E)).toEqual(Array.from(sampleFeatures(createRng(5, STREAM_RELU_EVALUATION), 4, 0.9, RELU_EVALUATION_ROWS)));
    expect(Array.from(evaluationSample(6, 4, 0.9, 10))).not.toEqual(Array.from(E.subarray(0, 40)));
    const streams = [STREAM_RELU_EVALUATION, ...[0, 1, 63].flatMap((r) => [streamForReluBatches(r), streamForReluInit(r), streamForRun(r)])];
    expect(new Set(streams).size).toBe(streams.length);
    // random.ts's streams: 0–2, 100 + r, and the gauges 1000 … 1,000,999.
    for (const s of streams.filter((s) => s !== streamForRun(0) && s !== streamForRun(1) && s !== streamForRun(63))) expect(s).toBeGreaterThan(1_000_999);
    expect(streamForGauge([1, 2])).toBeLessThan(1_001_000);
  });
});
