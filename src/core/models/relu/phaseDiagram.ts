/**
 * The paper's phase diagram for D = 2 features in d = 1 dimension (Toy Models of Superposition,
 * "Phase change"; docs/design.md §7): over feature density 1 − S and the importance of feature 2
 * relative to feature 1 (I = (1, ratio), not r^(i−1)), which solution training finds —
 * feature 2 not represented (feature 1 keeps the dimension), feature 2 on a dedicated dimension
 * (feature 1 dropped), or both in superposition (W₁ and W₂ antipodal, ±1).
 */

import { evaluationSample } from './features';
import { REPRESENTED_NORM } from './reluMetrics';
import { type ReluOptimizer, trainReluRuns } from './reluTraining';

export type PhaseRegion = 'not represented' | 'dedicated' | 'superposed';

/** n log-spaced values from lo to hi (both included). */
export function logSpaced(lo: number, hi: number, n: number): number[] {
  if (n === 1) return [lo];
  const a = Math.log(lo);
  const step = (Math.log(hi) - a) / (n - 1);
  return Array.from({ length: n }, (_, k) => (k === 0 ? lo : k === n - 1 ? hi : Math.exp(a + k * step)));
}

/** A cell's region from ‖W₁‖ and ‖W₂‖ (d = 1: |W₁|, |W₂|), with the represented threshold ½. */
export function classifyPhase(norm1: number, norm2: number): PhaseRegion {
  if (norm2 < REPRESENTED_NORM) return 'not represented';
  return norm1 < REPRESENTED_NORM ? 'dedicated' : 'superposed';
}

export interface PhaseCell {
  density: number;
  ratio: number;
  region: PhaseRegion;
  /** The kept run's W = (W₁, W₂) (d = 1) and b. */
  W: [number, number];
  b: [number, number];
  /** Its final loss on the density's evaluation sample. */
  loss: number;
}

/**
 * Defaults sized so that a 10 × 10 grid takes a few seconds in Node, and agreeing cell for cell
 * with 6,000 steps of batch 1,024 at lr 3e-3. Five runs because a run whose W₁ and W₂ start with
 * the same sign (probability ½ under the Xavier start) and away from 0 mostly ends in a local
 * minimum, one feature at |W| ≈ 1 and the other stuck near 0.45–0.6, even where the antipodal
 * W = (1, −1) has a hundredth of its loss; only an antipodal start reliably gets there, and five
 * runs all miss it with probability about 1/32.
 */
export const PHASE_DEFAULTS = { densities: logSpaced(0.01, 1, 10), ratios: logSpaced(0.1, 10, 10), runs: 5, steps: 600, batch: 128, lr: 0.01 };

export interface PhaseDiagramOptions {
  /** Feature densities 1 − S (the x axis). */
  densities?: number[];
  /** Feature 2's importance relative to feature 1's (the y axis). */
  ratios?: number[];
  /** Runs per cell (the best is kept). */
  runs?: number;
  steps?: number;
  batch?: number;
  lr?: number;
  optimizer?: ReluOptimizer;
  seed?: number;
  /** Called after each cell; returning true cancels (the cells done so far are returned). */
  onProgress?: (cellsDone: number, total: number) => boolean | void;
}

export interface PhaseDiagram {
  densities: number[];
  ratios: number[];
  /** cells[r][c]: ratio r (the y axis), density c (the x axis); rows are missing past a cancel. */
  cells: PhaseCell[][];
  cancelled: boolean;
}

/** Train every (density, ratio) cell (a few seeds, the best kept) and classify it. */
export function phaseDiagram(options: PhaseDiagramOptions = {}): PhaseDiagram {
  const { densities, ratios, runs, steps, batch, lr } = { ...PHASE_DEFAULTS, ...definedOnly(options) };
  const optimizer = options.optimizer ?? 'adam';
  const seed = options.seed ?? 0;
  const total = densities.length * ratios.length;
  // One evaluation sample per density, shared by every ratio (it does not depend on I).
  const samples = densities.map((density) => evaluationSample(seed, 2, 1 - density));
  const cells: PhaseCell[][] = [];
  let done = 0;
  for (const ratio of ratios) {
    const row: PhaseCell[] = [];
    cells.push(row);
    for (let c = 0; c < densities.length; c++) {
      const density = densities[c];
      const result = trainReluRuns(
        {
          D: 2,
          d: 1,
          sparsity: 1 - density,
          importance: 1,
          importanceVector: [1, ratio],
          optimizer,
          lr,
          batch,
          steps,
          seed,
          evaluation: samples[c],
          recordCount: 2,
        },
        runs,
      );
      const best = result.runs[result.best];
      const W: [number, number] = [best.W[0], best.W[1]];
      row.push({ density, ratio, region: classifyPhase(Math.abs(W[0]), Math.abs(W[1])), W, b: [best.b[0], best.b[1]], loss: best.finalLoss });
      done++;
      if (options.onProgress?.(done, total) === true) return { densities, ratios, cells, cancelled: true };
    }
  }
  return { densities, ratios, cells, cancelled: false };
}

/** The options that are set (so that an explicit undefined does not override a default). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
