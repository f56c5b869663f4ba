/**
 * Every baseline URL (tests/e2e/exportBaseline.ts) gives the export recorded before the
 * restructuring of issue 10, to 1e-12: numbers, counts, notes and field names alike. The numbers
 * were re-recorded (fields as before) when random.ts stopped using the engine's Math: Chromium 156's
 * last bits of log, sin, cos and pow differ from those of the Chromium that recorded them, and the data's ulps moved the
 * eigenvectors of close eigenvalues past 1e-12.
 */
import { describe, expect, it } from 'vitest';
import { centerColumns } from '../../src/core/data/centering';
import { toRows } from '../../src/core/linalg/matrix';
import { loadData } from '../../src/worker/loadData';
import type { ComputeParams } from '../../src/worker/protocol';
import { exportJson, openPage, waitForSettled } from './browser';
import { comparable, diffExports, readBaseline } from './exportBaseline';
import { builtSite } from './session';

const site = builtSite();
const baseline = readBaseline();

describe('exports match the ones recorded before the restructuring', () => {
  it('the baseline covers the browser tests’ URLs, the presets and custom data', () => {
    expect(baseline.length).toBe(19);
    expect(baseline.some((b) => b.location.includes('#data='))).toBe(true);
  });

  it('the comparison sees a relative change of 1e-10, a removed field and a changed string', () => {
    const doc = baseline[1].doc as { eigenvalues: number[]; notes: unknown[] };
    const nudged = { ...doc, eigenvalues: doc.eigenvalues.map((λ, i) => (i === 3 ? λ * (1 + 1e-10) : λ)) };
    expect(diffExports(doc, nudged).changed).toEqual([expect.stringMatching(/^\.eigenvalues\[3\]/)]);
    const { notes: _notes, ...removed } = doc;
    expect(diffExports(doc, removed).changed).toEqual(['.notes: removed']);
    expect(diffExports(doc, { ...doc, schema: 'other' }).changed).toHaveLength(1);
    expect(diffExports(doc, { ...doc, extra: 1 })).toEqual({ changed: [], added: ['.extra'] });
  });

  it('the data Chromium drew for every seeded baseline is bit for bit the data Node draws (random.ts: no engine Math in the stream)', () => {
    const seeded = baseline.filter(({ doc }) => ['gaussian', 'sparse'].includes((doc.params as { data: string }).data) && doc.X !== null);
    expect(seeded.length).toBeGreaterThanOrEqual(12);
    for (const { location, doc } of seeded) {
      const p = doc.params as unknown as ComputeParams;
      const X = loadData(p);
      expect(toRows(p.center ? centerColumns(X) : X), location).toEqual(doc.X);
    }
  });

  for (const { location, doc } of baseline)
    it(`${location || '(default view)'}`, { timeout: 120_000 }, async () => {
      const { page, errors } = await openPage(site.browser(), site.url() + location);
      expect(await waitForSettled(page, 100_000)).toBe('ready');
      const now = comparable(await exportJson(page));
      const { changed, added } = diffExports(doc, now);
      expect(changed).toEqual([]);
      // The fields added since: the model key, weight decay, its profile and each unit's μ (docs/design.md §5), `linear` and 0 for every one of these.
      expect(added).toEqual([
        '.params.model',
        '.params.wd',
        '.params.wdProfile',
        // The ReLU model's optimiser, batch and phase-diagram keys (docs/design.md §7), at their defaults: no `relu` field is added.
        '.params.optimizer',
        '.params.batch',
        '.params.phase',
        // The finders' keys (docs/design.md §6), off in every one of these: no `finders` field is added.
        '.params.finders',
        '.params.finderStarts',
        '.params.finderFrom',
        '.params.finderIters',
        '.params.cutoff',
        '.params.finderScale',
        '.mu',
      ]);
      expect(now.params as { model: string; wd: number }).toMatchObject({ model: 'linear', wd: 0, wdProfile: 'uniform', finders: [] });
      expect(now.mu).toEqual(Array((now.params as { d: number }).d).fill(0));
      expect(errors).toEqual([]);
      await page.context().close();
    });
});
