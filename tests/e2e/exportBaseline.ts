/**
 * The export baseline (issue 10): a fixed set of URLs — those of the browser tests and the presets —
 * whose "Export JSON" documents were recorded from the build before the code was restructured
 * (scripts/recordExportBaseline.ts, commit 4ad211a). exportBaseline.test.ts opens each URL in the
 * current build and compares its export with the recorded one to 1e-12, so a restructuring that
 * changes any number, count or field is caught. Recorded again from 4ad211a's build with this
 * machine's Chromium 150 (issue 12): its V8 rounds a few representatives' entries differently from
 * the Chromium the first recording used (up to 2e-12 relative on entries near 1e-3), and the test
 * runs on this machine's browser.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const BASELINE_FILE = 'tests/fixtures/exportBaseline.json.gz';

/** Query strings (and one fragment) of the baseline; `custom` is filled in by the recorder. */
export const BASELINE_QUERIES: string[] = [
  '',
  '?data=gaussian&D=6&d=2&T=300&seed=11&runs=4&steps=4000',
  '?data=gaussian&D=5&d=2&T=200&seed=5&init=0.0001&cp=2&run=3',
  '?D=6&d=2&T=200&runs=2&steps=300',
  '?D=6&d=2&T=300&seed=11&runs=2&steps=500',
  '?D=abc&lr=-1&spectrum=import(x)&runs=2&steps=50',
  '?D=40&d=2&T=400&runs=1&steps=50&cp=1,2',
  '?data=gaussian&D=200&d=4&T=400&runs=2&steps=2000',
  '?D=12&d=4&T=100&runs=1&steps=100&fullRank=1',
  '?D=5&d=2&T=50&initMode=balanced&center=1&norm=mean&runs=2&steps=300&lr=0.3',
  '?data=gaussian&D=3&d=1&T=300&seed=2&spectrum=3^(-k)&steps=400&runs=4&init=0.001',
  '?data=gaussian&D=8&d=4&T=1000&seed=3&spectrum=2^(-k)&init=0.00001&steps=3000&runs=4',
  '?data=gaussian&D=6&d=3&T=120&seed=4&spectrum=1/floor((k%2B1)/2)&exact=1&steps=2000&runs=4&cp=1,2,4',
  '?data=gaussian&D=6&d=2&T=3&seed=5&spectrum=2^(-k)&steps=2000&runs=4&cp=1,3',
  '?data=sparse&D=8&d=3&T=2000&seed=6&sparsity=0.8&importance=0.7&steps=3000&runs=4',
  '?data=digits&T=1000&pool=2&d=4&seed=1&steps=2000&runs=2&init=0.001',
  '?data=iris&d=2&seed=1&steps=3000&runs=4&center=1',
  '?data=gaussian&D=4&d=2&T=100&lr=3&runs=2&steps=200',
];

/** The custom-data case: a table carried in the link's fragment. */
export const CUSTOM_TABLE = [
  [1, 2, 3],
  [4, 5, 6.5],
  [7, 8.25, 9],
  [-1, 0, 2],
  [0.5, -3, 1e-3],
];

export interface BaselineEntry {
  /** Query and fragment opened, relative to the site's root. */
  location: string;
  doc: Record<string, unknown>;
}

/**
 * What must stay the same: the whole export except `timings` (machine speed) and the origin of
 * `url` (the test server's port). Numbers are compared to a relative 1e-12.
 */
export function comparable(doc: Record<string, unknown>): Record<string, unknown> {
  const { timings: _timings, url, ...rest } = doc;
  const u = new URL(String(url));
  return { ...rest, url: `${u.search}${u.hash}` };
}

export function readBaseline(): BaselineEntry[] {
  return JSON.parse(gunzipSync(readFileSync(BASELINE_FILE)).toString('utf8')) as BaselineEntry[];
}

/**
 * Differences between `expected` and `actual` (paths and values), numbers within a relative 1e-12
 * (absolute 1e-12 · scale near zero). Fields only in `actual` are listed under `added` (later work
 * may add fields; it never renames or removes them).
 */
export function diffExports(
  expected: unknown,
  actual: unknown,
  path = '',
  out: { changed: string[]; added: string[] } = { changed: [], added: [] },
  scale = 1,
): { changed: string[]; added: string[] } {
  if (out.changed.length > 20) return out;
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (!(Math.abs(expected - actual) <= 1e-12 * Math.max(Math.abs(expected), Math.abs(actual), scale * 1e-3)))
      out.changed.push(`${path}: ${expected} → ${actual}`);
    return out;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      out.changed.push(`${path}: length ${expected.length} → ${actual.length}`);
      return out;
    }
    const s = Math.max(scale, ...expected.map((x) => (typeof x === 'number' ? Math.abs(x) : 0)));
    // A Hessian's eigenvalues come from the values-only solver since issue 12 (no eigenvectors):
    // another order of rounding, so they are held to the solver's own accuracy, normwise
    // |Δλ| ≤ 1e-12 · n · max|λ| (the zero eigenvalues are rounding noise of that size).
    if (path.endsWith('.hessian.eigenvalues')) {
      const tol = 1e-12 * expected.length * s;
      expected.forEach((x, i) => {
        const y = actual[i];
        if (!(typeof x === 'number' && typeof y === 'number' && Math.abs(x - y) <= tol)) out.changed.push(`${path}[${i}]: ${x} → ${y}`);
      });
      return out;
    }
    expected.forEach((x, i) => {
      diffExports(x, actual[i], `${path}[${i}]`, out, s);
    });
    return out;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object' && !Array.isArray(expected) && !Array.isArray(actual)) {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const k of Object.keys(e)) {
      if (!(k in a)) out.changed.push(`${path}.${k}: removed`);
      else diffExports(e[k], a[k], `${path}.${k}`, out, scale);
    }
    for (const k of Object.keys(a)) if (!(k in e)) out.added.push(`${path}.${k}`);
    return out;
  }
  if (expected !== actual) out.changed.push(`${path}: ${JSON.stringify(expected)?.slice(0, 80)} → ${JSON.stringify(actual)?.slice(0, 80)}`);
  return out;
}
