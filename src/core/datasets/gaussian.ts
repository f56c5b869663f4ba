import { createRng, STREAM_DATA, STREAM_ROTATION } from '../random';
import { randomOrthogonal } from '../rotation';
import { zeros, type Matrix } from '../matrix';

export interface GaussianOptions {
  D: number;
  T: number;
  seed: number;
  /** Variance of each axis before rotation (length D). */
  variances: Float64Array;
  /** Rotate the axes by a Haar-random orthogonal matrix R: x = R z. */
  rotate: boolean;
}

/**
 * T samples x_t = R diag(√variances) z_t with z_t ~ N(0, I_D): rows of X (T × D).
 * E[x xᵀ] = R diag(variances) Rᵀ, so Σ = XᵀX ≈ T · R diag(variances) Rᵀ.
 */
export function gaussianData({ D, T, seed, variances, rotate }: GaussianOptions): Matrix {
  const rng = createRng(seed, STREAM_DATA);
  const X = zeros(T, D);
  const sd = Array.from(variances, (v) => Math.sqrt(v));
  for (let t = 0; t < T; t++) for (let k = 0; k < D; k++) X.data[t * D + k] = sd[k] * rng.normal();
  if (!rotate) return X;
  const R = randomOrthogonal(D, createRng(seed, STREAM_ROTATION));
  // x_t ← R z_t, i.e. row t ← z_t Rᵀ.
  const out = zeros(T, D);
  const z = new Float64Array(D);
  for (let t = 0; t < T; t++) {
    for (let k = 0; k < D; k++) z[k] = X.data[t * D + k];
    for (let r = 0; r < D; r++) {
      let s = 0;
      const rr = r * D;
      for (let k = 0; k < D; k++) s += R.data[rr + k] * z[k];
      out.data[t * D + r] = s;
    }
  }
  return out;
}
