import { type Matrix, multiply, transpose, zeros } from '../../linalg/matrix';
import { lossAndGradient } from './lossAndGradient';

/**
 * The exact Hessian of L(A, B) = tr((I − AB) Σ (I − AB)ᵀ) in all n = 2Dd parameters
 * (docs/design.md §1); its inertia is landscape/inertia.ts's.
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

/** ‖∇L(A, B)‖_F = √(‖∂L/∂A‖²_F + ‖∂L/∂B‖²_F). */
export function gradientNorm(sigma: Matrix, A: Matrix, B: Matrix): number {
  const { gradA, gradB } = lossAndGradient(sigma, A, B);
  let s = 0;
  for (let i = 0; i < gradA.data.length; i++) s += gradA.data[i] * gradA.data[i];
  for (let i = 0; i < gradB.data.length; i++) s += gradB.data[i] * gradB.data[i];
  return Math.sqrt(s);
}
