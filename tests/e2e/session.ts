import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { serveStatic } from './staticServer';

/**
 * One static server for dist/ (under a sub-path) and one Chromium per test file, started before
 * its tests and closed after them. Use the returned getters inside tests.
 */
export function builtSite(): { browser(): Browser; url(): string } {
  let browser: Browser | undefined;
  let server: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run "npm run build" first (npm test does).');
    server = await serveStatic('dist');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('the browser is not started yet');
      return browser;
    },
    url: () => {
      if (!server) throw new Error('the server is not started yet');
      return server.url;
    },
  };
}
