/**
 * Table 1 of `npm run bench`: the symmetric eigendecomposition (values + vectors) of Σ in ms,
 * eigenSymmetricFast (src/core/linalg/symmetricEigen.ts, default kernels = WebAssembly SIMD from
 * D = 32 where available) against mathjs's `eigs` (src/core/reference/eigenMathjs.ts, the
 * cross-check; D ≤ 200, or ≤ 64 with BENCH_QUICK) and numpy's `eigh` on the same matrices.
 *
 * BENCH_ONLY=eigen adds table 1b, the detail: a second Σ per size, "wishart" (Σ = XᵀX for iid
 * N(0, 1) X, T = 2D: a spread spectrum with no tiny eigenvalues, the harder case for QL, where the
 * "graded" Σ of table 1 spans many decades), the first (cold) call, the plain-JS kernels forced,
 * numpy once more with one BLAS thread (JavaScript runs on one), and the eigenvalues' agreement
 * with numpy's.
 */

import { secondMoment } from '../src/core/data/secondMoment';
import { type Matrix, toRows } from '../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../src/core/linalg/symmetricEigen';
import { createRng } from '../src/core/random/random';
import { eigenSymmetric } from '../src/core/reference/eigenMathjs';
import { bestOf, fmt, met, type NumpyEigenJob, type NumpyRun, printTable, ratio, sigmaFor, timeRuns } from './common';

type SigmaName = 'graded' | 'wishart';

interface EigenRow {
  name: SigmaName;
  D: number;
  S: Matrix;
  fast: number;
  /** The warm-up call of `fast`: the first of this matrix, and at D = 8 the first in the process. */
  first: number;
  /** eigenSymmetricFast with kernels: 'js'; only in the detail. */
  js: number;
  mathjs: number | null;
  values: Float64Array;
}

export interface EigenResult {
  detailed: boolean;
  rows: EigenRow[];
}

/** Σ = XᵀX (src/core/data/secondMoment.ts) of T = 2D rows of iid N(0, 1) entries, seed 11. */
function sigmaWishart(D: number): Matrix {
  const rng = createRng(11, 0);
  const T = 2 * D;
  const X = { rows: T, cols: D, data: new Float64Array(T * D) };
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  return secondMoment(X);
}

const eigenRepeat = (D: number) => (D <= 8 ? 200 : D <= 64 ? 30 : D <= 200 ? 10 : 3);

export function measureEigen({ quick, detailed }: { quick: boolean; detailed: boolean }): EigenResult {
  const sizes = quick ? [8, 64, 200] : [8, 64, 200, 784];
  const mathjsMax = quick ? 64 : 200;
  const names: SigmaName[] = detailed ? ['graded', 'wishart'] : ['graded'];
  const rows: EigenRow[] = [];
  for (const D of sizes)
    for (const name of names) {
      const S = name === 'graded' ? sigmaFor(D) : sigmaWishart(D);
      let values: Float64Array = new Float64Array(0);
      const { first, best: fast } = timeRuns(() => {
        values = eigenSymmetricFast(S).values;
      }, eigenRepeat(D));
      const js = detailed ? bestOf(() => eigenSymmetricFast(S, { kernels: 'js' }), eigenRepeat(D)) : NaN;
      // mathjs: best of 3 up to D = 64, once at 200 (about 6 s).
      const mathjs = D <= mathjsMax ? bestOf(() => eigenSymmetric(S), D >= 200 ? 1 : 3, D >= 200 ? 0 : 1) : null;
      rows.push({ name, D, S, fast, first, js, mathjs, values });
    }
  return { detailed, rows };
}

export const eigenNumpyJobs = (result: EigenResult): NumpyEigenJob[] =>
  result.rows.map((r) => ({ name: r.name, D: r.D, repeat: eigenRepeat(r.D), sigma: toRows(r.S) }));

const numpyFor = (run: NumpyRun | null, r: EigenRow) => run?.eigen.find((x) => x.name === r.name && x.D === r.D);

export function printEigen(result: EigenResult, numpy: NumpyRun | null, numpySingle: NumpyRun | null): void {
  console.log('\n1. Eigendecomposition of Σ (values + vectors), ms, best of runs after a warm-up (mathjs at D = 200: one run)');
  printTable(
    ['D', 'eigenSymmetricFast', 'mathjs eigs', 'numpy eigh', 'fast / numpy', 'mathjs / numpy', 'target (fast / numpy)'],
    result.rows
      .filter((r) => r.name === 'graded')
      .map((r) => {
        const n = numpyFor(numpy, r)?.ms;
        const limit = r.D === 200 ? 5 : r.D === 784 ? 10 : null;
        const target = limit === null ? '—' : `≤ ${limit}×: ${met(n === undefined ? null : r.fast / n <= limit)}`;
        const mathjs = r.mathjs === null ? '—' : fmt(r.mathjs);
        return [r.D, fmt(r.fast), mathjs, n === undefined ? '—' : fmt(n), ratio(r.fast, n), r.mathjs === null ? '—' : ratio(r.mathjs, n), target];
      }),
  );
  if (!result.detailed) return;

  console.log('\n1b. The same in detail, two Σ per size, ms; best of runs (first = the warm-up call, cold)');
  printTable(
    [
      'Σ',
      'D',
      'eigenSymmetricFast',
      'first call',
      'JS kernels only',
      'numpy eigh',
      'fast / numpy',
      'numpy eigh, 1 thread',
      'fast / numpy 1 thread',
      'JS only / numpy 1 thread',
      'mathjs eigs',
      'max |Δλ| / λ₁ vs numpy',
    ],
    result.rows.map((r) => {
      const a = numpyFor(numpy, r);
      const b = numpyFor(numpySingle, r);
      let dev = NaN;
      if (a) {
        dev = 0;
        for (let i = 0; i < r.D; i++) dev = Math.max(dev, Math.abs(r.values[i] - a.values[i]));
        dev /= Math.abs(a.values[0]);
      }
      return [
        r.name,
        r.D,
        fmt(r.fast),
        fmt(r.first),
        fmt(r.js),
        a ? fmt(a.ms) : '—',
        ratio(r.fast, a?.ms),
        b ? fmt(b.ms) : '—',
        ratio(r.fast, b?.ms),
        ratio(r.js, b?.ms),
        r.mathjs === null ? '—' : fmt(r.mathjs),
        Number.isNaN(dev) ? '—' : dev.toExponential(1),
      ];
    }),
  );
}
