/**
 * The Morse index (the count of Hessian eigenvalues below −τ) from Hessian-vector products alone,
 * for models too large to form H (docs/design.md §6, issue 14): block Lanczos with full
 * reorthogonalisation, as Rayleigh–Ritz on the block Krylov space K_m = span{V, HV, H²V, …}.
 *
 * Why a block. Single-vector Lanczos sees one copy of each distinct eigenvalue (the Krylov space
 * holds only the start vector's projection onto an eigenspace), and the linear autoencoder's
 * saddles have repeated negative eigenvalues: the hidden-unit symmetry repeats a direction once
 * per unit, up to d times. A block of b = d + 2 random vectors sees every multiplicity up to b.
 *
 * What the count means. The Ritz values θ₁ ≤ … ≤ θ_m of T = QᵀHQ (Q an orthonormal basis of K_m)
 * interlace H's eigenvalues (Cauchy): #{θ < −τ} ≤ #{λ(H) < −τ} ≤ #{θ < −τ} + (n − m). So the count
 * is a lower bound at every step and exact when m = n (`exact`). Before that it is called
 * `converged` when (i) every Ritz value below τ has residual ‖H y − θ y‖ ≤ τ — each is then an
 * eigenvalue to within τ, and an unconverged Ritz value (the sign that the space has not yet
 * resolved eigenvalues near 0, where a small negative one may hide among the zeros) keeps it
 * going — and (ii) the count has held while the space doubled and grew by STABLE_BLOCK_STEPS
 * blocks (measured: at a saddle of D = 40, d = 8 with 8 negative eigenvalues, a block of 10 finds
 * 0, 5, 7 and 8 of them at m = 30, 60, 100 and 150).
 * A negative eigenvalue missed then needs every start vector nearly orthogonal to its
 * eigenvector. When the space stops growing (H maps it into itself) it is converged too: only
 * eigenvectors orthogonal to the whole random block lie outside it.
 */
import { dot, type Matrix } from '../linalg/matrix';
import { eigenSymmetricFast, symmetricEigenvaluesFast } from '../linalg/symmetricEigen';
import type { Rng } from '../random/random';

/** The count has to hold while the Krylov degree grows by this many block steps (and the space doubles). */
const STABLE_BLOCK_STEPS = 10;

export interface LanczosIndex {
  /** #{Ritz values < −τ}: a lower bound on the index; the index itself when `exact` (and, very probably, when `converged`). */
  negative: number;
  /** Hessian-vector products taken (the dimension m of the Krylov space). */
  steps: number;
  /** m = n: the Ritz values are H's eigenvalues. */
  exact: boolean;
  /** Exact, or the count held while the space grew (see the header). */
  converged: boolean;
}

/** Orthogonalise w against the `size` rows of Q (n each), twice ("twice is enough", Parlett); returns ‖w‖ after. */
function orthogonalise(w: Float64Array, Q: Float64Array, size: number, n: number): number {
  for (let pass = 0; pass < 2; pass++)
    for (let j = 0; j < size; j++) {
      const o = j * n;
      let c = 0;
      for (let i = 0; i < n; i++) c += w[i] * Q[o + i];
      for (let i = 0; i < n; i++) w[i] -= c * Q[o + i];
    }
  let s = 0;
  for (let i = 0; i < n; i++) s += w[i] * w[i];
  return Math.sqrt(s);
}

/**
 * The count of eigenvalues of the symmetric operator `H` (n × n) below −τ, from a block of
 * `block` random start vectors drawn from `rng` and at most `maxSteps` Hessian-vector products.
 */
export function lanczosIndex(H: (v: Float64Array) => Float64Array, n: number, τ: number, rng: Rng, block: number, maxSteps = n): LanczosIndex {
  const limit = Math.min(n, maxSteps);
  // The basis, row after row (contiguous: the reorthogonalisation is most of the work), and H times each row.
  const capacity = Math.min(n, limit + block);
  const Q = new Float64Array(capacity * n);
  const HQ = new Float64Array(limit * n);
  let size = 0;
  const w = new Float64Array(n);
  // w joins the basis when orthogonalisation leaves more than 1e-10 of its norm (else it is in the span: deflation).
  const keep = (before: number) => {
    const norm = orthogonalise(w, Q, size, n);
    if (norm <= 1e-10 * before) return;
    for (let i = 0; i < n; i++) Q[size * n + i] = w[i] / norm;
    size++;
  };
  for (let k = 0; k < Math.min(block, n); k++) {
    for (let i = 0; i < n; i++) w[i] = rng.normal();
    keep(Math.sqrt(dot(w, w)));
  }
  // T = QᵀHQ over the vectors whose products are known, grown a row and column at a time.
  const T: number[][] = [];
  let counted = -1;
  let heldSince = 0;
  let next = 10;
  let result: LanczosIndex = { negative: 0, steps: 0, exact: false, converged: false };
  for (let m = 1; m <= limit && m <= size; m++) {
    const h = H(Q.subarray((m - 1) * n, m * n));
    HQ.set(h, (m - 1) * n);
    const row: number[] = [];
    for (let i = 0; i < m; i++) {
      let t = 0;
      for (let k = 0, o = i * n; k < n; k++) t += Q[o + k] * h[k];
      row.push(t);
    }
    T.push(row);
    if (size < capacity) {
      w.set(h);
      keep(Math.sqrt(dot(w, w)));
    }
    const exhausted = m === n || m === size;
    if (m < next && !exhausted && m !== limit) continue;
    next = m + Math.max(block, Math.floor(m / 2)); // geometric: the O(m³) Ritz values dominate, and then cost ≈ 1.3× the last check
    const negative = ritzCount(T, Q, HQ, n, m, τ, false).negative;
    if (negative !== counted) {
      counted = negative;
      heldSince = m;
    }
    // The residuals (which need the Ritz vectors, O(m³)) only once the count has held.
    const held = m - heldSince >= Math.max(STABLE_BLOCK_STEPS * block, m / 2) && ritzCount(T, Q, HQ, n, m, τ, true).resolved;
    result = { negative, steps: m, exact: m === n, converged: m === n || held || exhausted };
    if (result.converged || exhausted) return result;
  }
  return result;
}

/**
 * Rayleigh–Ritz on the first m basis vectors: the count of Ritz values below −τ, and whether every
 * Ritz value below τ is resolved (residual ‖HQs − θQs‖ ≤ τ, Qs its unit Ritz vector).
 */
function ritzCount(
  T: number[][],
  Q: Float64Array,
  HQ: Float64Array,
  n: number,
  m: number,
  τ: number,
  residuals: boolean,
): { negative: number; resolved: boolean } {
  const A: Matrix = { rows: m, cols: m, data: new Float64Array(m * m) };
  for (let i = 0; i < m; i++)
    for (let j = 0; j <= i; j++) {
      const t = T[i][j]; // q_jᵀ H q_i, computed when q_i's product was
      A.data[i * m + j] = t;
      A.data[j * m + i] = t;
    }
  if (!residuals) return { negative: countBelow(symmetricEigenvaluesFast(A), -τ), resolved: false };
  const { values, U } = eigenSymmetricFast(A);
  const r = new Float64Array(n);
  let negative = 0;
  let resolved = true;
  for (let k = 0; k < m; k++) {
    const θ = values[k];
    if (θ < -τ) negative++;
    if (θ >= τ || !resolved) continue;
    // r = Σ_j s_j (H q_j − θ q_j)
    r.fill(0);
    for (let j = 0; j < m; j++) {
      const s = U.data[j * m + k];
      for (let i = 0, o = j * n; i < n; i++) r[i] += s * (HQ[o + i] - θ * Q[o + i]);
    }
    if (Math.sqrt(dot(r, r)) > τ) resolved = false;
  }
  return { negative, resolved };
}

function countBelow(values: Float64Array, x: number): number {
  let count = 0;
  for (const θ of values) if (θ < x) count++;
  return count;
}
