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
  // Before H_j is applied, Q is the identity outside rows and columns j..D−1, so H_j Q touches only
  // that block. Q ← Q − v (2 vᵀQ / vᵀv): w = vᵀQ is accumulated row by row (contiguous reads, not a
  // stride-D walk down each column), in the same order of i as a column-wise dot product.
  const Q = zeros(D, D);
  const q = Q.data;
  for (let i = 0; i < D; i++) q[i * D + i] = 1;
  const w = new Float64Array(D);
  for (let j = D - 1; j >= 0; j--) {
    const v = vs[j];
    let vnorm2 = 0;
    for (let i = j; i < D; i++) vnorm2 += v[i] * v[i];
    if (vnorm2 === 0) continue;
    w.fill(0, j);
    for (let i = j; i < D; i++) {
      const vi = v[i];
      const row = i * D;
      for (let c = j; c < D; c++) w[c] += vi * q[row + c];
    }
    for (let c = j; c < D; c++) w[c] = (2 * w[c]) / vnorm2;
    for (let i = j; i < D; i++) {
      const vi = v[i];
      const row = i * D;
      for (let c = j; c < D; c++) q[row + c] -= w[c] * vi;
    }
  }
  for (let i = 0; i < D; i++) for (let c = 0; c < D; c++) Q.data[i * D + c] *= signs[c];
  return Q;
}
