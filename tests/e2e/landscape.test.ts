import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { exportJson, openPage, plotData, settleAfter, waitForSettled } from './browser';
import { numpyCheck } from './numpyCheck';
import { builtSite } from './session';

const SADDLES = '?data=gaussian&D=5&d=2&T=200&seed=5&init=0.0001';

const site = builtSite();

/** Clicks the marker of critical point I in the loss-against-index plot. */
async function clickPoint(page: Page, I: string): Promise<void> {
  // Where a reader would click: the plot scrolled into view first.
  await page.locator('[data-plot="index"]').scrollIntoViewIfNeeded();
  const box = await page.evaluate((wanted) => {
    const el = document.querySelector('[data-plot="index"]') as HTMLElement & {
      data: { customdata?: string[] }[];
      _fullLayout: { xaxis: { l2p(v: number): number; _offset: number }; yaxis: { l2p(v: number): number; _offset: number } };
    };
    for (const trace of el.data) {
      const k = trace.customdata?.indexOf(wanted) ?? -1;
      if (k < 0) continue;
      const t = trace as unknown as { x: number[]; y: number[] };
      const { xaxis, yaxis } = el._fullLayout;
      const rect = el.querySelector('.nsewdrag')!.getBoundingClientRect();
      const plotRect = el.getBoundingClientRect();
      return { x: plotRect.left + xaxis._offset + xaxis.l2p(t.x[k]), y: plotRect.top + yaxis._offset + yaxis.l2p(t.y[k]), rect: rect.width };
    }
    return null;
  }, I);
  if (!box) throw new Error(`no marker for I = ${I}`);
  await page.mouse.move(box.x, box.y);
  await page.mouse.click(box.x, box.y);
}

describe('the landscape: Hessians, the selected point, trajectories through the saddles', () => {
  it('exports a verified Hessian for all 16 points and runs that visit exactly ∅ → {1} → {1,2}', async () => {
    const { page, errors } = await openPage(site.browser(), site.url() + SADDLES);
    expect(await waitForSettled(page)).toBe('ready');
    const doc = await exportJson(page);
    const points = doc.criticalPoints as { I: number[]; hessian?: { eigenvalues: number[] } }[];
    expect(points.length).toBe(16);
    expect(points.every((c) => c.hessian && c.hessian.eigenvalues.length === 20)).toBe(true);
    for (const t of doc.trajectories as { visited: { I: number[] }[] }[]) expect(t.visited.map((v) => v.I)).toEqual([[], [1], [1, 2]]);
    const report = numpyCheck(doc);
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
    expect(report.hessiansChecked).toBe(16);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('clicking a critical point opens its panel with the right I and loss; the contour plot follows', async () => {
    const { page, errors } = await openPage(site.browser(), site.url() + SADDLES);
    expect(await waitForSettled(page)).toBe('ready');
    const before = await plotData(page, 'contour');
    const labelsBefore = (before.find((t) => t.name === 'critical points')?.text as string[]) ?? [];
    expect(labelsBefore[1]).toBe('saddle {1}');

    expect(await settleAfter(page, () => clickPoint(page, '1,3'))).toBe('ready');
    expect(await page.evaluate(() => location.search)).toContain('cp=1,3');
    const heading = await page.locator('#cp-detail-title').textContent();
    expect(heading).toContain('I = {1,3}');
    const doc = await exportJson(page);
    const point = (doc.criticalPoints as { I: number[]; loss: number }[]).find((c) => c.I.join(',') === '1,3')!;
    const formula = await page.locator('.formula-line').textContent();
    expect(formula).toContain(point.loss.toPrecision(8).replace(/0+$/, ''));
    expect(await page.getByText('The numerical inertia equals the closed form.').count()).toBe(1);

    const after = await plotData(page, 'contour');
    expect((after.find((t) => t.name === 'critical points')?.text as string[] | undefined)?.[1]).toBe('saddle {1,3}');
    expect(after[0].z).not.toEqual(before[0].z);
    for (const id of ['hessian', 'path', 'wMatrix', 'representative']) expect((await plotData(page, id)).length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('cp and run round-trip through the URL', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url() + SADDLES}&cp=2&run=3`);
    expect(await waitForSettled(page)).toBe('ready');
    expect(await page.locator('#cp-detail-title').textContent()).toContain('I = {2}');
    expect(await page.locator('#anatomy-title').textContent()).toBe('Anatomy of run 3');
    expect(await page.evaluate(() => location.search)).toMatch(/cp=2&run=3/);
    expect(await settleAfter(page, () => page.getByLabel('Run to inspect').selectOption('2'))).toBe('ready');
    expect(await page.evaluate(() => location.search)).toContain('run=2');
    expect(await page.locator('#anatomy-title').textContent()).toBe('Anatomy of run 2');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.waitForFunction(() => !location.search.includes('cp='));
    expect(await page.locator('#cp-detail-title').count()).toBe(0);
    expect(await waitForSettled(page)).toBe('ready');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the repeated-eigenvalue and singular presets explain themselves and their Hessians match the closed form', async () => {
    const { page, errors } = await openPage(site.browser(), site.url());
    expect(await waitForSettled(page)).toBe('ready');
    expect(await settleAfter(page, () => page.getByRole('link', { name: 'Repeated eigenvalues' }).click())).toBe('ready');
    expect(await page.evaluate(() => location.search)).toContain('exact=1');
    expect(await page.getByText('Tied eigenvalues', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText('The numerical inertia equals the closed form.').count()).toBe(1);
    const tied = await exportJson(page);
    const minima = (tied.criticalPoints as { I: number[]; index: number }[]).filter((c) => c.index === 0).map((c) => c.I.join(','));
    expect(minima.sort()).toEqual(['1,2,3', '1,2,4']);
    expect(numpyCheck(tied).failures).toEqual([]);

    expect(await settleAfter(page, () => page.getByRole('link', { name: 'Singular Σ (T < D)' }).click())).toBe('ready');
    expect(await page.evaluate(() => location.search)).toContain('T=3&');
    expect(await page.getByText('Σ is singular', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByText('The numerical inertia equals the closed form.').count()).toBe(1);
    const singular = await exportJson(page);
    expect((singular.diagnostics as { rank: number }).rank).toBe(3);
    const report = numpyCheck(singular);
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
