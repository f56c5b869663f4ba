/**
 * `npx tsx bench/eigenFast.ts`: eigenSymmetricFast (src/core/symmetricEigen.ts; default kernels =
 * WebAssembly SIMD from D = 32 where available, and forced plain-JS kernels) against numpy's `eigh`
 * on the same matrices, numpy once with its default BLAS threads and once with
 * OPENBLAS_NUM_THREADS=1 (and the other usual thread variables) = 1. Also the agreement of the
 * eigenvalues with numpy's, and mathjs's `eigs` (eigenSymmetric) where it is quick enough.
 *
 * Two matrices per size: "graded", bench/run.ts's Σ (rotated Gaussian data with variances
 * 2^(−k/4), T = 2D: a spectrum spanning many decades at large D), and "wishart", Σ = XᵀX for iid
 * N(0, 1) X with T = 2D (a spread spectrum with no tiny eigenvalues: the harder case for QL).
 * Best of several runs after one warm-up; the first (cold, un-JITted) call is shown as well.
 * Benchmarks only: nothing here fails because the machine is slow.
 *
 * BENCH_SIZES=8,64 limits the sizes; BENCH_MATHJS_MAX (default 64) the sizes mathjs is timed at.
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { gaussianData } from '../src/core/data/gaussian';
import { secondMoment } from '../src/core/data/secondMoment';
import { type Matrix, toRows } from '../src/core/linalg/matrix';
import { eigenSymmetricFast, symmetricEigenKernels } from '../src/core/linalg/symmetricEigen';
import { createRng } from '../src/core/random/random';
import { eigenSymmetric } from '../src/core/reference/eigenMathjs';

const SIZES = (process.env.BENCH_SIZES ?? '8,64,200,784').split(',').map(Number);
const MATHJS_MAX = Number(process.env.BENCH_MATHJS_MAX ?? 64);

function sigmaGraded(D: number): Matrix {
  const variances = Float64Array.from({ length: D }, (_, k) => 2 ** (-(k + 1) / 4));
  return secondMoment(gaussianData({ D, T: 2 * D, seed: 7, variances, rotate: true }));
}

function sigmaWishart(D: number): Matrix {
  const rng = createRng(11, 0);
  const T = 2 * D;
  const X = { rows: T, cols: D, data: new Float64Array(T * D) };
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  return secondMoment(X);
}

function repeats(D: number): number {
  return D <= 8 ? 500 : D <= 64 ? 50 : D <= 200 ? 15 : 5;
}

function time(fn: () => void, repeat: number): { first: number; best: number } {
  let t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  let best = first;
  for (let i = 0; i < repeat; i++) {
    t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { first, best };
}

// numpy: eigh timed best-of-n, eigenvalues returned (descending) for the agreement check.
const PY = `
import json, sys, time
import numpy as np
jobs = json.load(sys.stdin)
out = []
for job in jobs:
    S = np.array(job["sigma"], dtype=np.float64)
    np.linalg.eigh(S)  # warm-up
    best = float("inf")
    for _ in range(job["repeat"]):
        t0 = time.perf_counter()
        w, V = np.linalg.eigh(S)
        best = min(best, time.perf_counter() - t0)
    out.append({"name": job["name"], "D": job["D"], "ms": 1000 * best, "values": w[::-1].tolist()})
print(json.dumps({"numpy": np.__version__, "results": out}))
`;

interface NumpyResult {
  name: string;
  D: number;
  ms: number;
  values: number[];
}

function runNumpy(jobs: unknown[], threads: 'default' | '1'): { version: string; results: NumpyResult[] } | null {
  const env = { ...process.env };
  if (threads === '1') for (const k of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) env[k] = '1';
  try {
    const out = JSON.parse(execFileSync('python3', ['-c', PY], { input: JSON.stringify(jobs), encoding: 'utf8', env, maxBuffer: 1 << 28 }));
    return { version: out.numpy, results: out.results };
  } catch (e) {
    console.log(`(numpy comparison skipped: ${(e as Error).message.split('\n')[0]})`);
    return null;
  }
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toLocaleString('en') : '—');

console.log(
  `machine load average (1 min) before: ${loadavg()[0].toFixed(2)}; node ${process.version}; default kernels here: ${symmetricEigenKernels()} (from D = 32)`,
);
const rows: { name: string; D: number; S: Matrix; first: number; best: number; js: number; mathjs: number | null; values: Float64Array }[] = [];
for (const D of SIZES) {
  for (const [name, make] of [
    ['graded', sigmaGraded],
    ['wishart', sigmaWishart],
  ] as const) {
    const S = make(D);
    let values: Float64Array = new Float64Array(0);
    const { first, best } = time(() => {
      values = eigenSymmetricFast(S).values;
    }, repeats(D));
    const js = time(() => eigenSymmetricFast(S, { kernels: 'js' }), repeats(D)).best;
    const mathjs = D <= MATHJS_MAX ? time(() => eigenSymmetric(S), Math.max(1, Math.min(5, repeats(D)))).best : null;
    rows.push({ name, D, S, first, best, js, mathjs, values });
  }
}

const jobs = rows.map((r) => ({ name: r.name, D: r.D, repeat: r.D >= 784 ? 7 : r.D >= 200 ? 15 : 50, sigma: toRows(r.S) }));
const npDefault = runNumpy(jobs, 'default');
const npSingle = runNumpy(jobs, '1');
console.log(`machine load average (1 min) after: ${loadavg()[0].toFixed(2)}${npDefault ? `; numpy ${npDefault.version}` : ''}`);

console.log('\nSymmetric eigendecomposition (values + vectors), ms; best of runs (first = cold call)');
console.log(
  '| Σ | D | eigenSymmetricFast | first call | JS kernels only | numpy eigh | fast / numpy | numpy eigh, 1 thread | fast / numpy 1 thread | JS only / numpy 1 thread | mathjs eigs | max |Δλ| / λ₁ vs numpy |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const a = npDefault?.results.find((x) => x.name === r.name && x.D === r.D);
  const b = npSingle?.results.find((x) => x.name === r.name && x.D === r.D);
  let dev = NaN;
  if (a) {
    dev = 0;
    for (let i = 0; i < r.D; i++) dev = Math.max(dev, Math.abs(r.values[i] - a.values[i]));
    dev /= Math.abs(a.values[0]);
  }
  console.log(
    `| ${r.name} | ${r.D} | ${fmt(r.best)} | ${fmt(r.first)} | ${fmt(r.js)} | ${a ? fmt(a.ms) : '—'} | ${a ? `${fmt(r.best / a.ms)}×` : '—'} | ${b ? fmt(b.ms) : '—'} | ${b ? `${fmt(r.best / b.ms)}×` : '—'} | ${b ? `${fmt(r.js / b.ms)}×` : '—'} | ${r.mathjs === null ? '—' : fmt(r.mathjs)} | ${Number.isNaN(dev) ? '—' : dev.toExponential(1)} |`,
  );
}
