import type { Eigen } from '../../linalg/eigen';
import { frobeniusNorm, type Matrix, multiply, subtract, transpose } from '../../linalg/matrix';
import { gradientNorm } from './hessian';
import { projection } from './representatives';

/** Residuals of Proposition 1 at a representative (A, B) of W_I; all should be ~0. */
export interface PropositionOneChecks {
  /** ‖AB − (AB)ᵀ‖_F: W is symmetric. */
  symmetric: number;
  /** ‖(AB)² − AB‖_F: W is idempotent (a projection). */
  idempotent: number;
  /** ‖ABΣ − ΣAB‖_F: W commutes with Σ. */
  commutes: number;
  /** ‖ABΣ − W_IΣ‖_F: on the range of Σ, W is W_I (the only meaningful check when Σ is singular). */
  onRange: number;
  /** ‖∇L(A, B)‖_F: the point is critical. */
  gradient: number;
  /** Scale for reading the residuals: ‖Σ‖_F. */
  sigmaNorm: number;
}

export function propositionOneChecks(sigma: Matrix, eigen: Eigen, I: number[], A: Matrix, B: Matrix): PropositionOneChecks {
  const W = multiply(A, B);
  const WS = multiply(W, sigma);
  return {
    symmetric: frobeniusNorm(subtract(W, transpose(W))),
    idempotent: frobeniusNorm(subtract(multiply(W, W), W)),
    commutes: frobeniusNorm(subtract(WS, multiply(sigma, W))),
    onRange: frobeniusNorm(subtract(WS, multiply(projection(eigen, I), sigma))),
    gradient: gradientNorm(sigma, A, B),
    sigmaNorm: frobeniusNorm(sigma),
  };
}

/** A direction of descent at W_I: rotate u_i (i ∈ I) toward u_j (j ∉ I), or grow a free hidden unit along u_j. */
export type DescentDirection = { kind: 'rotate'; i: number; j: number; drop: number } | { kind: 'grow'; j: number; drop: number; freeUnits: number };

/**
 * The descent directions the Morse index counts (docs/design.md §1, 1-based indices):
 * each pair i ∈ I, j ∉ I with λ_j > λ_i (rotating u_i toward u_j by θ lowers L by
 * (λ_j − λ_i) sin²θ), and, when |I| < d, each j ∉ I with λ_j > 0 (an unused hidden unit can
 * learn u_j; W_I → W_{I∪{j}} lowers L by λ_j).
 */
export function descentDirections(λ: ArrayLike<number>, I: number[], d: number, τ: number): DescentDirection[] {
  const inI = new Set(I);
  const out: DescentDirection[] = [];
  for (const i of I)
    for (let j = 1; j <= λ.length; j++) if (!inI.has(j) && λ[j - 1] - λ[i - 1] > τ) out.push({ kind: 'rotate', i, j, drop: λ[j - 1] - λ[i - 1] });
  if (I.length < d) for (let j = 1; j <= λ.length; j++) if (!inI.has(j) && λ[j - 1] > τ) out.push({ kind: 'grow', j, drop: λ[j - 1], freeUnits: d - I.length });
  return out.sort((a, b) => b.drop - a.drop);
}
