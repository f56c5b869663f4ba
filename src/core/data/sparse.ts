import { type Matrix, zeros } from '../linalg/matrix';
import { importanceWeights } from '../models/relu/features';
import { createRng, STREAM_DATA } from '../random/random';

/**
 * The Toy Models of Superposition setting: feature i is 0 with probability `sparsity`, else
 * uniform on [0, 1], then scaled by √importance_i with importance_i = r^(i−1). The scaling turns
 * that paper's importance-weighted loss into this plain loss (docs/design.md §1, "Sparse features").
 */
export function sparseData({ D, T, seed, sparsity, importance }: { D: number; T: number; seed: number; sparsity: number; importance: number }): Matrix {
  const rng = createRng(seed, STREAM_DATA);
  const X = zeros(T, D);
  const weight = importanceWeights(D, importance).map(Math.sqrt);
  for (let t = 0; t < T; t++)
    for (let i = 0; i < D; i++) {
      const active = rng.uniform() >= sparsity;
      const value = rng.uniform(); // drawn either way, so one feature's sparsity never shifts another's stream
      if (active) X.data[t * D + i] = weight[i] * value;
    }
  return X;
}
