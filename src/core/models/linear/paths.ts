/** Paths out of a critical point W_I to a neighbour, with the loss along them against its closed form (docs/design.md §1). */
import { criticalLoss } from '../../landscape/criticalPoints';
import type { Eigen } from '../../linalg/eigen';
import { canonicalParameters, eigenbasisLoss } from './lossSlice';
import type { DescentDirection } from './propositionOne';

export type PathChoice = { kind: 'rotate'; i: number; j: number } | { kind: 'grow'; j: number };

export interface PathResult {
  choice: PathChoice;
  /** The neighbour the path ends at (1-based I'). */
  target: number[];
  /** Path parameter: θ ∈ [0, π/2] for a rotation, t ∈ [0, 1] for growing a free unit. */
  s: number[];
  loss: number[];
  closedForm: number[];
}

/**
 * The loss along a one-index path from W_I, evaluated with the loss itself (eigenbasis, exact):
 * rotate:  column of u_i turns to cos θ u_i + sin θ u_j;  L = L(I) − (λ_j − λ_i) sin²θ.
 * grow:    a free hidden unit takes t·u_j in A and B;     L = L(I) − λ_j (2t² − t⁴).
 */
export function pathFrom(eigen: Eigen, I: number[], d: number, choice: PathChoice, samples = 61): PathResult {
  const { D } = eigen;
  const λ = eigen.values;
  const L0 = criticalLoss(
    λ,
    I.map((i) => i - 1),
  );
  const base = canonicalParameters(I, D, d);
  const s: number[] = [];
  const loss: number[] = [];
  const closedForm: number[] = [];
  const col = choice.kind === 'rotate' ? I.indexOf(choice.i) : I.length;
  const j = choice.j - 1;
  for (let n = 0; n < samples; n++) {
    const θ = base.slice();
    if (choice.kind === 'rotate') {
      const t = ((Math.PI / 2) * n) / (samples - 1);
      const i = choice.i - 1;
      θ[i * d + col] = Math.cos(t);
      θ[j * d + col] = Math.sin(t);
      θ[D * d + col * D + i] = Math.cos(t);
      θ[D * d + col * D + j] = Math.sin(t);
      s.push(t);
      closedForm.push(L0 - (λ[j] - λ[i]) * Math.sin(t) ** 2);
    } else {
      const t = n / (samples - 1);
      θ[j * d + col] = t;
      θ[D * d + col * D + j] = t;
      s.push(t);
      closedForm.push(L0 - λ[j] * (2 * t * t - t ** 4));
    }
    loss.push(eigenbasisLoss(λ, θ, D, d));
  }
  const target = choice.kind === 'rotate' ? I.filter((i) => i !== choice.i).concat(choice.j) : I.concat(choice.j);
  return { choice, target: target.sort((a, b) => a - b), s, loss, closedForm };
}

/** The default path: the steepest descent direction, or (at a minimum) the cheapest way up. */
export function defaultPath(directions: DescentDirection[], I: number[], λ: ArrayLike<number>): PathChoice | null {
  const first = directions[0];
  if (first) return first.kind === 'rotate' ? { kind: 'rotate', i: first.i, j: first.j } : { kind: 'grow', j: first.j };
  const outside = Array.from({ length: λ.length }, (_, k) => k + 1).filter((j) => !I.includes(j));
  if (!I.length || !outside.length) return null;
  // No descent: rotate the weakest kept direction toward the strongest dropped one (uphill or flat).
  return { kind: 'rotate', i: I[I.length - 1], j: outside[0] };
}
