import { existsSync } from 'node:fs';
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; `npx playwright install` cannot download browsers on these machines. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: run "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}

export interface WatchedPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

/** A page in a fresh context (1400 × 1000 unless `options` say otherwise) that records console errors, page errors and dialogs. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}): Promise<WatchedPage> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  return { page, errors };
}

/** Waits for <html data-status> to leave "computing"; returns the final status. */
export async function waitForSettled(page: Page, timeout = 60_000): Promise<string> {
  await page.waitForFunction(() => document.documentElement.dataset.status !== 'computing', null, { timeout });
  return (await page.evaluate(() => document.documentElement.dataset.status)) ?? '';
}

/** The traces Plotly holds for the plot `id` (data-plot attribute). */
export async function plotData(page: Page, id: string): Promise<Record<string, unknown>[]> {
  return page.evaluate((plot) => {
    const el = document.querySelector(`[data-plot="${plot}"]`) as (HTMLElement & { data?: unknown[] }) | null;
    return JSON.parse(JSON.stringify(el?.data ?? [])) as Record<string, unknown>[];
  }, id);
}

/** Clicks "Export JSON" and returns the parsed download. */
export async function exportJson(page: Page): Promise<Record<string, unknown>> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/**
 * Runs `action` (a click, a fill, an upload) and waits for the page to settle on the work it
 * started: <html data-inputs> counts the inputs the page has applied, so the wait cannot return on
 * the status left by an earlier input. Returns the final status. An action the page refuses
 * (nothing applied) leaves the count as it was and the wait times out: wait for its alert instead.
 */
export async function settleAfter(page: Page, action: () => Promise<unknown>, timeout = 60_000): Promise<string> {
  const before = Number(await page.evaluate(() => document.documentElement.dataset.inputs));
  await action();
  await page.waitForFunction((n) => Number(document.documentElement.dataset.inputs) > n && document.documentElement.dataset.status !== 'computing', before, {
    timeout,
  });
  return (await page.evaluate(() => document.documentElement.dataset.status)) ?? '';
}
