/**
 * The numerical critical-point finders of docs/design.md §6 (Frye et al. 2019), generic over the
 * model: each sees the loss only through ∇L and Hessian-vector products (no dense Hessian), runs
 * from θ₀ for at most `iterations` steps and records ‖∇L‖² at every iterate, so the views can draw
 * convergence and the verdict can be taken at any cutoff afterwards.
 */
import { gradientNormMinimisation } from './gradientNormMinimisation';
import { dampedNewton, newtonMR } from './newtonSteps';

export const FINDER_METHODS = ['gnm', 'newton-mr', 'newton'] as const;
export type FinderMethod = (typeof FINDER_METHODS)[number];

/** What a finder may ask of the landscape: the model's gradient and H v at θ (Model.gradient, Model.hessianVector). */
export interface FinderProblem {
  gradient(θ: Float64Array): { loss: number; gradient: Float64Array };
  hessianVector(θ: Float64Array, v: Float64Array): Float64Array;
  /** v ↦ H(θ) v at one θ, its point-only work done once (Model.hessianOperator); MINRES applies it many times. */
  hessianOperator?(θ: Float64Array): (v: Float64Array) => Float64Array;
}

export interface FinderOptions {
  iterations: number;
  /** λ₁: the scale of H, for the first step of gradient-norm minimisation and the stop at numerical zero. */
  λ1: number;
  /** Called after every iteration with the iteration reached; true cancels. */
  onProgress?: (iteration: number) => boolean | void;
}

export interface FinderRun {
  method: FinderMethod;
  /** Iterations taken (each one step from the previous iterate). */
  iterations: number;
  θ: Float64Array;
  loss: number;
  /** ‖∇L‖² at θ₀ and after every iteration (iterations + 1 entries). */
  gradNormSq: number[];
  /** Why it stopped: the iteration budget, ‖∇L‖ at numerical zero, no step lowering its objective, or a cancel. */
  stop: 'iterations' | 'zero-gradient' | 'stalled' | 'cancelled';
}

/** ‖∇L‖ below this · λ₁ · √n is rounding (the gradient of an exact critical point evaluates to about 1e-16 λ₁). */
export const ZERO_GRADIENT = 1e-14;

export function runFinder(method: FinderMethod, problem: FinderProblem, θ0: Float64Array, options: FinderOptions): FinderRun {
  switch (method) {
    case 'gnm':
      return gradientNormMinimisation(problem, θ0, options);
    case 'newton-mr':
      return newtonMR(problem, θ0, options);
    case 'newton':
      return dampedNewton(problem, θ0, options);
  }
}
