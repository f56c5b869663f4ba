/**
 * What the detail panel shows about a critical point W_I of the linear model besides its Hessian:
 * W_I itself, the Proposition-1 residuals at the representative the Hessian was taken at, the
 * descent directions, the loss along a path to a neighbour and the slice through the landscape.
 */
import { type Matrix, multiply, transpose } from '../../linalg/matrix';
import type { Landscape } from '../model';
import { defaultPath, type PathChoice, type PathResult, pathFrom } from './paths';
import { type DescentDirection, descentDirections, type PropositionOneChecks, propositionOneChecks } from './propositionOne';
import { projection } from './representatives';
import { type RunSnapshots, type SliceResult, sliceThrough } from './slice';

export interface LinearDetailOptions {
  /** The path drawn from the point; null: the steepest descent direction (or, at a minimum, the cheapest way up). */
  path: PathChoice | null;
  /** The runs to project onto the slice. */
  runs: RunSnapshots[];
}

export interface LinearPointDetail {
  /** W = AB at the representative: U_I U_Iᵀ (μ = 0), Σ_{i∈I} (1 − μ/λ_i) u_i u_iᵀ under decay. */
  W: Matrix;
  /** Proposition 1's residuals, the descent directions, the path and the slice are the seed's μ = 0 untied maths: null / empty for decay or tied weights. */
  checks: PropositionOneChecks | null;
  directions: DescentDirection[];
  path: PathResult | null;
  slice: SliceResult | null;
}

/** `θ` is the representative (A, B) of I the checks are evaluated at (I 1-based); `tied`: θ is B alone, A = Bᵀ. */
export function linearPointDetail(land: Landscape, I: number[], θ: Float64Array, options: LinearDetailOptions, tied: boolean): LinearPointDetail {
  const { sigma, eigen, d, τ } = land;
  const D = eigen.D;
  if (tied || land.μ.some((m) => m !== 0)) {
    const B = { rows: d, cols: D, data: θ.subarray(tied ? 0 : D * d) };
    const A = tied ? transpose(B) : { rows: D, cols: d, data: θ.subarray(0, D * d) };
    return { W: multiply(A, B), checks: null, directions: [], path: null, slice: null };
  }
  const A = { rows: D, cols: d, data: θ.subarray(0, D * d) };
  const B = { rows: d, cols: D, data: θ.subarray(D * d, 2 * D * d) };
  const λ = eigen.values;
  const directions = descentDirections(λ, I, d, τ);
  const choice = options.path ?? defaultPath(directions, I, λ);
  return {
    W: projection(eigen, I),
    checks: propositionOneChecks(sigma, eigen, I, A, B),
    directions,
    path: choice ? pathFrom(eigen, I, d, choice) : null,
    slice: sliceThrough(eigen, I, d, options.runs),
  };
}
