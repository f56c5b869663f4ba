import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportJson, openPage, settleAfter, waitForSettled } from './browser';
import { numpyCheck } from './numpyCheck';
import { builtSite } from './session';

const dir = mkdtempSync(join(tmpdir(), 'lae-csv-'));
const site = builtSite();

/** A small table with a header, semicolons and mixed number formats. */
function table(rows: number, cols: number, seed: number): { text: string; values: number[][] } {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return (s / 2147483648) * 10 - 5;
  };
  const cells = Array.from({ length: rows }, () =>
    Array.from({ length: cols }, () => {
      const v = next();
      return Math.abs(v) < 1 ? v.toExponential(3) : v.toPrecision(6);
    }),
  );
  const header = Array.from({ length: cols }, (_, j) => `feature ${j + 1}`).join(';');
  return { text: `${header}\n${cells.map((r) => r.join(';')).join('\n')}\n`, values: cells.map((r) => r.map(Number)) };
}

describe('real data: digits, an uploaded CSV, data in the link', () => {
  it('digits T=1000 reach ready (the asset is fetched with progress) and the export checks out in numpy', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?data=digits&T=1000&d=3&runs=2&steps=500`);
    expect(await waitForSettled(page, 90_000)).toBe('ready');
    const doc = await exportJson(page);
    expect(doc.params).toMatchObject({ data: 'digits', D: 196, T: 1000, pool: 2 });
    expect((doc.X as number[][]).length).toBe(1000); // 1000 × 196 ≤ 200,000 numbers: exported
    // 500 steps do not finish the slow last directions of MNIST: everything but convergence is checked.
    const report = numpyCheck(doc, { convergence: false });
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('an uploaded CSV gives an export whose X, Σ and eigenvalues match numpy; it survives a reload; a bad file keeps it', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?d=2&runs=2&steps=300`);
    expect(await waitForSettled(page)).toBe('ready');
    await page.getByLabel('Dataset').selectOption('custom');
    const { text, values } = table(40, 5, 7);
    const file = join(dir, 'measurements.csv');
    writeFileSync(file, text);
    expect(await settleAfter(page, () => page.getByLabel('Upload CSV').setInputFiles(file))).toBe('ready');
    expect(await page.evaluate(() => location.search.includes('data=custom') && location.hash.includes('data='))).toBe(true);
    const doc = await exportJson(page);
    expect(doc.X).toEqual(values);
    expect(doc.params).toMatchObject({ data: 'custom', D: 5, T: 40 });
    const report = numpyCheck(doc, { convergence: false }); // 300 steps: X, Σ, λ, losses, indices, replay
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);

    const bad = join(dir, 'ragged.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n4,5\n');
    await page.getByLabel('Upload CSV').setInputFiles(bad);
    await page.getByRole('alert').filter({ hasText: 'line 3 has 2 values, expected 3' }).waitFor();
    expect(await page.getByText('Using measurements.csv: 40 × 5', { exact: false }).count()).toBe(1);

    // Reload without the fragment: IndexedDB brings the table back.
    await page.goto(`${site.url()}?data=custom&d=2&runs=2&steps=300`);
    expect(await waitForSettled(page)).toBe('ready');
    const again = await exportJson(page);
    expect(again.X).toEqual(values);
    expect(again.eigenvalues).toEqual(doc.eigenvalues);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a URL with the data in its fragment opens in a fresh browser context with the same eigenvalues', async () => {
    const first = await openPage(site.browser(), `${site.url()}?d=2&runs=1&steps=100`);
    expect(await waitForSettled(first.page)).toBe('ready');
    await first.page.getByLabel('Dataset').selectOption('custom');
    await first.page.getByLabel(/or paste a table/).fill('1,2,3\n4,5,6.5\n7,8.25,9\n-1,0,2\n');
    expect(await settleAfter(first.page, () => first.page.getByRole('button', { name: 'Use pasted table' }).click())).toBe('ready');
    expect(await first.page.evaluate(() => location.hash.includes('data='))).toBe(true);
    const doc = await exportJson(first.page);
    const link = await first.page.evaluate(() => location.href);
    await first.page.context().close();

    const fresh = await openPage(site.browser(), link); // a new context: empty IndexedDB
    expect(await waitForSettled(fresh.page)).toBe('ready');
    const doc2 = await exportJson(fresh.page);
    expect(doc2.X).toEqual([
      [1, 2, 3],
      [4, 5, 6.5],
      [7, 8.25, 9],
      [-1, 0, 2],
    ]);
    expect(doc2.eigenvalues).toEqual(doc.eigenvalues);
    expect(fresh.errors).toEqual([]);
    await fresh.page.context().close();
  });

  it('edge-case tables are explained in words: an overflowing Σ is an error that keeps the last good results; T < D is singular', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?d=1&runs=1&steps=200`);
    expect(await waitForSettled(page)).toBe('ready');
    // "Your data" with no table yet: an invitation to upload, not an error; the data in use stays.
    await page.getByLabel('Dataset').selectOption('custom');
    await page.getByText('Upload a CSV file or paste a table', { exact: false }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.dataset.status)).toBe('ready');
    expect(await page.getByLabel('Dataset').inputValue()).toBe('gaussian');
    const huge = join(dir, 'huge.csv');
    writeFileSync(huge, '1e160,2\n3,1e160\n');
    expect(await settleAfter(page, () => page.getByLabel('Upload CSV').setInputFiles(huge))).toBe('error');
    await page.getByRole('alert').filter({ hasText: 'overflowed' }).waitFor();
    expect(await page.locator('[data-plot="loss"] .main-svg').count()).toBeGreaterThan(0); // the previous results stay
    // The sidebar says which data the plots show, not the refused table.
    expect(await page.getByText('huge.csv (2 × 2) could not be used', { exact: false }).count()).toBe(1);
    expect(await page.getByText('Using huge.csv', { exact: false }).count()).toBe(0);

    const short = join(dir, 'one-row.csv');
    writeFileSync(short, '1,2,3,4\n');
    expect(await settleAfter(page, () => page.getByLabel('Upload CSV').setInputFiles(short))).toBe('ready');
    expect(await page.getByText('Σ is singular', { exact: false }).count()).toBeGreaterThan(0);
    const doc = await exportJson(page);
    expect((doc.diagnostics as { rank: number; conditionNumber: number | null }).rank).toBe(1);
    expect((doc.diagnostics as { conditionNumber: number | null }).conditionNumber).toBeNull();
    expect(JSON.stringify(doc)).not.toMatch(/NaN|Infinity/);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
