import { describe, expect, it } from 'vitest';
import { fromRows, type Matrix } from '../../src/core/linalg/matrix';
import { defaultParams, type ExplorerParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';
import type { Results } from '../../src/worker/protocol';
import { findNonFinite } from '../helpers';

/** Runs the whole pipeline on an uploaded table. */
function runCustom(X: Matrix, patch: Partial<ExplorerParams> = {}): Results {
  return computeAll({ ...defaultParams(), data: 'custom', D: X.cols, T: X.rows, d: 1, runs: 2, steps: 300, ...patch }, () => {}, { custom: X });
}

const table = (rows: number[][]) => fromRows(rows);

describe('numbers at the edges: finite results and the right diagnosis', () => {
  it('all-zero data: Σ = 0, rank 0, nothing to train, and a note says so', () => {
    const r = runCustom(
      table([
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expect(r.diagnostics.rank).toBe(0);
    expect(r.diagnostics.conditionNumber).toBeNull();
    expect(r.trajectories).toEqual([]);
    expect(r.notes.map((n) => n.reason).join(' ')).toContain('nothing to learn');
    expect(findNonFinite(r)).toEqual([]);
  });

  it('one sample (T = 1 < D): rank 1, Σ singular; runs still end at L*', () => {
    const r = runCustom(table([[1, 2, 3]]), { steps: 2000 });
    expect(r.diagnostics.rank).toBe(1);
    expect(r.diagnostics.invertible).toBe(false);
    for (const t of r.trajectories) expect(Math.abs((t.distanceToMinimum ?? 1) / r.traceSigma)).toBeLessThan(1e-6);
    expect(findNonFinite(r)).toEqual([]);
  });

  it('a constant column and a duplicated column: Σ singular (duplicate) and tied/zero eigenvalues diagnosed', () => {
    const rows = Array.from({ length: 30 }, (_, t) => [Math.sin(t), 2, Math.sin(t), Math.cos(3 * t)]);
    const r = runCustom(table(rows), { d: 2 });
    expect(r.diagnostics.rank).toBe(3);
    expect(r.diagnostics.invertible).toBe(false);
    expect(findNonFinite(r)).toEqual([]);
  });

  it('values near 1e150 (Σ near 1e302) and near 1e-150 (Σ near 1e-298): eigenvalues scale exactly, results finite', () => {
    const base = Array.from({ length: 20 }, (_, t) => [Math.sin(t) + 2, Math.cos(2 * t), t / 20]);
    const ref = runCustom(table(base));
    for (const s of [1e150, 1e-150]) {
      const r = runCustom(table(base.map((row) => row.map((v) => v * s))));
      expect(findNonFinite(r)).toEqual([]);
      r.eigenvalues.forEach((λ, i) => {
        expect(Math.abs(λ / (s * s) - ref.eigenvalues[i])).toBeLessThan(1e-12 * ref.eigenvalues[0]);
      });
    }
  });

  it('values whose squares overflow (1e160) are refused with a message, not NaN', () => {
    expect(() =>
      runCustom(
        table([
          [1e160, 1],
          [2, 1e160],
        ]),
      ),
    ).toThrow(/overflowed/);
  });

  it('D = 2, d = 1, T = 1 is a valid, finite landscape with 2 + 1 critical points', () => {
    const r = computeAll({ ...defaultParams(), D: 2, d: 1, T: 1, runs: 1, steps: 200 });
    expect(r.criticalPointsTotal).toBe('3');
    expect(findNonFinite(r)).toEqual([]);
  });

  it('a diverging step size is stopped, reported, and leaves nothing non-finite', () => {
    const r = computeAll({ ...defaultParams(), D: 5, d: 2, T: 100, lr: 5, init: 1, runs: 2, steps: 5000 });
    expect(r.trajectories.every((t) => t.diverged)).toBe(true);
    expect(findNonFinite(r)).toEqual([]);
  });
});
