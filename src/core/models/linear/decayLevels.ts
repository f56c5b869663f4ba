/**
 * The critical loss levels as the uniform weight decay μ grows (docs/design.md §5): each set I
 * has L(I; μ) = Σ_{i∉I} λ_i + Σ_{i∈I} (2μ − μ²/λ_i), defined while μ < min_{i∈I} λ_i. At μ = 0
 * the levels are the seed's tr Σ − Σ_{i∈I} λ_i; as μ grows they rise at different rates (the
 * −μ²/λ_i term splits sets of equal Σλ) and each ends where μ reaches its smallest λ_i, on the
 * level of I without that index (2μ − μ²/λ_i = λ_i at μ = λ_i): u_i is no longer learned and the
 * point falls away into its neighbour. Only the top `m` directions are drawn (2^m sets at most).
 */
import { decayedInertia, decayedLoss } from './weightDecay';

/** One set's level as μ runs from 0 to where it ends. */
export interface LevelCurve {
  /** 1-based eigen-indices, ascending. */
  I: number[];
  μ: number[];
  L: number[];
}

/** Sets I ⊆ {1..m} with |I| ≤ d whose λ_i are all > 0 (a zero λ_i is never learned under decay). */
function levelSets(λ: ArrayLike<number>, d: number, m: number): number[][] {
  const top = Math.min(m, λ.length);
  const out: number[][] = [];
  const grow = (from: number, I: number[]) => {
    out.push([...I]);
    if (I.length === d) return;
    for (let i = from; i <= top; i++) if (λ[i - 1] > 0) grow(i + 1, [...I, i]);
  };
  grow(1, []);
  return out;
}

/**
 * L(I; μ) on `samples` values of μ from 0 to the curve's end (λ₁ for ∅), for every I ⊆ top m,
 * |I| ≤ d. The last value is the limit at μ = min λ_i, where the curve meets I's neighbour.
 */
export function decayLevels(λ: ArrayLike<number>, d: number, m = 8, samples = 64): LevelCurve[] {
  return levelSets(λ, d, m).map((I) => {
    const end = I.length ? Math.min(...I.map((i) => λ[i - 1])) : λ[0];
    const μ: number[] = [];
    const L: number[] = [];
    for (let s = 0; s < samples; s++) {
      const x = (end * s) / (samples - 1);
      μ.push(x);
      // At the end μ = λ_i the curve meets I without i (and without any i tied with it): 2μ − μ²/λ_i = λ_i there.
      L.push(decayedLoss(λ, s < samples - 1 ? I : I.filter((i) => λ[i - 1] > x), x));
    }
    return { I, μ, L };
  });
}

/** The levels at one μ: every drawn set still learnable there, with its loss and Morse index (§5). */
export function levelsAt(λ: ArrayLike<number>, d: number, μ: number, parameters: number, m = 8): { I: number[]; L: number; index: number }[] {
  return levelSets(λ, d, m)
    .filter((I) => I.every((i) => λ[i - 1] > μ))
    .map((I) => ({ I, L: decayedLoss(λ, I, μ), index: decayedInertia(λ, I, d, μ, parameters).index }));
}
