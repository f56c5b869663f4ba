/** When a training run records, and when it is stopped as diverged. */

/** 0, steps, and about `count` log-spaced steps in between (unique, ascending). */
export function logSpacedSteps(steps: number, count = 240): number[] {
  const out = new Set<number>([0, steps]);
  if (steps >= 1) {
    const top = Math.log10(steps);
    for (let j = 0; j < count; j++) out.add(Math.round(10 ** ((top * j) / (count - 1))));
  }
  return [...out].filter((s) => s <= steps).sort((a, b) => a - b);
}

/** A run is stopped as diverged when its loss is non-finite or passes this multiple of max(L₀, tr Σ). */
export const DIVERGENCE_FACTOR = 1e6;
