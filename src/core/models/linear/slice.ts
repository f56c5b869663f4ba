/**
 * The 2-D slice of the loss through the origin, a critical point and the global minimum, in
 * parameter space, with every run's recorded weights gauge-aligned and projected (docs/design.md §1,
 * "Slices of the surface").
 */
import type { Eigen } from '../../linalg/eigen';
import { applyGauge, canonicalParameters, eigenbasisLoss, lossOnPlane, planeThrough, procrustesRotation, projectOntoPlane } from './lossSlice';

/** Recorded eigenbasis weights of a run (Ã, B̃ at each recorded step), for projections onto the slice. */
export interface RunSnapshots {
  run: number;
  snapshots: { A: Float64Array; B: Float64Array }[];
}

export interface SliceResult {
  /** The three points spanning the plane: names and plane coordinates. */
  landmarks: { kind: 'origin' | 'saddle' | 'minimum'; I: number[]; x: number; y: number; loss: number }[];
  xs: number[];
  ys: number[];
  z: number[][];
  paths: { run: number; x: number[]; y: number[] }[];
  /** When the plane through the requested point is degenerate (I = ∅ or the minimum): the saddle used instead. */
  substitute: { requested: number[]; used: number[] } | null;
  /** No plane at all: the three points are collinear. */
  degenerate: boolean;
}

/** Largest n² · D · d² spent on the contour grid. */
const GRID_BUDGET = 4e8;

/**
 * The loss on the plane through the origin, W_I's canonical representative and the global
 * minimum's, with every run's recorded weights gauge-aligned (orthogonal Procrustes of its final Ã
 * onto the minimum's) and projected. If I makes the plane degenerate (I = ∅ or the minimum), the
 * saddle {1..d−1} ∪ {d+1} is used instead and `substitute` says so.
 */
export function sliceThrough(eigen: Eigen, I: number[], d: number, runs: RunSnapshots[]): SliceResult {
  const { D } = eigen;
  const λ = eigen.values;
  const top = Array.from({ length: d }, (_, k) => k + 1);
  const origin = new Float64Array(2 * D * d);
  const minimum = canonicalParameters(top, D, d);
  let saddle = I;
  let plane = planeThrough(origin, canonicalParameters(saddle, D, d), minimum);
  let substitute: SliceResult['substitute'] = null;
  if (!plane && D > d) {
    saddle = top.slice(0, d - 1).concat(d + 1);
    plane = planeThrough(origin, canonicalParameters(saddle, D, d), minimum);
    substitute = { requested: I, used: saddle };
  }
  if (!plane) return { landmarks: [], xs: [], ys: [], z: [], paths: [], substitute: null, degenerate: true };
  const landmarks = [
    { kind: 'origin' as const, I: [] as number[], θ: origin },
    { kind: 'saddle' as const, I: saddle, θ: canonicalParameters(saddle, D, d) },
    { kind: 'minimum' as const, I: top, θ: minimum },
  ].map(({ kind, I: J, θ }) => {
    const [x, y] = projectOntoPlane(plane, θ);
    return { kind, I: J, x, y, loss: eigenbasisLoss(λ, θ, D, d) };
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
  return { landmarks, ...grid, paths, substitute, degenerate: false };
}
