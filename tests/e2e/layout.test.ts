/**
 * The room (issue 11): at a phone's 390 × 844, a projector's 1280 × 720 and a 1920 × 1080 screen,
 * no plot title, legend, mode bar or tick label overlaps another or is clipped, the page never
 * scrolls sideways, and the main plot takes at least 90 % of its panel's width; on the phone the
 * first plot is on the first screen; presentation mode sets plot text ≥ 18 px and fits the main plot
 * in the viewport; at 1280 × 720 every step of the tour leaves the highlighted plot uncovered; on
 * the phone the ReLU model’s quantity/value table shows every value without scrolling sideways.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, waitForSettled } from './browser';
import { layoutProblems, measurePlots, overlap } from './geometry';
import { builtSite } from './session';

const site = builtSite();

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'projector', width: 1280, height: 720 },
  { name: 'desktop', width: 1920, height: 1080 },
] as const;

/** The default view, a selected point and run (the detail panel's plots), D = 200 (many levels, long labels), digits (large losses). */
const URLS = ['', '?cp=1,3&run=2', '?data=gaussian&D=200&d=4&T=400&runs=2&steps=2000&cp=1,2,3', '?data=digits&T=1000&d=3&runs=2&steps=500'];

async function open(browser: Browser, query: string, viewport: { width: number; height: number }): Promise<Page> {
  const { page } = await openPage(browser, site.url() + query, { viewport, deviceScaleFactor: 1 });
  expect(await waitForSettled(page, 90_000)).toBe('ready');
  return page;
}

describe('layout at a phone, a projector and a desktop', () => {
  for (const viewport of VIEWPORTS)
    for (const query of URLS)
      it(`${viewport.name} ${viewport.width} × ${viewport.height}: ${query || 'the default view'}`, { timeout: 120_000 }, async () => {
        const page = await open(site.browser(), query, viewport);
        const plots = await measurePlots(page);
        expect(plots.length).toBeGreaterThanOrEqual(6);
        expect(plots.flatMap(layoutProblems)).toEqual([]);
        const loss = plots.find((p) => p.id === 'loss');
        expect(loss, 'the loss plot is on the page').toBeDefined();
        if (loss) {
          expect(loss.plot.w / loss.panel.w).toBeGreaterThanOrEqual(0.9);
          // What was checked is really there: tick labels on both axes, the legend, the title.
          expect(loss.ticks.x?.length).toBeGreaterThanOrEqual(3);
          expect(loss.ticks.y?.length).toBeGreaterThanOrEqual(3);
          expect(loss.legend).not.toBeNull();
          expect(loss.title?.w).toBeGreaterThan(50);
        }
        // Nothing makes the page wider than the screen.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
        if (viewport.name === 'phone' && !query) {
          // The controls are folded away: the first plot starts on the first screen.
          expect(await page.locator('#controls').isVisible()).toBe(false);
          expect(loss?.plot.y).toBeLessThan(viewport.height * 0.6);
          await page.getByRole('button', { name: 'Controls' }).click();
          expect(await page.locator('#controls').isVisible()).toBe(true);
        }
        await page.context().close();
      });
});

describe('presentation mode at 1280 × 720', () => {
  it('plot text ≥ 18 px, heavier lines, and the main plot fits the viewport', async () => {
    const page = await open(site.browser(), '?present=1', { width: 1280, height: 720 });
    const sizes = await page.evaluate(() =>
      [...document.querySelectorAll('[data-plot="loss"] g.xtick text, [data-plot="loss"] g.ytick text, [data-plot="loss"] g.legend text')].map((t) =>
        Number.parseFloat(getComputedStyle(t).fontSize),
      ),
    );
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(18);
    const runWidth = await page.evaluate(() => {
      const el = document.querySelector('[data-plot="loss"]') as HTMLElement & { data?: { name?: string; line?: { width?: number } }[] };
      return el.data?.find((t) => t.name === 'run 1')?.line?.width ?? 0;
    });
    const normal = await open(site.browser(), '', { width: 1280, height: 720 });
    const normalWidth = await normal.evaluate(() => {
      const el = document.querySelector('[data-plot="loss"]') as HTMLElement & { data?: { name?: string; line?: { width?: number } }[] };
      return el.data?.find((t) => t.name === 'run 1')?.line?.width ?? 0;
    });
    expect(runWidth).toBeGreaterThanOrEqual(1.5 * normalWidth);
    await normal.context().close();
    // Scrolled to its panel, the whole plot is on the screen.
    await page.locator('#loss-title').evaluate((h) => h.closest('section')?.scrollIntoView({ block: 'start' }));
    const box = await page.locator('[data-plot="loss"]').boundingBox();
    expect(box).not.toBeNull();
    if (box) expect(box.y + box.height).toBeLessThanOrEqual(720);
    expect((await measurePlots(page)).flatMap(layoutProblems)).toEqual([]);
    await page.context().close();
  });
});

describe('the tour at 1280 × 720', () => {
  it('every step’s card leaves the highlighted plot uncovered', { timeout: 120_000 }, async () => {
    const page = await open(site.browser(), '?tour=0', { width: 1280, height: 720 });
    const steps = Number((await page.locator('.tour-head .muted').textContent())?.split('/')[1]);
    expect(steps).toBe(7);
    for (let step = 0; step < steps; step++) {
      if (step > 0) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((n) => new URLSearchParams(location.search).get('tour') === String(n), step);
      expect(await waitForSettled(page)).toBe('ready');
      // Let the highlighted panel finish scrolling into view.
      await page.waitForFunction(() => {
        const s = document.querySelector('section.tour-highlight');
        return s !== null && Math.abs(s.getBoundingClientRect().top - 12) < 30;
      });
      const { card, areas, title } = await page.evaluate(() => {
        const r = (el: Element) => {
          const b = el.getBoundingClientRect();
          return { x: b.left, y: b.top, w: b.width, h: b.height };
        };
        const section = document.querySelector('section.tour-highlight') as Element;
        return {
          card: r(document.querySelector('.tour') as Element),
          areas: [...section.querySelectorAll('.nsewdrag, [data-plot] .main-svg')].map(r),
          title: r(section.querySelector('h2') as Element),
        };
      });
      expect(areas.length, `step ${step + 1} highlights a plot`).toBeGreaterThan(0);
      for (const a of areas) expect(overlap(card, a), `step ${step + 1}: the card covers the plot`).toBe(0);
      expect(overlap(card, title)).toBe(0);
      expect(card.y + card.h).toBeLessThanOrEqual(720);
      // The step's formula wraps inside the card: none of it is cut off.
      expect(await page.locator('.tour-formula').evaluate((p) => p.scrollWidth <= p.clientWidth + 1)).toBe(true);
    }
    await page.context().close();
  });

  it('presenting, the tour’s formula still fits its card (tour=5&present=1)', async () => {
    const page = await open(site.browser(), '?tour=5&present=1', { width: 1280, height: 720 });
    await page.locator('.tour .katex').first().waitFor();
    expect(await page.locator('.tour-formula').evaluate((p) => p.scrollWidth <= p.clientWidth + 1)).toBe(true);
    const card = await page.locator('.tour').boundingBox();
    expect(card && card.x + card.width).toBeLessThanOrEqual(1280);
    await page.context().close();
  });
});

describe('a quantity/value table on a phone', () => {
  it('the ReLU model’s numbers fit 390 px: every value is inside its scroll region, none scrolled sideways', { timeout: 120_000 }, async () => {
    const page = await open(site.browser(), '?model=relu&D=5&d=2&sparsity=0.9&runs=1&steps=200', { width: 390, height: 844 });
    const fit = await page.evaluate(() => {
      const table = document.querySelector('table.wrap-labels');
      const region = table?.closest('section') as HTMLElement | null;
      if (!table || !region) return null;
      const right = region.getBoundingClientRect().right;
      const cells = [...table.querySelectorAll('td')];
      return {
        cells: cells.length,
        outside: cells.filter((c) => c.getBoundingClientRect().right > right + 0.5).map((c) => c.textContent),
        wider: region.scrollWidth - region.clientWidth,
      };
    });
    expect(fit?.cells).toBeGreaterThanOrEqual(6);
    expect(fit?.outside).toEqual([]);
    expect(fit?.wider).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
