/**
 * The WebAssembly SIMD kernel of the eigenbasis step (eigenbasisKernels.ts has the layout of the
 * rows, the step and its rounding): the module for hidden width d, assembled at run time with the
 * builder of src/core/wasm/ and compiled once per d, and the workspace that runs it. N, G, P and
 * tr(ÃMᵀ) of a loaded W come from the JS accumulation (eigenbasisKernelsJs.ts), as does the
 * mirroring of the next N and G.
 */
import {
  brIf,
  end,
  f64Add,
  f64Load,
  f64Mul,
  f64Store,
  f64x2Add,
  f64x2ExtractLane,
  f64x2Mul,
  f64x2Splat,
  f64x2Sub,
  type Instr,
  i32Add,
  i32Const,
  i32LtU,
  localGet,
  localSet,
  loop,
  v128Load,
  v128Load64Splat,
  v128Store,
  v128Zero,
} from '../../wasm/ops';
import { compileOrNull, F64, I32, moduleBytes, V128 } from '../../wasm/wasmModule';
import type { EigenbasisWorkspace } from './eigenbasisKernels';
import { accumulateJs, mirror, trGNOf } from './eigenbasisKernelsJs';

/**
 * Memory of a WebAssembly workspace (byte offsets, all 16-aligned): W (D × 2dp), λ (D), P (D),
 * two blocks X and Y of [N | G] (dp × dp each; one is the current N, G, the other receives the
 * next), and scratch S = [ÃN row | GMᵀ row | new m_i] (dp each).
 */
interface WasmLayout {
  w: number;
  lam: number;
  p: number;
  x: number;
  y: number;
  s: number;
  bytes: number;
}

function wasmLayout(D: number, dp: number): WasmLayout {
  const up = (x: number) => Math.ceil(x / 16) * 16;
  const w = 0;
  const lam = up(w + 16 * D * dp);
  const p = up(lam + 8 * D);
  const x = up(p + 8 * D);
  const y = x + 16 * dp * dp;
  const s = y + 16 * dp * dp;
  return { w, lam, p, x, y, s, bytes: s + 24 * dp };
}

/**
 * f64x2 pairs of ÃN (and as many of GMᵀ) per chunk: at most 2 × 4 accumulators, so they and the
 * temporaries stay in registers. (Measured at d = 20: 4 is ≈ 5% faster than 6 or 8; unrolling the
 * loop over g with constant offsets made TurboFan's code ≈ 40% slower.)
 */
const CHUNK = 4;

/**
 * The module for hidden width d: one export `step(w, lam, p, cur, next, s, D, c) -> tr(ÃMᵀ)`
 * (byte offsets: W, λ, P, the current [N | G] block, the next one, scratch; c = 2η), the
 * arithmetic of `stepJs` one row at a time on f64x2 pairs of entries: for each row the loop over
 * g of ÃN and GMᵀ with a chunk's pairs unrolled, the update unrolled, then the next N and G by
 * pairs of rows h against the pairs of columns ≥ h. Sums keep the JS order per entry, except diag
 * P and tr(ÃMᵀ) (two interleaved partial sums). The caller zeroes the next block beforehand and
 * mirrors its upper triangles afterwards. Instructions from src/core/wasm/ops.ts.
 */
export function eigenbasisModuleBytes(d: number): Uint8Array<ArrayBuffer> {
  const dp = d + (d & 1);
  const V = dp / 2; // f64x2 vectors per row
  const inc = (local: number, by: number): Instr => [...localGet(local), ...i32Const(by), ...i32Add, ...localSet(local)];

  // Locals: parameters, then i32, f64, v128.
  const L = {
    w: 0,
    lam: 1,
    p: 2,
    cur: 3,
    next: 4,
    s: 5,
    D: 6,
    c: 7, // params (c: f64)
    i: 8,
    q: 9,
    r: 10,
    jb: 11,
    kk: 12,
    rowN: 13,
    addr: 14, // i32
    ls: 15,
    tr: 16, // f64
    cv: 17,
    lv: 18,
    av: 19,
    mv: 20,
    pacc: 21,
    tacc: 22,
    a2: 23,
    b2: 24,
    m2: 25,
    mk: 26,
    ak: 27,
    b0: 28,
    b1: 29,
    a0: 30,
    a1: 31,
    acc: 32, // v128; acc … acc + 2·CHUNK − 1
  };
  const rowBytes = 8 * dp; // one of ã_i, b̃_i
  const blockG = 8 * dp * dp; // G after N in a block
  const sGM = 8 * dp;
  const sM = 16 * dp;
  const ops: Instr[] = [];
  ops.push(localGet(L.c), f64x2Splat, localSet(L.cv), i32Const(0), localSet(L.i));
  ops.push(loop); // rows
  ops.push(localGet(L.lam), f64Load(0), localSet(L.ls), localGet(L.ls), f64x2Splat, localSet(L.lv));
  // ÃN and GMᵀ for this row, chunk by chunk: acc_k += ã_ig N[g, k], acc_{K+k} += m_ig G[g, k].
  const chunks = Math.ceil(V / CHUNK);
  for (let ch = 0, k0 = 0; ch < chunks; ch++) {
    const K = Math.ceil((V - k0) / (chunks - ch));
    for (let t = 0; t < 2 * K; t++) ops.push(v128Zero, localSet(L.acc + t));
    ops.push(i32Const(0), localSet(L.q), localGet(L.cur), localSet(L.r), loop);
    ops.push(localGet(L.w), localGet(L.q), i32Add, v128Load64Splat(0), localSet(L.av));
    ops.push(localGet(L.ls), localGet(L.w), localGet(L.q), i32Add, f64Load(rowBytes), f64Mul, f64x2Splat, localSet(L.mv));
    for (let k = 0; k < K; k++) {
      const off = 16 * (k0 + k);
      ops.push(localGet(L.acc + k), localGet(L.av), localGet(L.r), v128Load(off), f64x2Mul, f64x2Add, localSet(L.acc + k));
      ops.push(localGet(L.acc + K + k), localGet(L.r), v128Load(blockG + off), localGet(L.mv), f64x2Mul, f64x2Add, localSet(L.acc + K + k));
    }
    ops.push(inc(L.r, 8 * dp), inc(L.q, 8), localGet(L.q), i32Const(8 * d), i32LtU, brIf(0), end);
    for (let k = 0; k < K; k++) {
      const off = 16 * (k0 + k);
      ops.push(localGet(L.s), localGet(L.acc + k), v128Store(off), localGet(L.s), localGet(L.acc + K + k), v128Store(sGM + off));
    }
    k0 += K;
  }
  // Update: ã ← ã + c (m − ÃN), b̃ ← b̃ + c (λ ã − GMᵀ); m ← λ b̃; diag P and tr(ÃMᵀ) by lanes.
  for (let k = 0; k < V; k++) {
    const off = 16 * k;
    ops.push(localGet(L.w), v128Load(off), localSet(L.av), localGet(L.w), v128Load(rowBytes + off), localSet(L.mv)); // mv: old b̃ here
    ops.push(localGet(L.av), localGet(L.cv), localGet(L.lv), localGet(L.mv), f64x2Mul); // a2 = ã + c (λ b̃ − ÃN)
    ops.push(localGet(L.s), v128Load(off), f64x2Sub, f64x2Mul, f64x2Add, localSet(L.a2));
    ops.push(localGet(L.mv), localGet(L.cv), localGet(L.lv), localGet(L.av), f64x2Mul); // b2 = b̃ + c (λ ã − GMᵀ)
    ops.push(localGet(L.s), v128Load(sGM + off), f64x2Sub, f64x2Mul, f64x2Add, localSet(L.b2));
    ops.push(localGet(L.w), localGet(L.a2), v128Store(off), localGet(L.w), localGet(L.b2), v128Store(rowBytes + off));
    ops.push(localGet(L.lv), localGet(L.b2), f64x2Mul, localSet(L.m2), localGet(L.s), localGet(L.m2), v128Store(sM + off));
    if (k === 0) ops.push(localGet(L.a2), localGet(L.b2), f64x2Mul, localSet(L.pacc), localGet(L.a2), localGet(L.m2), f64x2Mul, localSet(L.tacc));
    else {
      ops.push(localGet(L.pacc), localGet(L.a2), localGet(L.b2), f64x2Mul, f64x2Add, localSet(L.pacc));
      ops.push(localGet(L.tacc), localGet(L.a2), localGet(L.m2), f64x2Mul, f64x2Add, localSet(L.tacc));
    }
  }
  ops.push(localGet(L.p), localGet(L.pacc), f64x2ExtractLane(0), localGet(L.pacc), f64x2ExtractLane(1), f64Add, f64Store(0));
  ops.push(localGet(L.tr), localGet(L.tacc), f64x2ExtractLane(0), localGet(L.tacc), f64x2ExtractLane(1), f64Add, f64Add, localSet(L.tr));
  // Next N, G: rows h = 2j, 2j+1, column pairs k ≥ j: N[h, k] += b̃_h m_k, G[h, k] += ã_h ã_k.
  ops.push(i32Const(0), localSet(L.jb), localGet(L.next), localSet(L.rowN), loop);
  ops.push(localGet(L.w), localGet(L.jb), i32Add, localSet(L.addr));
  ops.push(localGet(L.addr), v128Load64Splat(0), localSet(L.a0), localGet(L.addr), v128Load64Splat(8), localSet(L.a1));
  ops.push(localGet(L.addr), v128Load64Splat(rowBytes), localSet(L.b0), localGet(L.addr), v128Load64Splat(rowBytes + 8), localSet(L.b1));
  ops.push(localGet(L.jb), localSet(L.kk), loop);
  ops.push(localGet(L.s), localGet(L.kk), i32Add, v128Load(sM), localSet(L.mk), localGet(L.w), localGet(L.kk), i32Add, v128Load(0), localSet(L.ak));
  ops.push(localGet(L.rowN), localGet(L.kk), i32Add, localSet(L.addr));
  for (const [off, h, x] of [
    [0, L.b0, L.mk],
    [8 * dp, L.b1, L.mk],
    [blockG, L.a0, L.ak],
    [blockG + 8 * dp, L.a1, L.ak],
  ]) {
    ops.push(localGet(L.addr), localGet(L.addr), v128Load(off), localGet(h), localGet(x), f64x2Mul, f64x2Add, v128Store(off));
  }
  ops.push(inc(L.kk, 16), localGet(L.kk), i32Const(8 * dp), i32LtU, brIf(0), end);
  ops.push(inc(L.rowN, 16 * dp), inc(L.jb, 16), localGet(L.jb), i32Const(8 * dp), i32LtU, brIf(0), end);
  // Next row.
  ops.push(inc(L.w, 16 * dp), inc(L.lam, 8), inc(L.p, 8), inc(L.i, 1), localGet(L.i), localGet(L.D), i32LtU, brIf(0), end);
  ops.push(localGet(L.tr));

  const locals: [number, number][] = [
    [7, I32],
    [2, F64],
    [L.acc + 2 * CHUNK - L.cv, V128],
  ];
  return moduleBytes({
    memoryImport: { module: 'e', name: 'm', minPages: 1 },
    functions: [{ exportName: 'step', params: [I32, I32, I32, I32, I32, I32, I32, F64], results: [F64], locals, body: ops }],
  });
}

const modules = new Map<number, WebAssembly.Module | null>();

/** The compiled module for width d (cached), or null where WebAssembly SIMD is unavailable. */
export function moduleFor(d: number): WebAssembly.Module | null {
  let m = modules.get(d);
  if (m === undefined) {
    m = compileOrNull(eigenbasisModuleBytes(d));
    modules.set(d, m);
  }
  return m;
}

/** Which kernels `eigenbasisGradientDescent` can use here: WebAssembly SIMD when available, else plain JS. */
export function eigenbasisKernelsAvailable(): 'wasm-simd' | 'js' {
  return moduleFor(2) ? 'wasm-simd' : 'js';
}

type StepFn = (w: number, lam: number, p: number, cur: number, next: number, s: number, D: number, c: number) => number;

export class WasmWorkspace implements EigenbasisWorkspace {
  readonly kernels = 'wasm-simd' as const;
  readonly dp: number;
  readonly W: Float64Array;
  readonly P: Float64Array;
  N: Float64Array;
  G: Float64Array;
  trAM = 0;
  private readonly lay: WasmLayout;
  private readonly run: StepFn;
  private readonly blocks: [Float64Array, Float64Array]; // [N | G] at x and at y
  private cur = 0;
  private readonly mn: Float64Array;
  private readonly lam: Float64Array;
  constructor(
    readonly D: number,
    readonly d: number,
    lam: Float64Array,
    module: WebAssembly.Module,
  ) {
    const dp = d + (d & 1);
    this.dp = dp;
    const lay = wasmLayout(D, dp);
    this.lay = lay;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(lay.bytes / 65536)) });
    this.run = (new WebAssembly.Instance(module, { e: { m: memory } }).exports as unknown as { step: StepFn }).step;
    const buf = memory.buffer;
    this.W = new Float64Array(buf, lay.w, 2 * D * dp);
    this.lam = new Float64Array(buf, lay.lam, D);
    this.lam.set(lam.subarray(0, D));
    this.P = new Float64Array(buf, lay.p, D);
    this.blocks = [new Float64Array(buf, lay.x, 2 * dp * dp), new Float64Array(buf, lay.y, 2 * dp * dp)];
    this.N = this.blocks[0].subarray(0, dp * dp);
    this.G = this.blocks[0].subarray(dp * dp);
    this.mn = new Float64Array(buf, lay.s, dp);
  }
  refresh(): void {
    this.blocks[this.cur].fill(0);
    this.trAM = accumulateJs(this.D, this.d, this.dp, this.W, this.lam, this.P, this.N, this.G, this.mn);
  }
  step(c: number): void {
    const next = 1 - this.cur;
    const block = this.blocks[next];
    block.fill(0);
    const lay = this.lay;
    this.trAM = this.run(lay.w, lay.lam, lay.p, this.cur ? lay.y : lay.x, next ? lay.y : lay.x, lay.s, this.D, c);
    this.cur = next;
    const dp = this.dp;
    this.N = block.subarray(0, dp * dp);
    this.G = block.subarray(dp * dp);
    mirror(this.d, dp, this.N, this.G);
  }
  trGN(): number {
    return trGNOf(this.d, this.dp, this.N, this.G);
  }
}
