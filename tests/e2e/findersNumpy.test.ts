/**
 * Issue 14's "done when" in numpy: the finders' export (docs/design.md §6) on Gaussian data (D = 6,
 * d = 2; D = 8, d = 3), Iris and a tied-eigenvalue Σ, computed by the page's pipeline and exporter in
 * Node (as decayGrid.test.ts does), then re-verified by tests/reference/check_export.py: every run's
 * ‖∇L‖² and numerical inertia recomputed, every run called critical below the cutoff in numpy, and
 * every agreeing run's match with the closed form's loss and index; and past 600 parameters the
 * block-Lanczos index against numpy's dense count.
 */
import { describe, expect, it } from 'vitest';
import { evaluateSpectrum } from '../../src/core/data/spectrumExpression';
import { buildExport } from '../../src/state/exportJson';
import { parseUrl } from '../../src/state/urlCodec';
import { computeParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';
import { numpyCheckAsync } from './numpyCheck';

const FINDERS = 'finders=gnm,newton-mr,newton&finderStarts=6&finderFrom=both&finderIters=120&runs=2&steps=1000';
const CASES = [
  `?data=gaussian&D=6&d=2&T=200&${FINDERS}`,
  `?data=gaussian&D=8&d=3&T=200&${FINDERS}`,
  `?data=iris&d=2&center=1&${FINDERS}`,
  `?data=gaussian&D=6&d=2&T=200&spectrum=1/ceil(k/2)&exact=1&${FINDERS}`,
];

describe.concurrent('the finders’ runs check out in numpy', () => {
  for (const url of CASES)
    it(url, async () => {
      const { params, messages } = parseUrl(url, { evaluateSpectrum });
      expect(messages).toEqual([]);
      const results = computeAll(computeParams(params));
      const doc = buildExport(results, params, url) as { finders?: { runs: { verdict: string; agrees: boolean }[] } };
      expect(doc.finders?.runs).toHaveLength(18);
      // Some run of every kind ends at a critical point that agrees with its analytic match.
      expect(doc.finders?.runs.some((r) => r.verdict === 'critical' && r.agrees)).toBe(true);
      const report = await numpyCheckAsync(doc, { convergence: false });
      expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
      expect(Object.keys(report.checks).filter((k) => k.startsWith('finders:'))).toHaveLength(8);
    });

  // Past 600 parameters (here 640) the index is block Lanczos's, held to numpy's dense count.
  it('D = 32, d = 10: the block-Lanczos index', async () => {
    const url = '?data=gaussian&D=32&d=10&T=200&finders=newton-mr&finderStarts=2&finderFrom=trajectory&finderIters=6&runs=2&steps=3000';
    const { params, messages } = parseUrl(url, { evaluateSpectrum });
    expect(messages).toEqual([]);
    const doc = buildExport(computeAll(computeParams(params)), params, url) as {
      finders?: { runs: { hessian: unknown; lanczos: { steps: number } | null }[] };
    };
    expect(doc.finders?.runs).toHaveLength(2);
    expect(doc.finders?.runs.every((r) => r.hessian === null && (r.lanczos?.steps ?? 0) > 0)).toBe(true);
    const report = await numpyCheckAsync(doc, { convergence: false });
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
  });
});
