import { describe, expect, it } from 'vitest';
import { gaussianData } from '../../../../src/core/data/gaussian';
import { secondMoment } from '../../../../src/core/data/secondMoment';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import {
  type EigenbasisWorkspace,
  eigenbasisKernelsAvailable,
  eigenbasisModuleBytes,
  eigenbasisWorkspace,
} from '../../../../src/core/models/linear/eigenbasisKernels';
import { type EigenbasisDescentResult, eigenbasisGradientDescent, nearestFromLearned } from '../../../../src/core/models/linear/eigenbasisTraining';
import { initialWeights } from '../../../../src/core/models/linear/initialWeights';
import { createRng } from '../../../../src/core/random/random';

const KERNELS: ('js' | 'wasm')[] = eigenbasisKernelsAvailable() === 'wasm-simd' ? ['js', 'wasm'] : ['js'];

/** Random λ (descending, positive) and eigenbasis weights Ã (D × d), B̃ (d × D). */
function randomProblem(seed: number, D: number, d: number, scale = 0.3) {
  const rng = createRng(seed, 7);
  const lam = Float64Array.from({ length: D }, (_, i) => 2 ** (-i / 3) * (1 + 0.1 * rng.uniform()))
    .sort()
    .reverse();
  const A = Float64Array.from({ length: D * d }, () => scale * rng.normal());
  const B = Float64Array.from({ length: d * D }, () => scale * rng.normal());
  return { lam, A, B };
}

function load(ws: EigenbasisWorkspace, A: Float64Array, B: Float64Array): void {
  const { D, d, dp, W } = ws;
  for (let i = 0; i < D; i++)
    for (let h = 0; h < d; h++) {
      W[2 * dp * i + h] = A[i * d + h];
      W[2 * dp * i + dp + h] = B[h * D + i];
    }
  ws.refresh();
}

function unpack(ws: EigenbasisWorkspace): { A: Float64Array; B: Float64Array } {
  const { D, d, dp, W } = ws;
  const A = new Float64Array(D * d);
  const B = new Float64Array(d * D);
  for (let i = 0; i < D; i++)
    for (let h = 0; h < d; h++) {
      A[i * d + h] = W[2 * dp * i + h];
      B[h * D + i] = W[2 * dp * i + dp + h];
    }
  return { A, B };
}

/** docs/design.md §1 written out: M = ΛB̃ᵀ, N = B̃M, G = ÃᵀÃ, diag P, tr(ÃMᵀ), and one gradient step. */
function reference(lam: Float64Array, A: Float64Array, B: Float64Array, D: number, d: number) {
  const M = new Float64Array(D * d);
  for (let i = 0; i < D; i++) for (let h = 0; h < d; h++) M[i * d + h] = lam[i] * B[h * D + i];
  const N = new Float64Array(d * d);
  const G = new Float64Array(d * d);
  for (let h = 0; h < d; h++)
    for (let g = 0; g < d; g++)
      for (let i = 0; i < D; i++) {
        N[h * d + g] += B[h * D + i] * M[i * d + g];
        G[h * d + g] += A[i * d + h] * A[i * d + g];
      }
  const P = Float64Array.from({ length: D }, (_, i) => {
    let p = 0;
    for (let h = 0; h < d; h++) p += A[i * d + h] * B[h * D + i];
    return p;
  });
  let trAM = 0;
  for (let i = 0; i < D * d; i++) trAM += A[i] * M[i];
  const step = (eta: number) => {
    const A2 = A.slice();
    const B2 = B.slice();
    for (let i = 0; i < D; i++)
      for (let h = 0; h < d; h++) {
        let an = 0;
        let gm = 0;
        for (let g = 0; g < d; g++) {
          an += A[i * d + g] * N[g * d + h];
          gm += G[h * d + g] * M[i * d + g];
        }
        A2[i * d + h] -= eta * -2 * (M[i * d + h] - an);
        B2[h * D + i] -= eta * -2 * (lam[i] * A[i * d + h] - gm);
      }
    return { A: A2, B: B2 };
  };
  return { N, G, P, trAM, step };
}

/** max |x − y| / max(1, max |y|). */
function relDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let diff = 0;
  let size = 1;
  for (let i = 0; i < y.length; i++) {
    diff = Math.max(diff, Math.abs(x[i] - y[i]));
    size = Math.max(size, Math.abs(y[i]));
  }
  expect(x.length).toBe(y.length);
  return diff / size;
}

/** The d × d part of a matrix stored with row stride dp. */
const square = (X: Float64Array, d: number, dp: number) => Float64Array.from({ length: d * d }, (_, k) => X[Math.floor(k / d) * dp + (k % d)]);

const SIZES: [number, number][] = [
  [1, 1],
  [2, 1],
  [5, 2],
  [7, 3],
  [16, 5],
  [33, 8],
  [40, 13],
  [21, 20],
];

describe.each(KERNELS)('eigenbasis workspace (%s kernels)', (kernels) => {
  it.each(SIZES)('D = %i, d = %i: N, G, diag P, tr(ÃMᵀ) and one step agree with docs/design.md §1 written out', (D, d) => {
    const { lam, A, B } = randomProblem(D * 100 + d, D, d);
    const ws = eigenbasisWorkspace(lam, D, d, kernels);
    expect(ws.kernels).toBe(kernels === 'wasm' ? 'wasm-simd' : 'js');
    load(ws, A, B);
    const ref = reference(lam, A, B, D, d);
    expect(relDiff(square(ws.N, d, ws.dp), ref.N)).toBeLessThan(1e-14);
    expect(relDiff(square(ws.G, d, ws.dp), ref.G)).toBeLessThan(1e-14);
    expect(relDiff(ws.P, ref.P)).toBeLessThan(1e-14);
    expect(Math.abs(ws.trAM - ref.trAM)).toBeLessThan(1e-14 * Math.max(1, Math.abs(ref.trAM)));
    let trGN = 0;
    for (let k = 0; k < d * d; k++) trGN += ref.G[k] * ref.N[k];
    expect(Math.abs(ws.trGN() - trGN)).toBeLessThan(1e-14 * Math.max(1, Math.abs(trGN)));

    const eta = 0.05 / lam[0];
    ws.step(2 * eta);
    const next = ref.step(eta);
    const got = unpack(ws);
    expect(relDiff(got.A, next.A)).toBeLessThan(1e-14);
    expect(relDiff(got.B, next.B)).toBeLessThan(1e-14);
    const ref2 = reference(lam, next.A, next.B, D, d);
    expect(relDiff(square(ws.N, d, ws.dp), ref2.N)).toBeLessThan(1e-13);
    expect(relDiff(square(ws.G, d, ws.dp), ref2.G)).toBeLessThan(1e-13);
    expect(relDiff(ws.P, ref2.P)).toBeLessThan(1e-13);
    expect(Math.abs(ws.trAM - ref2.trAM)).toBeLessThan(1e-13 * Math.max(1, Math.abs(ref2.trAM)));
    // N and G exactly symmetric; the padding stays zero.
    for (let h = 0; h < d; h++)
      for (let g = 0; g < d; g++) {
        expect(ws.N[h * ws.dp + g]).toBe(ws.N[g * ws.dp + h]);
        expect(ws.G[h * ws.dp + g]).toBe(ws.G[g * ws.dp + h]);
      }
    for (let i = 0; i < D; i++) for (let h = d; h < ws.dp; h++) expect([ws.W[2 * ws.dp * i + h], ws.W[2 * ws.dp * i + ws.dp + h]]).toEqual([0, 0]);
  });
});

describe('eigenbasis kernels: WebAssembly SIMD against plain JS', () => {
  it.runIf(KERNELS.includes('wasm'))('the module is valid for d = 1 … 40', () => {
    for (let d = 1; d <= 40; d++) expect(WebAssembly.validate(eigenbasisModuleBytes(d))).toBe(true);
  });

  it.runIf(KERNELS.includes('wasm'))('300 steps on 12 random sizes: same iterates, N, G, diag P and tr(ÃMᵀ) to rounding', () => {
    const rng = createRng(2024, 3);
    for (let trial = 0; trial < 12; trial++) {
      const D = 1 + Math.floor(rng.uniform() * 90);
      const d = 1 + Math.floor(rng.uniform() * Math.min(D, 24));
      const { lam, A, B } = randomProblem(trial, D, d, 0.1);
      const [js, wasm] = (['js', 'wasm'] as const).map((k) => eigenbasisWorkspace(lam, D, d, k));
      load(js, A, B);
      load(wasm, A, B);
      const c = 2 * (0.2 / lam[0]);
      for (let s = 0; s < 300; s++) {
        js.step(c);
        wasm.step(c);
      }
      const [x, y] = [unpack(js), unpack(wasm)];
      const where = `D = ${D}, d = ${d}`;
      expect(relDiff(y.A, x.A), where).toBeLessThan(1e-12);
      expect(relDiff(y.B, x.B), where).toBeLessThan(1e-12);
      expect(relDiff(square(wasm.N, d, wasm.dp), square(js.N, d, js.dp)), where).toBeLessThan(1e-12);
      expect(relDiff(square(wasm.G, d, wasm.dp), square(js.G, d, js.dp)), where).toBeLessThan(1e-12);
      expect(relDiff(wasm.P, js.P), where).toBeLessThan(1e-12);
      expect(Math.abs(wasm.trAM - js.trAM), where).toBeLessThan(1e-12 * Math.max(1, Math.abs(js.trAM)));
    }
  });
});

function setup(D: number, seed: number) {
  const variances = Float64Array.from({ length: D }, (_, k) => 2 ** (-(k + 1) / 3));
  return eigenSymmetricFast(secondMoment(gaussianData({ D, T: 3 * D, seed, variances, rotate: true })));
}

function expectSameRun(x: EigenbasisDescentResult, y: EigenbasisDescentResult, tol: number): void {
  expect(x.step).toEqual(y.step);
  expect(x.visited).toEqual(y.visited);
  expect([x.diverged, x.divergedAtStep, x.cancelled, x.stepsTaken]).toEqual([y.diverged, y.divergedAtStep, y.cancelled, y.stepsTaken]);
  expect(relDiff(x.loss, y.loss)).toBeLessThan(tol);
  expect(relDiff(x.balancedness, y.balancedness)).toBeLessThan(tol);
  expect(relDiff(x.initialStrength, y.initialStrength)).toBe(0);
  x.learned.forEach((l, j) => {
    expect(relDiff(l, y.learned[j])).toBeLessThan(tol);
  });
  x.angles.forEach((a, j) => {
    // acos near 1 magnifies rounding
    expect(relDiff(a, y.angles[j])).toBeLessThan(1e-6);
  });
  expect(x.snapshots?.length).toBe(y.snapshots?.length);
  x.snapshots?.forEach((s, j) => {
    expect(relDiff(s.A, y.snapshots![j].A)).toBeLessThan(tol);
    expect(relDiff(s.B, y.snapshots![j].B)).toBeLessThan(tol);
  });
  expect(x.A === null).toBe(y.A === null);
  if (x.A && y.A && x.B && y.B) {
    expect(relDiff(x.A.data, y.A.data)).toBeLessThan(tol);
    expect(relDiff(x.B.data, y.B.data)).toBeLessThan(tol);
  }
}

describe('eigenbasisGradientDescent with either kernel', () => {
  const runs = [
    { D: 9, d: 3, init: 1e-3, lr: 0.2, steps: 2000, label: 'saddle to saddle' },
    { D: 40, d: 7, init: 1e-2, lr: 0.3, steps: 1500, label: 'odd d' },
    { D: 12, d: 4, init: 1.5, lr: 0.2, steps: 600, label: 'large, unbalanced start' },
    { D: 10, d: 3, init: 0.5, lr: 3, steps: 1000, label: 'diverging' },
  ];
  it.runIf(KERNELS.includes('wasm')).each(runs)(
    '$label (D = $D, d = $d): js and wasm give the same run to rounding; auto is wasm',
    ({ D, d, init, lr, steps }) => {
      const eigen = setup(D, D + d);
      const { A0, B0 } = initialWeights(4, 0, D, d, init, 'random');
      const eta = lr / eigen.values[0];
      const [js, wasm, auto] = (['js', 'wasm', 'auto'] as const).map((kernels) =>
        eigenbasisGradientDescent({ eigen, A0, B0, eta, steps, snapshots: true, kernels }),
      );
      expectSameRun(wasm, js, 1e-11);
      expect(auto.loss).toEqual(wasm.loss);
      expect(auto.visited).toEqual(wasm.visited);
    },
  );

  it.each(KERNELS)('%s: the nearest critical point is tracked at every step, also when more than d of the P_ii exceed ½', (kernels) => {
    const D = 8;
    const d = 2;
    const eigen = setup(D, 11);
    const steps = 400;
    let crowded = 0;
    for (let r = 0; r < 4; r++) {
      const { A0, B0 } = initialWeights(9, r, D, d, 1.2, 'random');
      const recordSteps = Array.from({ length: steps + 1 }, (_, s) => s);
      const run = eigenbasisGradientDescent({ eigen, A0, B0, eta: 0.05 / eigen.values[0], steps, recordSteps, kernels });
      expect(run.step).toEqual(recordSteps.slice(0, run.step.length));
      // The visits that nearestFromLearned gives from diag P at every step.
      const expected: { step: number; I: number[] }[] = [];
      run.learned.forEach((l, s) => {
        const I = nearestFromLearned(l, d);
        if (expected.length === 0 || I.join() !== expected[expected.length - 1].I.join()) expected.push({ step: s, I });
        if (Array.from(l).filter((p) => p > 0.5).length > d) crowded++;
      });
      expect(run.visited).toEqual(expected);
    }
    expect(crowded).toBeGreaterThan(0);
  });

  it('cancels through onProgress with the same bookkeeping as before', () => {
    const eigen = setup(6, 2);
    const { A0, B0 } = initialWeights(1, 0, 6, 2, 1e-3, 'random');
    const seen: number[] = [];
    const run = eigenbasisGradientDescent({
      eigen,
      A0,
      B0,
      eta: 0.1 / eigen.values[0],
      steps: 5000,
      onProgress: (s) => {
        seen.push(s);
        return s >= 2048;
      },
    });
    expect(seen).toEqual([0, 1024, 2048]);
    expect(run.cancelled).toBe(true);
    expect(run.stepsTaken).toBe(2048);
    expect(run.A).not.toBeNull();
  });
});
