/**
 * Uniform weight decay μ on the linear and the tied autoencoder (docs/design.md §5, Kunin et al.
 * 2019): L_μ(A, B) = tr((I − AB) Σ (I − AB)ᵀ) + μ(‖A‖² + ‖B‖²), and the tied model's
 * L_μ(B) = L_μ(Bᵀ, B). Their critical points are indexed by I ⊆ {i : λ_i > μ}, |I| = k ≤ d:
 *
 *   A = U_I S P,  B = Pᵀ S U_Iᵀ,  S = diag(√(1 − μ/λ_i))_{i∈I},  P = [I_k 0] (k × d)
 *   L(I)     = Σ_{i∉I} λ_i + Σ_{i∈I} (2μ − μ²/λ_i)
 *   index(I) = #{(i ∈ I, j ∉ I) : λ_j > λ_i} + (d − k) · #{j ∉ I : λ_j > μ}
 *   zeros(I) = d(d−1)/2 − (d−k)(d−k−1)/2          (the O(d) orbit of the hidden units, μ > 0)
 *            + #{(i ∈ I, j ∉ I) : λ_j = λ_i}         (tied eigenvalues: u_i turns into u_j at no cost)
 *            + at μ = 0 (the tied model): (d − k) · #{j ∉ I : λ_j = 0} + n₀(n₀ + 1)/2,
 *              n₀ = #{i ∈ I : λ_i = 0}                 (a null direction costs nothing to grow or scale)
 *
 * for both models (the tied one in its dD parameters). A direction with λ_i ≤ μ is never learned; at
 * μ = 0 every direction is a critical direction, null ones (λ_i = 0, W's eigenvalue 1) included.
 * At μ = 0 the linear model's zeros are its GL(d) orbit instead (closedFormInertia.ts). Checked
 * against a numerical Hessian in tests/core/models/linear/weightDecay.test.ts and, in numpy, by
 * tests/reference/check_weight_decay.py; the tie term was found and checked the same way (ties to τ;
 * a tied pair is neither a descent direction nor curved, like the seed's, closedFormInertia.ts).
 * I is 1-based and ascending, as everywhere (criticalPoints.ts).
 */
import type { Eigen } from '../../linalg/eigen';
import { orderedRepresentative } from './orderedDecay';

/** #{i : λ_i > μ}: how many directions can be learned under decay μ. */
export function learnableCount(λ: ArrayLike<number>, μ: number): number {
  let m = 0;
  for (let i = 0; i < λ.length; i++) if (λ[i] > μ) m++;
  return m;
}

/** Throws unless every i ∈ I is learnable (λ_i > μ, or any direction at μ = 0), naming the first that is not. */
function checkLearnable(λ: ArrayLike<number>, I: readonly number[], μ: number): void {
  if (μ === 0) return;
  for (const i of I) if (!(λ[i - 1] > μ)) throw new RangeError(`u_${i} is no longer learned: λ_${i} ≤ μ`);
}

/** L(I) under decay μ (sum over samples). */
export function decayedLoss(λ: ArrayLike<number>, I: readonly number[], μ: number): number {
  checkLearnable(λ, I, μ);
  const inI = new Set(I);
  let L = 0;
  // At μ = 0 a kept direction costs 0 (also where λ_i = 0, which μ²/λ_i would make 0/0).
  for (let i = 1; i <= λ.length; i++) L += inI.has(i) ? (μ === 0 ? 0 : 2 * μ - (μ * μ) / λ[i - 1]) : λ[i - 1];
  return L;
}

/**
 * Morse index, zero and positive counts of the Hessian at W_I under decay μ ≥ 0, for a model of
 * `parameters` parameters (2dD linear, dD tied), with the O(d) zeros: the linear model's for μ > 0,
 * the tied model's for every μ ≥ 0 (at μ = 0 the linear model has the GL(d) zeros of
 * closedFormInertia.ts instead). Eigenvalues within τ of each other count as tied (default 0: exact).
 */
export function decayedInertia(
  λ: ArrayLike<number>,
  I: readonly number[],
  d: number,
  μ: number,
  parameters: number,
  τ = 0,
): { index: number; zeros: number; positive: number } {
  if (!(μ >= 0)) throw new RangeError(`decayedInertia: μ = ${μ}, but μ ≥ 0`);
  checkLearnable(λ, I, μ);
  const k = I.length;
  if (k > d) throw new RangeError(`|I| = ${k} > d = ${d}`);
  const inI = new Set(I);
  let index = 0;
  let above = 0; // #{j ∉ I : λ_j > μ}
  let tiedPairs = 0; // #{(i ∈ I, j ∉ I) : |λ_j − λ_i| ≤ τ}
  let nullsOut = 0; // #{j ∉ I : λ_j ≤ τ}
  for (let j = 1; j <= λ.length; j++) {
    if (inI.has(j)) continue;
    if (λ[j - 1] - μ > τ) above++;
    if (λ[j - 1] <= τ) nullsOut++;
    for (const i of I) {
      if (λ[j - 1] - λ[i - 1] > τ) index++;
      else if (Math.abs(λ[j - 1] - λ[i - 1]) <= τ) tiedPairs++;
    }
  }
  index += (d - k) * above;
  const n0 = I.filter((i) => λ[i - 1] <= τ).length;
  const nulls = μ === 0 ? (d - k) * nullsOut + (n0 * (n0 + 1)) / 2 : 0;
  const zeros = (d * (d - 1)) / 2 - ((d - k) * (d - k - 1)) / 2 + tiedPairs + nulls;
  return { index, zeros, positive: parameters - index - zeros };
}

/**
 * The canonical critical point of I: θ = [A, B] row-major (linear), or B alone (tied, A = Bᵀ),
 * with A = U_I S P and B = Pᵀ S U_Iᵀ, P = [I_k 0].
 */
export function decayedRepresentative(eigen: Eigen, I: readonly number[], d: number, μ: number, tied: boolean): Float64Array {
  checkLearnable(eigen.values, I, μ);
  if (I.length > d) throw new RangeError(`|I| = ${I.length} > d = ${d}`);
  // Uniform μ is the ordered construction with every μ_j = μ: unit r on u_{I_r}, the rest unused (P = [I_k 0]).
  const σ = Array.from({ length: d }, (_, r) => I[r] ?? null);
  return orderedRepresentative(eigen, new Float64Array(d).fill(μ), σ, tied);
}
