/**
 * Ordered weight decay μ_1 < μ_2 < … < μ_d (μ_j = wd · λ₁ · j/d, Bao et al. 2020; docs/design.md
 * §5) on the linear and the tied model. Distinct penalties break the O(d) symmetry: a critical point
 * is an assignment σ of hidden units to eigenvectors, injective on the units it uses, unit j ↦
 * u_σ(j) with λ_σ(j) > μ_j, or unused (σ(j) = null), with
 *
 *   a_j = b_jᵀ = √(1 − μ_j/λ_σ(j)) u_σ(j)   (0 for an unused unit)
 *   L(σ)     = Σ_{i not assigned} λ_i + Σ_{j used} (2μ_j − μ_j²/λ_σ(j))
 *   index(σ) = Σ_{j used}   #{l not assigned : λ_l > λ_σ(j)}          (turn to a larger free λ)
 *            + #{used j < k : (μ_j − μ_k)(λ_σ(j) − λ_σ(k)) > 0}        (a pair out of order: swap)
 *            + Σ_{j unused} (#{l not assigned : λ_l > μ_j}             (grow along a free u_l)
 *                            + #{k used : μ_k > μ_j})                  (take over from a costlier unit)
 *   zeros(σ) = 0,
 *
 * the same for both models (2dD and dD parameters); the unique minimum puts unit j on u_j. Derived
 * for this project (docs/design.md §5 leaves it to be derived) from numerical Hessians and held against
 * them in tests/core/models/linear/orderedDecay.test.ts and, in numpy, by
 * tests/reference/check_ordered_decay.py; eigenvalues of Σ and the μ_j are taken distinct.
 */
import type { Eigen } from '../../linalg/eigen';
import { transpose } from '../../linalg/matrix';

/** σ: for hidden unit j (0-based position), its eigenvector's 1-based index, or null when the unit is unused. */
export type Assignment = readonly (number | null)[];

/** Throws unless σ is injective on its used units and every used unit j has λ_σ(j) > μ_j. */
function checkAssignment(λ: ArrayLike<number>, μ: ArrayLike<number>, σ: Assignment): void {
  if (σ.length !== μ.length) throw new RangeError(`σ assigns ${σ.length} units, μ has ${μ.length}`);
  const seen = new Set<number>();
  σ.forEach((i, j) => {
    if (i === null) return;
    if (seen.has(i)) throw new RangeError(`u_${i} is assigned to two units`);
    seen.add(i);
    // At μ_j = 0 (no decay: the tied model's seed case) every direction is critical, null ones included.
    if (!(λ[i - 1] > μ[j]) && μ[j] !== 0) throw new RangeError(`unit ${j + 1} cannot learn u_${i}: λ_${i} ≤ μ_${j + 1}`);
  });
}

/** L(σ) (sum over samples). */
export function orderedLoss(λ: ArrayLike<number>, μ: ArrayLike<number>, σ: Assignment): number {
  checkAssignment(λ, μ, σ);
  const assigned = new Set(σ.filter((i): i is number => i !== null));
  let L = 0;
  for (let i = 1; i <= λ.length; i++) if (!assigned.has(i)) L += λ[i - 1];
  σ.forEach((i, j) => {
    if (i !== null) L += μ[j] === 0 ? 0 : 2 * μ[j] - (μ[j] * μ[j]) / λ[i - 1];
  });
  return L;
}

/** Morse index, zeros (none) and positive count at σ, for a model of `parameters` parameters. */
export function orderedInertia(
  λ: ArrayLike<number>,
  μ: ArrayLike<number>,
  σ: Assignment,
  parameters: number,
): { index: number; zeros: number; positive: number } {
  checkAssignment(λ, μ, σ);
  const assigned = new Set(σ.filter((i): i is number => i !== null));
  const free: number[] = [];
  for (let l = 1; l <= λ.length; l++) if (!assigned.has(l)) free.push(λ[l - 1]);
  let index = 0;
  σ.forEach((i, j) => {
    if (i !== null) {
      for (const λl of free) if (λl > λ[i - 1]) index++;
      for (let k = j + 1; k < σ.length; k++) {
        const m = σ[k];
        if (m !== null && (μ[j] - μ[k]) * (λ[i - 1] - λ[m - 1]) > 0) index++;
      }
    } else {
      for (const λl of free) if (λl > μ[j]) index++;
      σ.forEach((m, k) => {
        if (m !== null && μ[k] > μ[j]) index++;
      });
    }
  });
  return { index, zeros: 0, positive: parameters - index };
}

/** Every critical point: each unit unused or on an eigenvector it can learn, no eigenvector twice. */
export function orderedAssignments(λ: ArrayLike<number>, μ: ArrayLike<number>): (number | null)[][] {
  const out: (number | null)[][] = [];
  const σ: (number | null)[] = [];
  const taken = new Set<number>();
  const place = (j: number) => {
    if (j === μ.length) {
      out.push([...σ]);
      return;
    }
    σ.push(null);
    place(j + 1);
    σ.pop();
    for (let i = 1; i <= λ.length; i++) {
      if (taken.has(i) || !(λ[i - 1] > μ[j])) continue;
      taken.add(i);
      σ.push(i);
      place(j + 1);
      σ.pop();
      taken.delete(i);
    }
  };
  place(0);
  return out;
}

/** θ at σ: [A, B] row-major (linear) or B alone (tied, A = Bᵀ), with a_j = b_jᵀ = √(1 − μ_j/λ_σ(j)) u_σ(j). */
export function orderedRepresentative(eigen: Eigen, μ: ArrayLike<number>, σ: Assignment, tied: boolean): Float64Array {
  const { D, values: λ, U } = eigen;
  checkAssignment(λ, μ, σ);
  const d = σ.length;
  const B = new Float64Array(d * D);
  σ.forEach((i, j) => {
    if (i === null) return;
    const s = μ[j] === 0 ? 1 : Math.sqrt(1 - μ[j] / λ[i - 1]);
    for (let c = 0; c < D; c++) B[j * D + c] = s * U.data[c * D + (i - 1)];
  });
  if (tied) return B;
  // A = Bᵀ at every critical point of the decayed linear model (the decay balances the layers).
  const θ = new Float64Array(2 * D * d);
  θ.set(transpose({ rows: d, cols: D, data: B }).data, 0);
  θ.set(B, D * d);
  return θ;
}
