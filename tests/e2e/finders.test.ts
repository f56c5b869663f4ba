/**
 * The finders on the page (docs/design.md §6): the production build runs them in the worker, shows
 * the verdict table and the four figures, exports `finders` (checked in numpy by
 * tests/reference/check_export.py), and the method boxes write the `finders` key.
 */
import { describe, expect, it } from 'vitest';
import { exportJson, openPage, plotData, settleAfter, waitForSettled } from './browser';
import { numpyCheck } from './numpyCheck';
import { builtSite } from './session';

const site = builtSite();

describe('critical-point finders on the page', () => {
  it('run, are scored and drawn, export checks out in numpy, and the controls write the URL', async () => {
    const url = '?data=gaussian&D=6&d=2&T=200&runs=2&steps=1000&finders=gnm,newton-mr,newton&finderStarts=4&finderFrom=both&finderIters=150';
    const { page, errors } = await openPage(site.browser(), site.url() + url);
    expect(await waitForSettled(page, 100_000)).toBe('ready');
    const table = page.getByRole('region', { name: 'Finders: verdicts per method' });
    expect(await table.locator('tbody tr').count()).toBe(3);
    for (const id of ['findersLoss', 'findersBias', 'findersCutoff', 'findersTrace']) expect((await plotData(page, id)).length, id).toBeGreaterThan(1);
    const doc = (await exportJson(page)) as { finders: { runs: unknown[]; cutoff: number } };
    expect(doc.finders.runs).toHaveLength(12);
    expect(doc.finders.cutoff).toBe(1e-10);
    const report = numpyCheck(doc, { convergence: false });
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
    // Unticking gradient-norm minimisation recomputes with the other two.
    expect(await settleAfter(page, () => page.getByLabel('gradient-norm minimisation').uncheck())).toBe('ready');
    expect(new URL(page.url()).searchParams.get('finders')).toBe('newton-mr,newton');
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
