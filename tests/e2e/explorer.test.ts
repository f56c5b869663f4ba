import { describe, expect, it } from 'vitest';
import { exportJson, openPage, plotData, settleAfter, waitForSettled } from './browser';
import { numpyCheck } from './numpyCheck';
import { builtSite } from './session';

const DONE_WHEN = '?data=gaussian&D=6&d=2&T=300&seed=11&runs=4&steps=4000';

const site = builtSite();

describe('the production build, served statically from a sub-path', () => {
  it('opens the done-when URL, reaches ready with no console errors, and draws the expected traces', async () => {
    const { page, errors } = await openPage(site.browser(), site.url() + DONE_WHEN);
    expect(await page.evaluate(() => document.documentElement.dataset.status)).toBe('computing');
    expect(await waitForSettled(page)).toBe('ready');

    const loss = await plotData(page, 'loss');
    const runs = loss.filter((t) => String(t.name).startsWith('run '));
    expect(runs.map((t) => t.name)).toEqual(['run 1', 'run 2', 'run 3', 'run 4']);
    expect(loss.some((t) => String(t.name).startsWith('L*'))).toBe(true);
    for (const r of runs) expect((r.x as number[]).at(-1)).toBe(4000);

    const index = await plotData(page, 'index');
    const points = index.filter((t) => String(t.name).startsWith('|I|')).reduce((n, t) => n + (t.x as number[]).length, 0);
    expect(points).toBe(22);
    const spectrum = await plotData(page, 'spectrum');
    expect((spectrum[0].y as number[]).length).toBe(6);
    const sigma = await plotData(page, 'sigma');
    expect((sigma[0].z as number[][]).length).toBe(6);

    await expect(page.getByText('22 critical points', { exact: false }).count()).resolves.toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('streams a run’s loss curve while it trains: a dashed curve that grows before the run finishes', async () => {
    // About a second of training per run here (the work limit allows it), so partial curves show.
    const { page, errors } = await openPage(site.browser(), `${site.url()}?data=gaussian&D=200&d=10&T=400&runs=2&steps=60000`);
    const running = page.locator('svg.live-runs polyline[stroke-dasharray]');
    await running.first().waitFor({ timeout: 60_000 });
    const run = await running.first().getAttribute('data-run');
    const first = (await running.first().getAttribute('points'))?.split(' ').length ?? 0;
    expect(first).toBeGreaterThan(1);
    // The same run's curve then grows (while it trains, or when it is replaced by the finished one).
    await page.waitForFunction(
      ([run, first]) => (document.querySelector(`svg.live-runs polyline[data-run="${run}"]`)?.getAttribute('points')?.split(' ').length ?? 0) > first,
      [run, first] as const,
      { timeout: 60_000 },
    );
    expect(await page.locator('svg.live-runs').getAttribute('aria-label')).toMatch(/^Loss curves so far: [01] of 2 runs finished(, run [12] training)?$/);
    expect(await waitForSettled(page)).toBe('ready');
    expect(await page.locator('svg.live-runs').count()).toBe(0); // gone with the progress bar
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a spectrum typed into the page loads the expression checker on demand, is applied, and a bad one is refused keeping it', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=6&d=2&T=300&runs=1&steps=50`);
    expect(await waitForSettled(page)).toBe('ready');
    const field = page.getByLabel('Variances, a formula in k = 1..D');
    await field.fill('1/k');
    await field.press('Enter');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('spectrum') === '1/k');
    expect(await waitForSettled(page)).toBe('ready');
    await field.fill('foo(k)');
    await field.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'function "foo" is not allowed' }).waitFor();
    expect(new URL(page.url()).searchParams.get('spectrum')).toBe('1/k'); // the previous good state stays
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('exports JSON that an independent numpy computation confirms, and whose url reproduces the eigenvalues', async () => {
    const { page, errors } = await openPage(site.browser(), site.url() + DONE_WHEN);
    expect(await waitForSettled(page)).toBe('ready');
    const doc = await exportJson(page);
    expect(doc.schema).toBe('lae-explorer/v1');
    expect(doc.criticalPointsTotal).toBe('22');
    expect(doc.criticalPointsListed).toBe(22);
    expect((doc.trajectories as unknown[]).length).toBe(4);
    expect(doc.params).toMatchObject({ data: 'gaussian', D: 6, d: 2, T: 300, seed: 11, runs: 4, steps: 4000 });
    expect(String(doc.url)).toContain('D=6');

    const report = numpyCheck(doc);
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
    expect(Object.keys(report.checks).length).toBeGreaterThanOrEqual(10);

    const again = await openPage(site.browser(), String(doc.url));
    expect(await waitForSettled(again.page)).toBe('ready');
    const doc2 = await exportJson(again.page);
    expect(doc2.eigenvalues).toEqual(doc.eigenvalues);
    expect(doc2.trajectories).toEqual(doc.trajectories);
    expect(errors).toEqual([]);
    expect(again.errors).toEqual([]);
    await page.context().close();
    await again.page.context().close();
  });

  it('shows a message naming each bad URL value and still renders the page', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=abc&lr=-1&spectrum=import(x)&runs=2&steps=50`);
    expect(await waitForSettled(page)).toBe('ready');
    const alerts = await page.getByRole('alert').allTextContents();
    const text = alerts.join('\n');
    expect(text).toContain('D=abc');
    expect(text).toContain('lr=-1');
    expect(text).toContain('spectrum=import(x)');
    expect(text).toContain('Using D=8');
    expect(await page.locator('[data-plot="loss"] .main-svg').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('changes state from a control, writes it to the URL and recomputes; a bad value keeps the previous state', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=6&d=2&T=200&runs=2&steps=200`);
    expect(await waitForSettled(page)).toBe('ready');
    const d = page.getByLabel('d (hidden width, d < D)');
    await d.fill('3');
    expect(await settleAfter(page, () => d.press('Enter'))).toBe('ready');
    expect(await page.evaluate(() => location.search)).toContain('d=3');
    await expect(page.getByText('42 critical points', { exact: false }).count()).resolves.toBeGreaterThan(0);

    await d.fill('9');
    await d.press('Enter');
    const alerts = (await page.getByRole('alert').allTextContents()).join('\n');
    expect(alerts).toContain('d=9');
    expect(await page.evaluate(() => location.search)).toContain('d=3');
    expect(await waitForSettled(page)).toBe('ready');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('switches displayed losses between sum and mean', async () => {
    const { page } = await openPage(site.browser(), `${site.url()}?D=6&d=2&T=200&runs=1&steps=100`);
    expect(await waitForSettled(page)).toBe('ready');
    const before = await plotData(page, 'index');
    await page.getByLabel('Losses shown as').selectOption('mean');
    await page.waitForFunction(() => location.search.includes('norm=mean'));
    expect(await waitForSettled(page)).toBe('ready');
    const after = await plotData(page, 'index');
    const y0 = (before[0].y as number[])[0];
    const y1 = (after[0].y as number[])[0];
    expect(y1).toBeCloseTo(y0 / 200, 12);
    const lossAfter = await plotData(page, 'loss');
    const minimum = lossAfter.find((t) => String(t.name).startsWith('L*'));
    const global = before.find((t) => t.name === 'global minimum');
    const globalY = (global?.y ?? []) as number[];
    expect((minimum?.y as number[] | undefined)?.[0]).toBeCloseTo(globalY[0] / 200, 12);
    await page.context().close();
  });

  it('streams finished runs onto the page while the others still train', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=8&d=3&T=200&runs=3&steps=1000000`);
    await page.waitForFunction(() => document.querySelectorAll('svg.live-runs polyline').length >= 1, null, { timeout: 60_000 });
    expect(await page.evaluate(() => document.documentElement.dataset.status)).toBe('computing');
    expect(await waitForSettled(page, 120_000)).toBe('ready');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('cancels long training and returns to the previous state', async () => {
    // 10⁶ steps at D = 30, d = 5 are 70 % of the work limit: about 10 s here, seconds on any machine.
    const { page } = await openPage(site.browser(), `${site.url()}?D=30&d=5&T=200&runs=1&steps=100`);
    expect(await waitForSettled(page)).toBe('ready');
    const steps = page.getByLabel('Steps', { exact: true });
    await steps.fill('1000000');
    await steps.press('Enter');
    expect(await settleAfter(page, () => page.getByRole('button', { name: 'Cancel' }).click())).toBe('ready');
    expect(await page.evaluate(() => location.search)).toContain('steps=100&');
    expect(await steps.inputValue()).toBe('100');
    await page.context().close();
  });
});
