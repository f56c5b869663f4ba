import { type Matrix, zeros } from '../linalg/matrix';

/**
 * Σ = XᵀX = Σ_t x_t x_tᵀ, the uncentred second-moment matrix (D × D). Only the upper triangle
 * is accumulated and mirrored, so Σ is exactly symmetric (docs/design.md §2).
 */
export function secondMoment(X: Matrix): Matrix {
  const { rows: T, cols: D } = X;
  const S = zeros(D, D);
  const s = S.data;
  const x = X.data;
  for (let t = 0; t < T; t++) {
    const row = t * D;
    for (let i = 0; i < D; i++) {
      const xi = x[row + i];
      if (xi === 0) continue;
      const si = i * D;
      for (let j = i; j < D; j++) s[si + j] += xi * x[row + j];
    }
  }
  for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) s[i * D + j] = s[j * D + i];
  return S;
}
