/**
 * Cross-check only: full-batch gradient descent on (A, B) in the original basis, O(D²d) a step.
 * The page trains in Σ's eigenbasis (models/linear/eigenbasisTraining.ts), which gives the same
 * iterates up to rounding; tests and the benchmark hold the two against each other.
 */
import { type Matrix, trace } from '../linalg/matrix';
import { DIVERGENCE_FACTOR, logSpacedSteps } from '../training/schedule';

export interface GradientDescentOptions {
  sigma: Matrix;
  A0: Matrix;
  B0: Matrix;
  eta: number;
  steps: number;
  /** Steps whose loss is recorded (default: logSpacedSteps(steps)). */
  recordSteps?: number[];
  /** Called now and then with the step reached; return true to cancel. */
  onProgress?: (step: number) => boolean | void;
}

export interface GradientDescentResult {
  /** Recorded steps and the loss after that many steps. */
  step: number[];
  loss: number[];
  diverged: boolean;
  /** The step at which divergence was detected (its loss is the last recorded if finite). */
  divergedAtStep: number | null;
  cancelled: boolean;
  /** Weights after the last step taken; null when they are no longer finite. */
  A: Matrix | null;
  B: Matrix | null;
  stepsTaken: number;
}

/**
 * Full-batch gradient descent on (A, B) with the analytic gradient of docs/design.md §1:
 *   A ← A + 2η (I − AB) Σ Bᵀ,   B ← B + 2η Aᵀ (I − AB) Σ   (both from the same iterate).
 * Each step costs O(D² d) through M = ΣBᵀ and Q = ΣA; the loss of the current iterate comes out
 * of the same products (L = tr Σ − 2 tr(AMᵀ) + tr(AᵀA · BM)), so recording it is free.
 */
export function gradientDescent(opts: GradientDescentOptions): GradientDescentResult {
  const { sigma, eta, steps } = opts;
  const D = sigma.rows;
  const d = opts.A0.cols;
  const S = sigma.data;
  const A = Float64Array.from(opts.A0.data);
  const B = Float64Array.from(opts.B0.data);
  const M = new Float64Array(D * d); // ΣBᵀ
  const Q = new Float64Array(D * d); // ΣA
  const N = new Float64Array(d * d); // BΣBᵀ
  const G = new Float64Array(d * d); // AᵀA
  const gA = new Float64Array(D * d);
  const gB = new Float64Array(d * D);
  const trSigma = trace(sigma);
  const record = new Set(opts.recordSteps ?? logSpacedSteps(steps));
  const stepOut: number[] = [];
  const lossOut: number[] = [];
  let diverged = false;
  let divergedAtStep: number | null = null;
  let cancelled = false;
  let limit = Infinity;
  let s = 0;
  for (; ; s++) {
    // M = Σ Bᵀ and Q = Σ A: row r of each is Σ_c Σ_rc (B_hc, A_ch).
    for (let r = 0; r < D; r++) {
      const sr = r * D;
      for (let h = 0; h < d; h++) {
        let m = 0;
        let q = 0;
        const bh = h * D;
        for (let c = 0; c < D; c++) {
          const src = S[sr + c];
          m += src * B[bh + c];
          q += src * A[c * d + h];
        }
        M[r * d + h] = m;
        Q[r * d + h] = q;
      }
    }
    for (let h = 0; h < d; h++)
      for (let g = 0; g < d; g++) {
        let n = 0;
        let gg = 0;
        for (let r = 0; r < D; r++) {
          n += B[h * D + r] * M[r * d + g];
          gg += A[r * d + h] * A[r * d + g];
        }
        N[h * d + g] = n;
        G[h * d + g] = gg;
      }
    let trAMt = 0;
    for (let i = 0; i < D * d; i++) trAMt += A[i] * M[i];
    let trGN = 0;
    for (let i = 0; i < d * d; i++) trGN += G[i] * N[i];
    const loss = trSigma - 2 * trAMt + trGN;
    if (s === 0) limit = DIVERGENCE_FACTOR * Math.max(loss, trSigma);
    const blewUp = !Number.isFinite(loss) || loss > limit;
    if (record.has(s) || blewUp || s === steps) {
      if (Number.isFinite(loss)) {
        stepOut.push(s);
        lossOut.push(loss);
      }
    }
    if (blewUp) {
      diverged = true;
      divergedAtStep = s;
      break;
    }
    if (s === steps) break;
    if (opts.onProgress && (s & 255) === 0 && opts.onProgress(s)) {
      cancelled = true;
      break;
    }
    // ∂L/∂A = −2 (M − A N); ∂L/∂B = −2 (Qᵀ − G Mᵀ).
    for (let r = 0; r < D; r++)
      for (let h = 0; h < d; h++) {
        let an = 0;
        for (let g = 0; g < d; g++) an += A[r * d + g] * N[g * d + h];
        gA[r * d + h] = -2 * (M[r * d + h] - an);
      }
    for (let h = 0; h < d; h++)
      for (let r = 0; r < D; r++) {
        let gm = 0;
        for (let g = 0; g < d; g++) gm += G[h * d + g] * M[r * d + g];
        gB[h * D + r] = -2 * (Q[r * d + h] - gm);
      }
    for (let i = 0; i < D * d; i++) A[i] -= eta * gA[i];
    for (let i = 0; i < d * D; i++) B[i] -= eta * gB[i];
  }
  const finite = A.every(Number.isFinite) && B.every(Number.isFinite);
  return {
    step: stepOut,
    loss: lossOut,
    diverged,
    divergedAtStep,
    cancelled,
    A: finite ? { rows: D, cols: d, data: A } : null,
    B: finite ? { rows: d, cols: D, data: B } : null,
    stepsTaken: s,
  };
}
