/**
 * The Model interface (docs/design.md §4–§5): one landscape per model, chosen by the URL key
 * `model`. The pipeline, the worker protocol, the export and the views reach a model only through
 * this interface, so a new model is new files (an implementation and its registry entry), not
 * branches across the tree. Parameters travel as one vector θ, the concatenation of the model's
 * named blocks, each row-major (the linear model: A (D × d), then B (d × D)).
 */
import type { CriticalPointTable } from '../landscape/criticalPointTable';
import type { EnumerateOptions } from '../landscape/enumerationWork';
import type { Eigen } from '../linalg/eigen';
import { type Matrix, transpose } from '../linalg/matrix';
import type { Rng } from '../random/random';

/** Every model the explorer knows; the first is the default (the URL omits it). */
export const MODEL_IDS = ['linear', 'tied', 'relu'] as const;
export type ModelId = (typeof MODEL_IDS)[number];
/**
 * The models with a landscape over Σ (this file's Model interface). The others are trained on
 * sampled data and drawn against one of these on the same data (registry.ts, `sampledModel`).
 */
export type LandscapeModelId = Exclude<ModelId, 'relu'>;

/** What a model's landscape is computed from: the data's second moment and the hidden width. */
export interface Landscape {
  /** Σ = XᵀX (D × D). */
  sigma: Matrix;
  /** Σ = U Λ Uᵀ, λ descending. */
  eigen: Eigen;
  d: number;
  /** The one tolerance τ = 1e-9 · λ₁ (docs/design.md §1). */
  τ: number;
  /** Weight decay μ_j of each hidden unit (length d; docs/design.md §5): all wd · λ₁ (uniform), or wd · λ₁ · j/d (ordered); zeros without decay. */
  μ: Float64Array;
}

/** The landscape's one decay μ when every unit has the same (0 without decay); throws for a per-unit profile, which has no table of sets I. */
export function uniformDecay(land: Pick<Landscape, 'μ'>): number {
  const μ = land.μ[0] ?? 0;
  if (!land.μ.every((m) => m === μ)) throw new RangeError('the ordered decay profile has no critical set indexed by sets I');
  return μ;
}

/** Whether every hidden unit has the same decay (no decay included); the ordered profile's do not. */
export const hasUniformDecay = (land: Pick<Landscape, 'μ'>): boolean => land.μ.every((m) => m === land.μ[0]);

/** A named block of θ, row-major. */
export interface ParameterBlock {
  name: string;
  rows: number;
  cols: number;
}

/** Hessian inertia counts by a closed form: negative (the Morse index), zero and positive eigenvalues. */
export interface ClosedFormInertia {
  index: number;
  zeros: number;
  positive: number;
}

/** Where the exact Hessian is formed: at every listed critical point, at the selected one only, or never. */
export type HessianScope = 'allPoints' | 'onDemand' | 'closedFormOnly';

/** The exact Hessian of n parameters is formed for every listed point up to this n, … */
const HESSIAN_ALL_POINTS_MAX = 64;
/** … for the selected point up to this n, and never above it (the page then shows the closed form alone and says so). */
export const HESSIAN_ON_DEMAND_MAX = 600;

export function hessianScopeFor(n: number): HessianScope {
  if (n <= HESSIAN_ALL_POINTS_MAX) return 'allPoints';
  if (n <= HESSIAN_ON_DEMAND_MAX) return 'onDemand';
  return 'closedFormOnly';
}

/**
 * The critical set of a model that has one in closed form, indexed by keys: sets I of eigen-indices
 * (1-based), or under the ordered decay profile assignments σ (the table's `points` says which).
 */
export interface ClosedFormCriticalSet {
  /** Every critical point (or, past the listing cap, the lowest of each rank) with loss and inertia. */
  enumerate(landscape: Landscape, options?: EnumerateOptions): CriticalPointTable;
  /** L(I). */
  loss(landscape: Landscape, I: number[]): number;
  /** The closed-form inertia at I. */
  inertia(landscape: Landscape, I: number[]): ClosedFormInertia;
  /** The lowest loss of all, L*. */
  globalMinimumLoss(landscape: Landscape): number;
  /** A representative θ of I: canonical, or in a random gauge drawn from `gauge` (where Hessians are checked). */
  representative(landscape: Landscape, I: number[], gauge?: Rng): Float64Array;
  /** How the random-gauge representative is built, in a line (the detail panel's caption). */
  gauge(landscape: Landscape): string;
  /** The critical point a θ is nearest to, by the closed form. */
  nearest(landscape: Landscape, θ: Float64Array): number[];
}

/** A critical set that is one of several, picked per landscape (e.g. by the decay profile). */
export function criticalSetBy(pick: (land: Landscape) => ClosedFormCriticalSet): ClosedFormCriticalSet {
  return {
    enumerate: (land, options) => pick(land).enumerate(land, options),
    loss: (land, I) => pick(land).loss(land, I),
    inertia: (land, I) => pick(land).inertia(land, I),
    globalMinimumLoss: (land) => pick(land).globalMinimumLoss(land),
    representative: (land, I, gauge) => pick(land).representative(land, I, gauge),
    gauge: (land) => pick(land).gauge(land),
    nearest: (land, θ) => pick(land).nearest(land, θ),
  };
}

/** When and how a run trains. */
export interface TrainingOptions {
  eta: number;
  steps: number;
  /** Keep the eigenbasis weights at every recorded step (for projections onto loss slices). */
  snapshots: boolean;
  /** Called now and then with the step reached and what is recorded so far (live arrays); true cancels. */
  onProgress?: (step: number, recorded: { step: readonly number[]; loss: readonly number[] }) => boolean | void;
  /** Steps at which to keep θ itself (the finders' starting points along the run, docs/design.md §6). */
  keepSteps?: ReadonlySet<number>;
}

/** A critical point a run came nearest to, from the step it first was (1-based I). */
export interface Visit {
  step: number;
  I: number[];
}

/** One gradient-descent run; `records` are what the model's views show about where the run is. */
export interface TrainingRun<Records> {
  /** Recorded steps and the loss after that many steps. */
  step: number[];
  loss: number[];
  diverged: boolean;
  divergedAtStep: number | null;
  cancelled: boolean;
  stepsTaken: number;
  /** θ after the last step; null when no longer finite. */
  final: Float64Array | null;
  /** The nearest critical point each time it changed (tracked at every step). */
  visited: Visit[];
  /** θ at each of `keepSteps` the run reached, in step order. */
  kept: { step: number; θ: Float64Array }[];
  records: Records;
}

/**
 * `Records` are what its runs record for its views; `Detail` what it shows about a critical point
 * besides the Hessian, computed with `DetailOptions` (the linear model: a path choice and the runs).
 */
export interface Model<Records = unknown, Detail = unknown, DetailOptions = unknown> {
  readonly id: LandscapeModelId;
  /** What the model is, in a few words (page and export). */
  readonly title: string;
  /** θ's blocks at input dimension D and hidden width d. */
  blocks(D: number, d: number): ParameterBlock[];
  /** Matrices the model ties to a block's transpose, name → block (the tied model: A = Bᵀ); shown and exported beside the blocks. */
  readonly transposes: Readonly<Record<string, string>>;
  /** The largest stable lr (a fraction of 1/λ₁), where the model has one below the seed's; null otherwise. */
  readonly lrLimit: number | null;
  loss(landscape: Landscape, θ: Float64Array): number;
  /** The loss and its analytic gradient ∇L(θ). */
  gradient(landscape: Landscape, θ: Float64Array): { loss: number; gradient: Float64Array };
  /** The exact Hessian, n × n for n = θ.length (small models only). */
  hessian(landscape: Landscape, θ: Float64Array): Matrix;
  /** H(θ) v without forming H. */
  hessianVector(landscape: Landscape, θ: Float64Array, v: Float64Array): Float64Array;
  /** v ↦ H(θ) v at one θ, with what depends on θ alone formed once (for solvers that apply H many times there). */
  hessianOperator(landscape: Landscape, θ: Float64Array): (v: Float64Array) => Float64Array;
  hessianScope(D: number, d: number): HessianScope;
  /** The closed-form critical set, or null where none is known. */
  readonly criticalSet: ClosedFormCriticalSet | null;
  /** Run r's initial θ from the seed (docs/design.md §3's derivation). */
  initialParameters(seed: number, run: number, D: number, d: number, init: number, mode: 'random' | 'balanced'): Float64Array;
  /** Full-batch gradient descent from θ0. */
  train(landscape: Landscape, θ0: Float64Array, options: TrainingOptions): TrainingRun<Records>;
  /** The model's own account of critical point I at its representative θ (on demand, for the selected point). */
  pointDetail(landscape: Landscape, I: number[], θ: Float64Array, options: DetailOptions): Detail;
}

/** The parameter count n = Σ rows · cols over θ's blocks. */
export function parameterCount(model: Pick<Model, 'blocks'>, D: number, d: number): number {
  return model.blocks(D, d).reduce((n, b) => n + b.rows * b.cols, 0);
}

/** θ's blocks as matrices, by name (views into θ's buffer, no copy). */
export function unpackBlocks(blocks: ParameterBlock[], θ: Float64Array): Record<string, Matrix> {
  const out: Record<string, Matrix> = {};
  let offset = 0;
  for (const b of blocks) {
    out[b.name] = { rows: b.rows, cols: b.cols, data: θ.subarray(offset, offset + b.rows * b.cols) };
    offset += b.rows * b.cols;
  }
  if (offset !== θ.length) throw new Error(`θ has ${θ.length} entries, the blocks ${offset}`);
  return out;
}

/** θ's blocks by name and, after them, the matrices tied to a block's transpose (A = Bᵀ for the tied model). */
export function namedMatrices(blocks: ParameterBlock[], transposes: Readonly<Record<string, string>>, θ: Float64Array): Record<string, Matrix> {
  const own = unpackBlocks(blocks, θ);
  const out: Record<string, Matrix> = {};
  for (const [name, of] of Object.entries(transposes)) out[name] = transpose(own[of]);
  return { ...out, ...own };
}
