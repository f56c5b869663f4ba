/**
 * On-demand work for one selected critical point: its exact Hessian in a random gauge, the
 * Proposition-1 residuals, its descent directions, the loss along a path to a neighbour, and the
 * 2-D slice through (origin, this point, the global minimum) with every run projected onto it.
 * Pure, like pipeline.ts.
 */

import { criticalLoss, morseInertia } from '../core/landscape/criticalPoints';
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../core/landscape/inertia';
import type { Eigen } from '../core/linalg/eigen';
import type { Matrix } from '../core/linalg/matrix';
import { hessianMatrix } from '../core/models/linear/hessian';
import {
  applyGauge,
  canonicalParameters,
  eigenbasisLoss,
  lossOnPlane,
  planeThrough,
  procrustesRotation,
  projectOntoPlane,
} from '../core/models/linear/lossSlice';
import { type DescentDirection, descentDirections, type PropositionOneChecks, propositionOneChecks } from '../core/models/linear/propositionOne';
import { gaugedRepresentative } from '../core/models/linear/representatives';
import { createRng, streamForGauge } from '../core/random/random';
import { hessianPolicy } from './hessianPolicy';

export interface HessianResult {
  negative: number;
  zero: number;
  positive: number;
  /** Ascending. */
  eigenvalues: Float64Array;
  /** The representative the Hessian was taken at (a random GL(d) gauge of W_I). */
  A: Matrix;
  B: Matrix;
  /** Inertia equals the closed form's (index, zeros, positive). */
  agrees: boolean;
}

/** Exact Hessian at a random-gauge representative of W_I, with its eigenvalues and inertia. */
export function hessianAt(sigma: Matrix, eigen: Eigen, I: number[], d: number, τ: number, seed: number): HessianResult {
  const { A, B } = gaugedRepresentative(eigen, I, d, createRng(seed, streamForGauge(I)));
  const H = hessianMatrix(sigma, A, B);
  const eigenvalues = symmetricEigenvalues(H);
  const counts = inertiaFromEigenvalues(eigenvalues, τ);
  const closed = morseInertia(
    eigen.values,
    I.map((i) => i - 1),
    d,
    τ,
  );
  const agrees = counts.negative === closed.index && counts.zero === closed.zeros && counts.positive === closed.positive;
  return { ...counts, eigenvalues, A, B, agrees };
}

export type PathChoice = { kind: 'rotate'; i: number; j: number } | { kind: 'grow'; j: number };

export interface PathResult {
  choice: PathChoice;
  /** The neighbour the path ends at (1-based I'). */
  target: number[];
  /** Path parameter: θ ∈ [0, π/2] for a rotation, t ∈ [0, 1] for growing a free unit. */
  s: number[];
  loss: number[];
  closedForm: number[];
}

/**
 * The loss along a one-index path from W_I, evaluated with the loss itself (eigenbasis, exact):
 * rotate:  column of u_i turns to cos θ u_i + sin θ u_j;  L = L(I) − (λ_j − λ_i) sin²θ.
 * grow:    a free hidden unit takes t·u_j in A and B;     L = L(I) − λ_j (2t² − t⁴).
 */
export function pathFrom(eigen: Eigen, I: number[], d: number, choice: PathChoice, samples = 61): PathResult {
  const { D } = eigen;
  const λ = eigen.values;
  const L0 = criticalLoss(
    λ,
    I.map((i) => i - 1),
  );
  const base = canonicalParameters(I, D, d);
  const s: number[] = [];
  const loss: number[] = [];
  const closedForm: number[] = [];
  const col = choice.kind === 'rotate' ? I.indexOf(choice.i) : I.length;
  const j = choice.j - 1;
  for (let n = 0; n < samples; n++) {
    const θ = base.slice();
    if (choice.kind === 'rotate') {
      const t = ((Math.PI / 2) * n) / (samples - 1);
      const i = choice.i - 1;
      θ[i * d + col] = Math.cos(t);
      θ[j * d + col] = Math.sin(t);
      θ[D * d + col * D + i] = Math.cos(t);
      θ[D * d + col * D + j] = Math.sin(t);
      s.push(t);
      closedForm.push(L0 - (λ[j] - λ[i]) * Math.sin(t) ** 2);
    } else {
      const t = n / (samples - 1);
      θ[j * d + col] = t;
      θ[D * d + col * D + j] = t;
      s.push(t);
      closedForm.push(L0 - λ[j] * (2 * t * t - t ** 4));
    }
    loss.push(eigenbasisLoss(λ, θ, D, d));
  }
  const target = choice.kind === 'rotate' ? I.filter((i) => i !== choice.i).concat(choice.j) : I.concat(choice.j);
  return { choice, target: target.sort((a, b) => a - b), s, loss, closedForm };
}

export interface SliceResult {
  /** The three points spanning the plane: names and plane coordinates. */
  landmarks: { label: string; I: number[]; x: number; y: number; loss: number }[];
  xs: number[];
  ys: number[];
  z: number[][];
  paths: { run: number; x: number[]; y: number[] }[];
  note: string | null;
}

/** Largest n² · D · d² spent on the contour grid. */
const GRID_BUDGET = 4e8;

/**
 * The loss on the plane through the origin, W_I's canonical representative and the global
 * minimum's, with every run's recorded weights gauge-aligned (orthogonal Procrustes of its final Ã
 * onto the minimum's) and projected. If I makes the plane degenerate (I = ∅ or the minimum), the
 * saddle {1..d−1} ∪ {d+1} is used instead and the note says so.
 */
export function sliceThrough(eigen: Eigen, I: number[], d: number, runs: { run: number; snapshots: { A: Float64Array; B: Float64Array }[] }[]): SliceResult {
  const { D } = eigen;
  const λ = eigen.values;
  const top = Array.from({ length: d }, (_, k) => k + 1);
  const origin = new Float64Array(2 * D * d);
  const minimum = canonicalParameters(top, D, d);
  let saddle = I;
  let plane = planeThrough(origin, canonicalParameters(saddle, D, d), minimum);
  let note: string | null = null;
  if (!plane && D > d) {
    saddle = top.slice(0, d - 1).concat(d + 1);
    plane = planeThrough(origin, canonicalParameters(saddle, D, d), minimum);
    note = `{${I.join(',')}} lies on the line through the origin and the minimum, so the plane uses the saddle {${saddle.join(',')}} instead.`;
  }
  if (!plane) return { landmarks: [], xs: [], ys: [], z: [], paths: [], note: 'No plane: the three points are collinear.' };
  const landmarks = [
    { label: 'origin (A = B = 0)', I: [] as number[], θ: origin },
    { label: `saddle {${saddle.join(',')}}`, I: saddle, θ: canonicalParameters(saddle, D, d) },
    { label: `global minimum {1..${d}}`, I: top, θ: minimum },
  ].map(({ label, I: J, θ }) => {
    const [x, y] = projectOntoPlane(plane, θ);
    return { label, I: J, x, y, loss: eigenbasisLoss(λ, θ, D, d) };
  });
  const Aref = minimum.subarray(0, D * d);
  const paths = runs.map(({ run, snapshots }) => {
    const last = snapshots[snapshots.length - 1];
    const R = last ? procrustesRotation(last.A, Aref, D, d) : null;
    const x: number[] = [];
    const y: number[] = [];
    for (const snap of snapshots) {
      const θ = new Float64Array(2 * D * d);
      θ.set(snap.A, 0);
      θ.set(snap.B, D * d);
      const [px, py] = projectOntoPlane(plane, R ? applyGauge(θ, R, D, d) : θ);
      x.push(px);
      y.push(py);
    }
    return { run, x, y };
  });
  const allX = [...landmarks.map((l) => l.x), ...paths.flatMap((p) => p.x)];
  const allY = [...landmarks.map((l) => l.y), ...paths.flatMap((p) => p.y)];
  const pad = (lo: number, hi: number): [number, number] => {
    const m = 0.2 * Math.max(hi - lo, 0.5);
    return [lo - m, hi + m];
  };
  const n = Math.max(15, Math.min(61, Math.floor(Math.sqrt(GRID_BUDGET / (D * d * d)))));
  const grid = lossOnPlane(λ, plane, D, d, pad(Math.min(...allX), Math.max(...allX)), pad(Math.min(...allY), Math.max(...allY)), n);
  return { landmarks, ...grid, paths, note };
}

export interface DetailResults {
  I: number[];
  loss: number;
  closed: { index: number; zeros: number; positive: number };
  hessian: HessianResult | null;
  hessianNote: string | null;
  checks: PropositionOneChecks;
  directions: DescentDirection[];
  path: PathResult | null;
  slice: SliceResult;
}

export interface DetailRequest {
  sigma: Matrix;
  eigen: Eigen;
  d: number;
  τ: number;
  seed: number;
  I: number[];
  path: PathChoice | null;
  runs: { run: number; snapshots: { A: Float64Array; B: Float64Array }[] }[];
}

/** The default path: the steepest descent direction, or (at a minimum) the cheapest way up. */
export function defaultPath(directions: DescentDirection[], I: number[], λ: ArrayLike<number>): PathChoice | null {
  const first = directions[0];
  if (first) return first.kind === 'rotate' ? { kind: 'rotate', i: first.i, j: first.j } : { kind: 'grow', j: first.j };
  const outside = Array.from({ length: λ.length }, (_, k) => k + 1).filter((j) => !I.includes(j));
  if (!I.length || !outside.length) return null;
  // No descent: rotate the weakest kept direction toward the strongest dropped one (uphill or flat).
  return { kind: 'rotate', i: I[I.length - 1], j: outside[0] };
}

export function computeDetail(req: DetailRequest): DetailResults {
  const { sigma, eigen, d, τ, I } = req;
  const λ = eigen.values;
  const closed = morseInertia(
    λ,
    I.map((i) => i - 1),
    d,
    τ,
  );
  const policy = hessianPolicy(eigen.D, d);
  const hessian = policy === 'closedFormOnly' ? null : hessianAt(sigma, eigen, I, d, τ, req.seed);
  const hessianNote =
    policy === 'closedFormOnly' ? `2Dd = ${2 * eigen.D * d} > 600 parameters: the Hessian is not formed; the closed form alone is shown.` : null;
  const { A, B } = hessian ?? gaugedRepresentative(eigen, I, d, createRng(req.seed, streamForGauge(I)));
  const directions = descentDirections(λ, I, d, τ);
  const choice = req.path ?? defaultPath(directions, I, λ);
  return {
    I,
    loss: criticalLoss(
      λ,
      I.map((i) => i - 1),
    ),
    closed,
    hessian,
    hessianNote,
    checks: propositionOneChecks(sigma, eigen, I, A, B),
    directions,
    path: choice ? pathFrom(eigen, I, d, choice) : null,
    slice: sliceThrough(eigen, I, d, req.runs),
  };
}
