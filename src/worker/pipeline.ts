/**
 * The explorer's whole computation for one state, generic over the model (src/core/models): data →
 * Σ → eigendecomposition → the model's critical points (and their Hessians where the parameter count
 * allows) → gradient descent. Pure (no DOM, no worker API), so it runs in vitest and in the worker.
 */
import { centerColumns } from '../core/data/centering';
import { secondMoment } from '../core/data/secondMoment';
import { lossOrder } from '../core/landscape/criticalPointTable';
import { diagnose } from '../core/landscape/diagnostics';
import { trace } from '../core/linalg/matrix';
import { eigenSymmetricFast } from '../core/linalg/symmetricEigen';
import { decayProfile } from '../core/models/linear/decay';
import { type Landscape, type Model, parameterCount } from '../core/models/model';
import { modelFor, sampledModel } from '../core/models/registry';
import { streamForRun } from '../core/random/random';
import { logSpacedSteps } from '../core/training/schedule';
import { hessianAt } from './detailPipeline';
import { type FinderParams, finderStarts, runFinders, trajectoryStartSteps } from './finderPipeline';
import { type DataInputs, loadData } from './loadData';
import type { ComputeParams, HessianResult, ModelSummary, Results, Stage, TrajectoryResult } from './protocol';
import { computeRelu, reluData } from './reluPipeline';

export const EXPORT_X_LIMIT = 200_000;
/** The finders' limit: each Newton-MR iterate solves with up to 2n + 10 Hessian-vector products, and past HESSIAN_ON_DEMAND_MAX the index takes up to 600 more (block Lanczos). */
const FINDER_MAX_PARAMETERS = 2000;
/** Largest runs · recorded steps · n (the parameter count) numbers kept as weight snapshots for the slice plot. */
const SNAPSHOT_LIMIT = 4_000_000;

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * A run's loss curve so far (`done` false, at most every LIVE_RUN_INTERVAL_MS while it trains) and
 * once finished (`done` true), sent before the whole job ends so the page can show runs as they go.
 */
export type RunListener = (run: { run: number; step: number[]; loss: number[]; done: boolean }) => void;
const LIVE_RUN_INTERVAL_MS = 100;

function summary(model: Model, D: number, d: number): ModelSummary {
  return {
    id: model.id,
    title: model.title,
    blocks: model.blocks(D, d),
    transposes: model.transposes,
    parameterCount: parameterCount(model, D, d),
    hessianScope: model.hessianScope(D, d),
  };
}

/**
 * Runs every stage for `p`. `progress(stage, fraction)` may return true to cancel, which throws
 * CancelledError at the next check. `onRun` receives each run's curve while it trains
 * (`liveRunIntervalMs` apart at most; the tests pass 0) and when it ends.
 */
export function computeAll(
  p: ComputeParams,
  progress: (stage: Stage, fraction: number) => boolean | void = () => {},
  inputs: DataInputs = {},
  onRun: RunListener = () => {},
  liveRunIntervalMs = LIVE_RUN_INTERVAL_MS,
): Results {
  const now = () => performance.now();
  const check = (stage: Stage, fraction: number) => {
    if (progress(stage, fraction)) throw new CancelledError();
  };
  // A sampled model (the ReLU model) is drawn against a landscape model's closed form on its own evaluation sample.
  const sampled = sampledModel(p.model);
  const model = modelFor(p.model);
  const set = model.criticalSet;
  if (!set) throw new Error(`the ${model.title} has no closed-form critical set to show`);
  const notes: Results['notes'] = [];
  const timings = { download: 0, data: 0, sigma: 0, eigen: 0, criticalPoints: 0, training: 0, trainingSteps: 0 };

  let t0 = now();
  check('data', 0);
  const relu = sampled ? reluData(p) : null;
  let X = relu ? relu.X : loadData(p, inputs);
  if (p.center && !relu) X = centerColumns(X);
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
  const land: Landscape = { sigma, eigen, d: p.d, τ: diagnostics.tolerance, μ: decayProfile(p.wd * eigen.values[0], p.d, p.wdProfile) };
  const modelSummary = summary(model, D, p.d);

  check('criticalPoints', 0);
  t0 = now();
  const table = set.enumerate(land, { fullRankOnly: p.fullRank, seed: p.seed, onProgress: (f) => progress('criticalPoints', f) === true });
  if (table.cancelled) throw new CancelledError();
  const order = lossOrder(table);
  const Lstar = set.globalMinimumLoss(land);
  let hessians: HessianResult[] | null = null;
  if (modelSummary.hessianScope === 'allPoints') {
    hessians = [];
    for (let r = 0; r < table.count; r++) {
      if ((r & 15) === 0) check('criticalPoints', r / table.count);
      hessians.push(hessianAt(model, land, Array.from(table.I.subarray(table.offsets[r], table.offsets[r + 1])), p.seed));
    }
  }
  timings.criticalPoints = now() - t0;

  t0 = now();
  const λ1 = eigen.values[0];
  const trajectories: TrajectoryResult[] = [];
  const kept: { run: number; n: number; step: number; θ: Float64Array }[] = [];
  if (!(λ1 > 0)) notes.push({ path: 'trajectories', reason: 'Σ = 0: there is nothing to learn, so no run was trained' });
  else if (!Number.isFinite(p.lr / λ1))
    notes.push({ path: 'trajectories', reason: `λ₁ = ${λ1} is so small that the step lr/λ₁ overflows: no run was trained (rescale the data)` });
  else if (!sampled) {
    const eta = p.lr / λ1;
    if (model.lrLimit !== null && p.lr >= model.lrLimit)
      notes.push({
        path: 'trajectories',
        reason: `lr = ${p.lr} ≥ ${model.lrLimit}: the ${model.title} is stable only below lr = ${model.lrLimit} (its sharpness at the minimum is larger than the seed model’s), so gradient descent may diverge or end on a wrong point (docs/design.md §5)`,
      });
    const totalSteps = p.runs * p.steps;
    // The finders' trajectory starts: θ at log-spaced steps of every run (docs/design.md §6).
    const findersOn = p.finders.length > 0 && p.finderFrom !== 'random';
    const keepSteps = findersOn ? new Set(trajectoryStartSteps(p.steps, Math.ceil(p.finderStarts / p.runs))) : undefined;
    const snapshots = p.runs * logSpacedSteps(p.steps).length * modelSummary.parameterCount <= SNAPSHOT_LIMIT;
    if (!snapshots) notes.push({ path: 'trajectories', reason: 'too many weights to keep snapshots: runs are not projected onto the loss slice' });
    for (let r = 0; r < p.runs; r++) {
      const theta0 = model.initialParameters(p.seed, r, D, p.d, p.init, p.initMode);
      check('training', (r * p.steps) / totalSteps);
      let lastLive = now();
      const run = model.train(land, theta0, {
        eta,
        steps: p.steps,
        snapshots,
        keepSteps,
        onProgress: (s, recorded) => {
          if (recorded.step.length > 1 && now() - lastLive >= liveRunIntervalMs) {
            lastLive = now();
            onRun({ run: r + 1, step: recorded.step.slice(), loss: recorded.loss.slice(), done: false });
          }
          return progress('training', (r * p.steps + s) / totalSteps) === true;
        },
      });
      if (run.cancelled) throw new CancelledError();
      kept.push(...run.kept.map((k, n) => ({ run: r + 1, n, step: k.step, θ: k.θ })));
      timings.trainingSteps += run.stepsTaken;
      if (!run.final) notes.push({ path: `trajectories[${r}].final`, reason: 'the weights overflowed to non-finite values' });
      const last = run.loss[run.loss.length - 1];
      onRun({ run: r + 1, step: run.step, loss: run.loss, done: true });
      trajectories.push({
        run: r + 1,
        stream: streamForRun(r),
        seed: p.seed,
        lr: p.lr,
        eta,
        theta0,
        step: run.step,
        loss: run.loss,
        diverged: run.diverged,
        divergedAtStep: run.divergedAtStep,
        final: run.final,
        visited: run.visited,
        finalI: run.final ? set.nearest(land, run.final) : null,
        distanceToMinimum: last === undefined ? null : last - Lstar,
        records: run.records,
      });
    }
  }
  timings.training = now() - t0;

  let reluResults: Results['relu'] = null;
  if (relu) {
    reluResults = computeRelu(p, relu, Lstar, (stage, f) => progress(stage, f) === true, onRun, liveRunIntervalMs);
    if (!reluResults) throw new CancelledError();
  }

  let finders: Results['finders'] = null;
  if (p.finders.length > 0 && !sampled) {
    if (modelSummary.parameterCount > FINDER_MAX_PARAMETERS)
      notes.push({
        path: 'finders',
        reason: `the finders were not run: ${modelSummary.parameterCount} parameters > ${FINDER_MAX_PARAMETERS} (each Newton step solves with up to 2n Hessian-vector products, and each end point's index takes up to 600 more)`,
      });
    else {
      t0 = now();
      const fp: FinderParams = {
        methods: p.finders,
        starts: p.finderStarts,
        from: p.finderFrom,
        iterations: p.finderIters,
        cutoff: p.cutoff,
        scale: p.finderScale,
        seed: p.seed,
      };
      // Starts spread over the runs: the first kept θ of every run, then the second, …
      const order = [...kept].sort((a, b) => a.n - b.n || a.run - b.run);
      const runs = runFinders(model, land, finderStarts(model, land, order, fp), fp, traceSigma, (f) => progress('finders', f));
      if (!runs) throw new CancelledError();
      finders = { params: fp, runs, ms: now() - t0 };
    }
  }

  const keepX = T * D <= EXPORT_X_LIMIT;
  if (!keepX) notes.push({ path: 'X', reason: `T · D = ${T * D} > ${EXPORT_X_LIMIT}: the data matrix is not exported` });
  if (diagnostics.conditionNumber === null) notes.push({ path: 'diagnostics.conditionNumber', reason: 'Σ is singular to tolerance (λ_D ≤ τ)' });
  if (diagnostics.minRelativeGap === null) notes.push({ path: 'diagnostics.minRelativeGap', reason: 'λ₁ = 0 or D < 2' });

  return {
    params: { ...p, D, T },
    model: modelSummary,
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
    μ: land.μ,
    trajectories,
    finders,
    relu: reluResults,
    timings,
    notes,
  };
}
