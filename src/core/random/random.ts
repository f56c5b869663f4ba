/**
 * Seeded pseudo-random numbers. Everything random in the explorer (data, rotations, initial
 * weights) comes from a stream named by (seed, stream), so a URL reproduces the same numbers.
 *
 * Derivation (documented in the README): the 32-bit state words of sfc32 are four successive
 * outputs of splitmix32 started at seed ⊕ (stream · 0x9E3779B9). Stream 0 is the dataset,
 * stream 1 the dataset's rotation, stream 100 + r the initial weights of run r, and
 * streamForGauge(I) the random gauge of the Hessian representative of W_I.
 *
 * The logarithm, sine and cosine of Box–Muller are stdlib's ports of FreeBSD's msun, not the
 * engine's Math: browsers' Math.log/sin/cos differ in the last bit (measured: Chromium 156 against
 * Node 20 in 2–10 % of arguments), and an ulp in the data moves ill-conditioned results (the
 * eigenvectors of close or tied eigenvalues, the order of tied losses) far past it. With only
 * IEEE-exact operations after them, a URL gives the same bits in every browser.
 */
import cos from '@stdlib/math-base-special-cos';
import ln from '@stdlib/math-base-special-ln';
import sin from '@stdlib/math-base-special-sin';

export const STREAM_DATA = 0;
export const STREAM_ROTATION = 1;
export const STREAM_DIGITS = 2; // the seeded permutation that picks which MNIST digits are the T samples
export const streamForRun = (run: number): number => 100 + run;
/** The random GL(d) gauge of critical point I's Hessian representative: stream 1000 + an FNV-1a hash of I, mod 10⁶. */
export const streamForGauge = (I: number[]): number => 1000 + (I.reduce((h, i) => Math.imul(h ^ i, 0x01000193) >>> 0, 0x811c9dc5) % 1_000_000);

export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32 (Chris Doty-Humphrey's small fast counter), seeded through splitmix32. */
export function createRng(seed: number, stream = 0): Rng {
  const mix = splitmix32((seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let counter = mix();
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + counter) >>> 0;
    counter = (counter + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  const uniform = (): number => {
    const hi = nextUint32() >>> 5; // 27 bits
    const lo = nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  let spare: number | null = null;
  // Box–Muller in its polar-free form; 1 − u keeps the logarithm finite.
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * ln(u));
    spare = r * sin(2 * Math.PI * v);
    return r * cos(2 * Math.PI * v);
  };
  return { nextUint32, uniform, normal };
}

/** n iid N(0, σ²) values. */
export function normals(rng: Rng, n: number, sigma = 1): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sigma * rng.normal();
  return out;
}
