/**
 * Records the export baseline (tests/e2e/exportBaseline.ts) from the current dist/: opens every
 * baseline URL in headless Chromium, clicks "Export JSON" and writes the documents, gzipped, to
 * tests/fixtures/exportBaseline.json.gz. Run once, before a restructuring, on the build it must
 * preserve:  npm run build && npx tsx scripts/recordExportBaseline.ts
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fromRows } from '../src/core/linalg/matrix';
import { encodeFragment } from '../src/state/customDataFragment';
import { exportJson, launchBrowser, openPage, waitForSettled } from '../tests/e2e/browser';
import { BASELINE_FILE, BASELINE_QUERIES, type BaselineEntry, CUSTOM_TABLE, comparable } from '../tests/e2e/exportBaseline';
import { serveStatic } from '../tests/e2e/staticServer';

const fragment = await encodeFragment(fromRows(CUSTOM_TABLE));
const locations = [...BASELINE_QUERIES, `?data=custom&d=2&runs=2&steps=300${fragment}`];
const server = await serveStatic('dist');
const browser = await launchBrowser();
const entries: BaselineEntry[] = [];
for (const location of locations) {
  const { page, errors } = await openPage(browser, server.url + location);
  const status = await waitForSettled(page, 120_000);
  if (status !== 'ready' || errors.length) throw new Error(`${location}: ${status} ${errors.join('; ')}`);
  const doc = comparable(await exportJson(page));
  entries.push({ location, doc });
  console.log(`${location || '(default)'}: ${JSON.stringify(doc).length.toLocaleString('en')} characters`);
  await page.context().close();
}
await browser.close();
await server.close();
writeFileSync(BASELINE_FILE, gzipSync(JSON.stringify(entries), { level: 9 }));
console.log(`wrote ${BASELINE_FILE}`);
