/**
 * What the benchmarks of `npm run bench` share: wall-clock timing (best of runs after warm-ups),
 * the Σ they time on, number formatting, markdown tables, and the one way numpy is run
 * (bench/numpy_bench.py, in the same run, on the same matrices and starting weights).
 * Measures nothing itself.
 */
import { execFileSync } from 'node:child_process';
import { gaussianData } from '../src/core/data/gaussian';
import { secondMoment } from '../src/core/data/secondMoment';
import type { Matrix } from '../src/core/linalg/matrix';

/**
 * Wall time in ms of the first of `warm` warm-up calls (the cold, un-JITted one; NaN without
 * warm-ups) and the best of `repeat` calls after them.
 */
export function timeRuns(fn: () => void, repeat: number, warm = 1): { first: number; best: number } {
  let first = NaN;
  for (let i = 0; i < warm; i++) {
    const t0 = performance.now();
    fn();
    if (i === 0) first = performance.now() - t0;
  }
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { first, best };
}

/** Best wall time of `repeat` calls after `warm` warm-up calls (JIT), in ms. */
export const bestOf = (fn: () => void, repeat: number, warm = 1): number => timeRuns(fn, repeat, warm).best;

/**
 * The benchmarks' Σ ("graded"): rotated Gaussian data with variances 2^(−k/4), T = 2D, so the
 * eigenvalues are distinct and span many decades at large D.
 */
export function sigmaFor(D: number): Matrix {
  const variances = Float64Array.from({ length: D }, (_, k) => 2 ** (-(k + 1) / 4));
  return secondMoment(gaussianData({ D, T: 2 * D, seed: 7, variances, rotate: true }));
}

export const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toLocaleString('en') : '—');
export const ratio = (a: number, b: number | undefined) => (b === undefined ? '—' : `${fmt(a / b)}×`);
export const met = (ok: boolean | null) => (ok === null ? '—' : ok ? 'met' : 'NOT met');
/** |a − b| / |b|, one significant digit. */
export const relative = (a: number, b: number) => (Math.abs(a - b) / Math.abs(b)).toExponential(1);

/** A markdown table: header, separator, rows (cells already formatted). */
export function printTable(header: string[], rows: (string | number)[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${'---|'.repeat(header.length)}`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

// ---- numpy --------------------------------------------------------------------------------------

/** One eigh timing: `name` tells matrices of the same D apart (table 1b's graded and wishart Σ). */
export interface NumpyEigenJob {
  name: string;
  D: number;
  repeat: number;
  sigma: number[][];
}

/** One training problem, solved by numpy with the same Σ (and its eigenbasis), A₀, B₀, η and steps. */
export interface NumpyTrainingJob {
  D: number;
  d: number;
  steps: number;
  eta: number;
  repeat: number;
  values: number[];
  U: number[][];
  sigma: number[][];
  A0: number[][];
  B0: number[][];
}

/** One model's training (table 2d): table 2's job without Σ, with decay μ, tied (A = Bᵀ, one block) or not. */
/** μ: one number (uniform decay) or one per hidden unit (the ordered profile). */
export type NumpyModelJob = Omit<NumpyTrainingJob, 'sigma'> & { mu: number | number[]; tied: boolean };

interface NumpyTraining {
  D: number;
  d: number;
  stepsPerSecond: number;
  finalLoss: number;
}

export interface NumpyRun {
  numpy: string;
  blas: { threads: number | null; coretype: string | null; library: string | null };
  /** eigh's eigenvalues come back descending, for the agreement check. */
  eigen: { name: string; D: number; ms: number; values: number[] }[];
  eigenbasis: NumpyTraining[];
  original: NumpyTraining[];
  /** Table 2d's jobs in order, where they were sent. */
  models?: NumpyTraining[];
  /** What was done to the environment, for the line that reports the run. */
  envNote: string;
}

const INHERITED = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'];
const THREAD_VARIABLES = ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'];

/**
 * Runs bench/numpy_bench.py on the jobs; null (and a line saying why) when python3 or numpy is
 * missing. OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from numpy's environment when the
 * shell sets them: they pin OpenBLAS to a core type and cache size other than the ones it detects
 * on this CPU, which is not how numpy runs for anyone else (the report line names what was unset).
 * `threads: 'single'` also sets the usual BLAS thread variables to 1, for a single-threaded numpy
 * column beside JavaScript's single thread.
 */
export function runNumpy(
  jobs: { eigen: NumpyEigenJob[]; training: NumpyTrainingJob[]; models?: NumpyModelJob[] },
  threads: 'default' | 'single' = 'default',
): NumpyRun | null {
  const env = { ...process.env };
  const unset = INHERITED.filter((k) => env[k] !== undefined);
  const notes = [unset.length ? `unset for numpy: ${unset.map((k) => `${k}=${env[k]}`).join(', ')}` : 'OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE not set'];
  for (const k of unset) delete env[k];
  if (threads === 'single') {
    for (const k of THREAD_VARIABLES) env[k] = '1';
    notes.push(`${THREAD_VARIABLES.join(' = ')} = 1`);
  }
  try {
    const out = execFileSync('python3', ['bench/numpy_bench.py'], { input: JSON.stringify(jobs), encoding: 'utf8', env, maxBuffer: 1 << 28 });
    return { ...(JSON.parse(out) as Omit<NumpyRun, 'envNote'>), envNote: notes.join('; ') };
  } catch (e) {
    console.log(`(numpy comparison skipped: ${(e as Error).message.split('\n')[0]})`);
    return null;
  }
}

/** The line that says which numpy and BLAS the ratios are against. */
export function numpyLine(run: NumpyRun, what = ''): string {
  const { blas } = run;
  return `numpy ${run.numpy}${what}, BLAS ${blas.library ?? '?'}: ${blas.threads ?? '?'} thread(s), core type ${blas.coretype ?? '?'}; ${run.envNote}`;
}
