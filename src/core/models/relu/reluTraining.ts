/**
 * Training the ReLU model (docs/design.md §7): Adam (or gradient descent) on θ = [W, b], a fresh
 * seeded batch every step, from the paper's initialisation (W Xavier-normal, std √(2/(D + d)),
 * b = 0). The loss curve is the fixed evaluation sample's loss (features.ts), not the training
 * batch's: every run of a setting is then scored on the same samples, without the batch's noise,
 * and the curve ends on the number the best run is chosen by. Deterministic given the options.
 */
import { createRng } from '../../random/random';
import { logSpacedSteps } from '../../training/schedule';
import { evaluationSample, featureStream, importanceWeights, streamForReluBatches, streamForReluInit } from './features';
import { adamState, adamStep, gradientDescentStep } from './optimizers';
import { type ReluKernelChoice, reluKernel } from './reluKernels';

export const RELU_OPTIMIZERS = ['adam', 'gd'] as const;
export type ReluOptimizer = (typeof RELU_OPTIMIZERS)[number];

/** The paper's training defaults: Adam, lr 1e-3, batch 1,024, 10⁴ steps (also the URL's for model=relu, urlSchema.ts). */
export const RELU_DEFAULTS = { optimizer: 'adam' as ReluOptimizer, lr: 1e-3, batch: 1024, steps: 10_000 };

/** onProgress is called every this many steps. */
export const RELU_PROGRESS_EVERY = 250;

/** About this many recorded steps per run by default (log-spaced, with 0 and the last). */
export const RELU_RECORD_COUNT = 160;

export interface ReluRecord {
  /** Steps taken when recorded, ascending, from 0. */
  step: number[];
  /** The evaluation sample's loss after that many steps. */
  loss: number[];
}

export interface ReluTrainingOptions {
  D: number;
  d: number;
  /** S: P(feature = 0). */
  sparsity: number;
  /** r of I_i = r^(i−1); ignored when `importanceVector` is given. */
  importance: number;
  /** An explicit I (length D), e.g. the phase diagram's (1, ratio). */
  importanceVector?: ArrayLike<number>;
  optimizer?: ReluOptimizer;
  lr?: number;
  batch?: number;
  steps?: number;
  seed: number;
  /** 0-based run: its batches and initial weights come from its own streams (features.ts). */
  run?: number;
  /** The evaluation sample (rows × D); by default `evaluationSample(seed, D, sparsity)`. Pass one to share it between runs. */
  evaluation?: Float64Array;
  /** About how many steps to record (log-spaced; 0 and the last always): RELU_RECORD_COUNT by default, 2 for the end point alone. */
  recordCount?: number;
  /** Called every RELU_PROGRESS_EVERY steps; returning true cancels the run. */
  onProgress?: (step: number, recorded: ReluRecord) => boolean | void;
  /** W₀ (d × D) instead of run r's Xavier draw (the phase diagram's mirrored starts); the batches are still run r's. */
  initialW?: ArrayLike<number>;
  /**
   * The kernels of the batch, its loss and gradient and the evaluation loss (reluKernels.ts):
   * 'auto' (default) WebAssembly SIMD where available, 'js' or 'wasm' to force one. Both give the
   * same numbers, to the bit.
   */
  kernels?: ReluKernelChoice;
}

export interface ReluTrainingResult extends ReluRecord {
  /** Final W (d × D row-major) and b; for a diverged run the last ones with a finite loss. */
  W: Float64Array;
  b: Float64Array;
  /** The initial W (b₀ = 0). */
  W0: Float64Array;
  /** The importance weights the loss used. */
  importance: Float64Array;
  /** The evaluation sample's loss at the final W, b (the last entry of `loss`). */
  finalLoss: number;
  cancelled: boolean;
  /** The loss or a parameter became non-finite; the run stopped at the last step with a finite loss. */
  diverged: boolean;
  stepsTaken: number;
}

/** The paper's initial W: iid N(0, 2/(D + d)) entries, row-major, from run r's init stream. */
export function reluInitialWeights(seed: number, run: number, D: number, d: number): Float64Array {
  const rng = createRng(seed, streamForReluInit(run));
  const std = Math.sqrt(2 / (D + d));
  const W = new Float64Array(d * D);
  for (let i = 0; i < W.length; i++) W[i] = std * rng.normal();
  return W;
}

function resolveImportance(o: ReluTrainingOptions): Float64Array {
  if (!o.importanceVector) return importanceWeights(o.D, o.importance);
  if (o.importanceVector.length !== o.D) throw new Error(`trainRelu: importanceVector has ${o.importanceVector.length} entries, expected D = ${o.D}`);
  return Float64Array.from(o.importanceVector);
}

/** NaN exactly when some entry is ±∞ or NaN (x · 0 is 0 for every finite x). */
function nonFiniteProbe(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * 0;
  return s;
}

/** One run of the ReLU model. */
export function trainRelu(options: ReluTrainingOptions): ReluTrainingResult {
  const { D, d, sparsity, seed, onProgress } = options;
  const optimizer = options.optimizer ?? RELU_DEFAULTS.optimizer;
  const lr = options.lr ?? RELU_DEFAULTS.lr;
  const batch = options.batch ?? RELU_DEFAULTS.batch;
  const steps = options.steps ?? RELU_DEFAULTS.steps;
  const run = options.run ?? 0;
  if (!(d >= 1 && d < D)) throw new Error(`trainRelu: need 1 ≤ d < D, got D = ${D}, d = ${d}`);
  const I = resolveImportance(options);
  const evaluation = options.evaluation ?? evaluationSample(seed, D, sparsity);

  const n = d * D;
  const theta = new Float64Array(n + D); // θ = [W, b]
  const W = theta.subarray(0, n);
  const b = theta.subarray(n);
  const W0 = options.initialW ? Float64Array.from(options.initialW) : reluInitialWeights(seed, run, D, d);
  if (W0.length !== n) throw new Error(`trainRelu: initialW has ${W0.length} entries, W has ${n}`);
  W.set(W0);
  const previous = new Float64Array(theta.length);
  const kernel = reluKernel({ D, d, importance: I, maxRows: batch, evaluation }, options.kernels);
  const adam = adamState(theta.length);
  const batches = featureStream(seed, streamForReluBatches(run));

  const schedule = logSpacedSteps(steps, options.recordCount ?? RELU_RECORD_COUNT);
  let next = 0; // index into schedule of the next step to record
  const recorded: ReluRecord = { step: [], loss: [] };
  let cancelled = false;
  let diverged = false;
  let t = 0;
  // θ at the last recorded step, where a diverged run ends if its last θ has no finite loss.
  const snapshot = Float64Array.from(theta);
  let snapshotStep = 0;
  // Record the evaluation loss after t steps; a non-finite one ends the run as diverged.
  const record = (): boolean => {
    const L = kernel.evaluationLoss(W, b);
    if (!Number.isFinite(L)) return false;
    recorded.step.push(t);
    recorded.loss.push(L);
    snapshot.set(theta);
    snapshotStep = t;
    return true;
  };

  for (; t < steps; t++) {
    if (schedule[next] === t) {
      next++;
      if (!record()) {
        diverged = true;
        break;
      }
    }
    if (onProgress && t > 0 && t % RELU_PROGRESS_EVERY === 0 && onProgress(t, recorded) === true) {
      cancelled = true;
      break;
    }
    const L = kernel.sampleLossAndGradient(batches, sparsity, W, b, batch);
    if (!Number.isFinite(L) || Number.isNaN(nonFiniteProbe(kernel.grad))) {
      diverged = true;
      break;
    }
    previous.set(theta);
    if (optimizer === 'adam') adamStep(theta, kernel.grad, adam, lr);
    else gradientDescentStep(theta, kernel.grad, lr);
    if (Number.isNaN(nonFiniteProbe(theta))) {
      theta.set(previous); // back to θ after t steps: nothing non-finite reaches a plot
      diverged = true;
      break;
    }
  }
  // The last step taken is always recorded (the schedule's last entry when the run completes). A
  // diverged run whose last θ has no finite loss (finite weights can still overflow it) ends at
  // the last recorded θ instead, so that W, b, stepsTaken and the curve's last point agree.
  if (recorded.step[recorded.step.length - 1] !== t && !record()) {
    diverged = true;
    theta.set(snapshot);
    t = snapshotStep;
  }
  return {
    step: recorded.step,
    loss: recorded.loss,
    W: W.slice(),
    b: b.slice(),
    W0,
    importance: I,
    finalLoss: recorded.loss[recorded.loss.length - 1] ?? Number.NaN,
    cancelled,
    diverged,
    stepsTaken: t,
  };
}

export interface ReluRunsResult {
  runs: ReluTrainingResult[];
  /** Index into runs of the kept run: the lowest final evaluation loss among those that did not diverge (0 when all did). */
  best: number;
  /** The shared evaluation sample (rows × D). */
  evaluation: Float64Array;
}

/**
 * Runs 0 … runs − 1 of one setting on one evaluation sample; the best is kept, all are returned.
 * onProgress(run, step, recorded) → true cancels (the run under way stops and no later one starts).
 */
export function trainReluRuns(
  options: Omit<ReluTrainingOptions, 'run' | 'onProgress'>,
  runs: number,
  onProgress?: (run: number, step: number, recorded: ReluRecord) => boolean | void,
): ReluRunsResult {
  const evaluation = options.evaluation ?? evaluationSample(options.seed, options.D, options.sparsity);
  const out: ReluTrainingResult[] = [];
  for (let r = 0; r < runs; r++) {
    const result = trainRelu({ ...options, evaluation, run: r, onProgress: onProgress && ((step, rec) => onProgress(r, step, rec)) });
    out.push(result);
    if (result.cancelled) break;
  }
  let best = 0;
  let bestLoss = Number.POSITIVE_INFINITY;
  out.forEach((r, i) => {
    if (!r.diverged && r.finalLoss < bestLoss) {
      bestLoss = r.finalLoss;
      best = i;
    }
  });
  return { runs: out, best, evaluation };
}
