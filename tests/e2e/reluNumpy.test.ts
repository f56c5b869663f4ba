/**
 * Issue 15's export in numpy: the ReLU model's `relu` section (docs/design.md §7), computed by the
 * page's pipeline and exporter in Node, re-verified by tests/reference/check_export.py (relu_export.py:
 * sampleLoss from the exported sample, W and b; both linear baselines exact on that sample and
 * weighting; feature norms and superposition), together with the checks of the linear landscape it
 * is drawn against (its Σ, spectrum and critical points, on the √I-scaled evaluation sample).
 */
import { describe, expect, it } from 'vitest';
import { buildExport } from '../../src/state/exportJson';
import { parseUrl } from '../../src/state/urlCodec';
import { computeParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';
import { numpyCheckAsync } from './numpyCheck';

const CASES = [
  '?model=relu&D=5&d=2&sparsity=0&importance=0.9&runs=2&steps=1500',
  '?model=relu&D=5&d=2&sparsity=0.95&importance=0.9&runs=2&steps=1500',
  '?model=relu&D=12&d=3&sparsity=0.8&importance=0.8&runs=1&steps=800&optimizer=gd&lr=0.05&batch=256',
];

describe.concurrent('the ReLU model’s export checks out in numpy', () => {
  for (const url of CASES)
    it(url, async () => {
      const { params, messages } = parseUrl(url);
      expect(messages).toEqual([]);
      const doc = buildExport(computeAll(computeParams(params)), params, url) as { relu?: { sample: number[][] } };
      expect(doc.relu?.sample).toHaveLength(1024);
      const report = await numpyCheckAsync(doc, { convergence: false });
      expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
      const names = Object.keys(report.checks);
      expect(names.filter((k) => k.startsWith('relu:')).length).toBeGreaterThanOrEqual(5);
      // The linear landscape beside it is checked too.
      expect(names).toContain('sigma = XᵀX');
    });
});
