import { describe, expect, it } from 'vitest';
import { findRow, tableRow } from '../../src/core/landscape/criticalPointTable';
import { initialWeights } from '../../src/core/models/linear/initialWeights';
import { defaultParams, type ExplorerParams } from '../../src/state/urlSchema';
import { CancelledError, computeAll, EXPORT_X_LIMIT } from '../../src/worker/pipeline';
import type { Results } from '../../src/worker/protocol';
import { findNonFinite, maxAbsDiff } from '../helpers';

function naiveXtX(X: { rows: number; cols: number; data: Float64Array }): number[][] {
  const { rows: T, cols: D, data } = X;
  return Array.from({ length: D }, (_, i) =>
    Array.from({ length: D }, (_, j) => {
      let s = 0;
      for (let t = 0; t < T; t++) s += data[t * D + i] * data[t * D + j];
      return s;
    }),
  );
}

function checkResults(r: Results, p: ExplorerParams, expectedCount: number) {
  const D = p.D;
  const d = p.d;
  const λ = Array.from(r.eigenvalues);

  it(`lists all ${expectedCount} critical points, total "${expectedCount}"`, () => {
    expect(r.table.count).toBe(expectedCount);
    expect(r.criticalPointsTotal).toBe(String(expectedCount));
    expect(r.table.complete).toBe(true);
    expect(Array.from(r.order, (n) => r.table.loss[n])).toEqual([...r.table.loss].sort((a, b) => a - b));
  });

  it('has no non-finite number anywhere in the results', () => {
    expect(findNonFinite(r)).toEqual([]);
  });

  it('keeps X (T × D) and Σ = XᵀX (relative 1e-13)', () => {
    expect(r.X).not.toBeNull();
    const X = r.X as NonNullable<Results['X']>;
    expect([X.rows, X.cols, r.T, r.D]).toEqual([p.T, D, p.T, D]);
    const ref = naiveXtX(X);
    expect(maxAbsDiff(r.sigma, ref)).toBeLessThan(1e-13 * r.traceSigma);
    expect(Math.abs(r.traceSigma - ref.reduce((s, row, i) => s + row[i], 0))).toBeLessThan(1e-13 * r.traceSigma);
  });

  it('eigenvalues descend and L* = Σ_{i>d} λ_i; the listed minimum is I = {1..d} with index 0', () => {
    for (let i = 1; i < D; i++) expect(λ[i]).toBeLessThanOrEqual(λ[i - 1]);
    expect(Math.abs(r.globalMinimumLoss - λ.slice(d).reduce((a, b) => a + b, 0))).toBeLessThan(1e-12 * r.traceSigma);
    const top = findRow(
      r.table,
      Array.from({ length: d }, (_, i) => i + 1),
    );
    expect(r.table.index[top]).toBe(0);
    expect(r.table.index.filter((index) => index === 0)).toHaveLength(1);
  });

  it('every trajectory ends within 1e-6 · tr Σ of the global minimum, at I = {1..d}, without diverging', () => {
    expect(r.trajectories).toHaveLength(p.runs);
    for (const t of r.trajectories) {
      expect(t.diverged).toBe(false);
      const last = t.loss[t.loss.length - 1];
      expect(t.step[t.step.length - 1]).toBe(p.steps);
      expect(Math.abs(last - r.globalMinimumLoss)).toBeLessThan(1e-6 * r.traceSigma);
      expect(t.finalI).toEqual(Array.from({ length: d }, (_, i) => i + 1));
      expect(t.eta).toBe(p.lr / λ[0]);
      expect(t.distanceToMinimum).toBe(last - r.globalMinimumLoss);
    }
  });

  it('run r starts from initialWeights(seed, r) (stream 100 + r), 1-based run numbers', () => {
    r.trajectories.forEach((t, i) => {
      const { A0, B0 } = initialWeights(p.seed, i, D, d, p.init, p.initMode);
      expect(t.run).toBe(i + 1);
      expect(t.stream).toBe(100 + i);
      // θ₀ = (A₀ row-major, B₀ row-major): the linear model's parameter vector.
      expect(Array.from(t.theta0)).toEqual([...A0.data, ...B0.data]);
    });
  });
}

describe('computeAll on the default parameters (D = 8, d = 3)', () => {
  const p = defaultParams();
  const r = computeAll(p);
  checkResults(r, p, 93);

  it('is deterministic: a second run gives identical numbers', () => {
    const again = computeAll(defaultParams());
    expect(Array.from(again.sigma.data)).toEqual(Array.from(r.sigma.data));
    expect(again.trajectories.map((t) => t.loss)).toEqual(r.trajectories.map((t) => t.loss));
  });
});

describe('computeAll on D = 6, d = 2, T = 300, seed = 11, runs = 4, steps = 4000', () => {
  const p: ExplorerParams = { ...defaultParams(), D: 6, d: 2, T: 300, seed: 11, runs: 4, steps: 4000 };
  const r = computeAll(p);
  checkResults(r, p, 22);
});

describe('computeAll: other data and edge cases', () => {
  it('iris: D = 4, T = 150 from the data, params report them', () => {
    const r = computeAll({ ...defaultParams(), data: 'iris', D: 8, T: 500, d: 2, runs: 1, steps: 10 });
    expect([r.D, r.T, r.params.D, r.params.T]).toEqual([4, 150, 4, 150]);
    expect(r.criticalPointsTotal).toBe('11');
    expect(findNonFinite(r)).toEqual([]);
  });

  it('fullRank = 1 lists only the C(D, d) points with |I| = d', () => {
    const r = computeAll({ ...defaultParams(), D: 6, d: 2, T: 100, fullRank: true, runs: 1, steps: 10 });
    expect(r.criticalPointsTotal).toBe('15');
    expect(r.table.count).toBe(15);
    expect(Array.from({ length: 15 }, (_, n) => tableRow(r.table, n).I.length)).toEqual(Array(15).fill(2));
  });

  it('sparse data with centring: columns of X have zero mean', () => {
    const r = computeAll({ ...defaultParams(), data: 'sparse', center: true, D: 5, d: 2, T: 200, runs: 1, steps: 10 });
    const X = r.X as NonNullable<Results['X']>;
    for (let k = 0; k < 5; k++) {
      let s = 0;
      for (let t = 0; t < 200; t++) s += X.data[t * 5 + k];
      expect(Math.abs(s / 200)).toBeLessThan(1e-15);
    }
  });

  it('T < D: Σ singular → condition number null with a note; still no non-finite numbers', () => {
    const r = computeAll({ ...defaultParams(), D: 6, T: 3, d: 2, runs: 1, steps: 50 });
    expect(r.diagnostics.conditionNumber).toBeNull();
    expect(r.diagnostics.rank).toBe(3);
    expect(r.notes.map((n) => n.path)).toContain('diagnostics.conditionNumber');
    expect(findNonFinite(r)).toEqual([]);
  });

  it(`X is not kept when T · D > ${EXPORT_X_LIMIT}, with a note naming the path X`, () => {
    const r = computeAll({ ...defaultParams(), D: 2, T: 100_001, d: 1, runs: 1, steps: 1 });
    expect(r.X).toBeNull();
    expect(r.notes.find((n) => n.path === 'X')?.reason).toContain('200002');
  });

  it('a diverging learning rate is reported, never a non-finite loss', () => {
    const r = computeAll({ ...defaultParams(), D: 5, d: 2, T: 100, lr: 10, init: 1, runs: 2, steps: 2000 });
    expect(r.trajectories.every((t) => t.diverged)).toBe(true);
    expect(findNonFinite(r)).toEqual([]);
  });

  it('a bad spectrum throws an error naming the expression', () => {
    expect(() => computeAll({ ...defaultParams(), spectrum: '-k' })).toThrow('spectrum "-k"');
  });

  it('progress returning true cancels with CancelledError', () => {
    expect(() => computeAll(defaultParams(), (stage) => stage === 'eigen')).toThrow(CancelledError);
    expect(() => computeAll(defaultParams(), (stage, f) => stage === 'training' && f > 0.3)).toThrow(CancelledError);
  });
});

describe('computeAll streams each run while it trains', () => {
  // Interval 0: a partial curve at every progress call (every 1024 steps) once two steps are recorded.
  const sent: { run: number; step: number[]; loss: number[]; done: boolean }[] = [];
  const p = { ...defaultParams(), D: 10, d: 3, T: 200, runs: 2, steps: 5000 };
  const r = computeAll(
    p,
    () => {},
    {},
    (run) => sent.push(run),
    0,
  );

  it('sends partial curves (1024, 2048, 3072 and 4096 steps in) and then the finished one, run by run', () => {
    expect(sent.map((s) => [s.run, s.done, s.step[s.step.length - 1] <= 5000])).toEqual([
      [1, false, true],
      [1, false, true],
      [1, false, true],
      [1, false, true],
      [1, true, true],
      [2, false, true],
      [2, false, true],
      [2, false, true],
      [2, false, true],
      [2, true, true],
    ]);
    for (const s of sent.filter((x) => !x.done)) expect(s.step[s.step.length - 1]).toBeLessThanOrEqual(4096);
  });

  it('every partial curve is a prefix of its run’s final curve, which is the trajectory’s', () => {
    for (const t of r.trajectories) {
      const final = sent.find((s) => s.run === t.run && s.done)!;
      expect(final.step).toEqual(t.step);
      expect(final.loss).toEqual(t.loss);
      for (const s of sent.filter((x) => x.run === t.run && !x.done)) {
        expect(s.step.length).toBeGreaterThan(1);
        expect(s.step).toEqual(t.step.slice(0, s.step.length));
        expect(s.loss).toEqual(t.loss.slice(0, s.loss.length));
      }
    }
  });
});
