/**
 * How a finder's end point is scored against the closed form (docs/design.md §6): its verdict at a
 * cutoff on ‖∇L‖²/λ₁², whether it agrees with the analytic critical point nearest to it (loss within
 * 1e-8 · tr Σ and the same Morse index), and, over many runs, the share of verdicts that are right
 * as the cutoff sweeps (Frye et al.'s cutoff figure) and how often each analytic point was found
 * against how many there are per index (the finders' bias).
 */

export type Verdict = 'critical' | 'gradient-flat' | 'not converged';

/** ‖H∇L‖ ≤ FLATNESS · λ₁ · ‖∇L‖: ∇L lies (nearly) in H's kernel, so ½‖∇L‖² is flat there (Frye et al. 2020). */
const FLATNESS = 1e-3;
/** Loss agreement with L(I), relative to tr Σ. */
const LOSS_AGREEMENT = 1e-8;
/** The cutoffs swept (on ‖∇L‖²/λ₁²): 1e-4, 1e-5, …, 1e-16. */
export const CUTOFF_SWEEP = Array.from({ length: 13 }, (_, k) => 10 ** -(4 + k));

/** The verdict at `cutoff` from ‖∇L‖² and ‖H∇L‖ at the end point. */
export function verdictOf(gradNormSq: number, hessianGradNorm: number, cutoff: number, λ1: number): Verdict {
  if (gradNormSq <= cutoff * λ1 * λ1) return 'critical';
  if (hessianGradNorm <= FLATNESS * λ1 * Math.sqrt(gradNormSq)) return 'gradient-flat';
  return 'not converged';
}

export interface Agreement {
  loss: boolean;
  /** null when the numerical index was not taken (too many parameters for a dense Hessian). */
  index: boolean | null;
  /** Both hold (index counted as holding only when it was taken). */
  agrees: boolean;
}

export function agreementOf(loss: number, closedLoss: number, traceSigma: number, index: number | null, closedIndex: number): Agreement {
  const lossOk = Math.abs(loss - closedLoss) <= LOSS_AGREEMENT * traceSigma;
  const indexOk = index === null ? null : index === closedIndex;
  return { loss: lossOk, index: indexOk, agrees: lossOk && indexOk === true };
}

/** Per cutoff of CUTOFF_SWEEP: the share of runs whose verdict "critical or not" matches whether they agree with their analytic point. */
export function cutoffSweep(runs: readonly { gradNormSq: number; agrees: boolean }[], λ1: number): { cutoff: number; right: number }[] {
  return CUTOFF_SWEEP.map((cutoff) => ({
    cutoff,
    right: runs.length ? runs.filter((r) => r.gradNormSq <= cutoff * λ1 * λ1 === r.agrees).length / runs.length : 0,
  }));
}

/** Per Morse index: how many analytic points there are, and how many distinct ones the runs that agree found. */
export function findingBias(
  analyticIndex: ArrayLike<number>,
  found: readonly { key: string; index: number }[],
): { index: number; analytic: number; found: number }[] {
  const byIndex = new Map<number, { analytic: number; keys: Set<string> }>();
  for (let r = 0; r < analyticIndex.length; r++) {
    const e = byIndex.get(analyticIndex[r]) ?? { analytic: 0, keys: new Set<string>() };
    e.analytic++;
    byIndex.set(analyticIndex[r], e);
  }
  for (const f of found) byIndex.get(f.index)?.keys.add(f.key);
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, e]) => ({ index, analytic: e.analytic, found: e.keys.size }));
}
