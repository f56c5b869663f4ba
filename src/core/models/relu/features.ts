/**
 * The data of the ReLU model of Toy Models of Superposition (docs/design.md §7): sparse features,
 * their importance weights, and the random stream of every draw.
 *
 * Streams (of `createRng(seed, stream)`, random.ts; chosen clear of its 0–2, 100 + r and the gauge
 * streams 1000 … 1,000,999): the training batches of run r (0-based) are drawn one after another
 * from stream 2,000,000 + r, run r's initial weights from stream 3,000,000 + r, and the fixed
 * evaluation sample, shared by every run of a setting so that their losses compare, from stream
 * 4,000,000.
 */
import pow from '@stdlib/math-base-special-pow';
import type { Rng } from '../../random/random';

export const streamForReluBatches = (run: number): number => 2_000_000 + run;
export const streamForReluInit = (run: number): number => 3_000_000 + run;
export const STREAM_RELU_EVALUATION = 4_000_000;

/** Rows of the fixed evaluation sample (the export writes its first 1,024). */
export const RELU_EVALUATION_ROWS = 8192;

/** The paper's importance I_i = r^(i−1), i = 1..D: feature 1 weighs 1, each next one r times less. */
export function importanceWeights(D: number, importance: number): Float64Array {
  const I = new Float64Array(D);
  for (let i = 0; i < D; i++) I[i] = pow(importance, i); // stdlib's pow, not **: the same bits in every browser (random.ts)
  return I;
}

/**
 * A rows × D sample (row-major): feature i is 0 with probability `sparsity`, else uniform on [0, 1].
 * The draws are sparse.ts's, in its order (per sample, per feature: the activity test, then the
 * value, drawn either way), but not scaled by √I: this model weighs the loss instead (§7).
 * Writes into `out` when given (the training loop's batch buffer), else allocates.
 */
export function sampleFeatures(rng: Rng, D: number, sparsity: number, rows: number, out?: Float64Array): Float64Array {
  const n = rows * D;
  const X = out ?? new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const active = rng.uniform() >= sparsity;
    const value = rng.uniform(); // drawn either way, so one feature's sparsity never shifts another's stream
    X[k] = active ? value : 0;
  }
  return X;
}

/**
 * createRng(seed, stream)'s sfc32 generator with its four state words in an Int32Array, for the
 * training loop: the same numbers, about 15× faster in `sampleFeatureBatch` than `rng.uniform()`,
 * whose state lives in closure variables (boxed doubles once past 2³¹). The seeding repeats
 * random.ts's derivation (splitmix32 from seed ⊕ stream · 0x9E3779B9); a test holds the two equal.
 */
export interface FeatureStream {
  /** sfc32's a, b, c and counter. */
  state: Int32Array;
}

export function featureStream(seed: number, stream: number): FeatureStream {
  const state = new Int32Array(4);
  let s = (seed ^ Math.imul(stream, 0x9e3779b9)) | 0;
  for (let k = 0; k < 4; k++) {
    s = (s + 0x9e3779b9) | 0;
    let z = Math.imul(s ^ (s >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    state[k] = z ^ (z >>> 16);
  }
  return { state };
}

/** 2⁻⁵³ and 2²⁶: random.ts's uniform() is (hi₂₇ · 2²⁶ + lo₂₆) · 2⁻⁵³ from two 32-bit outputs. */
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_26 = 67108864;

/**
 * `sampleFeatures(createRng(seed, stream), …)` drawn from `featureStream(seed, stream)`: the same
 * rows × D numbers, and the stream advanced as far. Four sfc32 outputs per feature (two uniforms:
 * the activity test, then the value), with the state in local int32 variables.
 */
export function sampleFeatureBatch(stream: FeatureStream, D: number, sparsity: number, rows: number, out?: Float64Array): Float64Array {
  const n = rows * D;
  const X = out ?? new Float64Array(n);
  const st = stream.state;
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let ctr = st[3];
  for (let k = 0; k < n; k++) {
    // sfc32's step, four times: t = a + b + counter; counter += 1; a = b ^ b >>> 9; b = c + (c << 3); c = rotl(c, 21) + t.
    let t = (a + b + ctr) | 0;
    ctr = (ctr + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    const hiActive = t >>> 5;
    t = (a + b + ctr) | 0;
    ctr = (ctr + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    const loActive = t >>> 6;
    t = (a + b + ctr) | 0;
    ctr = (ctr + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    const hiValue = t >>> 5;
    t = (a + b + ctr) | 0;
    ctr = (ctr + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (((c << 21) | (c >>> 11)) + t) | 0;
    const loValue = t >>> 6;
    const active = (hiActive * TWO_POW_26 + loActive) * TWO_POW_MINUS_53 >= sparsity;
    X[k] = active ? (hiValue * TWO_POW_26 + loValue) * TWO_POW_MINUS_53 : 0;
  }
  st[0] = a;
  st[1] = b;
  st[2] = c;
  st[3] = ctr;
  return X;
}

/** The fixed evaluation sample of a setting: `rows` samples from stream STREAM_RELU_EVALUATION of `seed`. */
export function evaluationSample(seed: number, D: number, sparsity: number, rows = RELU_EVALUATION_ROWS): Float64Array {
  return sampleFeatureBatch(featureStream(seed, STREAM_RELU_EVALUATION), D, sparsity, rows);
}
