import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NumpyReport {
  checks: Record<string, { ok: boolean; detail: unknown }>;
  failures: string[];
  hessiansChecked: number;
}

type CheckOptions = { convergence?: boolean; search?: boolean };

/** The checker's command line for an export written to a temporary file. */
function checkerArgs(doc: unknown, opts: CheckOptions): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'lae-export-'));
  const file = join(dir, 'export.json');
  writeFileSync(file, JSON.stringify(doc));
  return ['tests/reference/check_export.py', file, ...(opts.convergence === false ? ['--no-convergence'] : []), ...(opts.search ? ['--search'] : [])];
}

/** Runs the independent numpy reference (tests/reference/check_export.py) on an export. */
/** `search` adds the random-start search for unlisted critical points (decayed and tied exports, docs/design.md §5). */
export function numpyCheck(doc: unknown, opts: CheckOptions = {}): NumpyReport {
  let out: string;
  try {
    out = execFileSync(process.env.PYTHON ?? 'python3', checkerArgs(doc, opts), { encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? '';
    if (!out) throw e;
  }
  return JSON.parse(out) as NumpyReport;
}

/** numpyCheck in a child process that does not block, so that concurrent tests share the cores. */
export function numpyCheckAsync(doc: unknown, opts: CheckOptions = {}): Promise<NumpyReport> {
  return new Promise((resolve, reject) => {
    execFile(process.env.PYTHON ?? 'python3', checkerArgs(doc, opts), { encoding: 'utf8', maxBuffer: 1 << 26 }, (error, stdout) => {
      // The checker exits non-zero when a check fails; its report is still on stdout.
      if (stdout) resolve(JSON.parse(stdout) as NumpyReport);
      else reject(error ?? new Error('check_export.py printed nothing'));
    });
  });
}
