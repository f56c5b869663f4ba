/**
 * The ReLU model's loss and its analytic gradient on a batch (docs/design.md §7):
 *
 *     x′ = ReLU(WᵀW x + b),   L = (1/N) Σ_t Σ_i I_i (x_ti − x′_ti)²
 *
 * W is d × D row-major (column i = W_i, feature i's direction), b and I have length D, the batch
 * X is N × D row-major. The gradient is the training loop's hot path: per sample, plain loops over
 * typed arrays and buffers from a reusable workspace. It works on the sample's nonzero features
 * only (a fraction 1 − S of them): h = W x over those, pre = Wᵀh + b, and the gradient's terms
 * over the nonzero x_j and the nonzero δ_i. An all-zero sample (probability S^D: 59 % of them at
 * D = 5, S = 0.9) has pre = b, so those are counted and added once. At S = 0.9 this is 2–3× faster
 * than the dense loops; at S = 0 it costs the same. `reluLoss` is the plain dense loop.
 *
 * reluKernelsWasm.ts repeats the arithmetic of both, to the bit, in WebAssembly SIMD (reluKernels.ts
 * chooses): a change to the sums or to the WᵀW path here must be made there too, which
 * tests/core/models/relu/reluKernels.test.ts holds by comparing the two bit for bit.
 */

/** Buffers for one (D, d): the gradient and the current sample's intermediates. */
export interface ReluWorkspace {
  D: number;
  d: number;
  /** θ's gradient, [∂L/∂W, ∂L/∂b] (gradW and gradB are views into it), for an optimiser on θ = [W, b]. */
  grad: Float64Array;
  /** ∂L/∂W, d × D row-major. */
  gradW: Float64Array;
  /** ∂L/∂b, length D. */
  gradB: Float64Array;
  /** WᵀW (D × D), formed once per batch: pre = b + Σ_j x_j (WᵀW)_j costs D per nonzero x_j. */
  gram: Float64Array;
  /** h = W x of the current sample (d). */
  h: Float64Array;
  /** The current sample's nonzero features j and their values x_j. */
  nonzero: Int32Array;
  nonzeroValue: Float64Array;
  /** The current sample's features i with pre_i > 0 and their δ_i. */
  active: Int32Array;
  activeDelta: Float64Array;
  /** pre of the current sample (D). */
  pre: Float64Array;
}

export function reluWorkspace(D: number, d: number): ReluWorkspace {
  const grad = new Float64Array(d * D + D);
  return {
    D,
    d,
    grad,
    gradW: grad.subarray(0, d * D),
    gradB: grad.subarray(d * D),
    gram: new Float64Array(D * D),
    h: new Float64Array(d),
    nonzero: new Int32Array(D),
    nonzeroValue: new Float64Array(D),
    active: new Int32Array(D),
    activeDelta: new Float64Array(D),
    pre: new Float64Array(D),
  };
}

/** WᵀW (D × D, symmetric) into `gram` with row stride `stride`: entry (i, j) = Σ_k W_ki W_kj, k ascending. */
export function reluGram(W: Float64Array, D: number, d: number, gram: Float64Array, stride: number): void {
  for (let i = 0; i < D; i++)
    for (let j = i; j < D; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += W[k * D + i] * W[k * D + j];
      gram[i * stride + j] = s;
      gram[j * stride + i] = s;
    }
}

/**
 * L on the first `rows` samples of X; fills ws.gradW and ws.gradB with its gradient. With
 * r = x′ − x and δ_i = (2/N) I_i r_i · 1[pre_i > 0] (the ReLU's subgradient taken as 0 at
 * pre = 0), pre = Wᵀ(W x) + b gives, summed over the samples,
 *
 *     ∂L/∂b = Σ_t δ_t,     ∂L/∂W = Σ_t h_t δ_tᵀ + (W δ_t) x_tᵀ
 *
 * (W enters twice: as the decoder Wᵀ through h δᵀ and as the encoder through (W δ) xᵀ).
 */
export function reluLossAndGradient(W: Float64Array, b: Float64Array, I: Float64Array, X: Float64Array, rows: number, ws: ReluWorkspace): number {
  const { D, d, gradW, gradB, gram, h, nonzero, nonzeroValue, active, activeDelta, pre } = ws;
  gradW.fill(0);
  gradB.fill(0);
  // WᵀW, for the samples with fewer than d nonzero features, where b + Σ_j x_j (WᵀW)_j is cheaper than Wᵀh.
  reluGram(W, D, d, gram, D);
  const scale = 2 / rows;
  let loss = 0;
  let empty = 0;
  for (let t = 0; t < rows; t++) {
    const x0 = t * D;
    let nz = 0;
    for (let j = 0; j < D; j++) {
      const x = X[x0 + j];
      if (x !== 0) {
        nonzero[nz] = j;
        nonzeroValue[nz] = x;
        nz++;
      }
    }
    if (nz === 0) {
      empty++;
      continue;
    }
    for (let k = 0; k < d; k++) {
      const w0 = k * D;
      let s = 0;
      for (let q = 0; q < nz; q++) s += W[w0 + nonzero[q]] * nonzeroValue[q];
      h[k] = s;
    }
    if (nz < d) {
      for (let i = 0; i < D; i++) pre[i] = b[i];
      for (let q = 0; q < nz; q++) {
        const g0 = nonzero[q] * D;
        const x = nonzeroValue[q];
        for (let i = 0; i < D; i++) pre[i] += x * gram[g0 + i];
      }
    } else
      for (let i = 0; i < D; i++) {
        let p = b[i];
        for (let k = 0; k < d; k++) p += W[k * D + i] * h[k];
        pre[i] = p;
      }
    let na = 0;
    for (let i = 0; i < D; i++) {
      const p = pre[i];
      const x = X[x0 + i];
      if (p > 0) {
        const r = p - x;
        const ir = I[i] * r;
        loss += ir * r;
        const delta = scale * ir;
        active[na] = i;
        activeDelta[na] = delta;
        na++;
        gradB[i] += delta;
      } else loss += I[i] * x * x;
    }
    // ∂L/∂W_k += h_k δᵀ + (W δ)_k xᵀ, over the nonzero δ_i and x_j only.
    for (let k = 0; k < d; k++) {
      const w0 = k * D;
      const hk = h[k];
      let g = 0;
      for (let q = 0; q < na; q++) {
        const i = active[q];
        const delta = activeDelta[q];
        g += W[w0 + i] * delta;
        gradW[w0 + i] += hk * delta;
      }
      for (let q = 0; q < nz; q++) gradW[w0 + nonzero[q]] += g * nonzeroValue[q];
    }
  }
  return reluEmptySamples(b, I, empty, scale, gradB, loss) / rows;
}

/**
 * `empty` all-zero samples added to the loss sum `loss` (returned) and to ∂L/∂b (`scale` = 2/N, D = gradB.length):
 * pre = b, h = 0 and x = 0, so they add to L and ∂L/∂b only.
 */
export function reluEmptySamples(b: Float64Array, I: Float64Array, empty: number, scale: number, gradB: Float64Array, loss: number): number {
  if (empty > 0)
    for (let i = 0; i < gradB.length; i++)
      if (b[i] > 0) {
        const ir = I[i] * b[i];
        loss += empty * ir * b[i];
        gradB[i] += empty * scale * ir;
      }
  return loss;
}

/** L alone on the first `rows` samples of X (the evaluation sample's loss); `h` is d scratch numbers. */
export function reluLoss(
  W: Float64Array,
  b: Float64Array,
  I: Float64Array,
  X: Float64Array,
  rows: number,
  D: number,
  h: Float64Array = new Float64Array(W.length / D),
): number {
  const d = W.length / D;
  let loss = 0;
  for (let t = 0; t < rows; t++) {
    const x0 = t * D;
    for (let k = 0; k < d; k++) {
      const w0 = k * D;
      let s = 0;
      for (let j = 0; j < D; j++) s += W[w0 + j] * X[x0 + j];
      h[k] = s;
    }
    for (let i = 0; i < D; i++) {
      let pre = b[i];
      for (let k = 0; k < d; k++) pre += W[k * D + i] * h[k];
      const r = Math.max(pre, 0) - X[x0 + i];
      loss += I[i] * r * r;
    }
  }
  return loss / rows;
}
