import { rowDots, transpose } from '../../linalg/matrix';
import { eigenSymmetricFast } from '../../linalg/symmetricEigen';

/**
 * Quantities that say where a gradient-descent run is, computed from its eigenbasis weights
 * Ã = UᵀA (D × d, row-major) and B̃ = BU (d × D, row-major). All are invariant under the
 * orthogonal change of basis, so they equal the original-basis ones.
 */

/**
 * G = Σ_{i<rows} Ã_{i,:}ᵀ Ã_{i,:}, the d × d Gram matrix of Ã's first `rows` rows (all D rows:
 * G = ÃᵀÃ). Ã (row-major) is transposed first, so every dot product runs over contiguous memory
 * (≈ 3× faster than summing outer products of rows here).
 */
export function rowGram(A: Float64Array, d: number, rows: number): Float64Array {
  const At = transpose({ rows, cols: d, data: A.subarray(0, rows * d) }).data;
  const G = new Float64Array(d * d);
  rowDots(At, d, At, d, rows, G, d, 1);
  return G;
}

/**
 * ‖ÃᵀÃ − B̃B̃ᵀ‖_F = ‖AᵀA − BBᵀ‖_F, conserved by gradient flow (and nearly so by small steps).
 * `G` = ÃᵀÃ may be passed when the caller has it (the principal angles need it too).
 */
export function balancedness(A: Float64Array, B: Float64Array, D: number, d: number, G: Float64Array = rowGram(A, d, D)): number {
  const H = new Float64Array(d * d); // B̃B̃ᵀ: B̃'s rows are contiguous already
  rowDots(B, d, B, d, D, H, d, 1);
  let s = 0;
  for (let k = 0; k < d * d; k++) s += (G[k] - H[k]) ** 2;
  return Math.sqrt(s);
}

/** Eigen-directions of G below this fraction of its largest eigenvalue count as rank deficiency. */
const ANGLE_RANK_TOLERANCE = 1e-12;

/**
 * Principal angles (radians, ascending) between col(A) and span(u_1 … u_d): in the eigenbasis,
 * between col(Ã) and span(e_1 … e_d). The cosines are the singular values of Q's top d rows for
 * any orthonormal basis Q of col(Ã), so cos² are the eigenvalues of C = R⁻ᵀ G_top R⁻¹ whenever
 * Ã = QR, with G = ÃᵀÃ = RᵀR and G_top = Ã_topᵀ Ã_top (Ã's first d rows): only d × d work after the
 * Gram products, O(D d²) in all against the 2× Gram–Schmidt's 4 D d². R is G's Cholesky factor when
 * every pivot clears the rank tolerance; otherwise (a rank-deficient Ã) G = V M Vᵀ and R⁻¹ is
 * replaced by V_r M_r^{−1/2} on the r eigen-directions above it, and the d − r missing angles are
 * reported as π/2. cos² carries an error of about ε·κ(Ã)², negligible for the plot (checked
 * against scipy's subspace_angles in the tests).
 */
export function principalAngles(A: Float64Array, D: number, d: number, G: Float64Array = rowGram(A, d, D)): Float64Array {
  const angles = new Float64Array(d).fill(Math.PI / 2);
  const Gtop = rowGram(A, d, Math.min(d, D));
  const C = choleskyCongruence(G, Gtop, d) ?? eigenCongruence(G, Gtop, d);
  if (!C) return angles;
  const r = Math.round(Math.sqrt(C.length));
  const cos2 = eigenSymmetricFast({ rows: r, cols: r, data: C }).values;
  for (let a = 0; a < r; a++) angles[a] = Math.acos(Math.min(1, Math.sqrt(Math.max(0, cos2[a]))));
  return angles.sort();
}

/** L⁻¹ G_top L⁻ᵀ with G = LLᵀ (Cholesky), or null when a pivot falls below the rank tolerance. */
function choleskyCongruence(G: Float64Array, Gtop: Float64Array, d: number): Float64Array | null {
  let maxDiag = 0;
  for (let h = 0; h < d; h++) maxDiag = Math.max(maxDiag, G[h * d + h]);
  if (!(maxDiag > 0)) return null;
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let pivot = G[j * d + j];
    for (let k = 0; k < j; k++) pivot -= L[j * d + k] ** 2;
    if (!(pivot > ANGLE_RANK_TOLERANCE * maxDiag)) return null;
    const ljj = Math.sqrt(pivot);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = G[i * d + j];
      for (let k = 0; k < j; k++) s -= L[i * d + k] * L[j * d + k];
      L[i * d + j] = s / ljj;
    }
  }
  // X = L⁻¹ G_top (forward substitution, column by column), then C = L⁻¹ Xᵀ = L⁻¹ G_top L⁻ᵀ.
  const forward = (M: Float64Array): Float64Array => {
    const X = new Float64Array(d * d);
    for (let c = 0; c < d; c++)
      for (let i = 0; i < d; i++) {
        let s = M[i * d + c];
        for (let k = 0; k < i; k++) s -= L[i * d + k] * X[k * d + c];
        X[i * d + c] = s / L[i * d + i];
      }
    return X;
  };
  const X = forward(Gtop);
  const Xt = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let c = 0; c < d; c++) Xt[c * d + i] = X[i * d + c];
  const C = forward(Xt);
  for (let i = 0; i < d; i++) for (let c = 0; c < i; c++) C[i * d + c] = C[c * d + i] = (C[i * d + c] + C[c * d + i]) / 2;
  return C;
}

/** W_rᵀ G_top W_r with W_r = V_r M_r^{−1/2} on G's r eigen-directions above the tolerance; null if r = 0. */
function eigenCongruence(G: Float64Array, Gtop: Float64Array, d: number): Float64Array | null {
  const { values: μ, U: V } = eigenSymmetricFast({ rows: d, cols: d, data: G });
  let r = 0;
  while (r < d && μ[r] > ANGLE_RANK_TOLERANCE * μ[0] && μ[r] > 0) r++;
  if (r === 0) return null;
  const W = new Float64Array(d * r);
  for (let h = 0; h < d; h++) for (let a = 0; a < r; a++) W[h * r + a] = V.data[h * d + a] / Math.sqrt(μ[a]);
  const GW = new Float64Array(d * r);
  for (let h = 0; h < d; h++)
    for (let g = 0; g < d; g++) {
      const x = Gtop[h * d + g];
      if (x === 0) continue;
      for (let a = 0; a < r; a++) GW[h * r + a] += x * W[g * r + a];
    }
  const C = new Float64Array(r * r);
  for (let a = 0; a < r; a++)
    for (let b = a; b < r; b++) {
      let s = 0;
      for (let h = 0; h < d; h++) s += W[h * r + a] * GW[h * r + b];
      C[a * r + b] = s;
      C[b * r + a] = s;
    }
  return C;
}

/**
 * Saxe, McClelland & Ganguli (2014) for a small balanced start: in the eigenbasis each mode
 * strength p_i = (ÃB̃)_ii of a decoupled mode with loss λ_i(1 − p)² follows
 *   dp/dt = 4ηλ_i p (1 − p)   ⇒   p(t) = 1 / (1 + ((1 − p₀)/p₀) e^{−4ηλ_i t}),
 * a sigmoid on the time scale 1/(ηλ_i); it crosses ½ at t½ = ln((1 − p₀)/p₀) / (4ηλ_i).
 */
export function saxeModeStrength(p0: number, λ: number, η: number, t: number): number {
  if (!(p0 > 0) || !(λ > 0)) return p0;
  if (p0 >= 1) return 1;
  return 1 / (1 + ((1 - p0) / p0) * Math.exp(-4 * η * λ * t));
}

export function saxePlateauExit(p0: number, λ: number, η: number): number | null {
  if (!(p0 > 0 && p0 < 1) || !(λ > 0) || !(η > 0)) return null;
  return Math.log((1 - p0) / p0) / (4 * η * λ);
}

/**
 * The effective initial strength of mode i: ‖Ã_i,:‖ · ‖B̃_:,i‖. For a balanced start (Ã = B̃ᵀ)
 * it is exactly P_ii(0); for a random start it is the size the two factors can align to.
 */
export function initialModeStrength(A: Float64Array, B: Float64Array, D: number, d: number, i: number): number {
  let a = 0;
  let b = 0;
  for (let h = 0; h < d; h++) {
    a += A[i * d + h] ** 2;
    b += B[h * D + i] ** 2;
  }
  return Math.sqrt(a * b);
}

/** ‖G − I_d‖_F for G = BBᵀ (d × d, row-major): the tied model's record in place of balancedness, 0 when the hidden units are orthonormal. */
export function orthonormalityDefect(G: Float64Array, d: number): number {
  let s = 0;
  for (let h = 0; h < d; h++) for (let g = 0; g < d; g++) s += (G[h * d + g] - (h === g ? 1 : 0)) ** 2;
  return Math.sqrt(s);
}

/**
 * The closed-form nearest critical point from diag P (docs/design.md "Where a trajectory is"):
 * I = {i : P_ii > ½}, keeping the d largest if more qualify. Returns 1-based ascending I.
 */
export function nearestFromLearned(learned: ArrayLike<number>, d: number): number[] {
  const over: number[] = [];
  for (let i = 0; i < learned.length; i++) if (learned[i] > 0.5) over.push(i);
  if (over.length > d) over.sort((a, b) => learned[b] - learned[a]).splice(d);
  return over.sort((a, b) => a - b).map((i) => i + 1);
}

/**
 * Each hidden unit h's angle to its own eigenvector u_h, from B̃ = BU (d × D row-major):
 * atan2(‖b̃_h off its entry h‖, |b̃_hh|) (arccos(|b̃_hh|/‖b̃_h‖) would lose every angle below ~1e-8 to
 * rounding), π/2 for a zero row and for h ≥ D. Under the ordered decay profile the
 * minimum puts unit h on u_h (docs/design.md §5), so these fall to 0 one by one as PCA is recovered.
 */
export function unitAngles(Bt: Float64Array, D: number, d: number): Float64Array {
  return Float64Array.from({ length: d }, (_, h) => {
    if (h >= D) return Math.PI / 2;
    let off2 = 0;
    for (let i = 0; i < D; i++) if (i !== h) off2 += Bt[h * D + i] * Bt[h * D + i];
    const on = Math.abs(Bt[h * D + h]);
    return on === 0 && off2 === 0 ? Math.PI / 2 : Math.atan2(Math.sqrt(off2), on);
  });
}
