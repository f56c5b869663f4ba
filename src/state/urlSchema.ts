/**
 * The URL schema: every key of the explorer's state, once, with its type, default, bounds and
 * meaning (docs/design.md §3). Parsing, writing, the controls' limits and the README table all come
 * from this table.
 */

import { DATASETS } from '../core/data/datasets';
import { FINDER_METHODS } from '../core/finders/finderRun';
import { MODEL_IDS, type ModelId } from '../core/models/model';
import { sampledModel } from '../core/models/registry';
import { RELU_DEFAULTS, RELU_OPTIMIZERS } from '../core/models/relu/reluTraining';
import type { ComputeParams } from '../worker/protocol';

const URL_SCHEMA_VERSION = 1;

/** The whole state: what the computation reads (ComputeParams) and how its results are shown. */
export interface ExplorerParams extends ComputeParams {
  norm: 'sum' | 'mean';
  /** Selected critical point, 1-based ascending (an assignment σ under the ordered profile, pointsOf); null when none. */
  cp: number[] | null;
  /** Selected trajectory, 1-based; null when none. */
  run: number | null;
  tour: number | null;
  present: boolean;
}

export type ParamKey = keyof ExplorerParams;

/** Keys that only change how results are shown; changing them never recomputes the results. */
export const VIEW_KEYS: ReadonlySet<ParamKey> = new Set<ParamKey>(['norm', 'cp', 'run', 'tour', 'present']);

/** What the worker is sent: the state without its view keys. */
export function computeParams(p: ExplorerParams): ComputeParams {
  const { norm: _norm, cp: _cp, run: _run, tour: _tour, present: _present, ...compute } = p;
  return compute;
}

type Bound<T> = T | ((p: ExplorerParams) => T);

interface BaseSpec<K extends ParamKey> {
  key: K;
  doc: string;
  default: ExplorerParams[K];
  /** The default under another model, where it differs (`lr`, `steps` for the ReLU model); a model change resets the key to it. */
  modelDefault?: Partial<Record<ModelId, ExplorerParams[K]>>;
  /** Written to the URL only when this holds (e.g. `pool` only for digits). */
  relevant?: (p: ExplorerParams) => boolean;
}
interface IntSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'int';
  min: Bound<number>;
  max: Bound<number>;
}
interface FloatSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'float';
  min: number;
  max: number;
  /** Open interval ends: min < value (rather than ≤), value < max. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
}
interface BoolSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'bool';
}
interface EnumSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'enum';
  values: readonly (string | number)[];
}
interface StringSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'string';
  maxLength: number;
}
interface IndexSetSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'indexSet';
}
/** A comma list of some of `values` (each at most once; written in the order of `values`); empty is none. */
interface EnumListSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'enumList';
  values: readonly string[];
}
interface OptionalIntSpec<K extends ParamKey> extends BaseSpec<K> {
  type: 'optionalInt';
  min: number;
  max: Bound<number>;
}

export type KeySpec =
  | IntSpec<ParamKey>
  | FloatSpec<ParamKey>
  | BoolSpec<ParamKey>
  | EnumSpec<ParamKey>
  | StringSpec<ParamKey>
  | IndexSetSpec<ParamKey>
  | EnumListSpec<ParamKey>
  | OptionalIntSpec<ParamKey>;

/** The ReLU model samples its own features (docs/design.md §7): the dataset keys do not apply to it, nor the landscape models' training keys. */
const sampled = (p: Pick<ExplorerParams, 'model'>) => sampledModel(p.model) !== null;
const landscape = (p: ExplorerParams) => !sampled(p);
const synthetic = (p: ExplorerParams) => landscape(p) && (p.data === 'gaussian' || p.data === 'sparse');

/** Order matters: a key's bounds may depend on keys above it (d < D, run ≤ runs). */
export const URL_SCHEMA: KeySpec[] = [
  { key: 'v', type: 'int', min: 1, max: 1, default: URL_SCHEMA_VERSION, doc: 'URL schema version' },
  {
    key: 'model',
    type: 'enum',
    values: MODEL_IDS,
    default: 'linear',
    doc: 'the model whose landscape is explored: linear, the seed’s two-layer linear autoencoder x ↦ ABx, tied, x ↦ BᵀBx (A = Bᵀ; docs/design.md §1, §5), or relu, Toy Models of Superposition’s x ↦ ReLU(WᵀWx + b) trained with Adam on fresh sparse features and drawn against the linear autoencoder on the same data (§7)',
    // Written only for another model, so that every link made before models existed stays as it was.
    relevant: (p) => p.model !== 'linear',
  },
  {
    key: 'data',
    type: 'enum',
    values: DATASETS,
    default: 'gaussian',
    doc: 'dataset: gaussian, sparse, iris, digits (MNIST) or custom (an uploaded CSV); not for relu, which samples its own sparse features',
    relevant: landscape,
  },
  {
    key: 'pool',
    type: 'enum',
    values: [1, 2],
    default: 2,
    doc: 'digits: 1 = 784 pixels, 2 = 2 × 2 pooling (196)',
    relevant: (p) => landscape(p) && p.data === 'digits',
  },
  {
    key: 'D',
    type: 'int',
    min: 2,
    max: (p) => (sampled(p) ? 200 : 1024),
    default: 8,
    doc: 'input dimension (synthetic data; fixed by iris, digits’ pool and custom data); for relu the number of features',
    relevant: (p) => synthetic(p) || sampled(p),
  },
  {
    key: 'T',
    type: 'int',
    min: 1,
    max: 1_000_000,
    default: 500,
    doc: 'number of samples (synthetic data; for digits, how many of the 10,000 images; fixed by iris and custom data)',
    relevant: (p) => synthetic(p) || (landscape(p) && p.data === 'digits'),
  },
  { key: 'd', type: 'int', min: 1, max: (p) => p.D - 1, default: 3, doc: 'hidden width, 1 ≤ d < D' },
  { key: 'seed', type: 'int', min: 0, max: 2 ** 32 - 1, default: 1, doc: 'seed of the data and of every run’s initial weights' },
  {
    key: 'spectrum',
    type: 'string',
    maxLength: 200,
    default: '2^(-k)',
    doc: 'variances of the Gaussian’s axes, an expression in k = 1..D',
    relevant: (p) => landscape(p) && p.data === 'gaussian',
  },
  {
    key: 'rotate',
    type: 'bool',
    default: true,
    doc: 'rotate the Gaussian’s axes by a random orthogonal matrix',
    relevant: (p) => landscape(p) && p.data === 'gaussian',
  },
  {
    key: 'exact',
    type: 'bool',
    default: false,
    doc: 'Gaussian without sampling noise: X is built so that Σ = T·R diag(variances) Rᵀ exactly (ties stay ties; T < D keeps the top T)',
    relevant: (p) => landscape(p) && p.data === 'gaussian',
  },
  { key: 'center', type: 'bool', default: false, doc: 'subtract each column’s mean before forming Σ', relevant: landscape },
  {
    key: 'sparsity',
    type: 'float',
    min: 0,
    max: 1,
    maxExclusive: true,
    default: 0.7,
    doc: 'sparse data and relu: probability S that a feature is 0 (else uniform on [0, 1])',
    relevant: (p) => sampled(p) || p.data === 'sparse',
  },
  {
    key: 'importance',
    type: 'float',
    min: 0,
    max: 1,
    minExclusive: true,
    default: 0.8,
    doc: 'sparse data and relu: importance ratio r, feature i weighs r^(i−1)',
    relevant: (p) => sampled(p) || p.data === 'sparse',
  },
  {
    key: 'wd',
    type: 'float',
    min: 0,
    max: 1,
    maxExclusive: true,
    default: 0,
    doc: 'weight decay μ = wd · λ₁ on every hidden unit, μ(‖A‖² + ‖B‖²) (tied: 2μ‖B‖²); 0 is the seed’s model (docs/design.md §5)',
    relevant: (p) => landscape(p) && p.wd !== 0,
  },
  {
    key: 'wdProfile',
    type: 'enum',
    values: ['uniform', 'ordered'],
    default: 'uniform',
    doc: 'how the weight decay is spread over the hidden units: uniform (μ on every unit; Kunin et al. 2019) or ordered (μ_j = wd · λ₁ · j/d; Bao et al. 2020), whose critical points are assignments of units to eigenvectors (docs/design.md §5)',
    relevant: (p) => landscape(p) && p.wd !== 0 && p.wdProfile !== 'uniform',
  },
  {
    key: 'lr',
    type: 'float',
    min: 0,
    max: 10,
    minExclusive: true,
    default: 0.2,
    modelDefault: { relu: RELU_DEFAULTS.lr },
    doc: 'step size: for linear and tied a fraction of 1/λ₁ (η = lr/λ₁; the tied model is stable only for lr < 0.25, its sharpness being about 8λ₁); for relu the absolute step of Adam or gradient descent (default 1e-3, the paper’s)',
  },
  {
    key: 'steps',
    type: 'int',
    min: 1,
    max: 1_000_000,
    default: 1000,
    modelDefault: { relu: RELU_DEFAULTS.steps },
    doc: 'gradient-descent steps per run (relu: optimiser steps, one fresh batch each; default 10⁴)',
  },
  { key: 'runs', type: 'int', min: 1, max: 64, default: 4, doc: 'number of trajectories (relu: seeds per setting; the best is kept, all are shown)' },
  {
    key: 'optimizer',
    type: 'enum',
    values: RELU_OPTIMIZERS,
    default: RELU_DEFAULTS.optimizer,
    doc: 'relu: Adam (β₁ 0.9, β₂ 0.999, ε 1e-8, as PyTorch) or plain gradient descent, each on a fresh seeded batch per step',
    relevant: sampled,
  },
  {
    key: 'batch',
    type: 'int',
    min: 1,
    max: 16_384,
    default: RELU_DEFAULTS.batch,
    doc: 'relu: samples per step (each step draws a fresh batch)',
    relevant: sampled,
  },
  {
    key: 'phase',
    type: 'bool',
    default: false,
    doc: 'relu: also compute the paper’s D = 2, d = 1 phase diagram over feature density and relative importance (a grid of trainings)',
    relevant: sampled,
  },
  {
    key: 'init',
    type: 'float',
    min: 0,
    max: 10,
    minExclusive: true,
    default: 0.001,
    doc: 'initial weights: entries iid N(0, init²) (relu: the paper’s Xavier normal, std √(2/(D + d)), instead)',
    relevant: landscape,
  },
  {
    key: 'initMode',
    type: 'enum',
    values: ['random', 'balanced'],
    default: 'random',
    doc: 'random A₀, B₀, or balanced (A₀ = B₀ᵀ, so A₀ᵀA₀ = B₀B₀ᵀ)',
    relevant: landscape,
  },
  {
    key: 'finders',
    type: 'enumList',
    values: FINDER_METHODS,
    default: [],
    doc: 'numerical critical-point finders to run and score against the closed form: gnm (gradient-norm minimisation), newton-mr, newton (damped); empty: none (docs/design.md §6)',
    relevant: (p) => landscape(p) && p.finders.length > 0,
  },
  {
    key: 'finderStarts',
    type: 'int',
    min: 1,
    max: 64,
    default: 8,
    doc: 'finders: starting points per method',
    relevant: (p) => landscape(p) && p.finders.length > 0,
  },
  {
    key: 'finderFrom',
    type: 'enum',
    values: ['trajectory', 'random', 'both'],
    default: 'trajectory',
    doc: 'finders: start from points along the gradient-descent runs, at random, or half each',
    relevant: (p) => landscape(p) && p.finders.length > 0,
  },
  {
    key: 'finderIters',
    type: 'int',
    min: 1,
    max: 10_000,
    default: 200,
    doc: 'finders: iterations per run',
    relevant: (p) => landscape(p) && p.finders.length > 0,
  },
  {
    key: 'cutoff',
    type: 'float',
    min: 0,
    max: 1,
    minExclusive: true,
    default: 1e-10,
    doc: 'finders: a run ends at a critical point when ‖∇L‖²/λ₁² ≤ cutoff',
    relevant: (p) => landscape(p) && p.finders.length > 0,
  },
  {
    key: 'finderScale',
    type: 'float',
    min: 0,
    max: 10,
    minExclusive: true,
    default: 0.5,
    doc: 'finders: random starts have entries N(0, finderScale²)',
    relevant: (p) => landscape(p) && p.finders.length > 0 && p.finderFrom !== 'trajectory',
  },
  {
    key: 'norm',
    type: 'enum',
    values: ['sum', 'mean'],
    default: 'sum',
    modelDefault: { relu: 'mean' },
    doc: 'losses shown as the sum over samples or the mean (relu: the mean by default, the unit of its loss)',
  },
  { key: 'fullRank', type: 'bool', default: false, doc: 'show only the full-rank critical points |I| = d' },
  {
    key: 'cp',
    type: 'indexSet',
    default: null,
    doc: 'selected critical point: a set of eigen-indices, e.g. cp=1,3 (1-based); under wdProfile=ordered an assignment, one entry per hidden unit (its eigen-index, 0 when unused), e.g. cp=2,1,0',
  },
  { key: 'run', type: 'optionalInt', min: 1, max: (p) => p.runs, default: null, doc: 'selected trajectory (1-based)' },
  { key: 'tour', type: 'optionalInt', min: 0, max: 100, default: null, doc: 'guided-tour step' },
  { key: 'present', type: 'bool', default: false, doc: 'presentation mode: large type, controls hidden' },
];

/** What a critical point is on this landscape: a set I, or under the ordered decay profile an assignment σ (docs/design.md §5). */
export function pointsOf(p: Pick<ExplorerParams, 'wd' | 'wdProfile'>): 'sets' | 'assignments' {
  return p.wd !== 0 && p.wdProfile === 'ordered' ? 'assignments' : 'sets';
}

export function specOf(key: ParamKey): KeySpec {
  const spec = URL_SCHEMA.find((s) => s.key === key);
  if (!spec) throw new Error(`no URL key ${key}`);
  return spec;
}

export function resolveBound(b: Bound<number>, p: ExplorerParams): number {
  return typeof b === 'function' ? b(p) : b;
}

export function defaultParams(): ExplorerParams {
  const p = {} as Record<string, unknown>;
  for (const s of URL_SCHEMA) p[s.key] = s.default;
  return p as unknown as ExplorerParams;
}

/** MNIST images available to `digits`. */
export const DIGITS_COUNT = 10_000;

/**
 * D and T where the data fix them: iris is 150 × 4; digits have 784 pixels or 196 pooled ones
 * (T is chosen, at most DIGITS_COUNT); custom data has the shape of the uploaded table.
 */
export function fixedShape(
  p: Pick<ExplorerParams, 'data' | 'pool'> & Partial<Pick<ExplorerParams, 'model'>>,
  custom: { rows: number; cols: number } | null,
): { D?: number; T?: number } {
  if (p.model && sampled({ model: p.model })) return {}; // it samples its own D features
  switch (p.data) {
    case 'iris':
      return { D: 4, T: 150 };
    case 'digits':
      return { D: p.pool === 1 ? 784 : 196 };
    case 'custom':
      return custom ? { D: custom.cols, T: custom.rows } : {};
    default:
      return {};
  }
}
