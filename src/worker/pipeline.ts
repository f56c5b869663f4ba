/**
 * The explorer's whole computation for one state: data → Σ → eigendecomposition → critical
 * points → gradient descent. Pure (no DOM, no worker API), so it runs in vitest and in the worker.
 */
import { centerColumns } from '../core/data/centering';
import { DIGIT_PIXELS, digitsMatrix, selectDigits } from '../core/data/digits';
import { gaussianData } from '../core/data/gaussian';
import { irisData } from '../core/data/iris';
import { secondMoment } from '../core/data/secondMoment';
import { sparseData } from '../core/data/sparse';
import { evaluateSpectrum } from '../core/data/spectrumExpression';
import { globalMinimumLoss } from '../core/landscape/criticalPoints';
import { type CriticalPointTable, lossOrder, tableRow } from '../core/landscape/criticalPointTable';
import { type Diagnostics, diagnose } from '../core/landscape/diagnostics';
import { enumerateCriticalPoints } from '../core/landscape/enumerate';
import { type Matrix, trace } from '../core/linalg/matrix';
import { eigenSymmetricFast } from '../core/linalg/symmetricEigen';
import { eigenbasisGradientDescent, type Visit } from '../core/models/linear/eigenbasisTraining';
import { initialWeights } from '../core/models/linear/initialWeights';
import { nearestCriticalPoint } from '../core/models/linear/nearestCriticalPoint';
import { streamForRun } from '../core/random/random';
import { logSpacedSteps } from '../core/training/schedule';
import type { ExplorerParams } from '../state/urlSchema';
import { type HessianResult, hessianAt } from './detailPipeline';
import { hessianPolicy } from './hessianPolicy';

export type Stage = 'download' | 'data' | 'sigma' | 'eigen' | 'criticalPoints' | 'training';

export interface TrajectoryResult {
  /** 1-based run number. */
  run: number;
  stream: number;
  seed: number;
  lr: number;
  eta: number;
  A0: Matrix;
  B0: Matrix;
  step: number[];
  loss: number[];
  diverged: boolean;
  divergedAtStep: number | null;
  final: { A: Matrix; B: Matrix } | null;
  /** diag P(t) = diag(UᵀA B U) at each recorded step. */
  learned: Float64Array[];
  /** The nearest critical point, each time it changed (tracked at every step). */
  visited: Visit[];
  /** ‖AᵀA − BBᵀ‖_F at each recorded step. */
  balancedness: number[];
  /** Principal angles between col(A) and span(u_1 … u_d) at each recorded step. */
  angles: Float64Array[];
  /** ‖Ã_i,:‖·‖B̃_:,i‖ at step 0 for each i: the initial strength of mode i (Saxe et al.). */
  initialStrength: Float64Array;
  /** Eigenbasis weights (Ã, B̃) at each recorded step, when small enough to keep. */
  snapshots: { A: Float64Array; B: Float64Array }[] | null;
  /** Nearest critical point at the end (1-based I), null if diverged to non-finite weights. */
  finalI: number[] | null;
  /** Last recorded loss minus L*. */
  distanceToMinimum: number | null;
}

export interface Results {
  params: ExplorerParams;
  D: number;
  T: number;
  /** X exactly as used (after centring), kept when T · D ≤ EXPORT_X_LIMIT. */
  X: Matrix | null;
  sigma: Matrix;
  traceSigma: number;
  eigenvalues: Float64Array;
  U: Matrix;
  diagnostics: Diagnostics;
  /** Every critical point (or, past 10⁶, the lowest of each rank) as typed arrays. */
  table: CriticalPointTable;
  /** Rows of `table` by ascending loss. */
  order: Uint32Array;
  /** The exact Hessian at every listed point (aligned with the rows) when 2Dd ≤ 64. */
  hessians: HessianResult[] | null;
  /** table.total as a decimal string. */
  criticalPointsTotal: string;
  globalMinimumLoss: number;
  trajectories: TrajectoryResult[];
  timings: Record<Stage, number> & { trainingSteps: number };
  notes: { path: string; reason: string }[];
}

export const EXPORT_X_LIMIT = 200_000;
/** Largest runs · recorded steps · 2Dd numbers kept as weight snapshots for the slice plot. */
export const SNAPSHOT_LIMIT = 4_000_000;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Data that does not come from (params, seed) alone: an upload, or the fetched digits asset. */
export interface DataInputs {
  custom?: Matrix | null;
  digits?: Uint8Array | null;
}

export function loadData(p: ExplorerParams, inputs: DataInputs = {}): Matrix {
  switch (p.data) {
    case 'gaussian': {
      const spectrum = evaluateSpectrum(p.spectrum, p.D);
      if (!spectrum.ok) throw new Error(`spectrum "${p.spectrum}": ${spectrum.message}`);
      return gaussianData({ D: p.D, T: p.T, seed: p.seed, variances: spectrum.variances, rotate: p.rotate, exact: p.exact });
    }
    case 'sparse':
      return sparseData({ D: p.D, T: p.T, seed: p.seed, sparsity: p.sparsity, importance: p.importance });
    case 'iris':
      return irisData();
    case 'digits': {
      if (!inputs.digits) throw new Error('the digits have not been loaded');
      const count = inputs.digits.length / DIGIT_PIXELS;
      return digitsMatrix(inputs.digits, selectDigits(count, Math.min(p.T, count), p.seed), p.pool);
    }
    case 'custom':
      if (!inputs.custom) throw new Error('there is no uploaded data: upload or paste a CSV table');
      return { rows: inputs.custom.rows, cols: inputs.custom.cols, data: Float64Array.from(inputs.custom.data) };
  }
}

/**
 * A run's loss curve so far (`done` false, at most every LIVE_RUN_INTERVAL_MS while it trains) and
 * once finished (`done` true), sent before the whole job ends so the page can show runs as they go.
 */
export type RunListener = (run: { run: number; step: number[]; loss: number[]; done: boolean }) => void;
export const LIVE_RUN_INTERVAL_MS = 100;

/**
 * Runs every stage for `p`. `progress(stage, fraction)` may return true to cancel, which throws
 * CancelledError at the next check. `onRun` receives each run's curve while it trains
 * (`liveRunIntervalMs` apart at most; the tests pass 0) and when it ends.
 */
export function computeAll(
  p: ExplorerParams,
  progress: (stage: Stage, fraction: number) => boolean | void = () => {},
  inputs: DataInputs = {},
  onRun: RunListener = () => {},
  liveRunIntervalMs = LIVE_RUN_INTERVAL_MS,
): Results {
  const now = () => performance.now();
  const check = (stage: Stage, fraction: number) => {
    if (progress(stage, fraction)) throw new CancelledError();
  };
  const notes: Results['notes'] = [];
  const timings = { download: 0, data: 0, sigma: 0, eigen: 0, criticalPoints: 0, training: 0, trainingSteps: 0 };

  let t0 = now();
  check('data', 0);
  let X = loadData(p, inputs);
  if (p.center) X = centerColumns(X);
  const { rows: T, cols: D } = X;
  timings.data = now() - t0;

  check('sigma', 0);
  t0 = now();
  const sigma = secondMoment(X);
  timings.sigma = now() - t0;
  const traceSigma = trace(sigma);

  check('eigen', 0);
  t0 = now();
  if (!sigma.data.every(Number.isFinite)) throw new Error('Σ = XᵀX overflowed (entries beyond 1.8e308): the data values are too large to square');
  const eigen = eigenSymmetricFast(sigma);
  const diagnostics = diagnose(eigen);
  timings.eigen = now() - t0;

  check('criticalPoints', 0);
  t0 = now();
  const table = enumerateCriticalPoints(eigen, p.d, diagnostics.tolerance, {
    fullRankOnly: p.fullRank,
    seed: p.seed,
    onProgress: (f) => progress('criticalPoints', f) === true,
  });
  if (table.cancelled) throw new CancelledError();
  const order = lossOrder(table);
  const Lstar = globalMinimumLoss(eigen.values, p.d);
  let hessians: HessianResult[] | null = null;
  if (hessianPolicy(D, p.d) === 'allPoints') {
    hessians = [];
    for (let r = 0; r < table.count; r++) {
      if ((r & 15) === 0) check('criticalPoints', r / table.count);
      hessians.push(hessianAt(sigma, eigen, tableRow(table, r).I, p.d, diagnostics.tolerance, p.seed));
    }
  }
  timings.criticalPoints = now() - t0;

  t0 = now();
  const λ1 = eigen.values[0];
  const trajectories: TrajectoryResult[] = [];
  if (!(λ1 > 0)) notes.push({ path: 'trajectories', reason: 'Σ = 0: there is nothing to learn, so no run was trained' });
  else if (!Number.isFinite(p.lr / λ1))
    notes.push({ path: 'trajectories', reason: `λ₁ = ${λ1} is so small that the step lr/λ₁ overflows: no run was trained (rescale the data)` });
  else {
    const eta = p.lr / λ1;
    const totalSteps = p.runs * p.steps;
    const snapshots = p.runs * logSpacedSteps(p.steps).length * 2 * D * p.d <= SNAPSHOT_LIMIT;
    if (!snapshots) notes.push({ path: 'trajectories', reason: 'too many weights to keep snapshots: runs are not projected onto the loss slice' });
    for (let r = 0; r < p.runs; r++) {
      const { A0, B0 } = initialWeights(p.seed, r, D, p.d, p.init, p.initMode);
      check('training', (r * p.steps) / totalSteps);
      let lastLive = now();
      const gd = eigenbasisGradientDescent({
        eigen,
        A0,
        B0,
        eta,
        steps: p.steps,
        snapshots,
        onProgress: (s, recorded) => {
          if (recorded.step.length > 1 && now() - lastLive >= liveRunIntervalMs) {
            lastLive = now();
            onRun({ run: r + 1, step: recorded.step.slice(), loss: recorded.loss.slice(), done: false });
          }
          return progress('training', (r * p.steps + s) / totalSteps) === true;
        },
      });
      if (gd.cancelled) throw new CancelledError();
      timings.trainingSteps += gd.stepsTaken;
      const final = gd.A && gd.B ? { A: gd.A, B: gd.B } : null;
      if (!final) notes.push({ path: `trajectories[${r}].final`, reason: 'the weights overflowed to non-finite values' });
      const last = gd.loss[gd.loss.length - 1];
      onRun({ run: r + 1, step: gd.step, loss: gd.loss, done: true });
      trajectories.push({
        run: r + 1,
        stream: streamForRun(r),
        seed: p.seed,
        lr: p.lr,
        eta,
        A0,
        B0,
        step: gd.step,
        loss: gd.loss,
        diverged: gd.diverged,
        divergedAtStep: gd.divergedAtStep,
        learned: gd.learned,
        visited: gd.visited,
        balancedness: gd.balancedness,
        angles: gd.angles,
        initialStrength: gd.initialStrength,
        snapshots: gd.snapshots,
        final,
        finalI: final ? nearestCriticalPoint(eigen, final.A, final.B).I : null,
        distanceToMinimum: last === undefined ? null : last - Lstar,
      });
    }
  }
  timings.training = now() - t0;

  const keepX = T * D <= EXPORT_X_LIMIT;
  if (!keepX) notes.push({ path: 'X', reason: `T · D = ${T * D} > ${EXPORT_X_LIMIT}: the data matrix is not exported` });
  if (diagnostics.conditionNumber === null) notes.push({ path: 'diagnostics.conditionNumber', reason: 'Σ is singular to tolerance (λ_D ≤ τ)' });
  if (diagnostics.minRelativeGap === null) notes.push({ path: 'diagnostics.minRelativeGap', reason: 'λ₁ = 0 or D < 2' });

  return {
    params: { ...p, D, T },
    D,
    T,
    X: keepX ? X : null,
    sigma,
    traceSigma,
    eigenvalues: eigen.values,
    U: eigen.U,
    diagnostics,
    table,
    order,
    hessians,
    criticalPointsTotal: table.total.toString(),
    globalMinimumLoss: Lstar,
    trajectories,
    timings,
    notes,
  };
}
