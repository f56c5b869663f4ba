/**
 * The layering and habits of docs/design.md §4 and the README's Architecture, held by a test so
 * they stay true: small files, one-way imports, cross-checks where they belong, citations that
 * resolve.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function filesUnder(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

const SOURCE = /\.(ts|tsx|mjs|py|css)$/;
const sources = ['src', 'tests', 'bench', 'scripts', 'build'].flatMap((d) => filesUnder(d, SOURCE));
const text = (path: string) => readFileSync(path, 'utf8');
/** The module specifiers a file imports (static, dynamic and re-exports). */
const imports = (path: string) => [...text(path).matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]);
const tsUnder = (dir: string) => filesUnder(dir, /\.tsx?$/);

describe('architecture', () => {
  it('no source file is over 400 lines', () => {
    const long = sources.map((f) => [f, text(f).split('\n').length] as const).filter(([, n]) => n > 400);
    expect(long).toEqual([]);
    expect(sources.length).toBeGreaterThan(150);
  });

  it('nothing in src/core, src/worker or src/plots imports from src/state (the flow is URL → store → worker → results → plots)', () => {
    for (const dir of ['src/core', 'src/worker', 'src/plots'])
      for (const f of tsUnder(dir))
        expect(
          imports(f).filter((m) => m.includes('/state/')),
          f,
        ).toEqual([]);
  });

  it('src/core is pure: no React, no store, no worker, no views, no plots', () => {
    for (const f of tsUnder('src/core')) {
      const bad = imports(f).filter((m) => /^(react|react-dom|zustand|plotly\.js)/.test(m) || /\/(worker|plots|components|text)\//.test(m));
      expect(bad, f).toEqual([]);
      expect(text(f), f).not.toMatch(/\b(document|window|self\.postMessage|localStorage|indexedDB)\b\./);
    }
  });

  it('results types come from src/worker/protocol.ts: only the worker imports the pipelines', () => {
    for (const dir of ['src/plots', 'src/components', 'src/state', 'src/text'])
      for (const f of tsUnder(dir))
        expect(
          imports(f).filter((m) => /worker\/(pipeline|detailPipeline)$/.test(m)),
          f,
        ).toEqual([]);
  });

  it('every file in src/core/reference/ is headed "Cross-check only", and production code imports none of them', () => {
    const refs = tsUnder('src/core/reference');
    expect(refs.length).toBeGreaterThanOrEqual(5);
    for (const f of refs) expect(text(f).slice(0, 200), f).toMatch(/^\/\*\*\s*(\n \*)?\s*Cross-check only/);
    const production = ['src'].flatMap(tsUnder).filter((f) => !f.startsWith('src/core/reference/'));
    for (const f of production)
      expect(
        imports(f).filter((m) => m.includes('/reference/')),
        f,
      ).toEqual([]);
  });

  it('every citation of the design reference names docs/design.md and a section it has', () => {
    const design = text('docs/design.md');
    const sections = new Set([...design.matchAll(/^## (\d+)\./gm)].map((m) => m[1]));
    expect([...sections].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    let citations = 0;
    for (const f of [...sources, 'README.md'].filter((f) => f !== 'tests/architecture.test.ts')) {
      const t = text(f);
      expect(t.match(/(?<!docs\/)\bdesign\.md\b/g), `${f} cites design.md without its path`).toBeNull();
      for (const m of t.matchAll(/docs\/design\.md[^§\n]{0,3}§\s?(\d+)/g)) {
        citations++;
        expect(sections.has(m[1]), `${f} cites docs/design.md §${m[1]}`).toBe(true);
      }
    }
    expect(citations).toBeGreaterThan(25);
  });
});
