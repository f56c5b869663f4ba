/**
 * `npm run bench`: eigendecomposition, training and enumeration speed, the bundle sizes, and —
 * when python3 with numpy is present — numpy on the same problems in the same run, as ratios.
 * Benchmarks only: nothing here fails because the machine is slow.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { criticalPoints } from '../src/core/criticalPoints';
import { gaussianData } from '../src/core/datasets/gaussian';
import { diagnose } from '../src/core/diagnostics';
import { eigenSymmetric } from '../src/core/eigen';
import { toRows, type Matrix } from '../src/core/matrix';
import { secondMoment } from '../src/core/secondMoment';
import { gradientDescent, initialWeights } from '../src/core/training';

function bestOf(fn: () => void, repeat: number): number {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

function sigmaFor(D: number): Matrix {
  const variances = Float64Array.from({ length: D }, (_, k) => 2 ** (-(k + 1) / 4));
  return secondMoment(gaussianData({ D, T: 2 * D, seed: 7, variances, rotate: true }));
}

const EIGEN_SIZES = process.env.BENCH_QUICK ? [8, 64] : [8, 64, 200];
const TRAINING = [
  { D: 8, d: 3, steps: 20_000 },
  { D: 64, d: 8, steps: 2_000 },
  { D: 200, d: 20, steps: 200 },
];

const eigenRows = EIGEN_SIZES.map((D) => {
  const S = sigmaFor(D);
  return { D, S, ms: bestOf(() => eigenSymmetric(S), D >= 200 ? 1 : 3) };
});

const trainingRows = TRAINING.map(({ D, d, steps }) => {
  const S = sigmaFor(D);
  const λ1 = eigenSymmetric(S).values[0];
  const { A0, B0 } = initialWeights(1, 0, D, d, 1e-3, 'random');
  const ms = bestOf(() => gradientDescent({ sigma: S, A0, B0, eta: 0.1 / λ1, steps, recordSteps: [steps] }), 3);
  return { D, d, steps, S, stepsPerSecond: (steps / ms) * 1000 };
});

const enumD = 16;
const enumEigen = eigenSymmetric(sigmaFor(enumD));
const enumTau = diagnose(enumEigen).tolerance;
let listed = 0;
const enumMs = bestOf(() => {
  listed = criticalPoints(enumEigen, 8, enumTau).points.length;
}, 3);

let numpy: { eigen: { D: number; ms: number }[]; training: { D: number; d: number; stepsPerSecond: number }[] } | null = null;
try {
  const jobs = {
    eigen: eigenRows.map((r) => ({ D: r.D, sigma: toRows(r.S) })),
    training: trainingRows.map((r) => ({ D: r.D, d: r.d, steps: r.steps, sigma: toRows(r.S) })),
  };
  numpy = JSON.parse(execFileSync('python3', ['bench/numpy_bench.py'], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 28 }));
} catch (e) {
  console.log(`(numpy comparison skipped: ${(e as Error).message.split('\n')[0]})`);
}

const fmt = (x: number, digits = 3) => Number(x.toPrecision(digits)).toLocaleString('en');
console.log('\nEigendecomposition of Σ (mathjs eigs, scaled), best of runs');
console.log('| D | explorer ms | numpy eigh ms | explorer / numpy |');
console.log('|---|---|---|---|');
for (const r of eigenRows) {
  const n = numpy?.eigen.find((x) => x.D === r.D);
  console.log(`| ${r.D} | ${fmt(r.ms)} | ${n ? fmt(n.ms) : '—'} | ${n ? `${fmt(r.ms / n.ms)}×` : '—'} |`);
}
console.log('\nGradient descent in the original basis, steps per second');
console.log('| D | d | explorer | numpy | explorer / numpy |');
console.log('|---|---|---|---|---|');
for (const r of trainingRows) {
  const n = numpy?.training.find((x) => x.D === r.D && x.d === r.d);
  console.log(`| ${r.D} | ${r.d} | ${fmt(r.stepsPerSecond)} | ${n ? fmt(n.stepsPerSecond) : '—'} | ${n ? fmt(r.stepsPerSecond / n.stepsPerSecond) : '—'} |`);
}
console.log(`\nCritical-point enumeration: D = ${enumD}, d = 8, ${listed.toLocaleString('en')} points in ${fmt(enumMs)} ms = ${fmt((listed / enumMs) * 1000)} points/s`);

if (existsSync('dist/assets')) {
  console.log('\nBundle (dist/assets), bytes raw / gzipped');
  console.log('| file | raw | gzip |');
  console.log('|---|---|---|');
  for (const f of readdirSync('dist/assets').filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
    const path = join('dist/assets', f);
    console.log(`| ${f} | ${fmt(statSync(path).size / 1024)} KB | ${fmt(gzipSync(readFileSync(path)).length / 1024)} KB |`);
  }
} else console.log('\n(no dist/: run `npm run build` for bundle sizes)');
