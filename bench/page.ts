/**
 * Table 5 of `npm run bench`: the built page in headless Chromium, served statically from dist/.
 * For each URL of issue 5's "done when": time to `ready`, and every main-thread long task (> 50 ms,
 * the Long Tasks API) from navigation to `ready`, split into those that overlap a Plotly draw (the
 * `plot:<id>` User Timing measures PlotlyFigure records) and all others (start-up, the worker's
 * messages, React renders). Then, at D = 18, d = 9 (155,382 points in WebGL), the one-off render
 * and the latency of hover and of a box zoom, from the input event's timestamp to the end of the
 * frame after Plotly reports it done. Medians of a few page loads; nothing here fails on a slow machine.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser } from '../tests/e2e/browser';
import { serveStatic } from '../tests/e2e/staticServer';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : '—');

const PAGE_URLS = [
  { query: '', what: 'default view' },
  { query: '?data=gaussian&D=200&d=4&T=400&runs=2&steps=2000', what: 'D = 200' },
  { query: '?data=digits&T=2000&pool=1', what: 'digits, D = 784' },
  { query: '?data=gaussian&D=18&d=9&T=200', what: '155,382 critical points' },
];

interface Load {
  ready: number;
  drawTasks: number[];
  otherTasks: number[];
  /** Each draw: its script time, and until the end of the frame that presents it (a WebGL canvas's
   * pixels reach the screen in the compositor commit after the draw, a task of its own). */
  plots: { id: string; ms: number; presented: number }[];
}

/** A long task belongs to a draw when it overlaps it or starts within this long after it ends. */
const PRESENT_GAP = 30;

async function openAndWait(browser: Browser, url: string): Promise<{ page: Page; load: Load; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: [number, number][] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.status !== 'computing', null, { timeout: 180_000 });
  const ready = await page.evaluate(() => performance.now());
  await page.waitForTimeout(100); // long-task entries are delivered after the task ends
  const raw = await page.evaluate(() => ({
    tasks: (window as unknown as { __longTasks: [number, number][] }).__longTasks,
    plots: performance
      .getEntriesByType('measure')
      .filter((m) => m.name.startsWith('plot:'))
      .map((m) => [m.name.slice(5), m.startTime, m.duration] as const),
  }));
  const before = raw.tasks.filter(([start]) => start < ready);
  const ofDraw =
    (s: number, d: number) =>
    ([start, duration]: [number, number]) =>
      s < start + duration && start < s + d + PRESENT_GAP;
  const byDraw = ([start, duration]: [number, number]) => raw.plots.some(([, s, d]) => ofDraw(s, d)([start, duration]));
  return {
    page,
    load: {
      ready,
      drawTasks: before.filter(byDraw).map(([, d]) => d),
      otherTasks: before.filter((t) => !byDraw(t)).map(([, d]) => d),
      plots: raw.plots.map(([id, s, d]) => ({
        id,
        ms: d,
        presented: Math.max(s + d, ...raw.tasks.filter(ofDraw(s, d)).map(([start, duration]) => start + duration)) - s,
      })),
    },
    close: () => context.close(),
  };
}

/** Pixel position (page coordinates) of data point (x, y) on the plot `id`. */
async function pointOnPlot(page: Page, id: string, x: number, y: number): Promise<{ px: number; py: number }> {
  return page.evaluate(
    ([id, x, y]) => {
      const el = document.querySelector(`[data-plot="${id}"]`) as HTMLElement & {
        _fullLayout: { xaxis: { l2p(v: number): number; _offset: number }; yaxis: { l2p(v: number): number; _offset: number } };
      };
      const box = el.getBoundingClientRect();
      const { xaxis, yaxis } = el._fullLayout;
      return { px: box.left + xaxis._offset + xaxis.l2p(x), py: box.top + yaxis._offset + yaxis.l2p(y) };
    },
    [id, x, y] as const,
  );
}

/**
 * Resolves in the page with [the next animation frame after Plotly's `event`, the end of that
 * frame], each minus the timestamp of the last `input` event. A task queued from
 * requestAnimationFrame runs after the frame's paint and commit, which is where a WebGL canvas's
 * pixels are rasterised (in software, by SwiftShader, here).
 */
function armLatency(page: Page, id: string, event: string, input: string): Promise<[number, number]> {
  // A string, not a function: tsx would wrap named closures in a helper the page does not have.
  return page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector('[data-plot="${id}"]');
    let inputAt = NaN;
    const listener = (e) => { inputAt = e.timeStamp; };
    window.addEventListener('${input}', listener, true);
    el.on('${event}', () => requestAnimationFrame(() => {
      const frame = performance.now() - inputAt;
      setTimeout(() => {
        window.removeEventListener('${input}', listener, true);
        el.removeAllListeners('${event}');
        resolve([frame, performance.now() - inputAt]);
      }, 0);
    }));
  })`) as Promise<[number, number]>;
}

async function interactionLatency(page: Page): Promise<{ hover: [number, number][]; zoom: [number, number][] }> {
  // Points of the index plot (x = Morse index, y = loss) to hover, and a box around the lower half.
  const targets = await page.evaluate(() => {
    const el = document.querySelector('[data-plot="index"]') as HTMLElement & { data: { x: number[]; y: number[] }[] };
    const out: [number, number][] = [];
    for (const t of el.data) for (let k = 0; k < t.x.length; k += Math.max(1, Math.floor(t.x.length / 3))) out.push([t.x[k], t.y[k]]);
    return out.slice(0, 7);
  });
  const hover: [number, number][] = [];
  for (const [x, y] of targets) {
    const { px, py } = await pointOnPlot(page, 'index', x, y);
    await page.mouse.move(px + 40, py - 200 < 0 ? py + 200 : py - 200); // away, so the next move is a new hover
    await page.waitForTimeout(120);
    const latency = armLatency(page, 'index', 'plotly_hover', 'mousemove');
    await page.mouse.move(px, py);
    hover.push(await Promise.race([latency, new Promise<[number, number]>((ok) => setTimeout(() => ok([NaN, NaN]), 5000))]));
  }
  const zoom: [number, number][] = [];
  for (let k = 0; k < 3; k++) {
    const box = await page.evaluate(() => {
      const el = document.querySelector('[data-plot="index"]') as HTMLElement & {
        _fullLayout: { xaxis: { _offset: number; _length: number }; yaxis: { _offset: number; _length: number } };
      };
      const r = el.getBoundingClientRect();
      const { xaxis, yaxis } = el._fullLayout;
      return { left: r.left + xaxis._offset, top: r.top + yaxis._offset, w: xaxis._length, h: yaxis._length };
    });
    const latency = armLatency(page, 'index', 'plotly_relayout', 'mouseup');
    await page.mouse.move(box.left + box.w * 0.2, box.top + box.h * 0.3);
    await page.mouse.down();
    await page.mouse.move(box.left + box.w * 0.5, box.top + box.h * 0.6, { steps: 5 });
    await page.mouse.move(box.left + box.w * 0.7, box.top + box.h * 0.9, { steps: 5 });
    await page.mouse.up();
    zoom.push(await Promise.race([latency, new Promise<[number, number]>((ok) => setTimeout(() => ok([NaN, NaN]), 5000))]));
    // Double-click resets the axes before the next zoom.
    await page.mouse.dblclick(box.left + box.w * 0.5, box.top + box.h * 0.5);
    await page.waitForTimeout(500);
  }
  return { hover, zoom };
}

export async function pageBench(reps = 3): Promise<void> {
  if (!existsSync('dist/index.html')) {
    console.log('\n5. (no dist/: run `npm run build` for the page timings)');
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`\n5. (no Chromium at ${CHROMIUM}: apt-get install -y chromium for the page timings)`);
    return;
  }
  const server = await serveStatic('dist');
  const browser = await launchBrowser();
  try {
    console.log(`\n5. The page in headless Chromium (dist/ served statically; median of ${reps} loads; long tasks from navigation to ready)`);
    console.log(
      '| URL | ready | long tasks of Plotly draws (and the frames presenting them): count, longest | other long tasks: count, longest | slowest draw |',
    );
    console.log('|---|---|---|---|---|');
    let interaction: { hover: [number, number][]; zoom: [number, number][]; render: number; presented: number } | null = null;
    for (const { query, what } of PAGE_URLS) {
      const loads: Load[] = [];
      for (let r = 0; r < reps; r++) {
        const { page, load, close } = await openAndWait(browser, server.url + query);
        loads.push(load);
        if (query.includes('D=18&d=9') && r === reps - 1) {
          const first = (l: Load) => l.plots.find((p) => p.id === 'index');
          const render = median(loads.map((l) => first(l)?.ms ?? NaN));
          const presented = median(loads.map((l) => first(l)?.presented ?? NaN));
          interaction = { ...(await interactionLatency(page)), render, presented };
        }
        await close();
      }
      const slowest = loads.map((l) => l.plots.reduce((a, b) => (b.ms > a.ms ? b : a), { id: '—', ms: 0 }));
      const slowestMedian = median(slowest.map((s) => s.ms));
      const slowestId = slowest.find((s) => s.ms === slowestMedian)?.id ?? '';
      console.log(
        `| \`/${query}\` (${what}) | ${ms(median(loads.map((l) => l.ready)))} | ${median(loads.map((l) => l.drawTasks.length))}, ${ms(median(loads.map((l) => Math.max(0, ...l.drawTasks))))} | ${median(loads.map((l) => l.otherTasks.length))}, ${ms(median(loads.map((l) => Math.max(0, ...l.otherTasks))))} | ${slowestId} ${ms(slowestMedian)} |`,
      );
    }
    if (interaction) {
      console.log('\nAt D = 18, d = 9 (155,382 points in the index plot, WebGL rendered in software by SwiftShader here):');
      const col = (xs: [number, number][], k: 0 | 1) => `${ms(median(xs.map((x) => x[k])))} (max ${ms(Math.max(...xs.map((x) => x[k])))})`;
      console.log('| | script, to the next frame (target < 500 ms for the render, < 200 ms for hover and zoom) | until that frame is presented |');
      console.log('|---|---|---|');
      console.log(`| one-off render of the index plot | ${ms(interaction.render)} | ${ms(interaction.presented)} |`);
      console.log(`| hover a point, median of 7 | ${col(interaction.hover, 0)} | ${col(interaction.hover, 1)} |`);
      console.log(`| box zoom, median of 3 | ${col(interaction.zoom, 0)} | ${col(interaction.zoom, 1)} |`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
