/**
 * Table 7 of `npm run bench` (BENCH_ONLY=finders): iterations per second of gradient-norm
 * minimisation and Newton-MR (src/core/finders, as the worker runs them on the linear model's
 * gradient and Hessian-vector products) against numpy running the same algorithm — the same steps,
 * line searches, MINRES recurrences and stops (bench/numpy_finders.py) — from the same random start
 * on the same Σ, at (D, d) = (8, 3) and (20, 5). Iterations taken and the final ‖∇L‖² are compared.
 */
import { execFileSync } from 'node:child_process';
import { runFinder } from '../src/core/finders/finderRun';
import { tolerance } from '../src/core/landscape/diagnostics';
import { toRows } from '../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../src/core/linalg/symmetricEigen';
import { decayProfile } from '../src/core/models/linear/decay';
import { linearModel } from '../src/core/models/linear/linearModel';
import type { Landscape } from '../src/core/models/model';
import { bestOf, fmt, printTable, ratio, sigmaFor } from './common';

const JOBS = [
  { D: 8, d: 3, method: 'gnm', iterations: 2000 },
  { D: 8, d: 3, method: 'newton-mr', iterations: 40 },
  { D: 20, d: 5, method: 'gnm', iterations: 500 },
  { D: 20, d: 5, method: 'newton-mr', iterations: 20 },
] as const;

interface Row {
  D: number;
  d: number;
  method: string;
  iterations: number;
  ms: number;
  gradNormSq: number;
  numpy: { iterations: number; gradNormSq: number; seconds: number } | null;
}

export function findersBench(): void {
  const rows: Row[] = [];
  const numpyJobs: unknown[] = [];
  for (const job of JOBS) {
    const sigma = sigmaFor(job.D);
    const eigen = eigenSymmetricFast(sigma);
    const land: Landscape = { sigma, eigen, d: job.d, τ: tolerance(eigen.values), μ: decayProfile(0, job.d, 'uniform') };
    const θ0 = linearModel.initialParameters(1, 10_000, job.D, job.d, 0.5, 'random');
    const problem = {
      gradient: (θ: Float64Array) => linearModel.gradient(land, θ),
      hessianVector: (θ: Float64Array, v: Float64Array) => linearModel.hessianVector(land, θ, v),
      hessianOperator: (θ: Float64Array) => linearModel.hessianOperator(land, θ),
    };
    let run = runFinder(job.method, problem, θ0, { iterations: job.iterations, λ1: eigen.values[0] });
    const ms = bestOf(() => {
      run = runFinder(job.method, problem, θ0, { iterations: job.iterations, λ1: eigen.values[0] });
    }, 3);
    rows.push({ ...job, iterations: run.iterations, ms, gradNormSq: run.gradNormSq[run.iterations], numpy: null });
    numpyJobs.push({ D: job.D, d: job.d, method: job.method, iterations: job.iterations, repeat: 3, sigma: toRows(sigma), theta0: Array.from(θ0) });
  }
  try {
    const out = JSON.parse(
      execFileSync('python3', ['bench/numpy_finders.py'], { input: JSON.stringify(numpyJobs), encoding: 'utf8', maxBuffer: 1 << 26 }),
    ) as Row['numpy'][];
    out.forEach((r, k) => {
      rows[k].numpy = r;
    });
  } catch (e) {
    console.log(`numpy finders not run: ${(e as Error).message.split('\n')[0]}`);
  }
  console.log('\n7. Critical-point finders, iterations per second (JS as the worker runs them; numpy: the same algorithm; best of 3)');
  printTable(
    ['method', 'D', 'd', 'iterations JS / numpy', 'JS it/s', 'numpy it/s', 'JS / numpy', 'final ‖∇L‖²/λ₁² JS, numpy'],
    rows.map((r) => {
      const λ1sq = eigenSymmetricFast(sigmaFor(r.D)).values[0] ** 2;
      const js = (r.iterations / r.ms) * 1000;
      const np = r.numpy ? r.numpy.iterations / r.numpy.seconds : undefined;
      return [
        r.method,
        r.D,
        r.d,
        `${r.iterations} / ${r.numpy?.iterations ?? '—'}`,
        fmt(js),
        np === undefined ? '—' : fmt(np),
        ratio(js, np),
        `${(r.gradNormSq / λ1sq).toExponential(1)}, ${r.numpy ? (r.numpy.gradNormSq / λ1sq).toExponential(1) : '—'}`,
      ];
    }),
  );
}
