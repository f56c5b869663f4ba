import { canonicalRepresentative } from '../../landscape/criticalPoints';
import type { Eigen } from '../../linalg/eigen';
import { type Matrix, multiply, transpose, zeros } from '../../linalg/matrix';
import { randomOrthogonal } from '../../linalg/rotation';
import { eigenSymmetricFast } from '../../linalg/symmetricEigen';
import type { Rng } from '../../random/random';
import { lossAndGradient } from './lossAndGradient';

/**
 * The exact Hessian of L(A, B) = tr((I − AB) Σ (I − AB)ᵀ) in all n = 2Dd parameters, and its
 * inertia (design.md §1).
 *
 * Parameter order: A's entries row-major (A[r][h] at r·d + h), then B's entries row-major
 * (B[h][c] at D·d + h·D + c).
 *
 * Derivation. With E = I − AB and Σ symmetric, the gradient is
 *     g_A = ∂L/∂A = −2 E Σ Bᵀ,        g_B = ∂L/∂B = −2 Aᵀ E Σ.
 * Along a direction (dA, dB), dE = −(dA B + A dB), so
 *     d g_A = 2 (dA B + A dB) Σ Bᵀ − 2 E Σ dBᵀ,
 *     d g_B = 2 Aᵀ (dA B + A dB) Σ − 2 dAᵀ E Σ.
 * Taking unit directions dA = e_{r'} e_{h'}ᵀ and dB = e_{h'} e_{c'}ᵀ, and writing
 *     N = B Σ Bᵀ (d × d),  G = AᵀA (d × d),  M = Σ Bᵀ (D × d),  R = E Σ = Σ − A Mᵀ (D × D),
 * the blocks are (δ the Kronecker delta):
 *     H_AA[(r,h),(r',h')] = ∂²L/∂A_rh ∂A_r'h' = 2 δ_rr' N_hh'
 *     H_BB[(h,c),(h',c')] = ∂²L/∂B_hc ∂B_h'c' = 2 G_hh' Σ_cc'
 *     H_AB[(r,h),(h',c')] = ∂²L/∂A_rh ∂B_h'c' = 2 A_rh' M_c'h − 2 δ_hh' R_rc'
 *     H_BA = H_ABᵀ.
 * (Both d g_A along dB and d g_B along dA give the same H_AB, as they must.)
 * Σ is symmetrised first ((Σ + Σᵀ)/2, which leaves L unchanged) and the finished matrix is
 * symmetrised exactly, so H[i][j] === H[j][i] bit for bit. Cost O(D²d + (Dd)²).
 */
export function hessianMatrix(sigma: Matrix, A: Matrix, B: Matrix): Matrix {
  const D = sigma.rows;
  const d = A.cols;
  if (sigma.cols !== D || A.rows !== D || B.rows !== d || B.cols !== D)
    throw new Error(`shape mismatch: Σ ${sigma.rows}×${sigma.cols}, A ${A.rows}×${A.cols}, B ${B.rows}×${B.cols}`);
  const S = zeros(D, D);
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) S.data[i * D + j] = (sigma.data[i * D + j] + sigma.data[j * D + i]) / 2;
  const M = multiply(S, transpose(B)); // D × d
  const N = multiply(B, M); // d × d
  const G = multiply(transpose(A), A); // d × d
  const AMt = multiply(A, transpose(M)); // D × D, = A B Σ
  const R = zeros(D, D); // (I − AB) Σ
  for (let i = 0; i < D * D; i++) R.data[i] = S.data[i] - AMt.data[i];

  const nA = D * d;
  const n = 2 * nA;
  const H = zeros(n, n);
  const h = H.data;
  // H_AA: 2 δ_rr' N_hh'.
  for (let r = 0; r < D; r++)
    for (let a = 0; a < d; a++) {
      const row = (r * d + a) * n + r * d;
      for (let b = 0; b < d; b++) h[row + b] = 2 * N.data[a * d + b];
    }
  // H_BB: 2 G_hh' Σ_cc'.
  for (let a = 0; a < d; a++)
    for (let c = 0; c < D; c++) {
      const row = (nA + a * D + c) * n + nA;
      for (let b = 0; b < d; b++) {
        const g = 2 * G.data[a * d + b];
        if (g === 0) continue;
        for (let c2 = 0; c2 < D; c2++) h[row + b * D + c2] = g * S.data[c * D + c2];
      }
    }
  // H_AB: 2 A_rh' M_c'h − 2 δ_hh' R_rc', and its transpose H_BA.
  for (let r = 0; r < D; r++)
    for (let a = 0; a < d; a++) {
      const i = r * d + a;
      for (let b = 0; b < d; b++) {
        const arb = 2 * A.data[r * d + b];
        for (let c = 0; c < D; c++) {
          let v = arb * M.data[c * d + a];
          if (a === b) v -= 2 * R.data[r * D + c];
          const j = nA + b * D + c;
          h[i * n + j] = v;
          h[j * n + i] = v;
        }
      }
    }
  // Exact symmetry (H_AA and H_BB inherit N's and G's rounding asymmetry otherwise).
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const v = (h[i * n + j] + h[j * n + i]) / 2;
      h[i * n + j] = v;
      h[j * n + i] = v;
    }
  return H;
}

/**
 * A representative of W_I in a random GL(d) gauge: A = [U_I, 0] G, B = G⁻¹ [U_Iᵀ; 0] with
 * G = Q1 diag(s) Q2, Q1, Q2 Haar-orthogonal and s log-uniform in [½, 2] (so cond(G) ≤ 4), and
 * G⁻¹ = Q2ᵀ diag(1/s) Q1ᵀ formed from the factors, never by inversion. Then AB = W_I up to
 * rounding and the point is critical, but it is not the canonical representative. `I` is 1-based.
 */
export function gaugedRepresentative(eigen: Eigen, I: number[], d: number, rng: Rng): { A: Matrix; B: Matrix } {
  const { A: A0, B: B0 } = canonicalRepresentative(eigen, I, d);
  const Q1 = randomOrthogonal(d, rng);
  const Q2 = randomOrthogonal(d, rng);
  const s = new Float64Array(d);
  for (let i = 0; i < d; i++) s[i] = 2 ** (2 * rng.uniform() - 1);
  const Q1s = zeros(d, d); // Q1 diag(s)
  const Q2tInvS = zeros(d, d); // Q2ᵀ diag(1/s)
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      Q1s.data[i * d + j] = Q1.data[i * d + j] * s[j];
      Q2tInvS.data[i * d + j] = Q2.data[j * d + i] / s[j];
    }
  const Gm = multiply(Q1s, Q2);
  const Ginv = multiply(Q2tInvS, transpose(Q1));
  return { A: multiply(A0, Gm), B: multiply(Ginv, B0) };
}

/** Eigenvalues of a symmetric matrix, ascending (the fast typed-array solver; it scales first). */
export function symmetricEigenvalues(H: Matrix): Float64Array {
  const values = eigenSymmetricFast(H).values; // descending
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[n - 1 - i];
  return out;
}

export interface Inertia {
  negative: number;
  zero: number;
  positive: number;
}

/** Bunch–Kaufman's α = (1 + √17)/8, which bounds element growth. */
const BK_ALPHA = (1 + Math.sqrt(17)) / 8;

/**
 * Signs of the pivots of an LDLᵀ factorisation of H + shift·I with Bunch–Kaufman (partial,
 * symmetric) pivoting and 1 × 1 / 2 × 2 blocks. By Sylvester's law of inertia the counts are the
 * inertia of H + shift·I. Only the lower triangle of the trailing Schur complement is kept and
 * updated (L itself is not needed), so the cost is n³/3 multiply–adds.
 */
function pivotSigns(H: Matrix, shift: number): Inertia {
  const n = H.rows;
  if (H.cols !== n) throw new Error(`not square: ${H.rows}×${H.cols}`);
  // Lower triangle: entry (i, j), i ≥ j, at a[i·n + j]; the upper triangle is never read.
  const a = Float64Array.from(H.data);
  for (let i = 0; i < n; i++) a[i * n + i] += shift;
  let negative = 0;
  let zero = 0;
  let positive = 0;
  const count1 = (p: number) => {
    if (p < 0) negative++;
    else if (p > 0) positive++;
    else zero++;
  };
  // Symmetric interchange of indices p < q of the trailing matrix (indices ≥ k), lower storage.
  const swap = (k: number, p: number, q: number) => {
    if (p === q) return;
    let t: number;
    t = a[p * n + p];
    a[p * n + p] = a[q * n + q];
    a[q * n + q] = t;
    for (let j = k; j < p; j++) {
      t = a[p * n + j];
      a[p * n + j] = a[q * n + j];
      a[q * n + j] = t;
    }
    for (let j = p + 1; j < q; j++) {
      t = a[j * n + p];
      a[j * n + p] = a[q * n + j];
      a[q * n + j] = t;
    }
    for (let i = q + 1; i < n; i++) {
      t = a[i * n + p];
      a[i * n + p] = a[i * n + q];
      a[i * n + q] = t;
    }
  };
  const c0 = new Float64Array(n); // column k of the trailing matrix
  const c1 = new Float64Array(n); // column k + 1 (2 × 2 pivots)
  const w0 = new Float64Array(n);
  const w1 = new Float64Array(n);
  let k = 0;
  while (k < n) {
    const akk = Math.abs(a[k * n + k]);
    let colmax = 0;
    let r = k;
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > colmax) {
        colmax = v;
        r = i;
      }
    }
    if (Math.max(akk, colmax) === 0) {
      // Column already zero: a zero 1 × 1 pivot, nothing to eliminate.
      zero++;
      k++;
      continue;
    }
    let size = 1;
    if (akk < BK_ALPHA * colmax) {
      // Largest off-diagonal magnitude in row r of the trailing matrix.
      let rowmax = 0;
      for (let j = k; j < r; j++) rowmax = Math.max(rowmax, Math.abs(a[r * n + j]));
      for (let i = r + 1; i < n; i++) rowmax = Math.max(rowmax, Math.abs(a[i * n + r]));
      if (akk * rowmax >= BK_ALPHA * colmax * colmax) {
        // 1 × 1 pivot at k, no interchange.
      } else if (Math.abs(a[r * n + r]) >= BK_ALPHA * rowmax) {
        swap(k, k, r);
      } else {
        size = 2;
        swap(k, k + 1, r);
      }
    }
    if (size === 1) {
      const p = a[k * n + k];
      count1(p);
      // Schur complement: a_ij −= a_ik a_jk / p for k < j ≤ i.
      for (let i = k + 1; i < n; i++) c0[i] = a[i * n + k];
      for (let i = k + 1; i < n; i++) {
        const f = c0[i] / p;
        if (f === 0) continue;
        const row = i * n;
        for (let j = k + 1; j <= i; j++) a[row + j] -= f * c0[j];
      }
      k += 1;
    } else {
      const e11 = a[k * n + k];
      const e21 = a[(k + 1) * n + k];
      const e22 = a[(k + 1) * n + k + 1];
      // Eigenvalue signs of the 2 × 2 block [[e11, e21], [e21, e22]] from its determinant and
      // trace. (Bunch–Kaufman's choice makes det < 0, one of each sign, but count in general.)
      const det = e11 * e22 - e21 * e21;
      const tr = e11 + e22;
      if (det < 0) {
        negative++;
        positive++;
      } else if (det > 0) {
        if (tr > 0) positive += 2;
        else negative += 2;
      } else {
        zero++;
        count1(tr);
      }
      // w_i = E⁻¹ (a_ik, a_i,k+1)ᵀ in LAPACK dsytf2's scaled form (divide by e21, the block's
      // largest entry when a 2 × 2 pivot is chosen), then a_ij −= (a_ik, a_i,k+1) · w_j.
      const d11 = e22 / e21;
      const d22 = e11 / e21;
      const t = 1 / (d11 * d22 - 1);
      const d21 = t / e21;
      for (let i = k + 2; i < n; i++) {
        const x0 = a[i * n + k];
        const x1 = a[i * n + k + 1];
        c0[i] = x0;
        c1[i] = x1;
        w0[i] = d21 * (d11 * x0 - x1);
        w1[i] = d21 * (d22 * x1 - x0);
      }
      for (let i = k + 2; i < n; i++) {
        const u0 = c0[i];
        const u1 = c1[i];
        if (u0 === 0 && u1 === 0) continue;
        const row = i * n;
        for (let j = k + 2; j <= i; j++) a[row + j] -= u0 * w0[j] + u1 * w1[j];
      }
      k += 2;
    }
  }
  return { negative, zero, positive };
}

/**
 * Inertia of a symmetric H with the one tolerance τ, without eigenvalues (Sylvester's law):
 *   negative = #{μ < −τ}       = #negative pivots of LDLᵀ(H + τI),
 *   #{μ ≤ τ}                   = #non-positive pivots of LDLᵀ(H − τI),
 *   zero = #{−τ ≤ μ ≤ τ}       = #{μ ≤ τ} − negative,   positive = n − negative − zero.
 * (Thresholding the pivots of H itself would be wrong: pivots are not eigenvalues, and a pivot
 * can be tiny next to large eigenvalues or large next to tiny ones.) O(n³/3) flops.
 */
export function inertiaLDL(H: Matrix, τ: number): Inertia {
  const n = H.rows;
  const plus = pivotSigns(H, τ);
  const minus = pivotSigns(H, -τ);
  const negative = plus.negative;
  const atMostTau = minus.negative + minus.zero;
  const zero = atMostTau - negative;
  return { negative, zero, positive: n - negative - zero };
}

/** Counts of eigenvalues < −τ, with |μ| ≤ τ, and > τ. */
export function inertiaFromEigenvalues(values: ArrayLike<number>, τ: number): Inertia {
  let negative = 0;
  let zero = 0;
  let positive = 0;
  for (let i = 0; i < values.length; i++) {
    const μ = values[i];
    if (μ < -τ) negative++;
    else if (μ > τ) positive++;
    else zero++;
  }
  return { negative, zero, positive };
}

/**
 * Inertia of the Hessian of L at (A, B) with tolerance τ: from its eigenvalues (the fast typed-array
 * solver) when `eigenvalues` is set, otherwise from inertiaLDL (and `eigenvalues: null`).
 */
export function hessianInertia(
  sigma: Matrix,
  A: Matrix,
  B: Matrix,
  τ: number,
  opts: { eigenvalues?: boolean } = {},
): Inertia & { eigenvalues: Float64Array | null } {
  const H = hessianMatrix(sigma, A, B);
  if (opts.eigenvalues) {
    const eigenvalues = symmetricEigenvalues(H);
    return { ...inertiaFromEigenvalues(eigenvalues, τ), eigenvalues };
  }
  return { ...inertiaLDL(H, τ), eigenvalues: null };
}

/** ‖∇L(A, B)‖_F = √(‖∂L/∂A‖²_F + ‖∂L/∂B‖²_F). */
export function gradientNorm(sigma: Matrix, A: Matrix, B: Matrix): number {
  const { gradA, gradB } = lossAndGradient(sigma, A, B);
  let s = 0;
  for (let i = 0; i < gradA.data.length; i++) s += gradA.data[i] * gradA.data[i];
  for (let i = 0; i < gradB.data.length; i++) s += gradB.data[i] * gradB.data[i];
  return Math.sqrt(s);
}
