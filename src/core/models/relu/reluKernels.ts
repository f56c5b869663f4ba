/**
 * The arithmetic of the ReLU model's training loop (reluTraining.ts) apart from the optimiser: draw
 * the next batch from a run's stream (features.ts), the loss and its gradient on it, and the loss on
 * the fixed evaluation sample (reluLoss.ts), in plain JavaScript or in WebAssembly SIMD kernels
 * assembled at run time (reluKernelsWasm.ts). This file has the kernel's interface, both
 * implementations and the choice between them.
 *
 * Rounding: the two give the same numbers to the bit, not merely to rounding. The WebAssembly
 * kernels draw the same sfc32 numbers with the same integer and double arithmetic, and do the JS
 * per-sample arithmetic two entries at a time along features (pre, δ, the rows of ∂L/∂W, ∂L/∂b) or
 * hidden units (h = W x, W δ), never along samples: every product is the JS one, and every entry
 * is summed in the JS order (over the samples in turn, within a sample over j, k or i ascending).
 * Where the JS loops skip a zero x_j or an inactive feature (δ_i = 0), the kernel adds a product with
 * a zero factor, ±0, which leaves a finite sum unchanged (a sum started at +0 never becomes −0). It
 * takes the WᵀW path for the samples with fewer than d nonzero features as the JS does, leaves the
 * all-zero samples to the same JS code (reluEmptySamples), WᵀW itself is the JS sum (reluGram),
 * and the loss is summed one term at a time. One difference remains: an infinite h_k or (W δ)_k
 * times a zero δ_i or x_j is NaN where the JS adds nothing, so a run whose h already overflows may
 * be stopped as diverged a step earlier than in plain JS.
 *
 * Speed (bench/reluBench.ts; node 20, 2 cores): 5–7× the JS steps/s at S = 0 and about 3× at
 * S = 0.9, 1.5–3.8× numpy's. Of a step at (D, d, batch) = (20, 5, 1024), about 150 µs go to drawing
 * the batch (four sfc32 outputs per feature, integer-bound) and 245 µs to the loss and gradient.
 */
import { type FeatureStream, sampleFeatureBatch } from './features';
import { type ReluLayout, reluLayout, reluModuleFor } from './reluKernelsWasm';
import { reluEmptySamples, reluGram, reluLoss, reluLossAndGradient, reluWorkspace } from './reluLoss';

export type ReluKernelChoice = 'auto' | 'js' | 'wasm';

export interface ReluKernelOptions {
  D: number;
  d: number;
  /** Importance weights I (length D). */
  importance: Float64Array;
  /** The largest batch it will be given. */
  maxRows: number;
  /** The evaluation sample (rows × D), kept for `evaluationLoss`. */
  evaluation?: Float64Array;
}

export interface ReluKernel {
  readonly kernels: 'js' | 'wasm-simd';
  /** θ's gradient [∂L/∂W, ∂L/∂b] from the last call, for an optimiser on θ = [W, b]. */
  readonly grad: Float64Array;
  /** reluLossAndGradient(W, b, I, X, rows): L on the first `rows` samples of X (rows × D), its gradient into `grad`. */
  lossAndGradient(W: Float64Array, b: Float64Array, X: Float64Array, rows: number): number;
  /** The same on the next `rows` samples of `stream` (sampleFeatureBatch(stream, D, sparsity, rows)), advancing it as far. */
  sampleLossAndGradient(stream: FeatureStream, sparsity: number, W: Float64Array, b: Float64Array, rows: number): number;
  /** reluLoss on the evaluation sample. */
  evaluationLoss(W: Float64Array, b: Float64Array): number;
}

class JsReluKernel implements ReluKernel {
  readonly kernels = 'js' as const;
  readonly grad: Float64Array;
  private readonly ws;
  private readonly X: Float64Array;
  private readonly h: Float64Array;
  constructor(private readonly o: ReluKernelOptions) {
    this.ws = reluWorkspace(o.D, o.d);
    this.grad = this.ws.grad;
    this.X = new Float64Array(o.maxRows * o.D);
    this.h = new Float64Array(o.d);
  }
  lossAndGradient(W: Float64Array, b: Float64Array, X: Float64Array, rows: number): number {
    return reluLossAndGradient(W, b, this.o.importance, X, rows, this.ws);
  }
  sampleLossAndGradient(stream: FeatureStream, sparsity: number, W: Float64Array, b: Float64Array, rows: number): number {
    sampleFeatureBatch(stream, this.o.D, sparsity, rows, this.X);
    return reluLossAndGradient(W, b, this.o.importance, this.X, rows, this.ws);
  }
  evaluationLoss(W: Float64Array, b: Float64Array): number {
    const E = this.o.evaluation ?? new Float64Array(0);
    return reluLoss(W, b, this.o.importance, E, E.length / this.o.D, this.o.D, this.h);
  }
}

type Exports = { lossGrad(rows: number, scale: number): number; loss(x: number, rows: number): number; sample(rows: number, sparsity: number): void };

/** The WebAssembly kernels on their own memory: reluLayout, then the batch (maxRows × Dp) and the evaluation sample. */
export class WasmReluKernel implements ReluKernel {
  readonly kernels = 'wasm-simd' as const;
  readonly grad: Float64Array;
  private readonly L: ReluLayout;
  private readonly run: Exports;
  private readonly f: Float64Array;
  private readonly state: Int32Array;
  private readonly evalAt: number;
  private readonly evalRows: number;
  constructor(
    private readonly o: ReluKernelOptions,
    module: WebAssembly.Module,
  ) {
    const { D, d, maxRows, evaluation } = o;
    const L = reluLayout(D, d);
    this.L = L;
    this.evalAt = L.x + 8 * L.Dp * maxRows;
    this.evalRows = evaluation ? evaluation.length / D : 0;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((this.evalAt + 8 * L.Dp * this.evalRows) / 65536)) });
    this.run = new WebAssembly.Instance(module, { e: { m: memory } }).exports as unknown as Exports;
    this.f = new Float64Array(memory.buffer);
    this.state = new Int32Array(memory.buffer, L.misc, 5);
    this.f.set(o.importance.subarray(0, D), L.imp / 8);
    if (evaluation) this.put(evaluation, this.evalRows, this.evalAt);
    this.grad = new Float64Array(d * D + D);
  }

  lossAndGradient(W: Float64Array, b: Float64Array, X: Float64Array, rows: number): number {
    this.checkRows(rows);
    this.put(X, rows, this.L.x);
    return this.lossGrad(W, b, rows);
  }

  sampleLossAndGradient(stream: FeatureStream, sparsity: number, W: Float64Array, b: Float64Array, rows: number): number {
    this.checkRows(rows);
    this.state.set(stream.state);
    this.run.sample(rows, sparsity);
    stream.state.set(this.state.subarray(0, 4));
    return this.lossGrad(W, b, rows);
  }

  evaluationLoss(W: Float64Array, b: Float64Array): number {
    this.load(W, b);
    return this.run.loss(this.evalAt, this.evalRows) / this.evalRows;
  }

  /** Sample t of the last batch (D numbers). */
  sample(t: number): Float64Array {
    const at = this.L.x / 8 + t * this.L.Dp;
    return this.f.slice(at, at + this.o.D);
  }

  /** rows × D numbers into rows of Dp from byte `at`. */
  private put(X: Float64Array, rows: number, at: number): void {
    const { D } = this.o;
    for (let t = 0; t < rows; t++) this.f.set(X.subarray(t * D, t * D + D), at / 8 + t * this.L.Dp);
  }

  /** W by rows and transposed, b and WᵀW (the JS sums) into memory. */
  private load(W: Float64Array, b: Float64Array): void {
    const { D, d } = this.o;
    const { f, L } = this;
    for (let k = 0; k < d; k++)
      for (let j = 0; j < D; j++) {
        f[L.wr / 8 + k * L.Dp + j] = W[k * D + j];
        f[L.wt / 8 + j * L.dp + k] = W[k * D + j];
      }
    f.set(b.subarray(0, D), L.b / 8);
    if (d > 1) reluGram(W, D, d, f.subarray(L.gram / 8), L.Dp);
  }

  /** lossGrad on the batch in memory; ∂W, ∂b out of memory and the all-zero samples added as the JS adds them. */
  private lossGrad(W: Float64Array, b: Float64Array, rows: number): number {
    const { D, d, importance } = this.o;
    const { f, L, grad } = this;
    this.load(W, b);
    const scale = 2 / rows;
    const loss = this.run.lossGrad(rows, scale);
    for (let k = 0; k < d; k++) grad.set(f.subarray(L.gw / 8 + k * L.Dp, L.gw / 8 + k * L.Dp + D), k * D);
    const gradB = grad.subarray(d * D);
    gradB.set(f.subarray(L.gb / 8, L.gb / 8 + D));
    return reluEmptySamples(b, importance, this.state[4], scale, gradB, loss) / rows;
  }

  private checkRows(rows: number): void {
    if (!(Number.isInteger(rows) && rows >= 0 && rows <= this.o.maxRows)) throw new RangeError(`reluKernel: rows = ${rows}, expected 0 … ${this.o.maxRows}`);
  }
}

/** Which kernels `reluKernel` takes by default here: WebAssembly SIMD when available, else plain JS. */
export function reluKernelsAvailable(): 'wasm-simd' | 'js' {
  return reluModuleFor(2, 1) ? 'wasm-simd' : 'js';
}

/**
 * The kernels for the options' (D, d). 'auto' takes WebAssembly SIMD where it is available (faster
 * at every size of bench/reluBench.ts) and falls back to plain JS otherwise, also when compiling or
 * instantiating fails; 'js' forces plain JS; 'wasm' forces WebAssembly and throws where it is
 * unavailable.
 */
export function reluKernel(options: ReluKernelOptions, choice: ReluKernelChoice = 'auto'): ReluKernel {
  if (choice !== 'js') {
    const module = reluModuleFor(options.D, options.d);
    if (module)
      try {
        return new WasmReluKernel(options, module);
      } catch (e) {
        if (choice === 'wasm') throw e;
      }
    else if (choice === 'wasm') throw new Error('reluKernel: WebAssembly SIMD is not available here');
  }
  return new JsReluKernel(options);
}
