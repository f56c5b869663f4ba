import type { Rng } from '../random/random';
import { type Matrix, zeros } from './matrix';

/**
 * A Haar-distributed random orthogonal D × D matrix: Householder QR of a Gaussian matrix with the
 * signs of R's diagonal folded into Q (Mezzadri 2007), so that the rotation is uniform.
 * Returned Q has orthonormal columns to rounding.
 */
export function randomOrthogonal(D: number, rng: Rng): Matrix {
  // G is filled column by column; we work on columns of G stored as rows of `cols` for locality.
  const cols: Float64Array[] = [];
  for (let j = 0; j < D; j++) {
    const c = new Float64Array(D);
    for (let i = 0; i < D; i++) c[i] = rng.normal();
    cols.push(c);
  }
  // Householder vectors v_j, applied to the remaining columns; signs of R_jj recorded.
  const vs: Float64Array[] = [];
  const signs = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    const x = cols[j];
    let norm = 0;
    for (let i = j; i < D; i++) norm += x[i] * x[i];
    norm = Math.sqrt(norm);
    const alpha = x[j] >= 0 ? -norm : norm; // R_jj = alpha
    signs[j] = alpha >= 0 ? 1 : -1;
    const v = new Float64Array(D);
    for (let i = j; i < D; i++) v[i] = x[i];
    v[j] -= alpha;
    let vnorm2 = 0;
    for (let i = j; i < D; i++) vnorm2 += v[i] * v[i];
    vs.push(v);
    if (vnorm2 === 0) continue;
    for (let c = j + 1; c < D; c++) {
      const y = cols[c];
      let dot = 0;
      for (let i = j; i < D; i++) dot += v[i] * y[i];
      const f = (2 * dot) / vnorm2;
      for (let i = j; i < D; i++) y[i] -= f * v[i];
    }
  }
  // Q = H_0 H_1 … H_{D−1} · diag(signs): apply the reflections to the identity from the right end.
  const Q = zeros(D, D);
  for (let i = 0; i < D; i++) Q.data[i * D + i] = 1;
  for (let j = D - 1; j >= 0; j--) {
    const v = vs[j];
    let vnorm2 = 0;
    for (let i = j; i < D; i++) vnorm2 += v[i] * v[i];
    if (vnorm2 === 0) continue;
    // Q ← H_j Q, H_j = I − 2 v vᵀ / vᵀv; only rows j..D−1 change.
    for (let c = 0; c < D; c++) {
      let dot = 0;
      for (let i = j; i < D; i++) dot += v[i] * Q.data[i * D + c];
      const f = (2 * dot) / vnorm2;
      if (f === 0) continue;
      for (let i = j; i < D; i++) Q.data[i * D + c] -= f * v[i];
    }
  }
  for (let i = 0; i < D; i++) for (let c = 0; c < D; c++) Q.data[i * D + c] *= signs[c];
  return Q;
}
