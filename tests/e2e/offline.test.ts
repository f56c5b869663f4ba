/**
 * A room with no network (issue 11): after one visit online, the service worker (build/pwa.ts)
 * serves the whole explorer. With the browser context offline: a reload reaches ready, a new
 * spectrum (the lazily loaded checker) is applied, the tour renders its formulas with KaTeX (its
 * chunk and fonts), and digits fetched once online come from the cache.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, waitForSettled } from './browser';
import { builtSite } from './session';

const site = builtSite();

/** Until the service worker controls the page (it precaches everything before it activates). */
async function untilControlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
}

describe('offline after one visit', () => {
  it('is installable: a manifest with icons, a service worker that controls the page', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?runs=1&steps=50`);
    expect(await waitForSettled(page)).toBe('ready');
    await untilControlled(page);
    // What Chromium itself read from the <link rel="manifest"> (so the CSP's manifest-src admits it).
    const cdp = await page.context().newCDPSession(page);
    const read = (await cdp.send('Page.getAppManifest')) as { data?: string; errors: { message: string }[] };
    expect(read.errors).toEqual([]);
    const manifest = read.data ? (JSON.parse(read.data) as { name: string; icons: { sizes: string }[]; display: string }) : null;
    expect(manifest?.name).toBe('Linear-autoencoder loss landscape');
    expect(manifest?.display).toBe('standalone');
    expect(manifest?.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('offline: a reload reaches ready, spectrum=1/k is applied, the tour renders KaTeX', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=6&d=2&runs=1&steps=100`);
    expect(await waitForSettled(page)).toBe('ready');
    await untilControlled(page);
    await page.context().setOffline(true);

    await page.reload();
    expect(await waitForSettled(page)).toBe('ready');
    expect(await page.locator('[data-plot="loss"] .main-svg').count()).toBeGreaterThan(0);

    // A URL never visited: the same index.html from the cache, the checker chunk and KaTeX too.
    await page.goto(`${site.url()}?D=6&d=2&runs=1&steps=100&spectrum=1/k&tour=2`);
    expect(await waitForSettled(page)).toBe('ready');
    expect(new URL(page.url()).searchParams.get('spectrum')).toBe('1/k');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.locator('.tour .katex').first().waitFor({ timeout: 30_000 });
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length;
    });
    expect(fonts).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('digits fetched once online are there offline', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?runs=1&steps=50`);
    expect(await waitForSettled(page)).toBe('ready');
    await untilControlled(page);
    await page.goto(`${site.url()}?data=digits&T=200&d=2&runs=1&steps=100`);
    expect(await waitForSettled(page, 90_000)).toBe('ready');
    await page.context().setOffline(true);
    await page.goto(`${site.url()}?data=digits&T=300&d=3&runs=1&steps=100`);
    expect(await waitForSettled(page, 90_000)).toBe('ready');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
