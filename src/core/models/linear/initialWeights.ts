import { type Matrix, zeros } from '../../linalg/matrix';
import { createRng, streamForRun } from '../../random/random';

export type InitMode = 'random' | 'balanced';

/**
 * Run r's initial weights come from the stream (seed, 100 + r) of `createRng`.
 * random:   A₀ (D × d) then B₀ (d × D), entries iid N(0, init²), row-major.
 * balanced: B₀ as above, A₀ = B₀ᵀ, so A₀ᵀA₀ = B₀B₀ᵀ exactly (a balanced start).
 */
export function initialWeights(seed: number, run: number, D: number, d: number, init: number, mode: InitMode): { A0: Matrix; B0: Matrix } {
  const rng = createRng(seed, streamForRun(run));
  const A0 = zeros(D, d);
  const B0 = zeros(d, D);
  if (mode === 'random') {
    for (let i = 0; i < D * d; i++) A0.data[i] = init * rng.normal();
    for (let i = 0; i < d * D; i++) B0.data[i] = init * rng.normal();
  } else {
    for (let i = 0; i < d * D; i++) B0.data[i] = init * rng.normal();
    for (let h = 0; h < d; h++) for (let r = 0; r < D; r++) A0.data[r * d + h] = B0.data[h * D + r];
  }
  return { A0, B0 };
}
