import { type Matrix, rowDots, zeros } from '../linalg/matrix';
import { randomOrthogonal } from '../linalg/rotation';
import { createRng, STREAM_DATA, STREAM_ROTATION } from '../random/random';

export interface GaussianOptions {
  D: number;
  T: number;
  seed: number;
  /** Variance of each axis before rotation (length D). */
  variances: Float64Array;
  /** Rotate the axes by a Haar-random orthogonal matrix R: x = R z. */
  rotate: boolean;
  /** Remove sampling noise: Z has orthonormal columns scaled by √T, so ZᵀZ = T·I exactly. */
  exact?: boolean;
}

/**
 * T samples x_t = R diag(√variances) z_t with z_t ~ N(0, I_D): rows of X (T × D).
 * E[x xᵀ] = R diag(variances) Rᵀ, so Σ = XᵀX ≈ T · R diag(variances) Rᵀ.
 */
export function gaussianData({ D, T, seed, variances, rotate, exact = false }: GaussianOptions): Matrix {
  const rng = createRng(seed, STREAM_DATA);
  const X = zeros(T, D);
  const sd = Array.from(variances, (v) => Math.sqrt(v));
  for (let t = 0; t < T; t++) for (let k = 0; k < D; k++) X.data[t * D + k] = rng.normal();
  if (exact) orthonormaliseColumns(X, Math.sqrt(T));
  for (let t = 0; t < T; t++) for (let k = 0; k < D; k++) X.data[t * D + k] *= sd[k];
  if (!rotate) return X;
  const R = randomOrthogonal(D, createRng(seed, STREAM_ROTATION));
  // x_t ← R z_t, i.e. row t ← z_t Rᵀ: dot products of rows of Z and rows of R, two of each at a time.
  const out = zeros(T, D);
  rowDots(X.data, T, R.data, D, D, out.data, D, 1);
  return out;
}

/**
 * Replace the columns of Z (T × D) by an orthonormal basis of their span times `scale`
 * (modified Gram–Schmidt, twice, for orthogonality to rounding), so ZᵀZ = scale²·I. When T < D
 * only the first T columns can be orthonormal; the rest are set to zero, which keeps the top T
 * variances and makes Σ singular — exactly what T < D means.
 */
function orthonormaliseColumns(Z: Matrix, scale: number): void {
  const { rows: T, cols: D } = Z;
  const col = new Float64Array(T);
  for (let k = 0; k < D; k++) {
    if (k >= T) {
      for (let t = 0; t < T; t++) Z.data[t * D + k] = 0;
      continue;
    }
    for (let t = 0; t < T; t++) col[t] = Z.data[t * D + k];
    for (let pass = 0; pass < 2; pass++)
      for (let j = 0; j < k; j++) {
        let dot = 0;
        for (let t = 0; t < T; t++) dot += Z.data[t * D + j] * col[t];
        dot /= scale * scale;
        for (let t = 0; t < T; t++) col[t] -= dot * Z.data[t * D + j];
      }
    let norm = 0;
    for (let t = 0; t < T; t++) norm += col[t] * col[t];
    norm = Math.sqrt(norm);
    for (let t = 0; t < T; t++) Z.data[t * D + k] = (col[t] / norm) * scale;
  }
}
