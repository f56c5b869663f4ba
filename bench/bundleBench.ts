/**
 * Table 4 of `npm run bench`: the sizes of the built bundle in dist/ (raw and gzip level 9), every
 * JS, CSS, JSON and wasm asset, and the initial JavaScript (the entry chunk and everything it
 * imports statically; target ≤ 700 KB gzip), with the worker chunks beside it. Reads dist/ as the
 * last `npm run build` left it; says so and prints nothing else when there is none.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fmt, met, printTable } from './common';

const kb = (n: number) => `${fmt(n / 1024)} KB`;

function sizes(path: string): { raw: number; gzip: number } {
  const buf = readFileSync(path);
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** The entry chunks and their static imports, from Vite's manifest when the build wrote one. */
function initialFromManifest(): Set<string> {
  const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
  const initial = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || initial.has(chunk.file)) return;
    initial.add(chunk.file);
    for (const k of chunk.imports ?? []) visit(k);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry && chunk.file.endsWith('.js') && !/worker/i.test(chunk.file)) visit(key);
  return initial;
}

/**
 * Without a manifest: index.html's module script and modulepreload links, then each chunk's static
 * `import … from "./x.js"` / `import "./x.js"` statements (dynamic import("…") excluded).
 */
function initialFromHtml(): Set<string> {
  const initial = new Set<string>();
  const html = readFileSync('dist/index.html', 'utf8');
  const queue = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\.\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\.\/([^"]+)"/g),
  ].map((m) => m[1]);
  while (queue.length) {
    const file = queue.shift() as string;
    if (initial.has(file) || !existsSync(join('dist', file))) continue;
    initial.add(file);
    const src = readFileSync(join('dist', file), 'utf8');
    for (const m of src.matchAll(/(?:^|[;\s}])import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([^"']+\.js)["']/g))
      queue.push(join(file.split('/').slice(0, -1).join('/'), m[1]));
  }
  return initial;
}

export function bundleBench(): void {
  if (!existsSync('dist/assets')) {
    console.log('\n4. (no dist/: run `npm run build` for bundle sizes)');
    return;
  }
  const built = statSync('dist/index.html').mtime;
  console.log(`\n4. Bundle (dist/, built ${built.toISOString().replace('T', ' ').slice(0, 19)} UTC), gzip level 9`);
  const files = readdirSync('dist/assets')
    .filter((f) => f.endsWith('.js') || f.endsWith('.css') || f.endsWith('.wasm') || f.endsWith('.json'))
    .sort();
  const assets = files.map((f) => ({ f, ...sizes(join('dist/assets', f)) }));
  const total = (xs: { raw: number; gzip: number }[]) => ({ raw: xs.reduce((s, x) => s + x.raw, 0), gzip: xs.reduce((s, x) => s + x.gzip, 0) });
  const all = total(assets);
  printTable(
    ['file', 'raw', 'gzip'],
    [...assets.map((a) => [a.f, kb(a.raw), kb(a.gzip)]), ['all JS/CSS/JSON/wasm (fonts not counted)', kb(all.raw), kb(all.gzip)]],
  );

  const manifest = existsSync('dist/.vite/manifest.json');
  const initial = manifest ? initialFromManifest() : initialFromHtml();
  const how = manifest
    ? 'from dist/.vite/manifest.json: entry chunks + their static imports'
    : "NO manifest (build.manifest is not enabled in vite.config.ts): index.html's module script + modulepreload links + the chunks' static import statements, parsed";
  const init = total([...initial].map((f) => sizes(join('dist', f))));
  console.log(`\nInitial JavaScript (${how}): ${[...initial].join(', ')}`);
  const workers = assets.filter((a) => /worker/i.test(a.f) && a.f.endsWith('.js'));
  printTable(
    ['initial JS', 'raw', 'gzip', 'target'],
    [[`${initial.size} file(s)`, kb(init.raw), kb(init.gzip), `≤ 700 KB gzip: ${met(init.gzip <= 700 * 1024)}`]],
  );
  // The workers' rows have no target cell.
  for (const a of workers) console.log(`| + ${a.f} (fetched when the worker starts, not part of the initial JS) | ${kb(a.raw)} | ${kb(a.gzip)} | |`);
}
