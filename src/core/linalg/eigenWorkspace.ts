/**
 * The eigensolver's workspace (symmetricEigen.ts): A and W with an even row stride (16-byte rows
 * for the SIMD kernels), τ, c, cs, sn and four vectors. With the WebAssembly kernels it lives in
 * one WebAssembly memory and instance that are kept and grown, not made per call: creating a
 * memory costs far more than a small eigenproblem (a Hessian's inertia at 48 parameters, solved
 * once per critical point), and every discarded memory is work for the garbage collector.
 * Every call gets the workspace zeroed; results are copied out of it before the next call.
 */
import type { WasmRun } from './eigenKernels';

export interface EigenWorkspace {
  /** Row stride of A and W: n rounded up to even. */
  stride: number;
  a: Float64Array;
  w: Float64Array;
  tau: Float64Array;
  c: Float64Array;
  cs: Float64Array;
  sn: Float64Array;
  vectors: Float64Array[];
  /** The kernels and byte offsets, or null for the plain-JS loops. */
  wasm: WasmRun | null;
}

/** WebAssembly memories are at most 65,536 pages of 64 KiB. */
const MAX_PAGES = 65536;

let kept: { module: WebAssembly.Module; memory: WebAssembly.Memory; exports: Pick<WasmRun, 'rot' | 'acc' | 'tri'> } | null = null;

/** The workspace for an n × n problem, zeroed: in WebAssembly memory when `module` is given (and n fits), else plain arrays. */
export function eigenWorkspace(n: number, module: WebAssembly.Module | null): EigenWorkspace {
  const stride = n + (n & 1);
  // Memory layout (bytes): A, W (8·n·stride each), τ, c, cs, sn (8·n each), four vectors (8·stride each).
  const offW = 8 * n * stride;
  const offTau = 2 * offW;
  const offC = offTau + 8 * n;
  const offCs = offC + 8 * n;
  const offSn = offCs + 8 * n;
  const offVec = offSn + 8 * n;
  const bytes = offVec + 32 * stride;
  const pages = Math.ceil(bytes / 65536);
  if (!module || pages > MAX_PAGES) {
    return {
      stride,
      a: new Float64Array(n * stride),
      w: new Float64Array(n * stride),
      tau: new Float64Array(n),
      c: new Float64Array(n),
      cs: new Float64Array(n),
      sn: new Float64Array(n),
      vectors: [0, 1, 2, 3].map(() => new Float64Array(stride)),
      wasm: null,
    };
  }
  if (!kept || kept.module !== module) {
    const memory = new WebAssembly.Memory({ initial: pages });
    const exports = new WebAssembly.Instance(module, { e: { m: memory } }).exports as unknown as Pick<WasmRun, 'rot' | 'acc' | 'tri'>;
    kept = { module, memory, exports };
  }
  const have = kept.memory.buffer.byteLength / 65536;
  if (pages > have) kept.memory.grow(pages - have);
  const buf = kept.memory.buffer;
  new Uint8Array(buf, 0, bytes).fill(0);
  const { rot, acc, tri } = kept.exports;
  return {
    stride,
    a: new Float64Array(buf, 0, n * stride),
    w: new Float64Array(buf, offW, n * stride),
    tau: new Float64Array(buf, offTau, n),
    c: new Float64Array(buf, offC, n),
    cs: new Float64Array(buf, offCs, n),
    sn: new Float64Array(buf, offSn, n),
    vectors: [0, 1, 2, 3].map((q) => new Float64Array(buf, offVec + 8 * stride * q, stride)),
    wasm: { offA: 0, offW, offTau, offC, offCs, offSn, rot, acc, tri },
  };
}
