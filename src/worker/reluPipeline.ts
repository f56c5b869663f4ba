/**
 * The ReLU model's part of the compute job (docs/design.md §7): its fixed evaluation sample, which
 * is also the data of the linear landscape it is drawn against (scaled by √I, so the linear loss is
 * the same importance-weighted loss), its runs (several seeds, the best kept), the best run's
 * feature geometry, both linear baselines, the export's sample and, when asked, the D = 2, d = 1
 * phase diagram. Pure, like pipeline.ts.
 */
import type { Matrix } from '../core/linalg/matrix';
import { evaluationSample, importanceWeights, RELU_EVALUATION_ROWS } from '../core/models/relu/features';
import { importanceScaled, linearBaselines, linearOptimumLoss } from '../core/models/relu/linearBaselines';
import { phaseDiagram } from '../core/models/relu/phaseDiagram';
import { reluLoss } from '../core/models/relu/reluLoss';
import { adjacentAngles, featureDimensionality, featureNorms, gramMatrix, superposition } from '../core/models/relu/reluMetrics';
import { trainReluRuns } from '../core/models/relu/reluTraining';
import type { RunListener } from './pipeline';
import type { ComputeParams, ReluResults } from './protocol';

/** The export's sample: the first this many rows of the evaluation sample (docs/design.md §7). */
export const RELU_EXPORT_ROWS = 1024;

export interface ReluData {
  /** The evaluation sample (RELU_EVALUATION_ROWS × D, unscaled features). */
  evaluation: Float64Array;
  I: Float64Array;
  /** Its rows scaled by √I: the linear landscape's data (the same weighted loss, docs/design.md §1 "Sparse features"). */
  X: Matrix;
}

export function reluData(p: Pick<ComputeParams, 'seed' | 'D' | 'sparsity' | 'importance'>): ReluData {
  const evaluation = evaluationSample(p.seed, p.D, p.sparsity);
  const I = importanceWeights(p.D, p.importance);
  return { evaluation, I, X: { rows: RELU_EVALUATION_ROWS, cols: p.D, data: importanceScaled(evaluation, p.D, I) } };
}

/**
 * `globalMinimumLoss` is the linear landscape's L* = Σ_{i>d} λ_i(Σ) on `data.X` (a sum over its rows),
 * so L* divided by its row count is the no-bias baseline on the evaluation sample, not formed again here.
 * `progress(stage, fraction)` returns true to cancel; the result is then null. `onRun` receives each
 * run's curve while it trains (at most every `liveRunIntervalMs`) and when it ends, as the linear
 * runs' are streamed (pipeline.ts's RunListener).
 */
export function computeRelu(
  p: ComputeParams,
  data: ReluData,
  globalMinimumLoss: number,
  progress: (stage: 'relu' | 'phase', fraction: number) => boolean,
  onRun: RunListener = () => {},
  liveRunIntervalMs = 0,
): ReluResults | null {
  const { D, d } = p;
  const t0 = performance.now();
  let lastLive = performance.now();
  const options = { D, d, sparsity: p.sparsity, importance: p.importance, optimizer: p.optimizer, lr: p.lr, batch: p.batch, steps: p.steps, seed: p.seed };
  const trained = trainReluRuns({ ...options, evaluation: data.evaluation }, p.runs, (run, step, recorded) => {
    if (recorded.step.length > 1 && performance.now() - lastLive >= liveRunIntervalMs) {
      lastLive = performance.now();
      onRun({ run: run + 1, step: recorded.step.slice(), loss: recorded.loss.slice(), done: false });
    }
    return progress('relu', (run * p.steps + step) / (p.runs * p.steps));
  });
  for (const [k, r] of trained.runs.entries()) if (!r.cancelled) onRun({ run: k + 1, step: r.step, loss: r.loss, done: true });
  if (trained.runs.some((r) => r.cancelled)) return null;
  const best = trained.runs[trained.best];
  let phase: ReluResults['phase'] = null;
  if (p.phase) {
    const diagram = phaseDiagram({ seed: p.seed, onProgress: (done, total) => progress('phase', done / total) });
    if (diagram.cancelled) return null;
    phase = diagram;
  }
  const rows = Math.min(RELU_EXPORT_ROWS, RELU_EVALUATION_ROWS);
  const sample = data.evaluation.subarray(0, rows * D);
  const onSample = linearBaselines(sample, D, d, data.I);
  return {
    I: data.I,
    runs: trained.runs.map((r, k) => ({
      run: k + 1,
      step: r.step,
      loss: r.loss,
      W: r.W,
      b: r.b,
      W0: r.W0,
      finalLoss: r.finalLoss,
      diverged: r.diverged,
      stepsTaken: r.stepsTaken,
    })),
    best: trained.best,
    evaluationRows: RELU_EVALUATION_ROWS,
    linearOptimumLoss: linearOptimumLoss(data.evaluation, D, d, data.I),
    linearNoBiasLoss: globalMinimumLoss / RELU_EVALUATION_ROWS,
    featureNorms: featureNorms(best.W, D),
    superposition: superposition(best.W, D),
    dimensionality: featureDimensionality(best.W, D),
    gram: gramMatrix(best.W, D),
    angles: d === 2 ? adjacentAngles(best.W, D) : null,
    sample: { rows, cols: D, data: sample },
    sampleLoss: reluLoss(best.W, best.b, data.I, sample, rows, D),
    sampleLinearOptimumLoss: onSample.optimumLoss,
    sampleLinearNoBiasLoss: onSample.noBiasLoss,
    phase,
    ms: performance.now() - t0,
  };
}
