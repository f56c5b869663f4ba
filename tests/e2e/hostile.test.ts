/**
 * Hostile URLs against the production build (issue 6): a shared link is input from a stranger.
 * Each of the 62 URLs (one per URL key, 36, and 26 more) is its own test, opened in a fresh page (the pages share one browser context and
 * so the HTTP cache; no URL here stores data); the page must settle (`ready` or `error`), show a visible role="alert" naming every rejected key, raise no page error and no
 * dialog, run none of the injected script (window.__pwned stays undefined, no injected element
 * appears) and trigger no CSP violation (nothing even tried to run). Then the CSP itself: present in
 * the built index.html, in force (an injected inline script does not run and is reported), and not
 * too strict for what the page does (a large computation, KaTeX, a PNG export: no violation).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP_DIRECTIVES, cspString } from '../../build/cspPlugin';
import { parseUrl } from '../../src/state/urlCodec';
import { URL_SCHEMA } from '../../src/state/urlSchema';
import { launchBrowser, waitForSettled } from './browser';
import { serveStaticLongUrls } from './staticServer';

const KEYS = URL_SCHEMA.map((s) => s.key as string);
const PWN = 'window.__pwned=1';
const IMG = `<img src=x onerror="${PWN};alert(1)">`;
const SCRIPT = `"><script>${PWN};alert(2)</script>`;
const SVG = `'><svg onload=${PWN}>`;
const enc = encodeURIComponent;
/** Keep the work small where the URL itself does not set runs/steps. */
const small = (query: string) => {
  const q = new URLSearchParams(query);
  return query + (q.has('runs') ? '' : '&runs=1') + (q.has('steps') ? '' : '&steps=50');
};

/**
 * A payload in one key, on a small landscape (D = 3, d = 1, T = 50) unless the key is one of
 * those three: the page's work is then ≈ 3/4 of the default's, and what is tested (the key's
 * alert, no script) does not depend on the size.
 */
const SIZE_KEYS = ['D', 'd', 'T'];
const oneKey = (k: string) => small(`?${k}=${enc(IMG)}${SIZE_KEYS.includes(k) ? '' : '&D=3&d=1&T=50'}`);

const HOSTILE: string[] = [
  // An <img onerror> payload in each key, one URL per key (36 keys).
  ...KEYS.map(oneKey),
  // Every key at once, with each payload.
  `?${KEYS.map((k) => `${k}=${enc(IMG)}`).join('&')}`,
  `?${KEYS.map((k) => `${k}=${enc(SCRIPT)}`).join('&')}`,
  `?${KEYS.map((k) => `${k}=${enc(SVG)}`).join('&')}`,
  `?${KEYS.map((k) => `${k}=javascript:${PWN}`).join('&')}`,
  // Garbage and percent-encoding garbage.
  '?%%%&&&===&%ZZ=%E0%A4%A&D=%FF%FE&d=%C0%AF&lr=%00&runs=1&steps=50',
  `?${enc('"><img src=x onerror=alert(1)>')}=1&<script>=2&runs=1&steps=50`,
  '?D=😀&d=١&seed=１２&lr=٣&init=½&runs=Ⅻ&steps=50',
  // NaN, Infinity, -0, 1e400, empty.
  '?lr=NaN&init=Infinity&sparsity=-Infinity&importance=1e400&seed=-0&runs=1&steps=50&data=sparse',
  '?D=&d=&T=&seed=&lr=&runs=&steps=&cp=&run=&tour=',
  // Huge and negative numbers.
  '?D=99999999999999999999&d=-5&T=-1&seed=-1&runs=-64&steps=1e9',
  '?D=1e400&T=1000000000000&seed=18446744073709551616&lr=1e308&init=-1e-300&runs=1&steps=50',
  '?steps=1000000&runs=1&D=4&d=1&T=100',
  '?runs=64&steps=20&D=4&d=1&T=100&run=65',
  // d ≥ D, cp outside 1..D, run > runs.
  '?D=3&d=5&runs=1&steps=50',
  '?D=4&d=4&cp=1,2,3,4,5&run=9&runs=1&steps=50',
  '?data=iris&d=4&cp=5&D=100&T=2&runs=1&steps=50',
  // Malicious spectrum expressions.
  `?spectrum=${enc('import({x: 1})')}&runs=1&steps=50`,
  `?spectrum=${enc('createUnit("pwn")')}&runs=1&steps=50`,
  `?spectrum=${enc('evaluate("window.__pwned=1")')}&runs=1&steps=50`,
  `?spectrum=${enc('e.constructor("alert(1)")()')}&runs=1&steps=50`,
  `?spectrum=${enc('f(x) = x; f(k) + [1,2][1] + "s" + 5 cm + (1:3)')}&runs=1&steps=50`,
  `?spectrum=${enc('Infinity*0+k^(1e400)')}&runs=1&steps=50`,
  // Duplicated keys.
  '?D=5&D=6&D=<b>x</b>&d=2&d=3&runs=1&runs=2&steps=50&steps=60',
  `?${Array.from({ length: 3000 }, (_, i) => `seed=${i}`).join('&')}&runs=1&steps=50`,
  // Very long values (the request line passes 1 MB; a backtracking parser would freeze on these).
  `?lr=${'1'.repeat(1_000_000)}x&runs=1&steps=50`,
  `?spectrum=${enc(IMG.repeat(2000))}&cp=${'1,'.repeat(20_000)}x&runs=1&steps=50`,
];

interface Watched {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A context whose pages record CSP violations in window.__csp from the start. */
async function watchedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1200, height: 900 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return context;
}

/** A fresh page (in a fresh context unless one is given) that records page errors, dialogs, console errors and CSP violations. */
async function openWatched(browser: Browser, url: string, shared?: BrowserContext): Promise<Watched> {
  const context = shared ?? (await watchedContext(browser));
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text().slice(0, 300)}`);
  });
  await page.goto(url);
  return { context, page, problems };
}

const violations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let snapshot: string;

beforeAll(async () => {
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run "npm run build" first (npm test does).');
  // Serve a copy, so a build started meanwhile (another terminal) cannot swap the assets mid-test.
  snapshot = mkdtempSync(join(tmpdir(), 'lae-hostile-'));
  cpSync('dist', snapshot, { recursive: true });
  server = await serveStaticLongUrls(snapshot);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (snapshot) rmSync(snapshot, { recursive: true, force: true });
});

describe('62 hostile URLs', () => {
  it('the list has 62 URLs (a payload in each of the 36 keys, and 26 more); the parser objects to a value in each but two (many steps within the limit; payloads only in unknown keys, which are ignored)', () => {
    expect(KEYS).toHaveLength(36);
    expect(HOSTILE).toHaveLength(62);
    expect(new Set(HOSTILE).size).toBe(62);
    // Each one-key URL's messages are about its key alone (the small landscape adds none).
    for (const [i, k] of KEYS.entries()) expect([...new Set(parseUrl(HOSTILE[i]).messages.map((m) => m.key))], HOSTILE[i]).toEqual([k]);
    const quiet = HOSTILE.filter((url) => parseUrl(url).messages.length + parseUrl(url).notes.length === 0);
    expect(quiet).toEqual([HOSTILE[KEYS.length + 5], '?steps=1000000&runs=1&D=4&d=1&T=100']);
    expect(quiet[0]).toContain('<script>=2');
  });
});

describe('each hostile URL, in a fresh page: it settles with an alert naming every rejected key; no page error, dialog, script or CSP violation', () => {
  // One context for all of them, so the fresh page per URL shares the HTTP cache (no URL here
  // stores anything: no data=custom). One test per URL, each with its own time limit.
  let context: BrowserContext;
  beforeAll(async () => {
    context = await watchedContext(browser);
  });
  afterAll(async () => {
    await context?.close();
  });

  for (const [i, q] of HOSTILE.entries())
    it(`#${i + 1} ${q.slice(0, 90)}${q.length > 90 ? '…' : ''}`, { timeout: 90_000 }, async () => {
      const { page, problems } = await openWatched(browser, server.url + q, context);
      try {
        expect(await waitForSettled(page, 60_000)).toMatch(/^(ready|error)$/);
        // Every key the parser rejected is named in a visible alert.
        const rejected = [...new Set(parseUrl(q).messages.map((m) => m.key))];
        const alerts = page.getByRole('alert');
        const texts = await alerts.allTextContents();
        for (const key of rejected) {
          const index = texts.findIndex((t) => t.includes(`${key}=`));
          expect(index, `no alert names ${key}= (alerts: ${texts.join(' / ').slice(0, 300)})`).toBeGreaterThanOrEqual(0);
          expect(await alerts.nth(index).isVisible(), `the alert about ${key} is visible`).toBe(true);
        }
        const state = await page.evaluate(() => ({
          pwned: (window as unknown as { __pwned?: unknown }).__pwned,
          injected: document.querySelectorAll('[onerror], [onload], script:not([src]), a[href^="javascript:" i], iframe, object, embed').length,
          csp: (window as unknown as { __csp: string[] }).__csp,
          alertLength: Math.max(0, ...[...document.querySelectorAll('[role=alert]')].map((a) => (a.textContent ?? '').length)),
        }));
        expect(state).toEqual({ pwned: undefined, injected: 0, csp: [], alertLength: expect.any(Number) });
        expect(state.alertLength).toBeLessThanOrEqual(2000);
        expect(problems).toEqual([]);
      } finally {
        await page.close();
      }
    });
});

describe('the Content-Security-Policy of the built page', () => {
  it('is the first element of <head> in dist/index.html, equals build/cspPlugin.ts, and carries no header-only directive', () => {
    const html = readFileSync('dist/index.html', 'utf8');
    const head = html.slice(html.indexOf('<head>') + 6).trimStart();
    expect(head.startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
    const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'");
    expect(content).toBe(cspString(CSP_DIRECTIVES));
    expect(content).not.toMatch(/frame-ancestors|report-uri|sandbox|'unsafe-eval'/);
    expect(content).toMatch(/script-src 'self';/); // no 'unsafe-inline', no hosts
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // the built page has no inline script
  });

  it('is in force: an injected inline script does not run and a securitypolicyviolation is reported', async () => {
    const { context, page, problems } = await openWatched(browser, `${server.url}?runs=1&steps=50`);
    expect(await waitForSettled(page, 60_000)).toBe('ready');
    expect(await violations(page)).toEqual([]);
    const event = page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`), { once: true });
          setTimeout(() => resolve('no event'), 5000);
        }),
    );
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    expect(await event).toBe('script-src-elem inline');
    expect(await page.evaluate(() => (window as unknown as { __inline?: unknown }).__inline)).toBeUndefined();
    // An inline event handler is refused too.
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__inline = 2');
      img.src = 'x:/nothing';
      document.body.append(img);
    });
    await page.waitForFunction(() => (window as unknown as { __csp: string[] }).__csp.some((v) => v.startsWith('script-src-attr')));
    expect(await page.evaluate(() => (window as unknown as { __inline?: unknown }).__inline)).toBeUndefined();
    expect(problems.filter((p) => !p.includes('Content Security Policy'))).toEqual([]);
    await context.close();
  });

  it('is not too strict for what the page does: D = 40 (the worker then uses its WebAssembly kernels), KaTeX, Plotly, a PNG export raise no violation', async () => {
    const { context, page, problems } = await openWatched(browser, `${server.url}?D=40&d=2&T=400&runs=1&steps=50&cp=1,2`);
    expect(await waitForSettled(page, 60_000)).toBe('ready');
    expect(await page.locator('.katex').count()).toBeGreaterThan(0);
    expect(await page.locator('.modebar').count()).toBeGreaterThan(0);
    // Plotly's styles were admitted (its <style> element has rules) and KaTeX's fonts loaded.
    const looks = await page.evaluate(async () => {
      await document.fonts.ready;
      const sheet = (document.getElementById('plotly.js-style-global') as HTMLStyleElement | null)?.sheet;
      return {
        plotlyRules: sheet?.cssRules.length ?? 0,
        katexFonts: [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length,
      };
    });
    expect(looks.plotlyRules).toBeGreaterThan(0);
    expect(looks.katexFonts).toBeGreaterThan(0);
    // Heatmaps are <image>s with data: URLs; the PNG export goes through a blob: image.
    const button = page.locator('.modebar-btn[data-title*="png" i]').first();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), button.click({ force: true })]);
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    expect(await violations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
