/**
 * The closed-form critical set under uniform weight decay μ (docs/design.md §5, weightDecay.ts and
 * decayedEnumeration.ts) behind the Model interface, for the linear model with μ > 0 and for the tied
 * model at every μ ≥ 0 (both have the O(d) orbit then). A representative in a random gauge rotates
 * the hidden units by a random orthogonal Q (A Q, Qᵀ B): under decay only rotations keep a point
 * critical, and the tied model keeps A = Bᵀ.
 */
import { multiply, transpose } from '../../linalg/matrix';
import { randomOrthogonal } from '../../linalg/rotation';
import { type ClosedFormCriticalSet, type Landscape, uniformDecay, unpackBlocks } from '../model';
import { enumerateDecayed } from './decayedEnumeration';
import { nearestCriticalPoint } from './nearestCriticalPoint';
import { decayedInertia, decayedLoss, decayedRepresentative, learnableCount } from './weightDecay';

/** The lowest loss: I = the top min(d, m) learnable directions (each lowers L by (λ_i − μ)²/λ_i > 0). */
function decayedMinimumLoss(λ: ArrayLike<number>, d: number, μ: number): number {
  const k = Math.min(d, learnableCount(λ, μ));
  return decayedLoss(
    λ,
    Array.from({ length: k }, (_, i) => i + 1),
    μ,
  );
}

export function decayedCriticalSet(tied: boolean): ClosedFormCriticalSet {
  const n = (land: Landscape) => (tied ? 1 : 2) * land.d * land.eigen.D;
  return {
    enumerate: (land, options) => enumerateDecayed(land.eigen, land.d, uniformDecay(land), land.τ, options, n(land)),
    loss: (land, I) => decayedLoss(land.eigen.values, I, uniformDecay(land)),
    inertia: (land, I) => decayedInertia(land.eigen.values, I, land.d, uniformDecay(land), n(land), land.τ),
    globalMinimumLoss: (land) => decayedMinimumLoss(land.eigen.values, land.d, uniformDecay(land)),
    representative(land, I, gauge) {
      const { d } = land;
      const D = land.eigen.D;
      const θ = decayedRepresentative(land.eigen, I, d, uniformDecay(land), tied);
      if (!gauge) return θ;
      const Q = randomOrthogonal(d, gauge);
      const B = multiply(transpose(Q), { rows: d, cols: D, data: θ.subarray(tied ? 0 : D * d) });
      if (tied) return B.data;
      const out = new Float64Array(2 * D * d);
      out.set(multiply({ rows: D, cols: d, data: θ.subarray(0, D * d) }, Q).data, 0);
      out.set(B.data, D * d);
      return out;
    },
    gauge: () =>
      tied
        ? 'Representative in a random O(d) gauge: B = Qᵀ[S U_Iᵀ; 0], A = Bᵀ (S = diag √(1 − μ/λ_i))'
        : 'Representative in a random O(d) gauge: A = [U_I S, 0]Q, B = Qᵀ[S U_Iᵀ; 0] (S = diag √(1 − μ/λ_i))',
    nearest(land, θ) {
      const D = land.eigen.D;
      const B = { rows: land.d, cols: D, data: θ.subarray(tied ? 0 : D * land.d) };
      const A = tied ? transpose(B) : unpackBlocks([{ name: 'A', rows: D, cols: land.d }], θ.subarray(0, D * land.d)).A;
      return nearestCriticalPoint(land.eigen, A, B, land.μ).I;
    },
  };
}
