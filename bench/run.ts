/**
 * `npm run bench`: one table per item of issue 5 §6, in one run —
 *   1. eigendecomposition ms at D = 8, 64, 200, 784: eigenSymmetricFast, mathjs `eigs` (D ≤ 200), numpy `eigh`;
 *   2. training steps/s at (D, d) = (8, 3), (64, 8), (200, 20): eigenbasisGradientDescent (default kernels,
 *      and the plain-JS and WebAssembly SIMD kernels forced) against numpy running the same eigenbasis
 *      algorithm (bench/numpy_bench.py), plus what the per-step tracking and the recorded statistics cost,
 *      the arithmetic it replaced, and original-basis training in both as context;
 *   3. critical-point enumeration points/s (enumerateCriticalPoints) at (20, 10) and (18, 9);
 *   4. bundle sizes of dist/assets and the initial JavaScript;
 *   5. the built page in headless Chromium (bench/page.ts): time to ready, long tasks, the render of
 *      155,382 points and hover/zoom latency.
 * Benchmarks only: nothing here fails because the machine is slow. BENCH_QUICK=1 skips D = 784 and
 * mathjs at D = 200 and loads each page once; BENCH_ONLY=training runs only table 2 (with numpy), in
 * well under a minute; BENCH_ONLY=page only table 5.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gaussianData } from '../src/core/data/gaussian';
import { secondMoment } from '../src/core/data/secondMoment';
import { diagnose } from '../src/core/landscape/diagnostics';
import { enumerateCriticalPoints } from '../src/core/landscape/enumerate';
import type { Eigen } from '../src/core/linalg/eigen';
import { type Matrix, toRows } from '../src/core/linalg/matrix';
import { eigenSymmetricFast, symmetricEigenKernels } from '../src/core/linalg/symmetricEigen';
import { eigenbasisKernelsAvailable, eigenbasisWorkspace } from '../src/core/models/linear/eigenbasisKernels';
import { eigenbasisGradientDescent } from '../src/core/models/linear/eigenbasisTraining';
import { initialWeights } from '../src/core/models/linear/initialWeights';
import { criticalPoints } from '../src/core/reference/criticalPointList';
import { eigenSymmetric } from '../src/core/reference/eigenMathjs';
import { gradientDescent } from '../src/core/reference/originalBasisDescent';
import { DIVERGENCE_FACTOR, logSpacedSteps } from '../src/core/training/schedule';
import { pageBench } from './page';

const QUICK = !!process.env.BENCH_QUICK;
const ONLY_TRAINING = process.env.BENCH_ONLY === 'training';
const ONLY_PAGE = process.env.BENCH_ONLY === 'page';
const started = performance.now();

/** Best wall time of `repeat` calls after `warm` warm-up calls (JIT), in ms. */
function bestOf(fn: () => void, repeat: number, warm = 1): number {
  for (let i = 0; i < warm; i++) fn();
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** bench's Σ: rotated Gaussian data with variances 2^(−k/4), T = 2D (distinct eigenvalues). */
function sigmaFor(D: number): Matrix {
  const variances = Float64Array.from({ length: D }, (_, k) => 2 ** (-(k + 1) / 4));
  return secondMoment(gaussianData({ D, T: 2 * D, seed: 7, variances, rotate: true }));
}

const fmt = (x: number, digits = 3) => (Number.isFinite(x) ? Number(x.toPrecision(digits)).toLocaleString('en') : '—');
const ratio = (a: number, b: number | undefined) => (b === undefined ? '—' : `${fmt(a / b)}×`);
const met = (ok: boolean | null) => (ok === null ? '—' : ok ? 'met' : 'NOT met');

/**
 * eigenbasisGradientDescent's arithmetic with none of its bookkeeping: the workspace's fused steps
 * (eigenbasisKernels.ts, default kernels) and the loss and divergence check, no nearest critical
 * point per step, no recorded statistics. To measure what the bookkeeping costs.
 */
function eigenbasisBare(λ: Float64Array, A: Float64Array, B: Float64Array, D: number, d: number, eta: number, steps: number): number {
  const ws = eigenbasisWorkspace(λ, D, d);
  const { W, dp } = ws;
  for (let i = 0; i < D; i++)
    for (let h = 0; h < d; h++) {
      W[2 * dp * i + h] = A[i * d + h];
      W[2 * dp * i + dp + h] = B[h * D + i];
    }
  ws.refresh();
  let trΛ = 0;
  for (let i = 0; i < D; i++) trΛ += λ[i];
  let limit = Infinity;
  let loss = NaN;
  for (let s = 0; ; s++) {
    loss = trΛ - 2 * ws.trAM + ws.trGN();
    if (s === 0) limit = DIVERGENCE_FACTOR * Math.max(loss, trΛ);
    if (!Number.isFinite(loss) || loss > limit || s === steps) break;
    ws.step(2 * eta);
  }
  return loss;
}

/**
 * The arithmetic eigenbasisGradientDescent had before eigenbasisKernels.ts (M, N, G, loss and
 * divergence check, both gradients, the update; B̃ stored d × D, scalar loops), without bookkeeping.
 * A bench-only copy, kept as context for what the fused kernels gain.
 */
function previousArithmetic(λ: Float64Array, A: Float64Array, B: Float64Array, D: number, d: number, eta: number, steps: number): number {
  const M = new Float64Array(D * d);
  const N = new Float64Array(d * d);
  const G = new Float64Array(d * d);
  const gA = new Float64Array(D * d);
  const gB = new Float64Array(d * D);
  let trΛ = 0;
  for (let i = 0; i < D; i++) trΛ += λ[i];
  let limit = Infinity;
  let loss = NaN;
  for (let s = 0; ; s++) {
    for (let i = 0; i < D; i++) for (let h = 0; h < d; h++) M[i * d + h] = λ[i] * B[h * D + i];
    N.fill(0);
    G.fill(0);
    for (let i = 0; i < D; i++) {
      const ai = i * d;
      for (let h = 0; h < d; h++) {
        const bhi = B[h * D + i];
        const ahi = A[ai + h];
        for (let g = 0; g < d; g++) {
          N[h * d + g] += bhi * M[ai + g];
          G[h * d + g] += ahi * A[ai + g];
        }
      }
    }
    let trAMt = 0;
    for (let i = 0; i < D * d; i++) trAMt += A[i] * M[i];
    let trGN = 0;
    for (let i = 0; i < d * d; i++) trGN += G[i] * N[i];
    loss = trΛ - 2 * trAMt + trGN;
    if (s === 0) limit = DIVERGENCE_FACTOR * Math.max(loss, trΛ);
    if (!Number.isFinite(loss) || loss > limit || s === steps) break;
    for (let i = 0; i < D; i++)
      for (let h = 0; h < d; h++) {
        let an = 0;
        for (let g = 0; g < d; g++) an += A[i * d + g] * N[g * d + h];
        gA[i * d + h] = -2 * (M[i * d + h] - an);
      }
    for (let h = 0; h < d; h++)
      for (let i = 0; i < D; i++) {
        let gm = 0;
        for (let g = 0; g < d; g++) gm += G[h * d + g] * M[i * d + g];
        gB[h * D + i] = -2 * (λ[i] * A[i * d + h] - gm);
      }
    for (let i = 0; i < D * d; i++) A[i] -= eta * gA[i];
    for (let i = 0; i < d * D; i++) B[i] -= eta * gB[i];
  }
  return loss;
}

/** Ã = UᵀA (D × d) and B̃ = BU (d × D). */
function toEigenbasis(eigen: Eigen, A0: Matrix, B0: Matrix): { A: Float64Array; B: Float64Array } {
  const { D, U } = eigen;
  const d = A0.cols;
  const A = new Float64Array(D * d);
  const B = new Float64Array(d * D);
  for (let r = 0; r < D; r++)
    for (let i = 0; i < D; i++) {
      const u = U.data[r * D + i];
      for (let h = 0; h < d; h++) {
        A[i * d + h] += u * A0.data[r * d + h];
        B[h * D + i] += B0.data[h * D + r] * u;
      }
    }
  return { A, B };
}

console.log(
  `npm run bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0].toFixed(2)}; ` +
    `eigenSymmetricFast kernels here: ${symmetricEigenKernels()} (from D = 32); eigenbasisGradientDescent kernels here: ${eigenbasisKernelsAvailable()}` +
    (ONLY_TRAINING ? '; BENCH_ONLY=training: table 2 only' : ONLY_PAGE ? '; BENCH_ONLY=page: table 5 only' : ''),
);
if (ONLY_PAGE) {
  await pageBench(QUICK ? 1 : 3);
  process.exit(0);
}
const WASM = eigenbasisKernelsAvailable() === 'wasm-simd';

// ---- 1. Eigendecomposition --------------------------------------------------------------------
const EIGEN_SIZES = ONLY_TRAINING ? [] : QUICK ? [8, 64, 200] : [8, 64, 200, 784];
const MATHJS_MAX = QUICK ? 64 : 200;
const eigenRepeat = (D: number) => (D <= 8 ? 200 : D <= 64 ? 30 : D <= 200 ? 10 : 3);
const eigenRows = EIGEN_SIZES.map((D) => {
  const S = sigmaFor(D);
  const fast = bestOf(() => eigenSymmetricFast(S), eigenRepeat(D));
  // mathjs: best of 3 up to D = 64, once at 200 (about 6 s).
  const mathjs = D <= MATHJS_MAX ? bestOf(() => eigenSymmetric(S), D >= 200 ? 1 : 3, D >= 200 ? 0 : 1) : null;
  return { D, S, fast, mathjs };
});

// ---- 2. Training --------------------------------------------------------------------------------
const TRAINING = [
  { D: 8, d: 3, steps: 20_000, target: 1 },
  { D: 64, d: 8, steps: 5_000, target: 1 },
  { D: 200, d: 20, steps: 1_000, target: 0.5 },
];
const APP_STEPS = 1000; // the `steps` default of the URL schema
const trainingRows = TRAINING.map(({ D, d, steps, target }) => {
  const S = sigmaFor(D);
  const eigen = eigenSymmetricFast(S);
  const eta = 0.1 / eigen.values[0];
  const { A0, B0 } = initialWeights(1, 0, D, d, 1e-3, 'random');
  const sps = (ms: number, n = steps) => (n / ms) * 1000;
  let finalJs = NaN;
  // eigenbasisGradientDescent with one recorded step: the algorithm plus its per-step tracking.
  // JIT: four warm-up runs (two are not enough for the first function timed at (8, 3)).
  const minimal = bestOf(
    () => {
      const r = eigenbasisGradientDescent({ eigen, A0, B0, eta, steps, recordSteps: [steps] });
      finalJs = r.loss[r.loss.length - 1];
    },
    3,
    4,
  );
  // The same with each kernel forced; final losses against the default's.
  let kernelsAgree = 0;
  const forced = (kernels: 'js' | 'wasm') =>
    bestOf(
      () => {
        const r = eigenbasisGradientDescent({ eigen, A0, B0, eta, steps, recordSteps: [steps], kernels });
        kernelsAgree = Math.max(kernelsAgree, Math.abs(r.loss[r.loss.length - 1] - finalJs) / Math.abs(finalJs));
      },
      3,
      2,
    );
  const minimalJs = forced('js');
  const minimalWasm = WASM ? forced('wasm') : NaN;
  // As the pipeline calls it: ~240 log-spaced recorded steps (diag P, balancedness, principal angles) and snapshots.
  const app = bestOf(() => eigenbasisGradientDescent({ eigen, A0, B0, eta, steps, snapshots: true, onProgress: () => false }), 3, 2);
  // The bare arithmetic, and the arithmetic before eigenbasisKernels.ts (bench-only copy; slow at D = 200: one run).
  const { A, B } = toEigenbasis(eigen, A0, B0);
  let finalKernel = NaN;
  const kernel = bestOf(
    () => {
      finalKernel = eigenbasisBare(eigen.values, A, B, D, d, eta, steps);
    },
    3,
    2,
  );
  let finalPrevious = NaN;
  const previous = bestOf(
    () => {
      finalPrevious = previousArithmetic(eigen.values, Float64Array.from(A), Float64Array.from(B), D, d, eta, steps);
    },
    D >= 200 ? 1 : 3,
    D >= 200 ? 1 : 2,
  );
  // At the app's default steps: the same three, to see the recorded statistics' share of a run.
  const appShort = bestOf(() => eigenbasisGradientDescent({ eigen, A0, B0, eta, steps: APP_STEPS, snapshots: true, onProgress: () => false }), 5, 2);
  const minimalShort = bestOf(() => eigenbasisGradientDescent({ eigen, A0, B0, eta, steps: APP_STEPS, recordSteps: [APP_STEPS] }), 5, 2);
  const kernelShort = bestOf(() => eigenbasisBare(eigen.values, A, B, D, d, eta, APP_STEPS), 5, 2);
  let finalOrig = NaN;
  const original = bestOf(
    () => {
      const r = gradientDescent({ sigma: S, A0, B0, eta, steps, recordSteps: [steps] });
      finalOrig = r.loss[r.loss.length - 1];
    },
    3,
    2,
  );
  return {
    D,
    d,
    steps,
    target,
    S,
    eigen,
    eta,
    A0,
    B0,
    finalJs,
    finalKernel,
    finalPrevious,
    finalOrig,
    kernelsAgree,
    minimal: sps(minimal),
    minimalJs: sps(minimalJs),
    minimalWasm: sps(minimalWasm),
    app: sps(app),
    kernel: sps(kernel),
    previous: sps(previous),
    original: sps(original),
    records: logSpacedSteps(steps).length,
    short: { app: appShort, minimal: minimalShort, kernel: kernelShort, records: logSpacedSteps(APP_STEPS).length },
  };
});

// ---- 3. Enumeration -----------------------------------------------------------------------------
function eigenFor(D: number, tiedPairs = false): Eigen {
  const eigen = eigenSymmetricFast(sigmaFor(D));
  if (!tiedPairs) return eigen;
  const values = Float64Array.from(eigen.values, (_, i) => eigen.values[i - (i % 2)]);
  return { ...eigen, values };
}
const ENUM = ONLY_TRAINING
  ? []
  : [
      { D: 20, d: 10, fullRankOnly: false, tied: false, label: 'all ranks' },
      { D: 18, d: 9, fullRankOnly: false, tied: false, label: 'all ranks' },
      { D: 20, d: 10, fullRankOnly: true, tied: false, label: 'full rank only' },
      { D: 20, d: 10, fullRankOnly: false, tied: true, label: 'all ranks, tied pairs (class-based inertia)' },
      { D: 18, d: 9, fullRankOnly: false, tied: true, label: 'all ranks, tied pairs (class-based inertia)' },
    ];
const enumRows = ENUM.map(({ D, d, fullRankOnly, tied, label }) => {
  const eigen = eigenFor(D, tied);
  const τ = diagnose(eigen).tolerance;
  let count = 0;
  const ms = bestOf(() => {
    count = enumerateCriticalPoints(eigen, d, τ, { fullRankOnly }).count;
  }, 5);
  return { D, d, label, count, ms };
});
let oldCount = 0;
let oldMs = NaN;
if (!ONLY_TRAINING) {
  const oldEigen = eigenFor(18);
  const oldTau = diagnose(oldEigen).tolerance;
  oldMs = bestOf(() => {
    oldCount = criticalPoints(oldEigen, 9, oldTau, { cap: 1e9 }).points.length;
  }, 1);
}
const BEYOND = ONLY_TRAINING ? [] : [{ D: 64, d: 32 }, { D: 200, d: 20 }, ...(QUICK ? [] : [{ D: 784, d: 100 }])];
const beyondRows = BEYOND.map(({ D, d }) => {
  const eigen = eigenFor(D);
  const τ = diagnose(eigen).tolerance;
  const t0 = performance.now();
  const t = enumerateCriticalPoints(eigen, d, τ);
  const ms = performance.now() - t0;
  const sampled = t.histogram.exact.filter((x, k) => !x && t.histogram.counted[k] > 0).length;
  return { D, d, ms, count: t.count, total: t.total, K: t.perRank, sampled, sampleN: Math.max(...t.histogram.counted.filter((_, k) => !t.histogram.exact[k])) };
});

// ---- numpy --------------------------------------------------------------------------------------
interface NumpyOut {
  numpy: string;
  blas: { threads: number | null; coretype: string | null; library: string | null };
  eigen: { D: number; ms: number }[];
  eigenbasis: { D: number; d: number; stepsPerSecond: number; finalLoss: number }[];
  original: { D: number; d: number; stepsPerSecond: number; finalLoss: number }[];
}
let numpy: NumpyOut | null = null;
const numpyEnv = { ...process.env };
const unset = ['OPENBLAS_CORETYPE', 'OPENBLAS_L2_SIZE'].filter((k) => numpyEnv[k] !== undefined);
const unsetNote = unset.length ? `unset for numpy: ${unset.map((k) => `${k}=${numpyEnv[k]}`).join(', ')}` : 'OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE not set';
if (unset.length) {
  delete numpyEnv.OPENBLAS_CORETYPE;
  delete numpyEnv.OPENBLAS_L2_SIZE;
}
try {
  const jobs = {
    eigen: eigenRows.map((r) => ({ D: r.D, repeat: eigenRepeat(r.D), sigma: toRows(r.S) })),
    training: trainingRows.map((r) => ({
      D: r.D,
      d: r.d,
      steps: r.steps,
      eta: r.eta,
      repeat: 3,
      values: Array.from(r.eigen.values),
      U: toRows(r.eigen.U),
      sigma: toRows(r.S),
      A0: toRows(r.A0),
      B0: toRows(r.B0),
    })),
  };
  numpy = JSON.parse(
    execFileSync('python3', ['bench/numpy_bench.py'], { input: JSON.stringify(jobs), encoding: 'utf8', env: numpyEnv, maxBuffer: 1 << 28 }),
  ) as NumpyOut;
} catch (e) {
  console.log(`(numpy comparison skipped: ${(e as Error).message.split('\n')[0]})`);
}
if (numpy)
  console.log(
    `numpy ${numpy.numpy}, BLAS ${numpy.blas.library ?? '?'}: ${numpy.blas.threads ?? '?'} thread(s), core type ${numpy.blas.coretype ?? '?'}; ${unsetNote}`,
  );

// ---- Tables -------------------------------------------------------------------------------------
if (!ONLY_TRAINING) {
  console.log('\n1. Eigendecomposition of Σ (values + vectors), ms, best of runs after a warm-up (mathjs at D = 200: one run)');
  console.log('| D | eigenSymmetricFast | mathjs eigs | numpy eigh | fast / numpy | mathjs / numpy | target (fast / numpy) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of eigenRows) {
    const n = numpy?.eigen.find((x) => x.D === r.D)?.ms;
    const limit = r.D === 200 ? 5 : r.D === 784 ? 10 : null;
    const target = limit === null ? '—' : `≤ ${limit}×: ${met(n === undefined ? null : r.fast / n <= limit)}`;
    console.log(
      `| ${r.D} | ${fmt(r.fast)} | ${r.mathjs === null ? '—' : fmt(r.mathjs)} | ${n === undefined ? '—' : fmt(n)} | ${ratio(r.fast, n)} | ${r.mathjs === null ? '—' : ratio(r.mathjs, n)} | ${target} |`,
    );
  }
}

console.log('\n2a. Training in the eigenbasis, steps per second (same Σ, A₀, B₀, η, steps in JS and numpy; best of 3 after warm-ups)');
console.log(
  `| D | d | steps | eigenbasisGradientDescent, 1 recorded step (default: ${WASM ? 'WebAssembly SIMD' : 'plain JS'}) | kernels: 'js' | kernels: 'wasm' | as the pipeline calls it (log-spaced records + snapshots) | numpy, same algorithm | JS / numpy (default) | 'js' / numpy | 'wasm' / numpy | pipeline call / numpy | target (JS / numpy) | final loss JS vs numpy | 'js' and 'wasm' vs default |`,
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of trainingRows) {
  const n = numpy?.eigenbasis.find((x) => x.D === r.D && x.d === r.d);
  const agree = n ? `${(Math.abs(r.finalJs - n.finalLoss) / Math.abs(n.finalLoss)).toExponential(1)} relative` : '—';
  const w = (x: number) => (WASM ? fmt(x) : '—');
  console.log(
    `| ${r.D} | ${r.d} | ${fmt(r.steps, 6)} | ${fmt(r.minimal)} | ${fmt(r.minimalJs)} | ${w(r.minimalWasm)} | ${fmt(r.app)} (${r.records} records) | ${n ? fmt(n.stepsPerSecond) : '—'} | ${ratio(r.minimal, n?.stepsPerSecond)} | ${ratio(r.minimalJs, n?.stepsPerSecond)} | ${WASM ? ratio(r.minimalWasm, n?.stepsPerSecond) : '—'} | ${ratio(r.app, n?.stepsPerSecond)} | ≥ ${r.target}×: ${met(n ? r.minimal / n.stepsPerSecond >= r.target : null)} | ${agree} | ${r.kernelsAgree.toExponential(1)} relative |`,
  );
}

console.log(
  '\n2b. What the bookkeeping of eigenbasisGradientDescent costs (default kernels; "bare" = its workspace steps and loss check, without the nearest point per step or records), and the arithmetic it replaced',
);
console.log(
  `| D | d | bare steps/s | eigenbasisGradientDescent over bare, µs/step (share) | ${APP_STEPS}-step run (the URL default): bare ms | + per-step overhead ms | + ${trainingRows[0].short.records} records & snapshots ms | records' share of the run | before eigenbasisKernels.ts: bare arithmetic, steps/s | now / before (1 recorded step) |`,
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of trainingRows) {
  const perStep = (1 / r.minimal - 1 / r.kernel) * 1e6;
  const share = 1 - r.minimal / r.kernel; // of eigenbasisGradientDescent's time per step
  const recordsMs = r.short.app - r.short.minimal;
  console.log(
    `| ${r.D} | ${r.d} | ${fmt(r.kernel)} | ${fmt(perStep, 2)} (${fmt(100 * share, 2)}%) | ${fmt(r.short.kernel)} | ${fmt(r.short.minimal - r.short.kernel, 2)} | ${fmt(recordsMs, 2)} | ${fmt((100 * recordsMs) / r.short.app, 2)}% | ${fmt(r.previous)} | ${fmt(r.minimal / r.previous)}× |`,
  );
}
const bareAgree = Math.max(...trainingRows.map((r) => Math.abs(r.finalKernel - r.finalJs) / Math.abs(r.finalJs)));
const previousAgree = Math.max(...trainingRows.map((r) => Math.abs(r.finalPrevious - r.finalJs) / Math.abs(r.finalJs)));
console.log(
  `(per-step overhead = eigenbasisGradientDescent with 1 recorded step minus bare: the nearest critical point at every step (diag P comes with the step), plus any difference in generated code; ` +
    `records = diag P, ‖AᵀA − BBᵀ‖, principal angles and a weight snapshot at each recorded step, as the pipeline calls it. ` +
    `Final loss vs eigenbasisGradientDescent's, max relative difference: bare ${bareAgree.toExponential(1)}, before ${previousAgree.toExponential(1)}.)`,
);

console.log('\n2c. Context: training in the original basis (O(D² d) per step), steps per second');
console.log('| D | d | JS gradientDescent | numpy, same algorithm | JS / numpy | JS eigenbasis / JS original | final loss original vs eigenbasis (JS) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of trainingRows) {
  const n = numpy?.original.find((x) => x.D === r.D && x.d === r.d);
  console.log(
    `| ${r.D} | ${r.d} | ${fmt(r.original)} | ${n ? fmt(n.stepsPerSecond) : '—'} | ${ratio(r.original, n?.stepsPerSecond)} | ${fmt(r.minimal / r.original)}× | ${(Math.abs(r.finalOrig - r.finalJs) / Math.abs(r.finalJs)).toExponential(1)} relative |`,
  );
}

if (!ONLY_TRAINING) {
  console.log('\n3. Critical-point enumeration (enumerateCriticalPoints: every I with its loss and closed-form inertia into typed arrays; best of 5)');
  console.log('| D | d | what | points | ms | points/s |');
  console.log('|---|---|---|---|---|---|');
  for (const r of enumRows) console.log(`| ${r.D} | ${r.d} | ${r.label} | ${r.count.toLocaleString('en')} | ${fmt(r.ms)} | ${fmt((r.count / r.ms) * 1000)} |`);
  console.log(
    `| 18 | 9 | context: criticalPoints (one object per point, morseInertia), one run | ${oldCount.toLocaleString('en')} | ${fmt(oldMs)} | ${fmt((oldCount / oldMs) * 1000)} |`,
  );
  const bigFmt = (n: bigint) => {
    const digits = n.toString();
    return digits.length <= 21 ? n.toLocaleString('en') : `≈ ${digits[0]}.${digits.slice(1, 3)} × 10^${digits.length - 1}`;
  };
  console.log('\nBeyond the cap (10⁶): best-first lowest K per rank + exact counts + histogram (exact where C(D, k) fits, else sampled), one run');
  console.log('| D | d | critical points | listed (K per rank) | sampled ranks × subsets | ms |');
  console.log('|---|---|---|---|---|---|');
  for (const r of beyondRows)
    console.log(
      `| ${r.D} | ${r.d} | ${bigFmt(r.total)} | ${r.count.toLocaleString('en')} (${r.K?.toLocaleString('en')}) | ${r.sampled} × ${r.sampleN.toLocaleString('en')} | ${fmt(r.ms)} |`,
    );
}

// ---- 4. Bundle ----------------------------------------------------------------------------------
const kb = (n: number) => `${fmt(n / 1024)} KB`;
const sizes = (path: string) => {
  const buf = readFileSync(path);
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};
if (ONLY_TRAINING) {
  // table 4 skipped
} else if (existsSync('dist/assets')) {
  const built = statSync('dist/index.html').mtime;
  console.log(`\n4. Bundle (dist/, built ${built.toISOString().replace('T', ' ').slice(0, 19)} UTC), gzip level 9`);
  console.log('| file | raw | gzip |');
  console.log('|---|---|---|');
  const files = readdirSync('dist/assets').filter((f) => f.endsWith('.js') || f.endsWith('.css') || f.endsWith('.wasm') || f.endsWith('.json'));
  let totalRaw = 0;
  let totalGzip = 0;
  for (const f of files.sort()) {
    const s = sizes(join('dist/assets', f));
    totalRaw += s.raw;
    totalGzip += s.gzip;
    console.log(`| ${f} | ${kb(s.raw)} | ${kb(s.gzip)} |`);
  }
  console.log(`| all JS/CSS/JSON/wasm (fonts not counted) | ${kb(totalRaw)} | ${kb(totalGzip)} |`);

  // Initial JavaScript: the entry chunk and everything it imports statically.
  const initial = new Set<string>();
  let how: string;
  if (existsSync('dist/.vite/manifest.json')) {
    const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<string, { file: string; isEntry?: boolean; imports?: string[] }>;
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || initial.has(chunk.file)) return;
      initial.add(chunk.file);
      for (const k of chunk.imports ?? []) visit(k);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry && chunk.file.endsWith('.js') && !/worker/i.test(chunk.file)) visit(key);
    how = 'from dist/.vite/manifest.json: entry chunks + their static imports';
  } else {
    // No manifest: index.html's module script and modulepreload links, then each chunk's static
    // `import … from "./x.js"` / `import "./x.js"` statements (dynamic import("…") excluded).
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
    how =
      "NO manifest (build.manifest is not enabled in vite.config.ts): index.html's module script + modulepreload links + the chunks' static import statements, parsed";
  }
  let iRaw = 0;
  let iGzip = 0;
  for (const f of initial) {
    const s = sizes(join('dist', f));
    iRaw += s.raw;
    iGzip += s.gzip;
  }
  console.log(`\nInitial JavaScript (${how}): ${[...initial].join(', ')}`);
  console.log('| initial JS | raw | gzip | target |');
  console.log('|---|---|---|---|');
  console.log(`| ${initial.size} file(s) | ${kb(iRaw)} | ${kb(iGzip)} | ≤ 700 KB gzip: ${met(iGzip <= 700 * 1024)} |`);
  const workers = files.filter((f) => /worker/i.test(f) && f.endsWith('.js'));
  for (const f of workers) {
    const s = sizes(join('dist/assets', f));
    console.log(`| + ${f} (fetched when the worker starts, not part of the initial JS) | ${kb(s.raw)} | ${kb(s.gzip)} | |`);
  }
} else console.log('\n4. (no dist/: run `npm run build` for bundle sizes)');

if (!ONLY_TRAINING) await pageBench(QUICK ? 1 : 3);

console.log(`\n(bench took ${fmt((performance.now() - started) / 1000)} s)`);
