import { eigenSymmetricFast } from './symmetricEigen';

/**
 * Quantities that say where a gradient-descent run is, computed from its eigenbasis weights
 * Ã = UᵀA (D × d, row-major) and B̃ = BU (d × D, row-major). All are invariant under the
 * orthogonal change of basis, so they equal the original-basis ones.
 */

/** ‖ÃᵀÃ − B̃B̃ᵀ‖_F = ‖AᵀA − BBᵀ‖_F, conserved by gradient flow (and nearly so by small steps). */
export function balancedness(A: Float64Array, B: Float64Array, D: number, d: number): number {
  let s = 0;
  for (let h = 0; h < d; h++)
    for (let g = 0; g < d; g++) {
      let ata = 0;
      let bbt = 0;
      for (let i = 0; i < D; i++) {
        ata += A[i * d + h] * A[i * d + g];
        bbt += B[h * D + i] * B[g * D + i];
      }
      s += (ata - bbt) ** 2;
    }
  return Math.sqrt(s);
}

/**
 * Principal angles (radians, ascending) between col(A) and span(u_1 … u_d): in the eigenbasis,
 * between col(Ã) and span(e_1 … e_d). With Q an orthonormal basis of col(Ã) (modified
 * Gram–Schmidt, twice), the cosines are the singular values of Q's top d rows. A rank-deficient
 * A has fewer columns to compare; missing angles are reported as π/2.
 */
export function principalAngles(A: Float64Array, D: number, d: number): Float64Array {
  const cols: Float64Array[] = [];
  const scale = Math.sqrt(A.reduce((s, x) => s + x * x, 0)) || 1;
  for (let h = 0; h < d; h++) {
    const v = new Float64Array(D);
    for (let i = 0; i < D; i++) v[i] = A[i * d + h];
    for (let pass = 0; pass < 2; pass++)
      for (const q of cols) {
        let dot = 0;
        for (let i = 0; i < D; i++) dot += q[i] * v[i];
        for (let i = 0; i < D; i++) v[i] -= dot * q[i];
      }
    const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    if (norm > 1e-10 * scale) cols.push(v.map((x) => x / norm));
  }
  const r = cols.length;
  const angles = new Float64Array(d).fill(Math.PI / 2);
  if (r === 0) return angles;
  // C = (top d rows of Q)ᵀ (top d rows of Q), r × r; its eigenvalues are cos² of the angles.
  const C = new Float64Array(r * r);
  for (let a = 0; a < r; a++)
    for (let b = 0; b < r; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += cols[a][i] * cols[b][i];
      C[a * r + b] = s;
    }
  const cos2 = eigenSymmetricFast({ rows: r, cols: r, data: C }).values;
  for (let a = 0; a < r; a++) angles[a] = Math.acos(Math.min(1, Math.sqrt(Math.max(0, cos2[a]))));
  return angles.sort();
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

/**
 * The closed-form nearest critical point from diag P (design.md "Where a trajectory is"):
 * I = {i : P_ii > ½}, keeping the d largest if more qualify. Returns 1-based ascending I.
 */
export function nearestFromLearned(learned: ArrayLike<number>, d: number): number[] {
  const over: number[] = [];
  for (let i = 0; i < learned.length; i++) if (learned[i] > 0.5) over.push(i);
  if (over.length > d) over.sort((a, b) => learned[b] - learned[a]).splice(d);
  return over.sort((a, b) => a - b).map((i) => i + 1);
}
