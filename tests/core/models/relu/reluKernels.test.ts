import { describe, expect, it } from 'vitest';
import { evaluationSample, featureStream, sampleFeatureBatch } from '../../../../src/core/models/relu/features';
import { type ReluKernel, reluKernel, reluKernelsAvailable, type WasmReluKernel } from '../../../../src/core/models/relu/reluKernels';
import { reluModuleBytes } from '../../../../src/core/models/relu/reluKernelsWasm';
import { reluLoss, reluLossAndGradient, reluWorkspace } from '../../../../src/core/models/relu/reluLoss';
import { trainRelu } from '../../../../src/core/models/relu/reluTraining';
import {
  f64Const,
  f64ConvertI32U,
  f64Eq,
  f64Ge,
  f64Ne,
  f64Store,
  f64x2Gt,
  f64x2Max,
  i32Const,
  i32Eqz,
  i32Load,
  i32Rotl,
  i32ShrU,
  i32Store,
  i32Xor,
  localGet,
  localSet,
  localTee,
  v128And,
  v128Bitselect,
  v128Load,
  v128Store,
  v128Zero,
} from '../../../../src/core/wasm/ops';
import { F64, I32, moduleBytes, V128 } from '../../../../src/core/wasm/wasmModule';
import { testNormals, testRng } from '../../../helpers';

const WASM = reluKernelsAvailable() === 'wasm-simd';

/** Equal to the bit, ±0 told apart: the WebAssembly kernels promise the JS numbers exactly (reluKernels.ts). */
function expectSameBits(x: ArrayLike<number>, y: ArrayLike<number>, where: string): void {
  expect(x.length, where).toBe(y.length);
  const differing = Array.from(x).flatMap((v, i) => (Object.is(v, y[i]) ? [] : [`${i}: ${v} vs ${y[i]}`]));
  expect(differing, where).toEqual([]);
}

/** Random W ~ N(0, ½), b uniform on [−0.4, 0.4] (some pre-activations negative), I = 0.85^i. */
function problem(seed: number, D: number, d: number) {
  const z = testNormals(seed, d * D);
  const u = testRng(seed + 1);
  return {
    W: Float64Array.from(z, (v) => 0.7 * v),
    b: Float64Array.from({ length: D }, () => 0.8 * u() - 0.4),
    I: Float64Array.from({ length: D }, (_, i) => 0.85 ** i),
  };
}

// (D, d, rows, S): odd D and rows, d = 1, d = D − 1, the W^T W path (fewer than d nonzero features),
// many all-zero samples (S = 0.95 at D = 3), and sizes past every unrolling limit (D > 64, d·D large).
const SIZES: [number, number, number, number][] = [
  [2, 1, 33, 0.5],
  [3, 2, 41, 0.95],
  [5, 2, 64, 0],
  [5, 2, 63, 0.9],
  [7, 3, 50, 0.5],
  [4, 1, 80, 0.9],
  [20, 5, 31, 0.7],
  [21, 19, 40, 0.3],
  [40, 13, 33, 0.8],
  [70, 30, 20, 0.9],
  [101, 7, 9, 0.95],
  [66, 65, 6, 0.5],
  [200, 199, 3, 0.2],
];

describe.runIf(WASM)('ReLU kernels: WebAssembly SIMD against plain JS', () => {
  it('the module is valid for D = 2 … 16 and every d < D and at larger sizes, and its exports are lossGrad, loss and sample', () => {
    const sizes = [
      ...Array.from({ length: 15 }, (_, k) => Array.from({ length: k + 1 }, (_, d) => [k + 2, d + 1])).flat(),
      [33, 8],
      [64, 63],
      [65, 2],
      [200, 199],
    ];
    for (const [D, d] of sizes) expect(WebAssembly.validate(reluModuleBytes(D, d)), `D = ${D}, d = ${d}`).toBe(true);
    expect(WebAssembly.Module.exports(new WebAssembly.Module(reluModuleBytes(5, 2))).map((e) => e.name)).toEqual(['lossGrad', 'loss', 'sample']);
  });

  it.each(SIZES)('D = %i, d = %i, %i rows, S = %f: batches, loss and gradient equal the JS ones to the bit', (D, d, rows, S) => {
    const { W, b, I } = problem(D * 1000 + d, D, d);
    const options = { D, d, importance: I, maxRows: rows };
    const [js, wasm] = [reluKernel(options, 'js'), reluKernel(options, 'wasm')];
    expect([js.kernels, wasm.kernels]).toEqual(['js', 'wasm-simd']);
    const [s1, s2, s3] = [featureStream(9, 3), featureStream(9, 3), featureStream(9, 3)];
    let [empty, viaGram, dense, inactive] = [0, 0, 0, 0];
    for (let batch = 0; batch < 3; batch++) {
      const where = `D = ${D}, d = ${d}, batch ${batch}`;
      const L = js.sampleLossAndGradient(s1, S, W, b, rows);
      expect(wasm.sampleLossAndGradient(s2, S, W, b, rows), where).toBe(L);
      expectSameBits(wasm.grad, js.grad, where);
      expect(Array.from(s2.state), where).toEqual(Array.from(s1.state));
      // The batch itself: sampleFeatureBatch's numbers, row by row.
      const X = sampleFeatureBatch(s3, D, S, rows);
      for (let t = 0; t < rows; t++) expectSameBits((wasm as WasmReluKernel).sample(t), X.subarray(t * D, (t + 1) * D), `${where}, sample ${t}`);
      // The cases the kernel must follow the JS through.
      for (let t = 0; t < rows; t++) {
        const nz = X.subarray(t * D, (t + 1) * D).filter((x) => x !== 0).length;
        if (nz === 0) empty++;
        else if (nz < d) viaGram++;
        else dense++;
        for (let i = 0; i < D; i++) {
          let pre = b[i];
          for (let k = 0; k < d; k++) for (let j = 0; j < D; j++) pre += W[k * D + i] * W[k * D + j] * X[t * D + j];
          if (pre <= 0) inactive++;
        }
      }
    }
    expect(dense + viaGram).toBeGreaterThan(0);
    expect(inactive).toBeGreaterThan(0);
    if (S >= 0.9 && D <= 5) expect(empty).toBeGreaterThan(0);
    if (d > 1 && S >= 0.5) expect(viaGram).toBeGreaterThan(0);
  });

  it('lossAndGradient on a given batch (all-zero rows, rows < maxRows) and the evaluation loss equal the JS ones and reluLoss to the bit', () => {
    for (const [D, d, rows, S] of SIZES) {
      const where = `D = ${D}, d = ${d}`;
      const { W, b, I } = problem(D + 7 * d, D, d);
      const X = sampleFeatureBatch(featureStream(4, 1), D, S, rows);
      X.fill(0, 0, 2 * D); // two all-zero samples, with b_i > 0 for some i
      X.fill(0, (rows - 1) * D);
      const evaluation = sampleFeatureBatch(featureStream(5, 2), D, S, 37);
      const options = { D, d, importance: I, maxRows: rows + 5, evaluation };
      const [js, wasm] = [reluKernel(options, 'js'), reluKernel(options, 'wasm')];
      const ws = reluWorkspace(D, d);
      const L = reluLossAndGradient(W, b, I, X, rows, ws);
      expect(js.lossAndGradient(W, b, X, rows), where).toBe(L);
      expect(wasm.lossAndGradient(W, b, X, rows), where).toBe(L);
      expectSameBits(wasm.grad, ws.grad, where);
      expect(wasm.lossAndGradient(W, b, X, 1), where).toBe(reluLossAndGradient(W, b, I, X, 1, ws));
      expectSameBits(wasm.grad, ws.grad, `${where}, one all-zero row`);
      const E = reluLoss(W, b, I, evaluation, 37, D);
      expect(js.evaluationLoss(W, b), where).toBe(E);
      expect(wasm.evaluationLoss(W, b), where).toBe(E);
    }
  });

  it('trainRelu gives the same run with either kernels, bit for bit: W, b, the loss curve and the end state', () => {
    for (const o of [
      { D: 5, d: 2, sparsity: 0.9, importance: 0.9, seed: 3, steps: 400, batch: 256, lr: 1e-2 },
      { D: 20, d: 5, sparsity: 0, importance: 0.9, seed: 1, steps: 60, batch: 1024 },
      { D: 9, d: 4, sparsity: 0.7, importance: 0.8, seed: 2, steps: 150, batch: 77, optimizer: 'gd' as const, lr: 0.1, run: 2 },
      { D: 2, d: 1, sparsity: 0.6, importance: 0.5, importanceVector: [1, 3], seed: 5, steps: 300, batch: 64, lr: 1e-2 },
      { D: 5, d: 2, sparsity: 0, importance: 0.9, seed: 4, steps: 300, batch: 32, optimizer: 'gd' as const, lr: 1e6 }, // diverges
    ]) {
      const [js, wasm] = [trainRelu({ ...o, kernels: 'js' }), trainRelu({ ...o, kernels: 'wasm' })];
      const where = JSON.stringify(o);
      expectSameBits(wasm.W, js.W, where);
      expectSameBits(wasm.b, js.b, where);
      expect(wasm.step, where).toEqual(js.step);
      expectSameBits(wasm.loss, js.loss, where);
      expect([wasm.diverged, wasm.cancelled, wasm.stepsTaken], where).toEqual([js.diverged, js.cancelled, js.stepsTaken]);
      expect(trainRelu(o).W, where).toEqual(wasm.W); // 'auto' takes WebAssembly here
    }
    expect(trainRelu({ D: 5, d: 2, sparsity: 0, importance: 0.9, seed: 4, steps: 300, batch: 32, optimizer: 'gd', lr: 1e6 }).diverged).toBe(true);
  });

  it('the evaluation loss is the recorded one: trainRelu’s final loss is reluLoss at its W, b on the evaluation sample', () => {
    const run = trainRelu({ D: 6, d: 2, sparsity: 0.8, importance: 0.9, seed: 8, steps: 120, batch: 128, lr: 1e-2 });
    const E = evaluationSample(8, 6, 0.8);
    expect(run.finalLoss).toBe(reluLoss(run.W, run.b, run.importance, E, E.length / 6, 6));
  });
});

describe('ReLU kernels: choice and limits', () => {
  it("'auto' takes WebAssembly SIMD where available, 'js' plain JS, 'wasm' throws where it is unavailable", () => {
    const options = { D: 4, d: 2, importance: new Float64Array(4).fill(1), maxRows: 8 };
    expect(reluKernel(options).kernels).toBe(WASM ? 'wasm-simd' : 'js');
    expect(reluKernel(options, 'js').kernels).toBe('js');
    if (!WASM) expect(() => reluKernel(options, 'wasm')).toThrow(/not available/);
  });

  it.runIf(WASM)('the WebAssembly kernel refuses a batch over maxRows; no rows gives NaN like the JS', () => {
    const { W, b, I } = problem(1, 4, 2);
    const kernels: ReluKernel[] = [reluKernel({ D: 4, d: 2, importance: I, maxRows: 8 }, 'wasm'), reluKernel({ D: 4, d: 2, importance: I, maxRows: 8 }, 'js')];
    expect(() => kernels[0].sampleLossAndGradient(featureStream(1, 1), 0.5, W, b, 9)).toThrow(RangeError);
    for (const k of kernels) expect(k.lossAndGradient(W, b, new Float64Array(0), 0)).toBeNaN();
  });
});

describe.runIf(WASM)('the instructions added to ops.ts for these kernels compute what the specification says', () => {
  it('i32 xor, shr_u, rotl, eqz, load and store; f64 const, comparisons and convert_i32_u; f64x2 gt and max; v128 and, bitselect', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const body = [
      ...[i32Const(0), i32Const(0), i32Load(0), i32Const(0), i32Load(4), i32Xor, i32Store(8)], // [8] = [0] ^ [1]
      ...[i32Const(0), i32Const(0), i32Load(0), i32Const(7), i32ShrU, i32Store(12), i32Const(0), i32Const(0), i32Load(0), i32Const(21), i32Rotl, i32Store(16)],
      ...[i32Const(0), i32Const(0), i32Load(0), i32Eqz, i32Const(0), i32Load(20), i32Eqz, i32Xor, i32Store(24)], // eqz(≠0) ^ eqz(0) = 1
      ...[i32Const(0), i32Const(0), i32Load(0), f64ConvertI32U, f64Store(32), i32Const(0), f64Const(-0.1), localTee(1), f64Store(40)],
      ...[i32Const(0), localGet(1), localGet(1), f64Eq, localGet(1), f64Const(0), f64Ne, i32Xor, localGet(1), f64Const(-0.1), f64Ge, i32Xor, i32Store(48)],
      ...[i32Const(0), v128Load(64), i32Const(0), v128Load(80), f64x2Gt, localSet(2), i32Const(0), localGet(2), v128Store(96)],
      ...[i32Const(0), i32Const(0), v128Load(64), i32Const(0), v128Load(80), f64x2Max, v128Store(112)],
      ...[i32Const(0), i32Const(0), v128Load(64), i32Const(0), v128Load(80), localGet(2), v128Bitselect, localGet(2), v128And, v128Store(128)],
      ...[i32Const(0), i32Const(0), v128Load(80), v128Zero, f64x2Max, v128Store(144)],
    ];
    const bytes = moduleBytes({
      memoryImport: { module: 'e', name: 'm', minPages: 1 },
      functions: [
        {
          exportName: 'f',
          params: [I32],
          results: [],
          locals: [
            [1, F64],
            [1, V128],
          ],
          body,
        },
      ],
    });
    const f = (new WebAssembly.Instance(new WebAssembly.Module(bytes), { e: { m: memory } }).exports as { f: (x: number) => void }).f;
    const u = new Uint32Array(memory.buffer);
    const x = new Float64Array(memory.buffer);
    u.set([0xdeadbeef, 0x12345678]);
    u[5] = 0;
    x.set([1.5, Number.NaN], 8); // bytes 64: (1.5, NaN)
    x.set([-0, 2], 10); // bytes 80: (−0, 2)
    f(0);
    expect(u[2]).toBe((0xdeadbeef ^ 0x12345678) >>> 0);
    expect(u[3]).toBe(0xdeadbeef >>> 7);
    expect(u[4]).toBe(((0xdeadbeef << 21) | (0xdeadbeef >>> 11)) >>> 0);
    expect(u[6]).toBe(1);
    expect(x[4]).toBe(0xdeadbeef); // unsigned, not −559038737
    expect(x[5]).toBe(-0.1); // f64.const's bytes, little-endian
    expect(u[12]).toBe(1 ^ 1 ^ 1);
    expect([u[24], u[25], u[26], u[27]]).toEqual([0xffffffff, 0xffffffff, 0, 0]); // 1.5 > −0; NaN > 2 is false
    expect(Object.is(x[14], 1.5)).toBe(true);
    expect(x[15]).toBeNaN();
    expect([x[16], x[17]]).toEqual([1.5, 0]); // bitselect took lane 0 from the first operand; the and kept lane 0 only
    expect([Object.is(x[18], 0), x[19]]).toEqual([true, 2]); // max(−0, +0) = +0, as Math.max
  });
});
