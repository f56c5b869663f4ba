import { describe, expect, it } from 'vitest';
import { sparseData } from '../../../src/core/data/sparse';
import { maxAbsDiff } from '../../helpers';

describe('sparseData: feature i is 0 w.p. sparsity, else √(r^(i−1)) · U[0, 1]', () => {
  it('has shape T × D', () => {
    const X = sparseData({ D: 6, T: 11, seed: 1, sparsity: 0.5, importance: 0.8 });
    expect([X.rows, X.cols, X.data.length]).toEqual([11, 6, 66]);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const opts = { D: 6, T: 100, sparsity: 0.3, importance: 0.9 };
    const a = sparseData({ ...opts, seed: 5 });
    const b = sparseData({ ...opts, seed: 5 });
    const c = sparseData({ ...opts, seed: 6 });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(maxAbsDiff(a, c)).toBeGreaterThan(0.1);
  });

  it.each([0.1, 0.7, 0.95])('the fraction of zeros ≈ sparsity = %f overall and per feature', (sparsity) => {
    const D = 8;
    const T = 5000;
    const X = sparseData({ D, T, seed: 9, sparsity, importance: 0.8 });
    const sd = (n: number) => Math.sqrt((sparsity * (1 - sparsity)) / n);
    let zeros = 0;
    for (const x of X.data) if (x === 0) zeros++;
    expect(Math.abs(zeros / (T * D) - sparsity)).toBeLessThan(5 * sd(T * D));
    for (let i = 0; i < D; i++) {
      let z = 0;
      for (let t = 0; t < T; t++) if (X.data[t * D + i] === 0) z++;
      expect(Math.abs(z / T - sparsity)).toBeLessThan(5 * sd(T));
    }
  });

  it('sparsity 0 gives no zeros; every value lies in [0, √(r^(i−1))) and the nonzero mean is √(r^(i−1))/2', () => {
    const D = 5;
    const T = 20_000;
    const r = 0.5;
    const X = sparseData({ D, T, seed: 2, sparsity: 0, importance: r });
    for (let i = 0; i < D; i++) {
      const w = Math.sqrt(r ** i);
      let s = 0;
      let outside = 0;
      for (let t = 0; t < T; t++) {
        const x = X.data[t * D + i];
        if (!(x > 0 && x < w)) outside++;
        s += x;
      }
      expect(outside).toBe(0);
      expect(Math.abs(s / T - w / 2)).toBeLessThan(5 * w * Math.sqrt(1 / 12 / T));
    }
  });

  it('one feature’s sparsity never shifts the stream: each entry is either 0 or the sparsity-0 value', () => {
    const opts = { D: 7, T: 300, seed: 33, importance: 0.7 };
    const dense = sparseData({ ...opts, sparsity: 0 });
    const sparse = sparseData({ ...opts, sparsity: 0.6 });
    let kept = 0;
    for (let i = 0; i < dense.data.length; i++) {
      const x = sparse.data[i];
      expect(x === 0 || x === dense.data[i]).toBe(true);
      if (x !== 0) kept++;
    }
    expect(kept).toBeGreaterThan(0);
  });
});
