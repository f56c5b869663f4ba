/**
 * Frye et al.'s experiment on the page's landscape (docs/design.md §6), generic over the model:
 * starting points along the gradient-descent runs (θ kept at log-spaced steps of each run) and/or
 * random ones, every chosen finder from each, and each end point scored against the closed form —
 * ‖∇L‖², loss, the numerical Morse index (the dense Hessian's inertia up to HESSIAN_ON_DEMAND_MAX
 * parameters, else block Lanczos on Hessian-vector products), the verdict at the cutoff, the
 * analytic point nearest to it and whether the two agree. Pure, like pipeline.ts.
 */
import { type FinderMethod, runFinder } from '../core/finders/finderRun';
import { type LanczosIndex, lanczosIndex } from '../core/finders/lanczosIndex';
import { agreementOf, type Verdict, verdictOf } from '../core/finders/scoring';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../core/landscape/inertia';
import { HESSIAN_ON_DEMAND_MAX, type Landscape, type Model } from '../core/models/model';
import { createRng } from '../core/random/random';
import { logSpacedSteps } from '../core/training/schedule';

/** Random starts are run FINDER_RUN_BASE + k of the model's initial-weight derivation (seed, run), at entries N(0, scale²). */
const FINDER_RUN_BASE = 10_000;
/** Past HESSIAN_ON_DEMAND_MAX parameters the index is block Lanczos with at most this many Hessian-vector products (its cost grows as m²n). */
const LANCZOS_MAX_STEPS = 600;
/** Lanczos start block k of a finder run is stream LANCZOS_STREAM + k (docs/design.md §3's seeded streams). */
const LANCZOS_STREAM = 20_000;

export interface FinderParams {
  methods: FinderMethod[];
  /** Starting points per method. */
  starts: number;
  from: 'trajectory' | 'random' | 'both';
  iterations: number;
  /** On ‖∇L‖²/λ₁². */
  cutoff: number;
  /** Random starts' entry scale. */
  scale: number;
  seed: number;
}

export interface FinderStart {
  kind: 'trajectory' | 'random';
  /** Where a trajectory start was taken (1-based run, step); null for a random one. */
  at: { run: number; step: number } | null;
  θ: Float64Array;
}

export interface FinderResult {
  method: FinderMethod;
  start: FinderStart;
  θ: Float64Array;
  iterations: number;
  /** ‖∇L‖² at the start and after every iteration. */
  trace: number[];
  gradNormSq: number;
  loss: number;
  verdict: Verdict;
  /** The analytic critical point nearest to the end point (the critical set's key). */
  matchedI: number[];
  /** The dense Hessian's inertia (up to HESSIAN_ON_DEMAND_MAX parameters), else null. */
  hessian: { negative: number; zero: number; positive: number } | null;
  /** Past that, block Lanczos's count of eigenvalues below −indexTolerance (a lower bound; the index when converged), else null. */
  lanczos: LanczosIndex | null;
  /** The numerical Morse index: the dense count, or Lanczos's when it converged; null when neither is known. */
  index: number | null;
  lossAgrees: boolean;
  indexAgrees: boolean | null;
  agrees: boolean;
}

/**
 * The zero band of a finder end point's Hessian: max(τ, √cutoff · λ₁). An end point is known only
 * to ‖∇L‖ ≤ √cutoff · λ₁, so it sits about that far (in units of the curvature) from the critical
 * point it approximates, and the Hessian's eigenvalues that are 0 there (the symmetry's orbit, tied
 * directions) move by as much: below the band they cannot be told from 0.
 */
export function indexTolerance(τ: number, cutoff: number, λ1: number): number {
  return Math.max(τ, Math.sqrt(cutoff) * λ1);
}

/** The steps of a run at which trajectory starts are taken: `count` log-spaced steps after 0 (the plateaus near saddles). */
export function trajectoryStartSteps(steps: number, count: number): number[] {
  const all = logSpacedSteps(steps).filter((s) => s > 0);
  if (count >= all.length) return all;
  return Array.from({ length: count }, (_, k) => all[Math.round(((k + 1) * (all.length - 1)) / count)]);
}

/** The starting points: trajectory starts taken in turn from each run's kept θ, random ones from the seed. */
export function finderStarts(model: Model, land: Landscape, kept: { run: number; step: number; θ: Float64Array }[], p: FinderParams): FinderStart[] {
  const nTrajectory = p.from === 'random' ? 0 : p.from === 'trajectory' ? p.starts : Math.ceil(p.starts / 2);
  const starts: FinderStart[] = [];
  for (let k = 0; k < nTrajectory && kept.length > 0; k++) {
    const at = kept[k % kept.length];
    starts.push({ kind: 'trajectory', at: { run: at.run, step: at.step }, θ: at.θ });
  }
  for (let k = 0; starts.length < p.starts; k++)
    starts.push({ kind: 'random', at: null, θ: model.initialParameters(p.seed, FINDER_RUN_BASE + k, land.eigen.D, land.d, p.scale, 'random') });
  return starts;
}

/**
 * Every method from every start, scored. `progress(fraction)` may return true to cancel (the
 * result is then null). `traceSigma` is tr Σ (the loss agreement's scale).
 */
export function runFinders(
  model: Model,
  land: Landscape,
  starts: FinderStart[],
  p: FinderParams,
  traceSigma: number,
  progress: (fraction: number) => boolean | void = () => {},
): FinderResult[] | null {
  const set = model.criticalSet;
  if (!set) throw new Error(`the ${model.title} has no closed form to score the finders against`);
  const λ1 = land.eigen.values[0];
  const τ = indexTolerance(land.τ, p.cutoff, λ1);
  const total = p.methods.length * starts.length * p.iterations;
  const out: FinderResult[] = [];
  let done = 0;
  let cancelled = false;
  for (const method of p.methods)
    for (const start of starts) {
      const run = runFinder(
        method,
        {
          gradient: (θ) => model.gradient(land, θ),
          hessianVector: (θ, v) => model.hessianVector(land, θ, v),
          hessianOperator: (θ) => model.hessianOperator(land, θ),
        },
        start.θ,
        {
          iterations: p.iterations,
          λ1,
          onProgress: (k) => {
            cancelled = progress((done + k) / total) === true;
            return cancelled;
          },
        },
      );
      if (cancelled) return null;
      done += p.iterations;
      const { gradient } = model.gradient(land, run.θ);
      const Hg = model.hessianVector(land, run.θ, gradient);
      const gradNormSq = run.gradNormSq[run.gradNormSq.length - 1];
      const matchedI = set.nearest(land, run.θ);
      const n = run.θ.length;
      const hessian = n <= HESSIAN_ON_DEMAND_MAX ? inertiaFromEigenvalues(symmetricEigenvalues(model.hessian(land, run.θ)), τ) : null;
      // A block of d + 2 start vectors sees each negative eigenvalue the hidden-unit symmetry repeats (up to d times).
      const lanczos = hessian
        ? null
        : lanczosIndex(model.hessianOperator(land, run.θ), n, τ, createRng(p.seed, LANCZOS_STREAM + out.length), land.d + 2, LANCZOS_MAX_STEPS);
      const index = hessian ? hessian.negative : lanczos?.converged ? lanczos.negative : null;
      const closed = set.inertia(land, matchedI);
      const agreement = agreementOf(run.loss, set.loss(land, matchedI), traceSigma, index, closed.index);
      out.push({
        method,
        start,
        θ: run.θ,
        iterations: run.iterations,
        trace: run.gradNormSq,
        gradNormSq,
        loss: run.loss,
        verdict: verdictOf(gradNormSq, Math.hypot(...Hg), p.cutoff, λ1),
        matchedI,
        hessian,
        lanczos,
        index,
        lossAgrees: agreement.loss,
        indexAgrees: agreement.index,
        agrees: agreement.agrees,
      });
    }
  return out;
}
