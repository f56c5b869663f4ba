/**
 * Table 8 of `npm run bench` (BENCH_ONLY=relu): Adam steps per second of the ReLU model of Toy
 * Models of Superposition (src/core/models/relu, as the worker trains it: a fresh seeded batch,
 * forward and backward pass and Adam step per step) against numpy running the same algorithm
 * (bench/numpy_relu.py) at (D, d, batch) = (5, 2, 1024) and (20, 5, 1024), issue 15's sizes, at a
 * dense (S = 0) and a sparse (S = 0.9) setting. The explorer's column is its kernels as the worker
 * picks them (reluKernels.ts: WebAssembly SIMD where available); the plain-JS kernel, the fallback
 * and the tests' reference, is timed beside it.
 */
import { execFileSync } from 'node:child_process';
import { trainRelu } from '../src/core/models/relu/reluTraining';
import { bestOf, fmt, printTable, ratio } from './common';

const JOBS = [
  { D: 5, d: 2, batch: 1024, sparsity: 0, steps: 2000 },
  { D: 5, d: 2, batch: 1024, sparsity: 0.9, steps: 4000 },
  { D: 20, d: 5, batch: 1024, sparsity: 0, steps: 400 },
  { D: 20, d: 5, batch: 1024, sparsity: 0.9, steps: 800 },
] as const;

export function reluBench(): void {
  const rows = JOBS.map((job) => {
    const train = (kernels: 'auto' | 'js') => trainRelu({ ...job, importance: 0.9, seed: 1, recordCount: 2, kernels });
    let finalLoss = train('auto').finalLoss;
    const ms = bestOf(() => {
      finalLoss = train('auto').finalLoss;
    }, 3);
    const msJs = bestOf(() => train('js'), 2);
    return { ...job, ms, msJs, finalLoss, numpy: null as null | { stepsPerSecond: number; evalLoss: number } };
  });
  try {
    const jobs = JOBS.map((j) => ({ D: j.D, d: j.d, batch: j.batch, steps: j.steps, repeat: 3, sparsity: j.sparsity, importance: 0.9, lr: 1e-3 }));
    const out = JSON.parse(execFileSync('python3', ['bench/numpy_relu.py'], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 26 })) as {
      stepsPerSecond: number;
      evalLoss: number;
    }[];
    out.forEach((r, k) => {
      rows[k].numpy = r;
    });
  } catch (e) {
    console.log(`numpy relu not run: ${(e as Error).message.split('\n')[0]}`);
  }
  console.log(
    '\n8. ReLU model (Toy Models of Superposition), Adam steps per second with a fresh batch each (JS as the worker trains it; numpy: the same algorithm; best of 3)',
  );
  printTable(
    [
      'D',
      'd',
      'batch',
      'S',
      'steps',
      'explorer steps/s',
      'plain JS steps/s',
      'numpy steps/s',
      'explorer / numpy',
      'final loss explorer (8,192 samples), numpy (1,024)',
    ],
    rows.map((r) => {
      const js = (r.steps / r.ms) * 1000;
      return [
        r.D,
        r.d,
        r.batch,
        r.sparsity,
        r.steps,
        fmt(js),
        fmt((r.steps / r.msJs) * 1000),
        r.numpy ? fmt(r.numpy.stepsPerSecond) : '—',
        ratio(js, r.numpy?.stepsPerSecond),
        `${fmt(r.finalLoss)}, ${r.numpy ? fmt(r.numpy.evalLoss) : '—'}`,
      ];
    }),
  );
}
