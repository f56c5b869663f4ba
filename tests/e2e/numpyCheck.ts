import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NumpyReport {
  checks: Record<string, { ok: boolean; detail: unknown }>;
  failures: string[];
  hessiansChecked: number;
}

/** Runs the independent numpy reference (tests/reference/check_export.py) on an export. */
/** `search` adds the random-start search for unlisted critical points (decayed and tied exports, docs/design.md §5). */
export function numpyCheck(doc: unknown, opts: { convergence?: boolean; search?: boolean } = {}): NumpyReport {
  const dir = mkdtempSync(join(tmpdir(), 'lae-export-'));
  const file = join(dir, 'export.json');
  writeFileSync(file, JSON.stringify(doc));
  let out: string;
  try {
    out = execFileSync(
      process.env.PYTHON ?? 'python3',
      ['tests/reference/check_export.py', file, ...(opts.convergence === false ? ['--no-convergence'] : []), ...(opts.search ? ['--search'] : [])],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    );
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
    if (!out) throw e;
  }
  return JSON.parse(out) as NumpyReport;
}
