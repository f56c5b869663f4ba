/**
 * `npm run bench`: one table per item of issue 5 §6, in one run, each measured by its own file —
 *   1. eigendecomposition ms at D = 8, 64, 200, 784 against mathjs and numpy (eigenBench.ts);
 *   2. training steps/s at (D, d) = (8, 3), (64, 8), (200, 20) against numpy running the same
 *      algorithm, what the bookkeeping costs, and original-basis training as context (trainingBench.ts);
 *      2d: each model of docs/design.md §5 (weight decay, tied weights) the same way (modelsBench.ts);
 *   3. critical-point enumeration points/s (enumerationBench.ts);
 *   4. bundle sizes of dist/assets and the initial JavaScript (bundleBench.ts);
 *   5. the built page in headless Chromium (page.ts);
 *   6. what a user feels: every control's input → next paint and → ready, Play, cold and warm (interaction.ts).
 * numpy runs once, after the JavaScript timings, on all of tables 1 and 2's problems (common.ts).
 * Benchmarks only: nothing here fails because the machine is slow.
 *
 * BENCH_QUICK=1 skips D = 784 and mathjs at D = 200 and loads each page once. BENCH_ONLY=<name>
 * runs one table: eigen (table 1 with its detail table 1b: a second Σ per size, the cold call, the
 * JS kernels forced, numpy on one thread), training (table 2, with numpy; well under a minute),
 * enumeration, bundle, page or interaction.
 */
import { cpus, loadavg } from 'node:os';
import { symmetricEigenKernels } from '../src/core/linalg/symmetricEigen';
import { eigenbasisKernelsAvailable } from '../src/core/models/linear/eigenbasisKernels';
import { bundleBench } from './bundleBench';
import { fmt, type NumpyRun, numpyLine, runNumpy } from './common';
import { eigenNumpyJobs, measureEigen, printEigen } from './eigenBench';
import { measureEnumeration, printEnumeration } from './enumerationBench';
import { findersBench } from './findersBench';
import { interactionBench } from './interaction';
import { measureModels, modelNumpyJobs, printModels } from './modelsBench';
import { pageBench } from './page';
import { reluBench } from './reluBench';
import { measureTraining, printTraining, trainingNumpyJobs } from './trainingBench';

const ONLY_NOTE = {
  eigen: 'table 1 only, with its detail 1b',
  training: 'table 2 only (2a–2d)',
  enumeration: 'table 3 only',
  bundle: 'table 4 only',
  page: 'table 5 only',
  interaction: 'table 6 only',
  finders: 'table 7 only',
  relu: 'table 8 only',
} as const;
type Only = keyof typeof ONLY_NOTE;

const QUICK = !!process.env.BENCH_QUICK;
const ONLY = process.env.BENCH_ONLY || undefined;
if (ONLY !== undefined && !(ONLY in ONLY_NOTE)) {
  console.error(`BENCH_ONLY=${ONLY}: expected one of ${Object.keys(ONLY_NOTE).join(', ')} (or unset for all tables)`);
  process.exit(2);
}
const runs = (table: Only) => ONLY === undefined || ONLY === table;
const started = performance.now();

console.log(
  `npm run bench — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average ${loadavg()[0].toFixed(2)}; ` +
    `eigenSymmetricFast kernels here: ${symmetricEigenKernels()} (from D = 32); eigenbasisGradientDescent kernels here: ${eigenbasisKernelsAvailable()}` +
    (ONLY ? `; BENCH_ONLY=${ONLY}: ${ONLY_NOTE[ONLY as Only]}` : ''),
);

// JavaScript first, then numpy on the same problems, so the two never share the cores.
const eigen = runs('eigen') ? measureEigen({ quick: QUICK, detailed: ONLY === 'eigen' }) : null;
const training = runs('training') ? measureTraining() : null;
const models = runs('training') ? measureModels() : null;
const enumeration = runs('enumeration') ? measureEnumeration(QUICK) : null;
let numpy: NumpyRun | null = null;
let numpySingle: NumpyRun | null = null;
if (eigen || training) {
  const eigenJobs = eigen ? eigenNumpyJobs(eigen) : [];
  numpy = runNumpy({ eigen: eigenJobs, training: training ? trainingNumpyJobs(training) : [], models: models ? modelNumpyJobs(models) : [] });
  if (numpy) console.log(numpyLine(numpy));
  if (eigen?.detailed) {
    numpySingle = runNumpy({ eigen: eigenJobs, training: [] }, 'single');
    if (numpySingle) console.log(numpyLine(numpySingle, ' (table 1b, 1 thread)'));
  }
}

if (eigen) printEigen(eigen, numpy, numpySingle);
if (training) printTraining(training, numpy);
if (models) printModels(models, numpy);
if (enumeration) printEnumeration(enumeration);
if (runs('bundle')) bundleBench();
if (runs('page')) await pageBench(QUICK ? 1 : 3);
if (runs('interaction')) await interactionBench();
if (runs('finders')) findersBench();
if (runs('relu')) reluBench();

console.log(`\n(bench took ${fmt((performance.now() - started) / 1000)} s)`);
