import type { Eigen } from '../../linalg/eigen';
import { type Matrix, rowDots, transpose, zeros } from '../../linalg/matrix';
import { DIVERGENCE_FACTOR, logSpacedSteps } from '../../training/schedule';
import type { Visit } from '../model';
import { type EigenbasisKernelChoice, eigenbasisWorkspace } from './eigenbasisKernels';
import { FoldedWorkspace } from './foldedWorkspace';
import { learnedScale } from './nearestCriticalPoint';
import { AssignmentTracker } from './orderedCriticalSet';
import { balancedness, initialModeStrength, orthonormalityDefect, principalAngles, unitAngles } from './trajectoryAnatomy';

export interface EigenbasisDescentOptions {
  eigen: Eigen;
  /** Initial weights in the original basis. */
  A0: Matrix;
  B0: Matrix;
  eta: number;
  steps: number;
  recordSteps?: number[];
  /** Steps at which to keep (A, B) in the original basis (the finders' starting points). */
  keepSteps?: ReadonlySet<number>;
  /**
   * Called every 1024 steps with the step reached and the steps and losses recorded so far (live
   * arrays: copy what you keep); return true to cancel.
   */
  onProgress?: (step: number, recorded: { step: readonly number[]; loss: readonly number[] }) => boolean | void;
  /** Also keep (Ã, B̃) at every recorded step (for projecting the path onto loss slices). */
  snapshots?: boolean;
  /**
   * The step's arithmetic (eigenbasisKernels.ts): 'auto' (default) the WebAssembly SIMD kernel where
   * WebAssembly SIMD is available, else plain JS; 'js' or 'wasm' force one ('wasm' throws where it is
   * unavailable; tests and benchmarks). Both give the same iterates up to rounding.
   */
  kernels?: EigenbasisKernelChoice;
  /**
   * Weight decay per hidden unit (length d; docs/design.md §5) and the tied model (A = Bᵀ; A0 must be
   * B0ᵀ): the step is then foldedWorkspace.ts's. Absent, or all zero and untied: the seed's step.
   */
  μ?: Float64Array;
  tied?: boolean;
}

export interface EigenbasisDescentResult {
  step: number[];
  loss: number[];
  /** diag P at each recorded step, P = Uᵀ A B U (how much of each eigendirection is learned). */
  learned: Float64Array[];
  /**
   * The nearest critical point by the closed form, each time it changes (computed at every step): a
   * set I, or under per-unit decay that is not uniform (the ordered profile) an assignment key σ
   * (orderedCriticalSet.ts's AssignmentTracker).
   */
  visited: Visit[];
  /** ‖AᵀA − BBᵀ‖_F at each recorded step; for the tied model (where it is 0), ‖BBᵀ − I_d‖_F. */
  balancedness: number[];
  /** ‖Ã_i,:‖·‖B̃_:,i‖ at step 0: each mode's initial strength, for the Saxe et al. sigmoid. */
  initialStrength: Float64Array;
  /** Principal angles between col(A) and span(u_1 … u_d) at each recorded step (radians, ascending). */
  angles: Float64Array[];
  /** Each hidden unit h's angle to its own eigenvector u_h at each recorded step (radians; trajectoryAnatomy.ts's unitAngles). */
  unitAngles: Float64Array[];
  /** Eigenbasis weights Ã (D × d) and B̃ (d × D) at each recorded step, when asked for. */
  snapshots: { A: Float64Array; B: Float64Array }[] | null;
  /** (A, B) in the original basis at each of `keepSteps` reached with finite weights. */
  kept: { step: number; A: Matrix; B: Matrix }[];
  diverged: boolean;
  divergedAtStep: number | null;
  cancelled: boolean;
  /** Final weights mapped back to the original basis; null when no longer finite. */
  A: Matrix | null;
  B: Matrix | null;
  stepsTaken: number;
}

export { nearestFromLearned } from './trajectoryAnatomy';

/**
 * The nearest critical point from diag P, as `nearestFromLearned` but into a 0/1 membership array
 * and without allocating: I = {i : P_ii > ½}, the d largest if more qualify (ties to the lower
 * index, like nearestFromLearned's stable sort). Returns whether `member` changed.
 */
function updateNearest(P: Float64Array, D: number, d: number, member: Uint8Array, pick: Uint8Array): boolean {
  let count = 0;
  for (let i = 0; i < D; i++) if (P[i] > 0.5) count++;
  let changed = false;
  if (count <= d) {
    for (let i = 0; i < D; i++) {
      const m = P[i] > 0.5 ? 1 : 0;
      if (m !== member[i]) {
        member[i] = m;
        changed = true;
      }
    }
    return changed;
  }
  pick.fill(0);
  for (let k = 0; k < d; k++) {
    let best = -1;
    for (let i = 0; i < D; i++) if (P[i] > 0.5 && pick[i] === 0 && (best < 0 || P[i] > P[best])) best = i;
    pick[best] = 1;
  }
  for (let i = 0; i < D; i++)
    if (pick[i] !== member[i]) {
      member[i] = pick[i];
      changed = true;
    }
  return changed;
}

/** Back to the original basis: A = UÃ, B = B̃Uᵀ, i.e. A_rh = U[r, :] · Ã[:, h], B_hr = B̃[h, :] · U[r, :]. */
function originalBasis(U: Matrix, { A, B }: { A: Float64Array; B: Float64Array }, D: number, d: number): { A: Matrix; B: Matrix } {
  const Aout = zeros(D, d);
  const Bout = zeros(d, D);
  rowDots(U.data, D, transpose({ rows: D, cols: d, data: A }).data, d, D, Aout.data, d, 1);
  rowDots(U.data, D, B, d, D, Bout.data, 1, D);
  return { A: Aout, B: Bout };
}

/**
 * Full-batch gradient descent carried out in Σ's eigenbasis (docs/design.md §1): with Ã = UᵀA,
 * B̃ = BU the loss is tr((I − ÃB̃) Λ (I − ÃB̃)ᵀ), Λ diagonal, and gradient descent commutes with
 * this orthogonal change of variables, so every iterate equals the original-basis one up to
 * rounding. A step costs O(D d²) instead of O(D² d):
 *   M = ΛB̃ᵀ, N = B̃M, G = ÃᵀÃ;  ∂L/∂Ã = −2 (M − ÃN),  ∂L/∂B̃ = −2 (ÃᵀΛ − G Mᵀ);
 *   L = tr Λ − 2 tr(ÃMᵀ) + tr(GN).
 * The arithmetic is eigenbasisKernels.ts's: one fused pass per step over rows [ã_i | b̃_i] (plain JS
 * or WebAssembly SIMD) that updates them and accumulates the next step's N, G, diag P and tr(ÃMᵀ).
 * diag P = diag(ÃB̃) thus comes with every step, so the nearest critical point is tracked at every
 * step (a membership array compared in place; I is built only when it changes).
 */
export function eigenbasisGradientDescent(opts: EigenbasisDescentOptions): EigenbasisDescentResult {
  const { eigen, eta, steps } = opts;
  const { D, U } = eigen;
  const λ = eigen.values;
  const d = opts.A0.cols;
  // Ã₀ = UᵀA₀ (D × d), B̃₀ = B₀U (d × D): (Ã₀)_ih = u_i · A₀[:, h], (B̃₀)_hi = B₀[h, :] · u_i.
  const Ut = transpose(U).data;
  const A0 = new Float64Array(D * d);
  rowDots(Ut, D, transpose(opts.A0).data, d, D, A0, d, 1);
  const B0 = new Float64Array(d * D);
  rowDots(Ut, D, opts.B0.data, d, D, B0, 1, D);
  const initialStrength = Float64Array.from({ length: D }, (_, i) => initialModeStrength(A0, B0, D, d, i));
  const μ = opts.μ ?? new Float64Array(d);
  const tied = opts.tied === true;
  const folded = tied || μ.some((m) => m !== 0);
  const base = eigenbasisWorkspace(λ, D, d, opts.kernels);
  const ws = folded ? new FoldedWorkspace(base, μ, tied) : base;
  // Under decay, direction i is learned to P_ii = 1 − μ/λ_i at most (nearestCriticalPoint.ts): P is
  // compared with ½ after scaling by 1/(1 − μ/λ_i), and a direction that cannot be learned never counts.
  const scale = μ.some((m) => m !== 0) ? learnedScale(λ, μ) : null;
  // Distinct penalties (the ordered profile): the points are assignments of units, tracked from ã_ih b̃_hi.
  const tracker = μ.some((m) => m !== μ[0]) ? new AssignmentTracker(λ, μ, D) : null;
  const { W, P, dp } = ws;
  const Ps = scale ? new Float64Array(D) : P;
  /** diag P compared with ½ (sets only; the tracker reads the rows itself). */
  const scaled = () => {
    if (scale) for (let i = 0; i < D; i++) Ps[i] = P[i] * scale[i];
    return Ps;
  };
  const rs = 2 * dp;
  for (let i = 0; i < D; i++)
    for (let h = 0; h < d; h++) {
      W[i * rs + h] = A0[i * d + h];
      W[i * rs + dp + h] = B0[h * D + i];
    }
  ws.refresh();
  /** Ã (D × d) and B̃ (d × D), unpacked from the workspace. */
  const unpack = (): { A: Float64Array; B: Float64Array } => {
    const A = new Float64Array(D * d);
    const B = new Float64Array(d * D);
    for (let i = 0; i < D; i++)
      for (let h = 0; h < d; h++) {
        A[i * d + h] = W[i * rs + h];
        B[h * D + i] = W[i * rs + dp + h];
      }
    return { A, B };
  };
  let trΛ = 0;
  for (let i = 0; i < D; i++) trΛ += λ[i];
  const c = 2 * eta; // A − η·(−2x) = A + (2η)x exactly
  const record = new Set(opts.recordSteps ?? logSpacedSteps(steps));
  const stepOut: number[] = [];
  const lossOut: number[] = [];
  const learnedOut: Float64Array[] = [];
  const balancedOut: number[] = [];
  const anglesOut: Float64Array[] = [];
  const unitAnglesOut: Float64Array[] = [];
  const snapshots: { A: Float64Array; B: Float64Array }[] | null = opts.snapshots ? [] : null;
  const kept: { step: number; A: Matrix; B: Matrix }[] = [];
  const visited: Visit[] = [];
  const member = new Uint8Array(D);
  const pick = new Uint8Array(D);
  let diverged = false;
  let divergedAtStep: number | null = null;
  let cancelled = false;
  let limit = Infinity;
  let s = 0;
  for (; ; s++) {
    const loss = trΛ - 2 * ws.trAM + ws.trGN() + (ws instanceof FoldedWorkspace ? ws.decay() : 0);
    if (s === 0) limit = DIVERGENCE_FACTOR * Math.max(loss, trΛ);
    const blewUp = !Number.isFinite(loss) || loss > limit;

    // diag P = diag(ÃB̃) came with the step; the nearest critical point, at every step.
    if (tracker) {
      if (!blewUp && tracker.update(W, rs, dp)) visited.push({ step: s, I: Array.from(tracker.key) });
    } else if (!blewUp && (updateNearest(scaled(), D, d, member, pick) || visited.length === 0)) {
      const I: number[] = [];
      for (let i = 0; i < D; i++) if (member[i]) I.push(i + 1);
      visited.push({ step: s, I });
    }
    if ((record.has(s) || blewUp || s === steps) && Number.isFinite(loss)) {
      const { A, B } = unpack();
      // ÃᵀÃ came with the step (the workspace keeps it, row stride dp): both records reuse it.
      const G = new Float64Array(d * d);
      for (let h = 0; h < d; h++) G.set(ws.G.subarray(h * dp, h * dp + d), h * d);
      stepOut.push(s);
      lossOut.push(loss);
      learnedOut.push(Float64Array.from(P));
      balancedOut.push(tied ? orthonormalityDefect(G, d) : balancedness(A, B, D, d, G));
      anglesOut.push(principalAngles(A, D, d, G));
      unitAnglesOut.push(unitAngles(B, D, d));
      snapshots?.push({ A, B });
    }
    if (opts.keepSteps?.has(s) && !blewUp) kept.push({ step: s, ...originalBasis(U, unpack(), D, d) });
    if (blewUp) {
      diverged = true;
      divergedAtStep = s;
      break;
    }
    if (s === steps) break;
    if (opts.onProgress && (s & 1023) === 0 && opts.onProgress(s, { step: stepOut, loss: lossOut })) {
      cancelled = true;
      break;
    }
    ws.step(c);
  }
  const last = unpack();
  const finite = last.A.every(Number.isFinite) && last.B.every(Number.isFinite);
  let Aout: Matrix | null = null;
  let Bout: Matrix | null = null;
  if (finite) ({ A: Aout, B: Bout } = originalBasis(U, last, D, d));
  return {
    step: stepOut,
    loss: lossOut,
    learned: learnedOut,
    visited,
    balancedness: balancedOut,
    initialStrength,
    angles: anglesOut,
    unitAngles: unitAnglesOut,
    snapshots,
    kept,
    diverged,
    divergedAtStep,
    cancelled,
    A: Aout,
    B: Bout,
    stepsTaken: s,
  };
}
