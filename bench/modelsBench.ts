/**
 * Table 2d of `npm run bench`: training steps per second of each model of docs/design.md §5 — the
 * linear model with uniform and ordered weight decay, the tied model without and with it — as the pipeline trains it
 * (Model.train: the seed's eigenbasis kernels with the folded decay / tied step of
 * src/core/models/linear/foldedWorkspace.ts, its per-step nearest point and log-spaced records, no
 * snapshots; under the ordered profile the per-step nearest point is an assignment), against numpy running the same algorithm on the same Σ, θ₀, η, μ and steps
 * (bench/numpy_bench.py, "models"), at (D, d) = (8, 3), (64, 8), (200, 20). Final losses are
 * compared.
 */

import { tolerance } from '../src/core/landscape/diagnostics';
import type { Eigen } from '../src/core/linalg/eigen';
import { toRows } from '../src/core/linalg/matrix';
import { eigenSymmetricFast } from '../src/core/linalg/symmetricEigen';
import { decayProfile } from '../src/core/models/linear/decay';
import { type Landscape, namedMatrices } from '../src/core/models/model';
import { modelFor } from '../src/core/models/registry';
import { bestOf, fmt, type NumpyModelJob, type NumpyRun, printTable, ratio, relative, sigmaFor } from './common';

const SIZES = [
  { D: 8, d: 3, steps: 20_000 },
  { D: 64, d: 8, steps: 5_000 },
  { D: 200, d: 20, steps: 1_000 },
];
const MODELS = [
  { id: 'linear', wd: 0.1, profile: 'uniform' },
  { id: 'linear', wd: 0.1, profile: 'ordered' },
  { id: 'tied', wd: 0, profile: 'uniform' },
  { id: 'tied', wd: 0.1, profile: 'uniform' },
] as const;

interface ModelRow {
  id: string;
  wd: number;
  profile: 'uniform' | 'ordered';
  D: number;
  d: number;
  steps: number;
  eta: number;
  eigen: Eigen;
  /** μ_j per hidden unit. */
  μ: Float64Array;
  A0: number[][];
  B0: number[][];
  stepsPerSecond: number;
  finalLoss: number;
}

export function measureModels(): ModelRow[] {
  const rows: ModelRow[] = [];
  for (const { D, d, steps } of SIZES) {
    const sigma = sigmaFor(D);
    const eigen = eigenSymmetricFast(sigma);
    for (const { id, wd, profile } of MODELS) {
      const model = modelFor(id);
      const μ = decayProfile(wd * eigen.values[0], d, profile);
      const land: Landscape = { sigma, eigen, d, τ: tolerance(eigen.values), μ };
      const θ0 = model.initialParameters(1, 0, D, d, 1e-3, 'random');
      const eta = 0.1 / eigen.values[0]; // below the tied model's limit 0.25 / λ₁
      let finalLoss = NaN;
      const ms = bestOf(
        () => {
          const run = model.train(land, θ0, { eta, steps, snapshots: false });
          finalLoss = run.loss[run.loss.length - 1];
        },
        3,
        2,
      );
      const { A, B } = namedMatrices(model.blocks(D, d), model.transposes, θ0);
      rows.push({ id, wd, profile, D, d, steps, eta, eigen, μ, A0: toRows(A), B0: toRows(B), stepsPerSecond: (steps / ms) * 1000, finalLoss });
    }
  }
  return rows;
}

export const modelNumpyJobs = (rows: ModelRow[]): NumpyModelJob[] =>
  rows.map((r) => ({
    D: r.D,
    d: r.d,
    steps: r.steps,
    eta: r.eta,
    mu: r.profile === 'uniform' ? r.μ[0] : Array.from(r.μ),
    tied: r.id === 'tied',
    repeat: 3,
    values: Array.from(r.eigen.values),
    U: toRows(r.eigen.U),
    A0: r.A0,
    B0: r.B0,
  }));

export function printModels(rows: ModelRow[], numpy: NumpyRun | null): void {
  console.log(
    '\n2d. Each model’s training, steps per second (Model.train as the pipeline calls it, no snapshots; numpy: the same eigenbasis algorithm; best of 3)',
  );
  printTable(
    ['model', 'wd', 'profile', 'D', 'd', 'steps', 'JS steps/s', 'numpy steps/s', 'JS / numpy', 'final loss JS vs numpy'],
    rows.map((r, n) => {
      const np = numpy?.models?.[n];
      return [
        r.id,
        r.wd,
        r.profile,
        r.D,
        r.d,
        fmt(r.steps, 6),
        fmt(r.stepsPerSecond),
        np ? fmt(np.stepsPerSecond) : '—',
        ratio(r.stepsPerSecond, np?.stepsPerSecond),
        np ? `${relative(r.finalLoss, np.finalLoss)} relative` : '—',
      ];
    }),
  );
}
