/**
 * Optional WebAssembly SIMD kernels for the three O(D³) loops of `eigenSymmetricFast`
 * (symmetricEigen.ts): `rot` = the four-rotation passes of `applyRotations` (implicitQl.ts), `acc` =
 * `accumulatePairsJs` on four rows and `tri` = the four-row pass of `tridiagonalise` from an even
 * column on (both householder.ts). Each does the JS arithmetic on two entries at a time (f64x2) in
 * the same order per entry, except that dot products are summed as two interleaved partial sums, so
 * results differ from the JS path by rounding only. The module is assembled here from its
 * instruction listing with the builder of src/core/wasm/ (no build step, no binary blob; 2.3 kB) and
 * compiled once; each call gets a fresh instance and memory (≈ 16·D² bytes), so nothing stays
 * allocated between calls.
 */

import {
  block,
  br,
  brIf,
  end,
  f64Add,
  f64Load,
  f64Mul,
  f64Store,
  f64Sub,
  f64x2Add,
  f64x2ExtractLane,
  f64x2Mul,
  f64x2Splat,
  f64x2Sub,
  type Instr,
  i32Add,
  i32And,
  i32Const,
  i32LtS,
  i32LtU,
  i32Mul,
  i32Shl,
  i32Sub,
  localGet,
  localSet,
  loop,
  v128Load,
  v128Store,
  v128Zero,
} from '../wasm/ops';
import { compileOrNull, F64, type FunctionSpec, I32, moduleBytes, V128 } from '../wasm/wasmModule';

/** Byte offsets into a per-call instance's memory, and its three kernels. */
export interface WasmRun {
  offA: number;
  offW: number;
  offTau: number;
  offC: number;
  offCs: number;
  offSn: number;
  /** Rotations i = m−1 down while i−3 ≥ l, four per pass, on W at byte offset w; returns the next i. */
  rot(w: number, ws: number, l: number, m: number, csp: number, snp: number): number;
  /** Reflector pairs k = kmax, kmax−2, … ≥ 1 on the four W rows at byte offset r0; returns the k left. */
  acc(r0: number, ws: number, kmax: number, aPtr: number, tauPtr: number, cPtr: number): number;
  /** Tridiagonalisation pass over rows i … i+3 (row i of A at byte offset r0), columns j0 (even) … ws−1. */
  tri(r0: number, ws: number, i: number, j0: number, vp: number, wp: number, vn: number, p: number): number;
}

// f64x2 rows at byte offset 0 with alignment hint 2³ (the rows are 16-byte aligned; the hint is
// the one these kernels were first assembled with and changes nothing computed).
const vLoad = v128Load(0, 3);
const vStore = v128Store(0, 3);

/** rot(w, ws, l, m, csp, snp) -> i. Rows R_0 … R_4 = rows i−3 … i+1; rotation q = i−q acts on (R_{3−q}, R_{4−q}). */
function rotKernel(): FunctionSpec {
  const R = {
    w: 0,
    ws: 1,
    l: 2,
    m: 3,
    cs: 4,
    sn: 5,
    i: 6,
    stride: 7,
    k: 8,
    row: 9, // rows at 9 … 13
    c: 14, // c_q at 14 + 2q, s_q at 15 + 2q (v128)
    x: 22,
    y: 23,
  };
  const rowAt = (j: number) => [...localGet(R.row + j), ...localGet(R.k), ...i32Add];
  const rotOps: Instr[] = [localGet(R.ws), i32Const(3), i32Shl, localSet(R.stride), localGet(R.m), i32Const(1), i32Sub, localSet(R.i), block, loop];
  rotOps.push(localGet(R.i), i32Const(3), i32Sub, localGet(R.l), i32LtS, brIf(1));
  for (let q = 0; q < 4; q++) {
    rotOps.push(localGet(R.cs), localGet(R.i), i32Const(q), i32Sub, i32Const(3), i32Shl, i32Add, f64Load(), f64x2Splat, localSet(R.c + 2 * q));
    rotOps.push(localGet(R.sn), localGet(R.i), i32Const(q), i32Sub, i32Const(3), i32Shl, i32Add, f64Load(), f64x2Splat, localSet(R.c + 2 * q + 1));
  }
  rotOps.push(localGet(R.w), localGet(R.i), i32Const(3), i32Sub, localGet(R.stride), i32Mul, i32Add, localSet(R.row));
  for (let j = 1; j <= 4; j++) rotOps.push(localGet(R.row + j - 1), localGet(R.stride), i32Add, localSet(R.row + j));
  rotOps.push(i32Const(0), localSet(R.k), loop, rowAt(4), vLoad, localSet(R.y));
  for (let q = 0; q < 4; q++) {
    const [c, sn] = [R.c + 2 * q, R.c + 2 * q + 1];
    rotOps.push(rowAt(3 - q), vLoad, localSet(R.x));
    rotOps.push(rowAt(4 - q), localGet(sn), localGet(R.x), f64x2Mul, localGet(c), localGet(R.y), f64x2Mul, f64x2Add, vStore); // w_{i+1} = s·x + c·y
    rotOps.push(localGet(c), localGet(R.x), f64x2Mul, localGet(sn), localGet(R.y), f64x2Mul, f64x2Sub, localSet(R.y)); // carried: c·x − s·y
  }
  rotOps.push(rowAt(0), localGet(R.y), vStore);
  rotOps.push(localGet(R.k), i32Const(16), i32Add, localSet(R.k), localGet(R.k), localGet(R.stride), i32LtU, brIf(0), end);
  rotOps.push(localGet(R.i), i32Const(4), i32Sub, localSet(R.i), br(0), end, end, localGet(R.i));
  return {
    exportName: 'rot',
    params: new Array<number>(6).fill(I32),
    results: [I32],
    locals: [
      [8, I32],
      [10, V128],
    ],
    body: rotOps,
  };
}

/** acc(r0, ws, kmax, a, tau, c) -> k. */
function accKernel(): FunctionSpec {
  const A = {
    r0: 0,
    ws: 1,
    kmax: 2,
    a: 3,
    tau: 4,
    c: 5,
    stride: 6,
    k: 7,
    j: 8,
    j0: 9,
    r1: 10,
    r2: 11,
    r3: 12,
    v1: 13,
    v2: 14, // i32
    t1: 15,
    t2: 16,
    ck: 17,
    f: 18, // f64
    p: 19,
    q: 23,
    x: 27,
    y: 28,
    wv: 29, // v128: p_r at 19 + r, q_r at 23 + r
  };
  const rows = [A.r0, A.r1, A.r2, A.r3];
  const at = (base: number) => [...localGet(base), ...localGet(A.j), ...i32Add];
  const accOps: Instr[] = [localGet(A.ws), i32Const(3), i32Shl, localSet(A.stride)];
  for (let r = 1; r < 4; r++) accOps.push(localGet(rows[r - 1]), localGet(A.stride), i32Add, localSet(rows[r]));
  accOps.push(localGet(A.kmax), localSet(A.k), block, loop, localGet(A.k), i32Const(1), i32LtS, brIf(1));
  accOps.push(localGet(A.a), localGet(A.k), localGet(A.stride), i32Mul, i32Add, localSet(A.v1), localGet(A.v1), localGet(A.stride), i32Sub, localSet(A.v2));
  accOps.push(localGet(A.k), i32Const(-2), i32And, i32Const(3), i32Shl, localSet(A.j0));
  accOps.push(localGet(A.tau), localGet(A.k), i32Const(3), i32Shl, i32Add, f64Load(), localSet(A.t1));
  accOps.push(localGet(A.tau), localGet(A.k), i32Const(1), i32Sub, i32Const(3), i32Shl, i32Add, f64Load(), localSet(A.t2));
  accOps.push(localGet(A.c), localGet(A.k), i32Const(3), i32Shl, i32Add, f64Load(), localSet(A.ck));
  for (let r = 0; r < 4; r++) accOps.push(v128Zero, localSet(A.p + r), v128Zero, localSet(A.q + r));
  // Dot products with v_k (p) and v_{k−1} (q), columns j0 … ws−1 (zeros outside the supports).
  accOps.push(localGet(A.j0), localSet(A.j), loop, at(A.v1), vLoad, localSet(A.x), at(A.v2), vLoad, localSet(A.y));
  for (let r = 0; r < 4; r++) {
    accOps.push(at(rows[r]), vLoad, localSet(A.wv));
    accOps.push(localGet(A.p + r), localGet(A.wv), localGet(A.x), f64x2Mul, f64x2Add, localSet(A.p + r));
    accOps.push(localGet(A.q + r), localGet(A.wv), localGet(A.y), f64x2Mul, f64x2Add, localSet(A.q + r));
  }
  accOps.push(localGet(A.j), i32Const(16), i32Add, localSet(A.j), localGet(A.j), localGet(A.stride), i32LtU, brIf(0), end);
  // f = τ_k p, g = τ_{k−1}(q − f c_k), splatted into p_r and q_r.
  for (let r = 0; r < 4; r++) {
    accOps.push(localGet(A.t1), localGet(A.p + r), f64x2ExtractLane(0), localGet(A.p + r), f64x2ExtractLane(1), f64Add, f64Mul, localSet(A.f));
    accOps.push(localGet(A.t2), localGet(A.q + r), f64x2ExtractLane(0), localGet(A.q + r), f64x2ExtractLane(1), f64Add);
    accOps.push(localGet(A.f), localGet(A.ck), f64Mul, f64Sub, f64Mul, f64x2Splat, localSet(A.q + r));
    accOps.push(localGet(A.f), f64x2Splat, localSet(A.p + r));
  }
  // w_r ← w_r − (f_r v_k + g_r v_{k−1}).
  accOps.push(localGet(A.j0), localSet(A.j), loop, at(A.v1), vLoad, localSet(A.x), at(A.v2), vLoad, localSet(A.y));
  for (let r = 0; r < 4; r++) {
    accOps.push(at(rows[r]), at(rows[r]), vLoad, localGet(A.p + r), localGet(A.x), f64x2Mul);
    accOps.push(localGet(A.q + r), localGet(A.y), f64x2Mul, f64x2Add, f64x2Sub, vStore);
  }
  accOps.push(localGet(A.j), i32Const(16), i32Add, localSet(A.j), localGet(A.j), localGet(A.stride), i32LtU, brIf(0), end);
  accOps.push(localGet(A.k), i32Const(2), i32Sub, localSet(A.k), br(0), end, end, localGet(A.k));
  return {
    exportName: 'acc',
    params: new Array<number>(6).fill(I32),
    results: [I32],
    locals: [
      [9, I32],
      [4, F64],
      [11, V128],
    ],
    body: accOps,
  };
}

/**
 * tri(r0, ws, i, j0, vp, wp, vn, p) -> 0. For rows r = i … i+3 and columns j ≥ j0:
 * b = a_rj − (vp_r wp_j + wp_r vp_j) stored; s_r += b vn_j; p_j += Σ_r b vn_r; finally p_r += s_r.
 */
function triKernel(): FunctionSpec {
  const T = {
    r0: 0,
    ws: 1,
    i: 2,
    j0: 3,
    vp: 4,
    wp: 5,
    vn: 6,
    p: 7,
    stride: 8,
    j: 9,
    r1: 10,
    r2: 11,
    r3: 12, // i32
    vpi: 13,
    wpi: 17,
    vi: 21,
    s: 25,
    b: 29,
    wpj: 33,
    vpj: 34,
    vj: 35, // v128 (four each for vpi … b)
  };
  const tRows = [T.r0, T.r1, T.r2, T.r3];
  const tAt = (base: number) => [...localGet(base), ...localGet(T.j), ...i32Add];
  const elem = (vecPtr: number, r: number) => [...localGet(vecPtr), ...localGet(T.i), ...i32Const(r), ...i32Add, ...i32Const(3), ...i32Shl, ...i32Add];
  const triOps: Instr[] = [localGet(T.ws), i32Const(3), i32Shl, localSet(T.stride)];
  for (let r = 1; r < 4; r++) triOps.push(localGet(tRows[r - 1]), localGet(T.stride), i32Add, localSet(tRows[r]));
  for (let r = 0; r < 4; r++) {
    triOps.push(elem(T.vp, r), f64Load(), f64x2Splat, localSet(T.vpi + r), elem(T.wp, r), f64Load(), f64x2Splat, localSet(T.wpi + r));
    triOps.push(elem(T.vn, r), f64Load(), f64x2Splat, localSet(T.vi + r), v128Zero, localSet(T.s + r));
  }
  triOps.push(localGet(T.j0), i32Const(3), i32Shl, localSet(T.j), loop);
  triOps.push(tAt(T.wp), vLoad, localSet(T.wpj), tAt(T.vp), vLoad, localSet(T.vpj), tAt(T.vn), vLoad, localSet(T.vj));
  for (let r = 0; r < 4; r++) {
    triOps.push(tAt(tRows[r]), vLoad, localGet(T.vpi + r), localGet(T.wpj), f64x2Mul);
    triOps.push(localGet(T.wpi + r), localGet(T.vpj), f64x2Mul, f64x2Add, f64x2Sub, localSet(T.b + r));
    triOps.push(tAt(tRows[r]), localGet(T.b + r), vStore);
    triOps.push(localGet(T.s + r), localGet(T.b + r), localGet(T.vj), f64x2Mul, f64x2Add, localSet(T.s + r));
  }
  // p_j += b_0 vn_0 + b_1 vn_1 + (b_2 vn_2 + b_3 vn_3), the JS order.
  triOps.push(tAt(T.p), tAt(T.p), vLoad);
  triOps.push(localGet(T.b), localGet(T.vi), f64x2Mul, localGet(T.b + 1), localGet(T.vi + 1), f64x2Mul, f64x2Add);
  triOps.push(localGet(T.b + 2), localGet(T.vi + 2), f64x2Mul, localGet(T.b + 3), localGet(T.vi + 3), f64x2Mul, f64x2Add, f64x2Add, f64x2Add, vStore);
  triOps.push(localGet(T.j), i32Const(16), i32Add, localSet(T.j), localGet(T.j), localGet(T.stride), i32LtU, brIf(0), end);
  for (let r = 0; r < 4; r++) {
    triOps.push(elem(T.p, r), elem(T.p, r), f64Load());
    triOps.push(localGet(T.s + r), f64x2ExtractLane(0), localGet(T.s + r), f64x2ExtractLane(1), f64Add, f64Add, f64Store());
  }
  triOps.push(i32Const(0));
  return {
    exportName: 'tri',
    params: new Array<number>(8).fill(I32),
    results: [I32],
    locals: [
      [5, I32],
      [23, V128],
    ],
    body: triOps,
  };
}

/** The module of the three kernels, over the memory imported as e.m. */
export function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes({ memoryImport: { module: 'e', name: 'm', minPages: 1 }, functions: [rotKernel(), accKernel(), triKernel()] });
}

let kernelModule: WebAssembly.Module | null | undefined;

/** The compiled kernels, or null where WebAssembly or its SIMD extension is unavailable. */
export function compiledKernels(): WebAssembly.Module | null {
  if (kernelModule === undefined) kernelModule = compileOrNull(kernelModuleBytes());
  return kernelModule;
}

/** Which kernels `eigenSymmetricFast` uses by default here: WebAssembly SIMD when available, else plain JS. */
export function symmetricEigenKernels(): 'wasm-simd' | 'js' {
  return compiledKernels() ? 'wasm-simd' : 'js';
}
