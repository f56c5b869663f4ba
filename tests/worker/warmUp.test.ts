import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';
import { warmUp } from '../../src/worker/warmUp';

describe('warmUp: the worker runs small problems as it starts (warmUp.ts)', () => {
  it('leaves nothing behind: a computation before and after it gives bit-identical results (the kept eigensolver workspace is reset)', () => {
    // D = 40 (the eigensolver's WebAssembly kernels) and the default view (every point's Hessian, 48 parameters).
    for (const p of [{ ...defaultParams(), D: 40, d: 4, T: 90, runs: 2, steps: 300 }, defaultParams()]) {
      const before = computeAll(p);
      expect(warmUp()).toBeGreaterThan(0);
      const after = computeAll(p);
      expect(Array.from(after.eigenvalues)).toEqual(Array.from(before.eigenvalues));
      expect(Array.from(after.U.data)).toEqual(Array.from(before.U.data));
      expect(Array.from(after.table.loss)).toEqual(Array.from(before.table.loss));
      expect(after.trajectories.map((t) => t.loss)).toEqual(before.trajectories.map((t) => t.loss));
      expect(after.hessians?.map((h) => Array.from(h.eigenvalues))).toEqual(before.hessians?.map((h) => Array.from(h.eigenvalues)));
    }
    // Every one of the default view's 93 critical points (Σ_{k≤3} C(8, k)) had its Hessian compared.
    expect(computeAll(defaultParams()).hessians?.length).toBe(93);
  });
});
