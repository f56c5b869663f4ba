/**
 * X = S Uᵀ and Y = S Vᵀ (D × d, row-major) for S (D × D) and U, V (d × D, row-major) in
 * WebAssembly SIMD: the O(D²d) part of the linear model's gradient (M = ΣBᵀ, Q = ΣA) and of its
 * Hessian-vector products (Σ dBᵀ, Σ dA), which the finders of docs/design.md §6 evaluate at every
 * iterate and line-search trial. Each entry is a dot product of two contiguous rows taken on
 * f64x2 pairs (even c in one lane, odd c in the other, the lanes added at the end, an odd D's
 * last term after them), so it differs from the JS loop's left-to-right sum by rounding only.
 * The module is assembled per (D, d) with the builder of src/core/wasm/ (all offsets constant)
 * and compiled once. U and V are copied in on every call, S too unless the caller vouches that
 * it is the same never-mutated array as last time (hessianVector.ts's private symmetrised Σ):
 * a copy is 8D² bytes against the 2D²d multiply-adds.
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
  type Instr,
  i32Add,
  i32Const,
  i32LtU,
  localGet,
  localSet,
  loop,
  v128Load,
  v128Zero,
} from '../../wasm/ops';
import { compileOrNull, I32, moduleBytes, V128 } from '../../wasm/wasmModule';

/** Byte offsets of S, U, V, X, Y in the module's memory, and its size. */
function layout(D: number, d: number) {
  const u = 8 * D * D;
  const v = u + 8 * D * d;
  const x = v + 8 * D * d;
  const y = x + 8 * D * d;
  return { u, v, x, y, bytes: y + 8 * D * d };
}

/**
 * The module for (D, d): exports `two()` (X and Y) and `one()` (X only), no parameters, over the
 * imported memory `e.m` laid out as `layout`. Loads carry the 8-byte alignment they have.
 */
export function sigmaProductsModuleBytes(D: number, d: number): Uint8Array<ArrayBuffer> {
  const lay = layout(D, d);
  const even = D - (D & 1);
  const row = 8 * D;
  const L = { sp: 0, up: 1, xp: 2, c: 3, s: 4, ax: 5, ay: 6 }; // i32 × 4, then v128 × 3
  const inc = (local: number, by: number): Instr => [...localGet(local), ...i32Const(by), ...i32Add, ...localSet(local)];
  const body = (withY: boolean): Instr[] => {
    const ops: Instr[] = [i32Const(0), localSet(L.sp), i32Const(lay.x), localSet(L.xp), loop]; // rows r of S
    ops.push(i32Const(lay.u), localSet(L.up), loop); // rows h of U (and V, at a constant distance)
    ops.push(v128Zero, localSet(L.ax), v128Zero, localSet(L.ay));
    if (even > 0) {
      ops.push(i32Const(0), localSet(L.c), loop);
      ops.push(localGet(L.sp), localGet(L.c), i32Add, v128Load(0, 3), localSet(L.s));
      ops.push(localGet(L.ax), localGet(L.s), localGet(L.up), localGet(L.c), i32Add, v128Load(0, 3), f64x2Mul, f64x2Add, localSet(L.ax));
      if (withY) ops.push(localGet(L.ay), localGet(L.s), localGet(L.up), localGet(L.c), i32Add, v128Load(lay.v - lay.u, 3), f64x2Mul, f64x2Add, localSet(L.ay));
      ops.push(inc(L.c, 16), localGet(L.c), i32Const(8 * even), i32LtU, brIf(0), end);
    }
    const store = (acc: number, from: number, to: number) => {
      ops.push(localGet(L.xp), localGet(acc), f64x2ExtractLane(0), localGet(acc), f64x2ExtractLane(1), f64Add);
      if (D & 1) ops.push(localGet(L.sp), f64Load(8 * (D - 1)), localGet(L.up), f64Load(from + 8 * (D - 1)), f64Mul, f64Add);
      ops.push(f64Store(to));
    };
    store(L.ax, 0, 0);
    if (withY) store(L.ay, lay.v - lay.u, lay.y - lay.x);
    ops.push(inc(L.xp, 8), inc(L.up, row), localGet(L.up), i32Const(lay.u + d * row), i32LtU, brIf(0), end);
    ops.push(inc(L.sp, row), localGet(L.sp), i32Const(D * row), i32LtU, brIf(0), end);
    return ops;
  };
  const locals: [number, number][] = [
    [4, I32],
    [3, V128],
  ];
  return moduleBytes({
    memoryImport: { module: 'e', name: 'm', minPages: 1 },
    functions: [
      { exportName: 'two', params: [], results: [], locals, body: body(true) },
      { exportName: 'one', params: [], results: [], locals, body: body(false) },
    ],
  });
}

/** The products for one (D, d), on their own memory. */
export class SigmaProductsWasm {
  private readonly S: Float64Array;
  private readonly U: Float64Array;
  private readonly V: Float64Array;
  private readonly X: Float64Array;
  private readonly Y: Float64Array;
  private readonly run: { two: () => void; one: () => void };
  /** The S in memory when the caller vouched it is never mutated, else null. */
  private loaded: Float64Array | null = null;
  constructor(D: number, d: number, module: WebAssembly.Module) {
    const lay = layout(D, d);
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(lay.bytes / 65536)) });
    this.run = new WebAssembly.Instance(module, { e: { m: memory } }).exports as unknown as { two: () => void; one: () => void };
    const buf = memory.buffer;
    this.S = new Float64Array(buf, 0, D * D);
    this.U = new Float64Array(buf, lay.u, D * d);
    this.V = new Float64Array(buf, lay.v, D * d);
    this.X = new Float64Array(buf, lay.x, D * d);
    this.Y = new Float64Array(buf, lay.y, D * d);
  }
  /** S into memory; `fixed`: S is never mutated, so the copy in memory stays good while it is the one given. */
  private load(S: Float64Array, fixed: boolean): void {
    if (fixed && S === this.loaded) return;
    this.S.set(S);
    this.loaded = fixed ? S : null;
  }
  /** X = S Uᵀ, Y = S Vᵀ into the caller's arrays. */
  two(S: Float64Array, U: Float64Array, V: Float64Array, X: Float64Array, Y: Float64Array, fixed = false): void {
    this.load(S, fixed);
    this.U.set(U);
    this.V.set(V);
    this.run.two();
    X.set(this.X);
    Y.set(this.Y);
  }
  /** X = S Uᵀ into the caller's array. */
  one(S: Float64Array, U: Float64Array, X: Float64Array, fixed = false): void {
    this.load(S, fixed);
    this.U.set(U);
    this.run.one();
    X.set(this.X);
  }
}

/** Kernels by (D, d), the most recently used last; at most KEPT (each holds 8D² bytes: 4.9 MB at MNIST's D = 784). */
const kernels = new Map<number, SigmaProductsWasm | null>();
const KEPT = 4;
let last: { D: number; d: number; kernel: SigmaProductsWasm | null } | null = null;

/** The kernel for (D, d) (compiled and instantiated once while kept), or null where WebAssembly SIMD is unavailable. */
export function sigmaProductsWasm(D: number, d: number): SigmaProductsWasm | null {
  // The finders ask at every product for the same (D, d): answer that without touching the map.
  if (last && last.D === D && last.d === d) return last.kernel;
  const key = D * 65536 + d;
  let kernel = kernels.get(key);
  if (kernel === undefined) {
    const module = compileOrNull(sigmaProductsModuleBytes(D, d));
    kernel = module ? new SigmaProductsWasm(D, d, module) : null;
    if (kernels.size >= KEPT) kernels.delete(kernels.keys().next().value as number);
  } else kernels.delete(key);
  kernels.set(key, kernel);
  last = { D, d, kernel };
  return kernel;
}
