/**
 * The contract between the page and the worker: what a computation is asked (ComputeParams, the
 * URL keys that change results), what it returns (Results, DetailResults) and the messages that
 * carry them. Types only, imported by the worker, the store, the export and the plots; nothing here
 * imports from src/state, and src/worker and src/plots import results types only from here.
 */
import type { Dataset } from '../core/data/datasets';
import type { FinderMethod } from '../core/finders/finderRun';
import type { CriticalPointTable } from '../core/landscape/criticalPointTable';
import type { Diagnostics } from '../core/landscape/diagnostics';
import type { Eigen } from '../core/linalg/eigen';
import type { Matrix } from '../core/linalg/matrix';
import type { PathChoice } from '../core/models/linear/paths';
import type { RunSnapshots, SliceResult } from '../core/models/linear/slice';
import type { ClosedFormInertia, HessianScope, ModelId, ParameterBlock, Visit } from '../core/models/model';
import type { ModelPointDetail, ModelRecords } from '../core/models/registry';
import type { PhaseDiagram } from '../core/models/relu/phaseDiagram';
import type { ReluOptimizer } from '../core/models/relu/reluTraining';
import type { DigitsUrls } from './digitsLoader';
import type { FinderParams, FinderResult } from './finderPipeline';

/** The URL keys a computation reads (docs/design.md §3); the view keys (norm, cp, run, tour, present) never reach the worker. */
export interface ComputeParams {
  v: number;
  model: ModelId;
  data: Dataset;
  D: number;
  T: number;
  d: number;
  seed: number;
  spectrum: string;
  rotate: boolean;
  exact: boolean;
  center: boolean;
  sparsity: number;
  importance: number;
  pool: 1 | 2;
  /** Weight decay μ = wd · λ₁ (docs/design.md §5); 0 is the seed's model. */
  wd: number;
  /** How μ is spread over the hidden units (docs/design.md §5): every unit μ, or μ_j = μ · j/d (Bao et al. 2020). */
  wdProfile: 'uniform' | 'ordered';
  lr: number;
  steps: number;
  runs: number;
  init: number;
  initMode: 'random' | 'balanced';
  /** The ReLU model's optimiser, batch size and whether to compute the D = 2, d = 1 phase diagram (docs/design.md §7). */
  optimizer: ReluOptimizer;
  batch: number;
  phase: boolean;
  fullRank: boolean;
  /** Numerical critical-point finders to run (docs/design.md §6); empty: none. */
  finders: FinderMethod[];
  /** Starting points per method. */
  finderStarts: number;
  finderFrom: 'trajectory' | 'random' | 'both';
  finderIters: number;
  /** The verdict's cutoff on ‖∇L‖²/λ₁². */
  cutoff: number;
  /** Random starts' entries are N(0, finderScale²). */
  finderScale: number;
}

export type Stage = 'download' | 'data' | 'sigma' | 'eigen' | 'criticalPoints' | 'training' | 'finders' | 'relu' | 'phase';

/** One run of the ReLU model (docs/design.md §7): its evaluation-loss curve and final weights. */
interface ReluRunResult {
  /** 1-based. */
  run: number;
  step: number[];
  /** The evaluation sample's mean weighted loss after that many steps. */
  loss: number[];
  /** W (d × D, row-major; column i is feature i) and b after the last step; W₀ the start (b₀ = 0). */
  W: Float64Array;
  b: Float64Array;
  W0: Float64Array;
  finalLoss: number;
  diverged: boolean;
  stepsTaken: number;
}

/** The ReLU model's results: every run, the best one's geometry, the linear baselines and the phase diagram. */
export interface ReluResults {
  /** Importance I_i = r^(i−1). */
  I: Float64Array;
  runs: ReluRunResult[];
  /** 0-based index of the kept run (lowest final loss among those that did not diverge). */
  best: number;
  evaluationRows: number;
  /** The best linear autoencoder on the evaluation sample and weighting: with a bias (centred, = PCA) and without (the seed's model). */
  linearOptimumLoss: number;
  linearNoBiasLoss: number;
  /** The best run's ‖W_i‖, Σ_{j≠i}(Ŵ_i·W_j)², and the paper's feature dimensionality ‖W_i‖²/Σ_j(Ŵ_i·W_j)². */
  featureNorms: Float64Array;
  superposition: Float64Array;
  dimensionality: Float64Array;
  /** WᵀW (D × D). */
  gram: Matrix;
  /** d = 2: the represented features in angular order and the gaps between neighbours (radians); else null. */
  angles: { features: number[]; gaps: number[] } | null;
  /** The export's sample (the first ≤ 1,024 evaluation rows) and the losses on it (§7's sampleLoss, linearOptimumLoss, linearNoBiasLoss). */
  sample: Matrix;
  sampleLoss: number;
  sampleLinearOptimumLoss: number;
  sampleLinearNoBiasLoss: number;
  phase: PhaseDiagram | null;
  ms: number;
}

/** What the views and the export need to know about the model of the results. */
export interface ModelSummary {
  id: ModelId;
  title: string;
  /** θ's blocks (names and shapes) at the results' D and d. */
  blocks: ParameterBlock[];
  /** Matrices tied to a block's transpose (Model.transposes). */
  transposes: Readonly<Record<string, string>>;
  parameterCount: number;
  hessianScope: HessianScope;
}

export interface TrajectoryResult {
  /** 1-based run number. */
  run: number;
  stream: number;
  seed: number;
  lr: number;
  eta: number;
  /** Initial parameters, θ's blocks concatenated (ModelSummary.blocks). */
  theta0: Float64Array;
  step: number[];
  loss: number[];
  diverged: boolean;
  divergedAtStep: number | null;
  /** Parameters after the last step; null when they overflowed to non-finite values. */
  final: Float64Array | null;
  /** The nearest critical point, each time it changed (tracked at every step). */
  visited: Visit[];
  /** Nearest critical point at the end (1-based I), null if diverged to non-finite weights. */
  finalI: number[] | null;
  /** Last recorded loss minus L*. */
  distanceToMinimum: number | null;
  /** What the model records along a run for its views (the linear model: diag P, angles, balancedness, snapshots). */
  records: ModelRecords;
}

/** The exact Hessian at a representative of a critical point, and whether its inertia is the closed form's. */
export interface HessianResult {
  negative: number;
  zero: number;
  positive: number;
  /** Ascending. */
  eigenvalues: Float64Array;
  /** The representative it was taken at (a random gauge), θ's blocks concatenated. */
  theta: Float64Array;
  /** Inertia equals the closed form's (index, zeros, positive). */
  agrees: boolean;
}

export interface Results {
  params: ComputeParams;
  model: ModelSummary;
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
  /** The exact Hessian at every listed point (aligned with the rows) when the model's scope is 'allPoints'. */
  hessians: HessianResult[] | null;
  /** table.total as a decimal string. */
  criticalPointsTotal: string;
  globalMinimumLoss: number;
  /** Weight decay μ_j of each hidden unit (docs/design.md §5): all wd · λ₁ (uniform) or wd · λ₁ · j/d (ordered); zeros without decay. */
  μ: Float64Array;
  trajectories: TrajectoryResult[];
  timings: Record<Exclude<Stage, 'finders' | 'relu' | 'phase'>, number> & { trainingSteps: number };
  /** The ReLU model's runs (docs/design.md §7) when model=relu, else null; the landscape above is then the linear one of its evaluation sample. */
  relu: ReluResults | null;
  /** The finders' runs, scored (docs/design.md §6); null when none were asked for or they could not run (a note says why). */
  finders: { params: FinderParams; runs: FinderResult[]; ms: number } | null;
  notes: { path: string; reason: string }[];
}

/**
 * The on-demand account of one critical point: its loss and closed-form inertia, the exact Hessian
 * at a random-gauge representative (where the model's Hessian scope allows), and the model's own
 * detail (the linear model: W_I, Proposition-1 residuals, descent directions, a path, the slice).
 */
export type DetailResults = {
  I: number[];
  loss: number;
  closed: ClosedFormInertia;
  hessian: HessianResult | null;
  /** How the representative was built (ClosedFormCriticalSet.gauge). */
  gauge: string;
} & ModelPointDetail;

/** What a detail job needs from the main results; sent once per results, then referenced by id. */
export interface DetailContext {
  id: number;
  model: ModelId;
  sigma: Matrix;
  eigen: Eigen;
  d: number;
  τ: number;
  μ: Float64Array;
  seed: number;
  runs: RunSnapshots[];
}

export type { PathChoice, SliceResult };

export type ToWorker =
  | { type: 'compute'; jobId: number; params: ComputeParams; custom: Matrix | null; digitsUrls: DigitsUrls }
  | { type: 'context'; context: DetailContext }
  | { type: 'detail'; jobId: number; contextId: number; I: number[]; path: PathChoice | null };

export type FromWorker =
  | { type: 'progress'; jobId: number; stage: Stage; fraction: number }
  | { type: 'run'; jobId: number; run: number; step: number[]; loss: number[]; done: boolean }
  | { type: 'result'; jobId: number; results: Results }
  | { type: 'detail'; jobId: number; detail: DetailResults }
  | { type: 'error'; jobId: number; message: string };
