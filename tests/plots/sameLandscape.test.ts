import { describe, expect, it } from 'vitest';
import { sameLandscape } from '../../src/components/useStableLandscape';
import { defaultParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';

describe('sameLandscape: when the landscape figures are kept (only the runs changed)', () => {
  const p = { ...defaultParams(), D: 6, d: 2, T: 120, runs: 2, steps: 200 };
  const base = computeAll(p);

  it('a change of lr, steps, runs, init or initMode keeps the landscape', () => {
    for (const change of [{ lr: 0.1 }, { steps: 300 }, { runs: 3 }, { init: 0.01 }, { initMode: 'balanced' as const }])
      expect(sameLandscape(base, computeAll({ ...p, ...change })), JSON.stringify(change)).toBe(true);
  });

  it('a change of the data, the seed, d, T, the spectrum or fullRank does not', () => {
    for (const change of [{ seed: 2 }, { d: 3 }, { T: 121 }, { spectrum: '1/k' }, { fullRank: true }, { data: 'sparse' as const }, { center: true }])
      expect(sameLandscape(base, computeAll({ ...p, ...change })), JSON.stringify(change)).toBe(false);
  });
});
