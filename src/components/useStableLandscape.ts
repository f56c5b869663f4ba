import { useRef } from 'react';
import type { Results } from '../worker/protocol';

const equal = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
};

/** Whether two results have the same landscape: the same model, Σ, λ, d, T and critical points (only the runs may differ). */
export function sameLandscape(a: Results, b: Results): boolean {
  if (a === b) return true;
  return (
    a.model.id === b.model.id &&
    a.params.d === b.params.d &&
    a.params.fullRank === b.params.fullRank &&
    a.T === b.T &&
    a.criticalPointsTotal === b.criticalPointsTotal &&
    equal(a.sigma.data, b.sigma.data) &&
    equal(a.eigenvalues, b.eigenvalues) &&
    equal(a.table.loss, b.table.loss) &&
    equal(a.table.index, b.table.index)
  );
}

/**
 * `results`, or the earlier results object with the same landscape: a change of lr, steps, runs
 * or init computes new results whose Σ and critical points are those on screen, and the figures
 * of the landscape (memoised on this object) are then neither rebuilt nor redrawn.
 */
export function useStableLandscape(results: Results | null): Results | null {
  const kept = useRef<Results | null>(null);
  // The comparison reads every critical point (155k at D = 18, d = 9): once per new results, not per render.
  const seen = useRef<Results | null>(null);
  if (results !== seen.current) {
    seen.current = results;
    if (!results) kept.current = null;
    else if (!kept.current || !sameLandscape(kept.current, results)) kept.current = results;
  }
  return kept.current;
}
