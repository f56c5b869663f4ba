import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../src/state/presets';
import { exportJson, openPage, plotData, waitForSettled } from './browser';
import { builtSite } from './session';

const site = builtSite();

async function download(page: Page, button: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('teaching with it', () => {
  it('every preset URL reaches ready with no console errors', async () => {
    for (const preset of PRESETS) {
      const { page, errors } = await openPage(site.browser(), site.url() + preset.query);
      expect(await waitForSettled(page, 60_000), preset.name).toBe('ready');
      expect(errors, preset.name).toEqual([]);
      await page.context().close();
    }
  });

  it('the tour advances and goes back by keyboard, highlights its panel, and keeps its step in the URL', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=6&d=2&T=200&runs=2&steps=300`);
    expect(await waitForSettled(page)).toBe('ready');
    await page.getByRole('button', { name: 'Start the tour' }).click();
    const tour = page.getByRole('complementary', { name: 'Guided tour' });
    await expect(tour.getByText('1 / 7').count()).resolves.toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.search.includes('tour=2'));
    expect(await tour.textContent()).toContain('Proposition 1');
    expect(await page.locator('section.tour-highlight #index-title').count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => location.search.includes('tour=1'));
    expect(await tour.textContent()).toContain('Eigendecomposition');
    expect(await page.locator('section.tour-highlight #spectrum-title').count()).toBe(1);
    expect(await waitForSettled(page)).toBe('ready');
    await page.reload();
    expect(await waitForSettled(page)).toBe('ready');
    expect(await page.getByRole('complementary', { name: 'Guided tour' }).textContent()).toContain('2 / 7');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !location.search.includes('tour='));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('animates training: the scrubber and Play move every time-linked plot (loss, slice paths, anatomy)', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=6&d=2&T=200&runs=2&steps=300`);
    expect(await waitForSettled(page)).toBe('ready');
    const linked = ['loss', 'contour', 'modes', 'anatomy'];
    // Each plot's playhead overlay: the step it shows, its markers, and a digest of its pixels.
    const overlays = () =>
      page.evaluate(
        (ids) =>
          ids.map((id) => {
            const c = document.querySelector(`[data-playhead="${id}"]`) as HTMLCanvasElement;
            return { id, step: c.dataset.step ?? '', heads: Number(c.dataset.heads ?? 0), pixels: c.toDataURL() };
          }),
        linked,
      );
    const slider = page.getByLabel('Step shown');
    await slider.fill('20');
    const readout = async () => Number((await page.locator('.step-readout').textContent())?.replace('step ', ''));
    const at20 = await readout();
    await page.waitForFunction((s) => document.querySelector('[data-playhead="anatomy"]')?.getAttribute('data-step') === s, String(at20));
    const first = await overlays();
    for (const o of first) {
      expect(o.step, o.id).toBe(String(at20));
      // Two runs on the loss and slice plots, d = 2 curves (modes: learned u1, u2 …) on the anatomy plots.
      expect(o.heads, o.id).toBeGreaterThanOrEqual(2);
    }
    await slider.fill('45');
    const at45 = await readout();
    expect(at45).toBeGreaterThan(at20);
    await page.waitForFunction((s) => document.querySelector('[data-playhead="anatomy"]')?.getAttribute('data-step') === s, String(at45));
    const second = await overlays();
    second.forEach((o, k) => {
      expect(o.step, o.id).toBe(String(at45));
      expect(o.pixels, `${o.id} moved`).not.toBe(first[k].pixels);
    });
    // The loss traces themselves are not rebuilt for a frame: every run is still whole.
    const run1 = (await plotData(page, 'loss')).find((t) => t.name === 'run 1')!;
    expect((run1.x as number[]).at(-1)).toBe(300);
    // Play from the start: the overlays advance with the clock and clear at the end.
    await slider.fill('0');
    await page.getByRole('button', { name: '▶ Play' }).click();
    await page.waitForFunction(() => Number(document.querySelector('[data-playhead="loss"]')?.getAttribute('data-step')) > 30, null, { timeout: 90_000 });
    const playing = await overlays();
    for (const o of playing) expect(Number(o.step), o.id).toBeGreaterThan(0);
    await page.waitForFunction(() => document.querySelector('.step-readout')?.textContent === 'step 300', null, { timeout: 90_000 });
    await page.waitForFunction(() => document.querySelector('[data-playhead="contour"]')?.getAttribute('data-step') === '');
    for (const o of await overlays()) {
      expect(o.step, o.id).toBe('');
      expect(o.heads, o.id).toBe(0);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('presentation mode hides the controls and keeps the plots', async () => {
    const { page } = await openPage(site.browser(), `${site.url()}?D=6&d=2&T=200&runs=2&steps=300&present=1`);
    expect(await waitForSettled(page)).toBe('ready');
    expect(await page.getByRole('complementary', { name: 'Controls' }).count()).toBe(0);
    expect(await page.evaluate(() => document.body.classList.contains('present'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !location.search.includes('present=1'));
    expect(await page.getByRole('complementary', { name: 'Controls' }).count()).toBe(1);
    await page.context().close();
  });

  it('"Export Python" writes a numpy script that recomputes the export and agrees; "Export CSV" lists every point', async () => {
    const { page } = await openPage(site.browser(), `${site.url()}?D=6&d=2&T=300&seed=11&runs=2&steps=500`);
    expect(await waitForSettled(page)).toBe('ready');
    const doc = await exportJson(page);
    const script = await download(page, 'Export Python');
    const csv = await download(page, 'Export CSV');
    const dir = mkdtempSync(join(tmpdir(), 'lae-python-'));
    writeFileSync(join(dir, 'export.json'), JSON.stringify(doc));
    writeFileSync(join(dir, 'check_lae_export.py'), script);
    const out = execFileSync(process.env.PYTHON ?? 'python3', [join(dir, 'check_lae_export.py'), join(dir, 'export.json')], { encoding: 'utf8' });
    expect(out).toContain('AGREES with the app');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('I,rank,loss,index,zeros,positive');
    expect(lines.length).toBe(1 + 22);
    // A tampered export must make the script disagree.
    const bad = { ...doc, eigenvalues: (doc.eigenvalues as number[]).map((v, i) => (i === 0 ? v * 1.001 : v)) };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    expect(() => execFileSync(process.env.PYTHON ?? 'python3', [join(dir, 'check_lae_export.py'), join(dir, 'bad.json')], { encoding: 'utf8' })).toThrow();
    await page.context().close();
  });
});
