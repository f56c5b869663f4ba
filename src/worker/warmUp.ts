/**
 * A fresh worker's first computation used to be 5–20× slower than its second (the export's
 * timings, docs/design.md §3): mathjs builds its parser on first use, the WebAssembly kernels start
 * in V8's baseline tier, and the JavaScript loops start interpreted. The worker therefore runs the
 * whole pipeline on small problems as it starts, while the page is still loading, so the first
 * computation a user asks for runs on compiled code. The results are thrown away.
 */
import { eigenSymmetricFast } from '../core/linalg/symmetricEigen';
import { computeAll } from './pipeline';
import type { ComputeParams } from './protocol';

const SMALL: ComputeParams = {
  v: 1,
  model: 'linear',
  wd: 0,
  wdProfile: 'uniform',
  finders: [],
  finderStarts: 8,
  finderFrom: 'trajectory',
  finderIters: 200,
  cutoff: 1e-10,
  finderScale: 0.5,
  data: 'gaussian',
  D: 24,
  T: 48,
  d: 3,
  seed: 1,
  spectrum: '2^(-k)',
  rotate: true,
  exact: false,
  center: false,
  sparsity: 0.7,
  importance: 0.8,
  pool: 2,
  lr: 0.2,
  steps: 400,
  runs: 1,
  init: 0.001,
  initMode: 'random',
  optimizer: 'adam',
  batch: 1024,
  phase: false,
  fullRank: false,
};

/** The problems warmed: the default view's d and a wider one, each at a D large enough for the loops to be compiled. */
const WARM: Partial<ComputeParams>[] = [{ D: 4, T: 8, d: 2, steps: 10 }];

/** Runs the warm-up problems; returns the milliseconds spent (a failure only means a colder start). */
export function warmUp(): number {
  const started = performance.now();
  for (const p of WARM) {
    try {
      computeAll({ ...SMALL, ...p });
    } catch {
      // Nothing to report: the real computation will raise any real error itself.
    }
  }
  // The eigensolver's WebAssembly kernels leave V8's baseline tier once they have run long enough.
  const n = 96;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A[i * n + j] = 1 / (1 + i + j);
  for (let k = 0; k < 3; k++) eigenSymmetricFast({ rows: n, cols: n, data: A });
  return performance.now() - started;
}
