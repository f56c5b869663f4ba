/**
 * Everyone in the room (issue 11): axe-core finds no serious or critical violation in the views a
 * class sees; every control has a name; the tables select from the keyboard (Enter / Space, with
 * aria-selected); a selection brings its detail into view; a refused value is shown as refused in
 * its field, which returns to the value in use when it loses focus.
 */
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, settleAfter, waitForSettled } from './browser';
import { builtSite } from './session';

const site = builtSite();
/** axe-core's whole source, to inject into the page. */
const AXE = axe.source;

async function open(browser: Browser, query: string, viewport = { width: 1280, height: 720 }): Promise<Page> {
  // axe is injected as an inline script, which the page's CSP refuses: this context bypasses it.
  const { page } = await openPage(browser, site.url() + query, { viewport, bypassCSP: true });
  expect(await waitForSettled(page, 90_000)).toBe('ready');
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    type Result = { id: string; impact: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const { violations, passes } = await axe.run(document);
    // axe really looked: dozens of rules pass on a page like this one.
    if (passes.length < 15) return [`only ${passes.length} rules passed: axe did not run on the page`];
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 4)
            .join(' | ')}`,
      );
  });
}

describe('accessibility', () => {
  for (const [name, query, viewport] of [
    ['the default view', '', undefined],
    ['a selected point and run', '?cp=1,3&run=2', undefined],
    ['the tour', '?tour=2', undefined],
    ['presentation mode', '?present=1', undefined],
    [
      'the finders and ordered decay (their panels and controls)',
      '?D=5&d=2&runs=2&steps=500&wd=0.2&wdProfile=ordered&finders=newton-mr&finderStarts=2&cp=2,1',
      undefined,
    ],
    ['the ReLU model with its phase diagram (its panel and controls)', '?model=relu&D=5&d=2&runs=1&steps=500&sparsity=0.9&phase=1', undefined],
    ['a phone', '', { width: 390, height: 844 }],
  ] as const)
    it(`axe-core: no serious or critical violation in ${name}`, { timeout: 90_000 }, async () => {
      const page = await open(site.browser(), query, viewport);
      if (viewport) await page.getByRole('button', { name: 'Controls' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.context().close();
    });

  it('every control is reachable and named: no unnamed button, input or select', async () => {
    const page = await open(site.browser(), '?cp=1,3&run=2');
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select, textarea, [tabindex="0"]')]
        .filter((el) => !(el as HTMLElement).hidden && (el as HTMLElement).offsetParent !== null)
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el as HTMLInputElement).labels?.length;
          return !labelled && !(el.textContent ?? '').trim();
        })
        .map((el) => el.outerHTML.slice(0, 100)),
    );
    expect(unnamed).toEqual([]);
    await page.context().close();
  });

  it('table rows select from the keyboard and bring the detail into view', async () => {
    const page = await open(site.browser(), '');
    const row = page.locator('section[aria-labelledby="cp-title"] tbody tr').nth(1);
    await row.focus();
    expect(await settleAfter(page, () => page.keyboard.press('Enter'))).toBe('ready');
    const I = new URL(page.url()).searchParams.get('cp');
    expect(I).toMatch(/^\d+(,\d+)*$/);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    await page.waitForFunction(() => {
      const top = document.getElementById('cp-detail-title')?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < window.innerHeight / 2;
    });
    expect(await page.locator('#cp-detail-title').textContent()).toContain(`{${I}}`);

    const run = page.locator('section[aria-labelledby="runs-title"] tbody tr').nth(2);
    await run.focus();
    expect(await settleAfter(page, () => page.keyboard.press(' '))).toBe('ready');
    expect(new URL(page.url()).searchParams.get('run')).toBe('3');
    expect(await run.getAttribute('aria-selected')).toBe('true');
    await page.waitForFunction(() => {
      const top = document.getElementById('anatomy-title')?.getBoundingClientRect().top ?? -1;
      return top >= 0 && top < window.innerHeight / 2;
    });
    await page.context().close();
  });

  it('a refused value is marked in its field with the reason, and the field shows the value in use once it loses focus', async () => {
    const page = await open(site.browser(), '?D=6&d=2&runs=1&steps=100');
    const d = page.getByLabel('d (hidden width, d < D)');
    await d.fill('6');
    await d.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'd=6' }).waitFor();
    expect(await d.getAttribute('aria-invalid')).toBe('true');
    const why = await page.locator(`#${await d.getAttribute('aria-describedby')}`).textContent();
    expect(why).toMatch(/^Not used: out of bounds \(1 ≤ d ≤ 5\)\. In use: 2\.$/);
    await d.blur();
    expect(await d.inputValue()).toBe('2');
    expect(await d.getAttribute('aria-invalid')).toBeNull();
    expect(new URL(page.url()).searchParams.get('d')).toBe('2');
    await page.context().close();
  });
});
