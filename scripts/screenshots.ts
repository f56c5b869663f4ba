/**
 * The README's screenshots, from the production build in headless Chromium:
 *   npm run build && npx tsx scripts/screenshots.ts
 * A laptop's default view, a phone (390 × 844), a projector (1280 × 720) with the tour docked,
 * presentation mode, saddle to saddle, a run's anatomy, and the loss plot under simulated deuteranopia.
 */
import type { Page } from 'playwright-core';
import { launchBrowser, waitForSettled } from '../tests/e2e/browser';
import { serveStatic } from '../tests/e2e/staticServer';

const SHOTS: { file: string; width: number; height: number; query: string; scrollTo?: string; clip?: string; deficiency?: 'deuteranopia' }[] = [
  { file: 'docs/screenshot.png', width: 1440, height: 900, query: '' },
  { file: 'docs/phone.png', width: 390, height: 844, query: '' },
  { file: 'docs/projector-tour.png', width: 1280, height: 720, query: '?tour=5' },
  { file: 'docs/presentation.png', width: 1280, height: 720, query: '?present=1', scrollTo: 'loss-title' },
  {
    file: 'docs/saddle-to-saddle.png',
    width: 1280,
    height: 720,
    query: '?data=gaussian&D=8&d=4&T=1000&seed=3&spectrum=2^(-k)&init=0.00001&steps=3000&runs=4',
    clip: 'loss-title',
  },
  { file: 'docs/anatomy.png', width: 1440, height: 900, query: '?data=gaussian&D=5&d=2&T=200&seed=5&init=0.0001&run=2', clip: 'anatomy-title' },
  { file: 'docs/tour.png', width: 1280, height: 720, query: '?tour=2' },
  { file: 'docs/deuteranopia.png', width: 1280, height: 720, query: '?runs=6', clip: 'loss-title', deficiency: 'deuteranopia' },
];

async function settled(page: Page): Promise<void> {
  const status = await waitForSettled(page, 90_000);
  if (status !== 'ready') throw new Error(`${page.url()} settled as ${status}, not ready`);
  await page.evaluate(() => document.fonts.ready);
}

const server = await serveStatic('dist');
const browser = await launchBrowser();
for (const shot of SHOTS) {
  const context = await browser.newContext({ viewport: { width: shot.width, height: shot.height } });
  const page = await context.newPage();
  if (shot.deficiency) await (await context.newCDPSession(page)).send('Emulation.setEmulatedVisionDeficiency', { type: shot.deficiency });
  await page.goto(server.url + shot.query);
  await settled(page);
  if (shot.scrollTo) await page.locator(`#${shot.scrollTo}`).evaluate((h) => h.closest('section')?.scrollIntoView({ block: 'start' }));
  // The tour scrolls its panel into view smoothly; let it arrive.
  await page.waitForTimeout(800);
  if (shot.clip) await page.locator(`#${shot.clip}`).locator('xpath=ancestor::section[1]').screenshot({ path: shot.file });
  else await page.screenshot({ path: shot.file });
  console.log(shot.file);
  await context.close();
}
await browser.close();
await server.close();
