/**
 * A fast dense symmetric eigensolver on typed arrays with the same contract as `eigenSymmetric`
 * (eigen.ts): D = 784 in about 0.2 s, where mathjs's `eigs` takes minutes.
 *
 * Algorithm (the classical EISPACK/LAPACK pipeline, arranged so every inner loop runs along a
 * contiguous row of a row-major Float64Array):
 *   1. Scale Σ by its largest absolute entry s and symmetrise exactly: A = (Σ/s + Σᵀ/s)/2.
 *   2. Householder tridiagonalisation A = Q T Qᵀ on the upper triangle of the trailing block; the
 *      rank-2 update of step k and the symmetric matrix–vector product of step k+1 share one pass.
 *      Reflectors are stored LAPACK-style (H = I − τ v vᵀ, first entry of v = 1) in the rows of A
 *      (householder.ts, `tridiagonalise`).
 *   3. W = Qᵀ = H_{D−3} ⋯ H_0, row by row (four rows and two reflectors per pass; householder.ts,
 *      `accumulateQt`).
 *   4. Implicit QL (EISPACK tql2) on T, eigenvalues first and then, with them as perfect shifts
 *      (Wilkinson shifts as the fallback), the eigenvectors. W is kept transposed (W = Uᵀ), so each
 *      Givens rotation mixes two contiguous rows; four consecutive rotations share one pass
 *      (implicitQl.ts, `tql` and `applyRotations`).
 *   5. λ scaled back and sorted descending; rows of W normalised, given the sign rule of
 *      docs/design.md §2 (`applySignRule`), and transposed into U (column i = u_i).
 * Steps 1 and 5 and the choice of kernels are here; the workspace is eigenWorkspace.ts's.
 * `symmetricEigenvaluesFast` stops after step 2 and the first QL pass (no vectors: ≈ 5× less work),
 * for Hessian inertia.
 *
 * The three O(D³) loops (step 2's pass, step 3's reflector pairs, step 4's rotation sweeps) also
 * exist as WebAssembly SIMD kernels (eigenKernels.ts, assembled at run time from their instruction
 * listing); they are used when WebAssembly SIMD is available and D ≥ 32 (about 2–3× faster at
 * D = 200–784) and the plain-JS loops otherwise. Both do the same arithmetic up to the order of a
 * few sums.
 *
 * Accuracy is that of tql2/LAPACK: backward stable, so |Δλ| and ‖U Λ Uᵀ − Σ‖ are O(ε·‖Σ‖·D) and U is
 * orthonormal to O(ε·D); eigenvectors of close eigenvalues are individually ill-determined, as
 * with any solver, but their span is not.
 */

import { applySignRule, type Eigen } from './eigen';
import { compiledKernels } from './eigenKernels';
import { type EigenWorkspace, eigenWorkspace } from './eigenWorkspace';
import { accumulateQt, clearBelowReflectors, tridiagonalise } from './householder';
import { applyRotations, tql } from './implicitQl';
import { type Matrix, zeros } from './matrix';

export { symmetricEigenKernels } from './eigenKernels';

/** Below this D the plain-JS kernels are as fast (a WebAssembly instance costs ≈ 15 µs to set up). */
const WASM_MIN_D = 32;

export interface EigenSymmetricFastOptions {
  /** 'auto' (default): WebAssembly SIMD kernels when available and D ≥ 32, else JS. 'js' forces plain JS; 'wasm' forces WebAssembly and throws if it is unavailable. */
  kernels?: 'auto' | 'js' | 'wasm';
}

/** Largest absolute entry of Σ (throws on a non-square or non-finite Σ). */
function scaleOf(sigma: Matrix, who: string): number {
  const D = sigma.rows;
  if (sigma.cols !== D) throw new Error(`${who}: Σ is ${sigma.rows}×${sigma.cols}, not square`);
  const src = sigma.data;
  let s = 0;
  for (let i = 0; i < D * D; i++) {
    const t = Math.abs(src[i]);
    if (!(t <= s)) {
      if (!Number.isFinite(t)) throw new Error(`${who}: Σ has a non-finite entry`);
      s = t;
    }
  }
  return s;
}

/** The workspace for Σ (kernels per `mode`), holding A = (Σ/s + Σᵀ/s)/2 (step 1), tridiagonalised (step 2) into d, e. */
function tridiagonalised(
  sigma: Matrix,
  s: number,
  mode: EigenSymmetricFastOptions['kernels'] = 'auto',
): { ws: EigenWorkspace; d: Float64Array; e: Float64Array } {
  const n = sigma.rows;
  const src = sigma.data;
  const module = mode === 'js' || (mode === 'auto' && n < WASM_MIN_D) ? null : compiledKernels();
  if (mode === 'wasm' && !module) throw new Error('eigenSymmetricFast: WebAssembly SIMD is not available here');
  const ws = eigenWorkspace(n, module);
  const { a, stride } = ws;
  // Scale, then symmetrise exactly: a_ij = a_ji = (Σ_ij/s + Σ_ji/s)/2 (no overflow near 1e308).
  for (let i = 0; i < n; i++) {
    a[i * stride + i] = src[i * n + i] / s;
    for (let j = i + 1; j < n; j++) {
      const v = (src[i * n + j] / s + src[j * n + i] / s) * 0.5;
      a[i * stride + j] = v;
      a[j * stride + i] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalise(a, n, stride, d, e, ws.tau, ws.vectors, ws.wasm);
  return { ws, d, e };
}

/**
 * Eigendecomposition of a symmetric Σ with the same contract as `eigenSymmetric` (eigen.ts):
 * Σ is scaled by its largest absolute entry and symmetrised exactly, λ is scaled back and sorted
 * descending, eigenvectors are unit-norm columns of U with the sign rule applied; the zero matrix
 * gives λ = 0 and U = I. Any symmetric Σ is accepted (PSD or not). Throws on a non-square or
 * non-finite Σ.
 */
export function eigenSymmetricFast(sigma: Matrix, options: EigenSymmetricFastOptions = {}): Eigen {
  const D = sigma.rows;
  const s = scaleOf(sigma, 'eigenSymmetricFast');
  const U = zeros(D, D);
  if (s === 0 || D === 0) {
    for (let i = 0; i < D; i++) U.data[i * D + i] = 1;
    return { D, values: new Float64Array(D), U };
  }
  const n = D;
  const { ws: work, d, e } = tridiagonalised(sigma, s, options.kernels);
  const { a, w, tau, c, cs, sn, stride: ws, wasm } = work;
  clearBelowReflectors(a, n, ws);
  accumulateQt(a, n, ws, tau, c, w, wasm);

  // Eigenvalues first (O(D²)), then the vectors with them as shifts.
  const ev = d.slice();
  tql(ev, e.slice(), n, cs, sn, null, null);
  ev.sort();
  const run = wasm;
  const rotate = run
    ? (l: number, m: number) => applyRotations(w, n, ws, l, run.rot(run.offW, ws, l, m, run.offCs, run.offSn), cs, sn)
    : (l: number, m: number) => applyRotations(w, n, ws, l, m - 1, cs, sn);
  tql(d, e, n, cs, sn, rotate, ev);

  // Sort descending (stable on ties), normalise, sign rule, transpose rows of W into columns of U.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y] - d[x] || x - y);
  const values = new Float64Array(n);
  const out = U.data;
  const row = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = order[i];
    values[i] = d[k] * s;
    let nn = 0;
    for (let r = 0; r < n; r++) {
      const x = w[k * ws + r];
      row[r] = x;
      nn += x * x;
    }
    const inv = 1 / Math.sqrt(nn);
    for (let r = 0; r < n; r++) row[r] *= inv;
    applySignRule(row);
    for (let r = 0; r < n; r++) out[r * n + i] = row[r];
  }
  return { D, values, U };
}

/**
 * The eigenvalues of a symmetric Σ, descending, without eigenvectors: steps 1, 2 and one QL pass
 * (tql1's work). The same scaling and checks as `eigenSymmetricFast`; the values agree with its
 * to rounding (they come from the same tridiagonal T, iterated without the vector shifts).
 */
export function symmetricEigenvaluesFast(sigma: Matrix, options: EigenSymmetricFastOptions = {}): Float64Array {
  const n = sigma.rows;
  const s = scaleOf(sigma, 'symmetricEigenvaluesFast');
  if (s === 0 || n === 0) return new Float64Array(n);
  const { ws, d, e } = tridiagonalised(sigma, s, options.kernels);
  tql(d, e, n, ws.cs, ws.sn, null, null);
  const values = Float64Array.from(d, (v) => v * s);
  return values.sort().reverse();
}
