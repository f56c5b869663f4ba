import type { Eigen } from './eigen';
import { zeros, type Matrix } from './matrix';
import { balancedness, initialModeStrength, principalAngles } from './trajectoryAnatomy';
import { DIVERGENCE_FACTOR, logSpacedSteps } from './training';

export interface EigenbasisDescentOptions {
  eigen: Eigen;
  /** Initial weights in the original basis. */
  A0: Matrix;
  B0: Matrix;
  eta: number;
  steps: number;
  recordSteps?: number[];
  /** Called now and then with the step reached; return true to cancel. */
  onProgress?: (step: number) => boolean | void;
  /** Also keep (Ã, B̃) at every recorded step (for projecting the path onto loss slices). */
  snapshots?: boolean;
}

export interface Visit {
  /** First step at which this critical point was the nearest. */
  step: number;
  /** 1-based ascending. */
  I: number[];
}

export interface EigenbasisDescentResult {
  step: number[];
  loss: number[];
  /** diag P at each recorded step, P = Uᵀ A B U (how much of each eigendirection is learned). */
  learned: Float64Array[];
  /** The nearest critical point by the closed form, each time it changes (computed at every step). */
  visited: Visit[];
  /** ‖AᵀA − BBᵀ‖_F at each recorded step. */
  balancedness: number[];
  /** ‖Ã_i,:‖·‖B̃_:,i‖ at step 0: each mode's initial strength, for the Saxe et al. sigmoid. */
  initialStrength: Float64Array;
  /** Principal angles between col(A) and span(u_1 … u_d) at each recorded step (radians, ascending). */
  angles: Float64Array[];
  /** Eigenbasis weights Ã (D × d) and B̃ (d × D) at each recorded step, when asked for. */
  snapshots: { A: Float64Array; B: Float64Array }[] | null;
  diverged: boolean;
  divergedAtStep: number | null;
  cancelled: boolean;
  /** Final weights mapped back to the original basis; null when no longer finite. */
  A: Matrix | null;
  B: Matrix | null;
  stepsTaken: number;
}

/** Ã = UᵀA (D × d). */
function toEigenbasisA(U: Matrix, A: Matrix): Float64Array {
  const D = U.rows;
  const d = A.cols;
  const out = new Float64Array(D * d);
  for (let r = 0; r < D; r++)
    for (let i = 0; i < D; i++) {
      const u = U.data[r * D + i]; // (u_i)_r = (Uᵀ)_{i r}
      if (u === 0) continue;
      for (let h = 0; h < d; h++) out[i * d + h] += u * A.data[r * d + h];
    }
  return out;
}

/** B̃ = BU (d × D). */
function toEigenbasisB(U: Matrix, B: Matrix): Float64Array {
  const D = U.rows;
  const d = B.rows;
  const out = new Float64Array(d * D);
  for (let h = 0; h < d; h++)
    for (let r = 0; r < D; r++) {
      const b = B.data[h * D + r];
      if (b === 0) continue;
      for (let i = 0; i < D; i++) out[h * D + i] += b * U.data[r * D + i];
    }
  return out;
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

/**
 * Full-batch gradient descent carried out in Σ's eigenbasis (design.md §1): with Ã = UᵀA,
 * B̃ = BU the loss is tr((I − ÃB̃) Λ (I − ÃB̃)ᵀ), Λ diagonal, and gradient descent commutes with
 * this orthogonal change of variables, so every iterate equals the original-basis one up to
 * rounding. A step costs O(D d²) instead of O(D² d):
 *   M = ΛB̃ᵀ, N = B̃M, G = ÃᵀÃ;  ∂L/∂Ã = −2 (M − ÃN),  ∂L/∂B̃ = −2 (ÃᵀΛ − G Mᵀ);
 *   L = tr Λ − 2 tr(ÃMᵀ) + tr(GN).
 * diag P = diag(ÃB̃) is O(D d) here, so the nearest critical point is tracked at every step.
 */
export function eigenbasisGradientDescent(opts: EigenbasisDescentOptions): EigenbasisDescentResult {
  const { eigen, eta, steps } = opts;
  const { D, U } = eigen;
  const λ = eigen.values;
  const d = opts.A0.cols;
  const A = toEigenbasisA(U, opts.A0);
  const B = toEigenbasisB(U, opts.B0);
  const M = new Float64Array(D * d);
  const N = new Float64Array(d * d);
  const G = new Float64Array(d * d);
  const gA = new Float64Array(D * d);
  const gB = new Float64Array(d * D);
  const P = new Float64Array(D);
  const initialStrength = Float64Array.from({ length: D }, (_, i) => initialModeStrength(A, B, D, d, i));
  let trΛ = 0;
  for (let i = 0; i < D; i++) trΛ += λ[i];
  const record = new Set(opts.recordSteps ?? logSpacedSteps(steps));
  const stepOut: number[] = [];
  const lossOut: number[] = [];
  const learnedOut: Float64Array[] = [];
  const balancedOut: number[] = [];
  const anglesOut: Float64Array[] = [];
  const snapshots: { A: Float64Array; B: Float64Array }[] | null = opts.snapshots ? [] : null;
  const visited: Visit[] = [];
  let lastKey = '';
  let diverged = false;
  let divergedAtStep: number | null = null;
  let cancelled = false;
  let limit = Infinity;
  let s = 0;
  for (; ; s++) {
    // M_ih = λ_i B̃_hi;  N = B̃ M;  G = ÃᵀÃ.
    for (let i = 0; i < D; i++) for (let h = 0; h < d; h++) M[i * d + h] = λ[i] * B[h * D + i];
    N.fill(0);
    G.fill(0);
    for (let i = 0; i < D; i++) {
      const ai = i * d;
      for (let h = 0; h < d; h++) {
        const bhi = B[h * D + i];
        const ahi = A[ai + h];
        for (let g = 0; g < d; g++) {
          N[h * d + g] += bhi * M[ai + g];
          G[h * d + g] += ahi * A[ai + g];
        }
      }
    }
    let trAMt = 0;
    for (let i = 0; i < D * d; i++) trAMt += A[i] * M[i];
    let trGN = 0;
    for (let i = 0; i < d * d; i++) trGN += G[i] * N[i];
    const loss = trΛ - 2 * trAMt + trGN;
    if (s === 0) limit = DIVERGENCE_FACTOR * Math.max(loss, trΛ);
    const blewUp = !Number.isFinite(loss) || loss > limit;

    // diag P = diag(ÃB̃), and the nearest critical point, at every step.
    for (let i = 0; i < D; i++) {
      let p = 0;
      for (let h = 0; h < d; h++) p += A[i * d + h] * B[h * D + i];
      P[i] = p;
    }
    if (!blewUp) {
      const I = nearestFromLearned(P, d);
      const key = I.join(',');
      if (key !== lastKey || visited.length === 0) {
        visited.push({ step: s, I });
        lastKey = key;
      }
    }
    if ((record.has(s) || blewUp || s === steps) && Number.isFinite(loss)) {
      stepOut.push(s);
      lossOut.push(loss);
      learnedOut.push(Float64Array.from(P));
      balancedOut.push(balancedness(A, B, D, d));
      anglesOut.push(principalAngles(A, D, d));
      snapshots?.push({ A: Float64Array.from(A), B: Float64Array.from(B) });
    }
    if (blewUp) {
      diverged = true;
      divergedAtStep = s;
      break;
    }
    if (s === steps) break;
    if (opts.onProgress && (s & 1023) === 0 && opts.onProgress(s)) {
      cancelled = true;
      break;
    }
    for (let i = 0; i < D; i++)
      for (let h = 0; h < d; h++) {
        let an = 0;
        for (let g = 0; g < d; g++) an += A[i * d + g] * N[g * d + h];
        gA[i * d + h] = -2 * (M[i * d + h] - an);
      }
    for (let h = 0; h < d; h++)
      for (let i = 0; i < D; i++) {
        let gm = 0;
        for (let g = 0; g < d; g++) gm += G[h * d + g] * M[i * d + g];
        gB[h * D + i] = -2 * (λ[i] * A[i * d + h] - gm);
      }
    for (let i = 0; i < D * d; i++) A[i] -= eta * gA[i];
    for (let i = 0; i < d * D; i++) B[i] -= eta * gB[i];
  }
  const finite = A.every(Number.isFinite) && B.every(Number.isFinite);
  let Aout: Matrix | null = null;
  let Bout: Matrix | null = null;
  if (finite) {
    // Back to the original basis: A = UÃ, B = B̃Uᵀ.
    Aout = zeros(D, d);
    Bout = zeros(d, D);
    for (let r = 0; r < D; r++)
      for (let i = 0; i < D; i++) {
        const u = U.data[r * D + i];
        if (u === 0) continue;
        for (let h = 0; h < d; h++) {
          Aout.data[r * d + h] += u * A[i * d + h];
          Bout.data[h * D + r] += B[h * D + i] * u;
        }
      }
  }
  return { step: stepOut, loss: lossOut, learned: learnedOut, visited, balancedness: balancedOut, initialStrength, angles: anglesOut, snapshots, diverged, divergedAtStep, cancelled, A: Aout, B: Bout, stepsTaken: s };
}
