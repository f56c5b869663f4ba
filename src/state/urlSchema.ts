/**
 * The URL schema: every key of the explorer's state, once, with its type, default, bounds and
 * meaning (docs/design.md §3). Parsing, writing, the controls' limits and the README table all come
 * from this table.
 */

import { DATASETS } from '../core/data/datasets';
import { FINDER_METHODS } from '../core/finders/finderRun';
import { MODEL_IDS } from '../core/models/model';
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

const synthetic = (p: ExplorerParams) => p.data === 'gaussian' || p.data === 'sparse';

/** Order matters: a key's bounds may depend on keys above it (d < D, run ≤ runs). */
export const URL_SCHEMA: KeySpec[] = [
  { key: 'v', type: 'int', min: 1, max: 1, default: URL_SCHEMA_VERSION, doc: 'URL schema version' },
  {
    key: 'model',
    type: 'enum',
    values: MODEL_IDS,
    default: 'linear',
    doc: 'the model whose landscape is explored: linear, the seed’s two-layer linear autoencoder x ↦ ABx, or tied, x ↦ BᵀBx (A = Bᵀ; docs/design.md §1, §5)',
    // Written only for another model, so that every link made before models existed stays as it was.
    relevant: (p) => p.model !== 'linear',
  },
  { key: 'data', type: 'enum', values: DATASETS, default: 'gaussian', doc: 'dataset: gaussian, sparse, iris, digits (MNIST) or custom (an uploaded CSV)' },
  { key: 'pool', type: 'enum', values: [1, 2], default: 2, doc: 'digits: 1 = 784 pixels, 2 = 2 × 2 pooling (196)', relevant: (p) => p.data === 'digits' },
  {
    key: 'D',
    type: 'int',
    min: 2,
    max: 1024,
    default: 8,
    doc: 'input dimension (synthetic data; fixed by iris, digits’ pool and custom data)',
    relevant: synthetic,
  },
  {
    key: 'T',
    type: 'int',
    min: 1,
    max: 1_000_000,
    default: 500,
    doc: 'number of samples (synthetic data; for digits, how many of the 10,000 images; fixed by iris and custom data)',
    relevant: (p) => synthetic(p) || p.data === 'digits',
  },
  { key: 'd', type: 'int', min: 1, max: (p) => p.D - 1, default: 3, doc: 'hidden width, 1 ≤ d < D' },
  { key: 'seed', type: 'int', min: 0, max: 2 ** 32 - 1, default: 1, doc: 'seed of the data and of every run’s initial weights' },
  {
    key: 'spectrum',
    type: 'string',
    maxLength: 200,
    default: '2^(-k)',
    doc: 'variances of the Gaussian’s axes, an expression in k = 1..D',
    relevant: (p) => p.data === 'gaussian',
  },
  { key: 'rotate', type: 'bool', default: true, doc: 'rotate the Gaussian’s axes by a random orthogonal matrix', relevant: (p) => p.data === 'gaussian' },
  {
    key: 'exact',
    type: 'bool',
    default: false,
    doc: 'Gaussian without sampling noise: X is built so that Σ = T·R diag(variances) Rᵀ exactly (ties stay ties; T < D keeps the top T)',
    relevant: (p) => p.data === 'gaussian',
  },
  { key: 'center', type: 'bool', default: false, doc: 'subtract each column’s mean before forming Σ' },
  {
    key: 'sparsity',
    type: 'float',
    min: 0,
    max: 1,
    maxExclusive: true,
    default: 0.7,
    doc: 'sparse data: probability that a feature is 0',
    relevant: (p) => p.data === 'sparse',
  },
  {
    key: 'importance',
    type: 'float',
    min: 0,
    max: 1,
    minExclusive: true,
    default: 0.8,
    doc: 'sparse data: importance ratio r, feature i weighs r^(i−1)',
    relevant: (p) => p.data === 'sparse',
  },
  {
    key: 'wd',
    type: 'float',
    min: 0,
    max: 1,
    maxExclusive: true,
    default: 0,
    doc: 'weight decay μ = wd · λ₁ on every hidden unit, μ(‖A‖² + ‖B‖²) (tied: 2μ‖B‖²); 0 is the seed’s model (docs/design.md §5)',
    relevant: (p) => p.wd !== 0,
  },
  {
    key: 'wdProfile',
    type: 'enum',
    values: ['uniform', 'ordered'],
    default: 'uniform',
    doc: 'how the weight decay is spread over the hidden units: uniform (μ on every unit; Kunin et al. 2019) or ordered (μ_j = wd · λ₁ · j/d; Bao et al. 2020), whose critical points are assignments of units to eigenvectors (docs/design.md §5)',
    relevant: (p) => p.wd !== 0 && p.wdProfile !== 'uniform',
  },
  {
    key: 'lr',
    type: 'float',
    min: 0,
    max: 10,
    minExclusive: true,
    default: 0.2,
    doc: 'step size as a fraction of 1/λ₁ (η = lr/λ₁); the tied model is stable only for lr < 0.25 (its sharpness is about 8λ₁)',
  },
  { key: 'steps', type: 'int', min: 1, max: 1_000_000, default: 1000, doc: 'gradient-descent steps per run' },
  { key: 'runs', type: 'int', min: 1, max: 64, default: 4, doc: 'number of trajectories' },
  { key: 'init', type: 'float', min: 0, max: 10, minExclusive: true, default: 0.001, doc: 'initial weights: entries iid N(0, init²)' },
  { key: 'initMode', type: 'enum', values: ['random', 'balanced'], default: 'random', doc: 'random A₀, B₀, or balanced (A₀ = B₀ᵀ, so A₀ᵀA₀ = B₀B₀ᵀ)' },
  {
    key: 'finders',
    type: 'enumList',
    values: FINDER_METHODS,
    default: [],
    doc: 'numerical critical-point finders to run and score against the closed form: gnm (gradient-norm minimisation), newton-mr, newton (damped); empty: none (docs/design.md §6)',
    relevant: (p) => p.finders.length > 0,
  },
  { key: 'finderStarts', type: 'int', min: 1, max: 64, default: 8, doc: 'finders: starting points per method', relevant: (p) => p.finders.length > 0 },
  {
    key: 'finderFrom',
    type: 'enum',
    values: ['trajectory', 'random', 'both'],
    default: 'trajectory',
    doc: 'finders: start from points along the gradient-descent runs, at random, or half each',
    relevant: (p) => p.finders.length > 0,
  },
  { key: 'finderIters', type: 'int', min: 1, max: 10_000, default: 200, doc: 'finders: iterations per run', relevant: (p) => p.finders.length > 0 },
  {
    key: 'cutoff',
    type: 'float',
    min: 0,
    max: 1,
    minExclusive: true,
    default: 1e-10,
    doc: 'finders: a run ends at a critical point when ‖∇L‖²/λ₁² ≤ cutoff',
    relevant: (p) => p.finders.length > 0,
  },
  {
    key: 'finderScale',
    type: 'float',
    min: 0,
    max: 10,
    minExclusive: true,
    default: 0.5,
    doc: 'finders: random starts have entries N(0, finderScale²)',
    relevant: (p) => p.finders.length > 0 && p.finderFrom !== 'trajectory',
  },
  { key: 'norm', type: 'enum', values: ['sum', 'mean'], default: 'sum', doc: 'losses shown as the sum over samples or the mean' },
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
export function fixedShape(p: Pick<ExplorerParams, 'data' | 'pool'>, custom: { rows: number; cols: number } | null): { D?: number; T?: number } {
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
