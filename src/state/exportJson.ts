import { tableRow } from '../core/landscape/criticalPointTable';
import { type Matrix, toRows } from '../core/linalg/matrix';
import { namedMatrices } from '../core/models/model';
import { criticalPointTableSummary } from '../text/criticalPointTableSummary';
import { indexTolerance } from '../worker/finderPipeline';
import type { DetailResults, HessianResult, ModelSummary, Results } from '../worker/protocol';
import { type ExplorerParams, URL_SCHEMA } from './urlSchema';

const EXPORT_SCHEMA = 'lae-explorer/v1';
/** Most critical points written to one export. */
const EXPORT_POINTS = 200_000;

/** Every key with its effective value after validation (including the ones the data fixes). */
function effectiveParams(p: ExplorerParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of URL_SCHEMA) out[spec.key] = (p as unknown as Record<string, unknown>)[spec.key];
  return out;
}

/** Non-finite numbers never reach the export: they become null and a note says why. */
function finiteOrNull(x: number, path: string, notes: { path: string; reason: string }[]): number | null {
  if (Number.isFinite(x)) return x;
  notes.push({ path, reason: `value ${x} is not finite` });
  return null;
}

const rows = (m: Matrix) => toRows(m);

/** θ as the model's named matrices, row by row (the linear model: A and B; the tied model: A = Bᵀ and B), each name with `suffix`. */
function blockRows(model: ModelSummary, θ: Float64Array, suffix = ''): Record<string, number[][]> {
  const out: Record<string, number[][]> = {};
  for (const [name, m] of Object.entries(namedMatrices(model.blocks, model.transposes, θ))) out[`${name}${suffix}`] = rows(m);
  return out;
}

const hessianJson = (h: HessianResult, model: ModelSummary) => ({
  negative: h.negative,
  zero: h.zero,
  positive: h.positive,
  eigenvalues: Array.from(h.eigenvalues),
  ...blockRows(model, h.theta),
});

/**
 * The "Export JSON" document of docs/design.md §3 for the results on screen. `detail` adds the
 * on-demand Hessian of the selected point where it was not computed for every point.
 */
export function buildExport(results: Results, params: ExplorerParams, url: string, detail: DetailResults | null = null): Record<string, unknown> {
  const notes = [...results.notes];
  const { D } = results;
  const model = results.model;
  const eigenvectors: number[][] = [];
  for (let i = 0; i < D; i++) {
    const u: number[] = [];
    for (let r = 0; r < D; r++) u.push(results.U.data[r * D + i]);
    eigenvectors.push(u);
  }
  // Every listed point, lowest loss first, up to EXPORT_POINTS (a JSON of 10⁶ points is ~100 MB).
  const t = results.table;
  const listed = results.order.length > EXPORT_POINTS ? results.order.subarray(0, EXPORT_POINTS) : results.order;
  if (listed.length < t.count)
    notes.push({
      path: 'criticalPoints',
      reason: `the ${EXPORT_POINTS.toLocaleString('en')} lowest of ${t.count.toLocaleString('en')} listed points are exported`,
    });
  if (!t.complete) notes.push({ path: 'criticalPoints', reason: criticalPointTableSummary(t) });
  // Under the ordered profile a point is an assignment σ (docs/design.md §5): exported as `sigma`, with `I` its eigen-indices.
  const assignments = t.points === 'assignments';
  const usedOf = (σ: number[]) => σ.filter((i) => i !== 0).sort((a, b) => a - b);
  const pointKey = (key: number[]) => (assignments ? { I: usedOf(key), sigma: key } : { I: key });
  return {
    schema: EXPORT_SCHEMA,
    url,
    params: effectiveParams({ ...params, D: results.D, T: results.T }),
    X: results.X ? rows(results.X) : null,
    sigma: rows(results.sigma),
    eigenvalues: Array.from(results.eigenvalues),
    eigenvectors,
    diagnostics: {
      tolerance: results.diagnostics.tolerance,
      conditionNumber: results.diagnostics.conditionNumber,
      minRelativeGap: results.diagnostics.minRelativeGap,
      rank: results.diagnostics.rank,
    },
    mu: Array.from(results.μ),
    globalMinimumLoss: results.globalMinimumLoss,
    criticalPointsTotal: results.criticalPointsTotal,
    criticalPointsListed: listed.length,
    criticalPoints: Array.from(listed, (n) => {
      const c = tableRow(t, n);
      const h = results.hessians?.[n] ?? (detail?.hessian && detail.I.join(',') === c.I.join(',') ? detail.hessian : null);
      return { ...pointKey(c.I), loss: c.loss, index: c.index, zeros: c.zeros, positive: c.positive, ...(h ? { hessian: hessianJson(h, model) } : {}) };
    }),
    trajectories: results.trajectories.map((t, r) => ({
      run: t.run,
      seed: t.seed,
      stream: t.stream,
      lr: t.lr,
      eta: t.eta,
      ...blockRows(model, t.theta0, '0'),
      step: t.step,
      loss: t.loss.map((l, j) => finiteOrNull(l, `trajectories[${r}].loss[${j}]`, notes)),
      diverged: t.diverged,
      divergedAtStep: t.divergedAtStep,
      visited: t.visited.map((v) => ({ step: v.step, ...pointKey(v.I) })),
      final: t.final ? blockRows(model, t.final) : null,
      ...(assignments ? { finalI: t.finalI && usedOf(t.finalI), finalSigma: t.finalI } : { finalI: t.finalI }),
    })),
    ...(results.finders
      ? {
          // docs/design.md §6's export; each run also has its start's place, the ‖∇L‖² trace and the agreement parts.
          finders: {
            cutoff: results.finders.params.cutoff,
            indexTolerance: indexTolerance(results.diagnostics.tolerance, results.finders.params.cutoff, results.eigenvalues[0]),
            methods: results.finders.params.methods,
            ms: results.finders.ms,
            runs: results.finders.runs.map((f) => ({
              method: f.method,
              start: f.start.kind,
              startAt: f.start.at,
              iterations: f.iterations,
              ...blockRows(model, f.start.θ, '0'),
              ...blockRows(model, f.θ),
              gradNormSq: f.gradNormSq,
              loss: f.loss,
              verdict: f.verdict,
              ...(assignments ? { matchedI: usedOf(f.matchedI), matchedSigma: f.matchedI } : { matchedI: f.matchedI }),
              hessian: f.hessian,
              lanczos: f.lanczos,
              index: f.index,
              lossAgrees: f.lossAgrees,
              indexAgrees: f.indexAgrees,
              agrees: f.agrees,
              trace: f.trace,
            })),
          },
        }
      : {}),
    ...(results.relu ? { relu: reluJson(results, notes) } : {}),
    timings: { ...results.timings },
    notes,
  };
}

/**
 * docs/design.md §7's `relu`, the best run's: W, b, the curve, the export's sample and the losses
 * on it (tests/reference/relu_export.py recomputes them); also every run, the evaluation sample's
 * baselines (the page's numbers), the feature geometry and the phase diagram.
 */
function reluJson(results: Results, notes: { path: string; reason: string }[]): Record<string, unknown> {
  const r = results.relu as NonNullable<Results['relu']>;
  const { D } = results;
  const d = results.params.d;
  const weights = (w: Float64Array) => rows({ rows: d, cols: D, data: w });
  const best = r.runs[r.best];
  const finite = (xs: number[], path: string) => xs.map((x, j) => finiteOrNull(x, `${path}[${j}]`, notes));
  return {
    W: weights(best.W),
    b: Array.from(best.b),
    importance: Array.from(r.I),
    sparsity: results.params.sparsity,
    optimizer: results.params.optimizer,
    lr: results.params.lr,
    batch: results.params.batch,
    steps: results.params.steps,
    bestRun: best.run,
    step: best.step,
    loss: finite(best.loss, 'relu.loss'),
    evaluationRows: r.evaluationRows,
    sample: rows(r.sample),
    sampleLoss: r.sampleLoss,
    linearOptimumLoss: r.sampleLinearOptimumLoss,
    linearNoBiasLoss: r.sampleLinearNoBiasLoss,
    evaluationLinearOptimumLoss: r.linearOptimumLoss,
    evaluationLinearNoBiasLoss: r.linearNoBiasLoss,
    featureNorms: Array.from(r.featureNorms),
    superposition: Array.from(r.superposition),
    dimensionality: Array.from(r.dimensionality),
    adjacentAnglesDegrees: r.angles ? r.angles.gaps.map((g) => (g * 180) / Math.PI) : null,
    runs: r.runs.map((run) => ({
      run: run.run,
      finalLoss: finiteOrNull(run.finalLoss, `relu.runs[${run.run - 1}].finalLoss`, notes),
      diverged: run.diverged,
      stepsTaken: run.stepsTaken,
      W0: weights(run.W0),
      W: weights(run.W),
      b: Array.from(run.b),
      step: run.step,
      loss: finite(run.loss, `relu.runs[${run.run - 1}].loss`),
    })),
    phase: r.phase && {
      densities: r.phase.densities,
      ratios: r.phase.ratios,
      regions: r.phase.cells.map((row) => row.map((c) => c.region)),
      W: r.phase.cells.map((row) => row.map((c) => c.W)),
      b: r.phase.cells.map((row) => row.map((c) => c.b)),
    },
    ms: r.ms,
  };
}
