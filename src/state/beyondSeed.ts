import type { Results } from '../worker/protocol';

/**
 * True when the results' landscape is not the seed's: weight decay or tied weights (docs/design.md §5).
 * The seed's μ = 0 untied maths (Proposition 1, descent directions, paths, the loss slice) is then not drawn.
 */
export function beyondSeed(results: Pick<Results, 'μ' | 'model'>): boolean {
  return results.model.id === 'tied' || results.μ.some((m) => m !== 0);
}
