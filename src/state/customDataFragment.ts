/**
 * Custom data in the URL fragment (docs/design.md §3): `#data=<format>.<base64url>`, at most
 * MAX_FRAGMENT_NUMBERS numbers, so that a copied link reproduces an uploaded table in a fresh
 * browser. The fragment never reaches a server, and the query string keeps only the other keys.
 *
 * Two exact encodings of the T × D matrix (rows = samples); the encoder writes both and keeps the
 * shorter (the text one on a tie):
 *
 *   t  text, UTF-8:  "T,D" on the first line, then one line per row with the values joined by
 *      ",", each written as JavaScript's shortest round-trip decimal `String(x)` (and "-0" for −0).
 *      Short for measured data such as "5.1,3.5,1.4,0.2".
 *   b  binary: T and D as little-endian uint32, then the T·D values as little-endian float64,
 *      row-major. Short for full-precision random numbers.
 *
 * either one compressed with `CompressionStream('deflate-raw')` and written in base64url without
 * padding. Both decode bit-for-bit: every finite float64, subnormals and −0 included, comes back
 * with the same 64 bits. Decoding validates everything (alphabet, compression, shape, count, every
 * value finite, T·D ≤ MAX_FRAGMENT_NUMBERS, D ≥ 2) and returns a message instead of throwing.
 * A new encoding must take a new format letter; old links keep decoding.
 */
import type { Matrix } from '../core/linalg/matrix';

export const MAX_FRAGMENT_NUMBERS = 2000;
/** Longest `data=` value read (2,000 random doubles need ≈ 21,000 characters). */
const MAX_ENCODED_CHARS = 65_536;
/** Largest decompressed payload accepted (2,000 values of at most 24 characters, plus separators). */
const MAX_INFLATED_BYTES = 65_536;

export type FragmentDecode = { ok: true; X: Matrix } | { ok: false; message: string };

// ----- base64url (RFC 4648 §5, no padding) ------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** Bytes of a base64url text (trailing "=" padding tolerated), or a message. */
export function base64urlDecode(text: string): Uint8Array | string {
  const s = text.replace(/=+$/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || DIGIT[c] < 0) return `character ${i + 1} (${JSON.stringify(s[i])}) is not base64url`;
  }
  if (s.length % 4 === 1) return 'its length is not a whole number of bytes';
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < s.length; i += 4) {
    const a = DIGIT[s.charCodeAt(i)];
    const b = DIGIT[s.charCodeAt(i + 1)];
    const c = i + 2 < s.length ? DIGIT[s.charCodeAt(i + 2)] : 0;
    const d = i + 3 < s.length ? DIGIT[s.charCodeAt(i + 3)] : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    if (i + 2 < s.length) out[o++] = (n >> 8) & 255;
    if (i + 3 < s.length) out[o++] = n & 255;
  }
  return out;
}

// ----- deflate-raw through the Compression Streams API ------------------------------------------

class TooLarge extends Error {}

async function pump(input: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const written = writer.write(input).then(() => writer.close());
  written.catch(() => undefined); // a corrupt input rejects here and in read(); read() reports it
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge(`more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  await written;
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const deflate = (bytes: Uint8Array<ArrayBuffer>) => pump(bytes, new CompressionStream('deflate-raw'), Infinity);
const inflate = (bytes: Uint8Array<ArrayBuffer>) => pump(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED_BYTES);

// ----- the two payloads -------------------------------------------------------------------------

/** Shortest decimal that reads back as exactly x; "-0" keeps the sign of zero. */
const decimal = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function textPayload(X: Matrix): Uint8Array<ArrayBuffer> {
  const lines = [`${X.rows},${X.cols}`];
  for (let t = 0; t < X.rows; t++) {
    const row: string[] = [];
    for (let c = 0; c < X.cols; c++) row.push(decimal(X.data[t * X.cols + c]));
    lines.push(row.join(','));
  }
  return new TextEncoder().encode(lines.join('\n'));
}

function binaryPayload(X: Matrix): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(8 + 8 * X.data.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, X.rows, true);
  view.setUint32(4, X.cols, true);
  for (let i = 0; i < X.data.length; i++) view.setFloat64(8 + 8 * i, X.data[i], true);
  return bytes;
}

const group = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** A message when T × D cannot be carried, else null. */
function shapeProblem(T: number, D: number): string | null {
  if (!Number.isSafeInteger(T) || !Number.isSafeInteger(D) || T < 1 || D < 2) return `its shape ${T} × ${D} is not a table of at least 1 row and 2 columns`;
  if (T * D > MAX_FRAGMENT_NUMBERS) return `it has ${group(T * D)} numbers (${T} × ${D}), more than the ${group(MAX_FRAGMENT_NUMBERS)} a link carries`;
  return null;
}

function readText(bytes: Uint8Array): Matrix | string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'it is not UTF-8 text';
  }
  const lines = text.split('\n');
  const head = /^(\d{1,9}),(\d{1,9})$/.exec(lines[0]);
  if (!head) return `its first line should be "T,D", not ${JSON.stringify(lines[0].slice(0, 30))}`;
  const T = Number(head[1]);
  const D = Number(head[2]);
  const shape = shapeProblem(T, D);
  if (shape) return shape;
  if (lines.length !== T + 1) return `it should have ${T} rows, not ${lines.length - 1}`;
  const data = new Float64Array(T * D);
  for (let t = 0; t < T; t++) {
    const cells = lines[t + 1].split(',');
    if (cells.length !== D) return `row ${t + 1} has ${cells.length} values, not ${D}`;
    for (let c = 0; c < D; c++) {
      const cell = cells[c];
      const x = NUMBER.test(cell) ? Number(cell) : NaN;
      if (!Number.isFinite(x)) return `row ${t + 1}, column ${c + 1}: ${JSON.stringify(cell.slice(0, 30))} is not a finite number`;
      data[t * D + c] = x;
    }
  }
  return { rows: T, cols: D, data };
}

function readBinary(bytes: Uint8Array): Matrix | string {
  if (bytes.length < 8) return `it has ${bytes.length} bytes, fewer than the 8 of its header`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const T = view.getUint32(0, true);
  const D = view.getUint32(4, true);
  const shape = shapeProblem(T, D);
  if (shape) return shape;
  if (bytes.length !== 8 + 8 * T * D) return `it has ${bytes.length} bytes, not the ${8 + 8 * T * D} of ${T} × ${D} numbers`;
  const data = new Float64Array(T * D);
  for (let i = 0; i < data.length; i++) {
    const x = view.getFloat64(8 + 8 * i, true);
    if (!Number.isFinite(x)) return `row ${Math.floor(i / D) + 1}, column ${(i % D) + 1} is ${x}, not a finite number`;
    data[i] = x;
  }
  return { rows: T, cols: D, data };
}

// ----- public API -------------------------------------------------------------------------------

/**
 * The fragment `#data=…` that carries X exactly, or null when X has more than
 * MAX_FRAGMENT_NUMBERS numbers (the link then cannot carry the data; say so to the user).
 * Encode the data as uploaded (before centring: `center` is a URL key of its own).
 * Throws RangeError for a matrix no CSV can produce (no rows, fewer than 2 columns, non-finite).
 */
export async function encodeFragment(X: Matrix): Promise<string | null> {
  if (X.rows * X.cols > MAX_FRAGMENT_NUMBERS) return null;
  const shape = shapeProblem(X.rows, X.cols);
  if (shape) throw new RangeError(`cannot put this matrix in a link: ${shape}`);
  if (X.data.length !== X.rows * X.cols) throw new RangeError(`matrix has ${X.data.length} entries, not ${X.rows} × ${X.cols}`);
  for (const x of X.data) if (!Number.isFinite(x)) throw new RangeError(`cannot put ${x} in a link: every value must be finite`);
  const text = base64urlEncode(await deflate(textPayload(X)));
  const binary = base64urlEncode(await deflate(binaryPayload(X)));
  return binary.length < text.length ? `#data=b.${binary}` : `#data=t.${text}`;
}

/** The value of `data=` in a fragment ("#a=1&data=…" or "data=…"), or null when there is none. */
function dataParam(hash: string): string | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) if (part.startsWith('data=')) return part.slice(5);
  return null;
}

/**
 * The matrix carried by a fragment, a message saying why it cannot be read, or null when the
 * fragment has no `data=`. Never throws.
 */
export async function decodeFragment(hash: string): Promise<FragmentDecode | null> {
  const value = dataParam(hash);
  if (value === null) return null;
  const problem = (why: string): FragmentDecode => ({ ok: false, message: `The data in this link (#data=…) cannot be read: ${why}.` });
  if (value === '') return problem('it is empty');
  if (value.length > MAX_ENCODED_CHARS)
    return problem(`it is ${group(value.length)} characters long, more than a link of ${group(MAX_FRAGMENT_NUMBERS)} numbers needs`);
  const dot = value.indexOf('.');
  const format = dot < 0 ? '' : value.slice(0, dot);
  if (format !== 't' && format !== 'b')
    return problem(`its format ${JSON.stringify(format.slice(0, 10))} is unknown (expected "t." or "b."); the link may come from a newer version`);
  const bytes = base64urlDecode(value.slice(dot + 1));
  if (typeof bytes === 'string') return problem(bytes);
  let raw: Uint8Array;
  try {
    raw = await inflate(new Uint8Array(bytes));
  } catch (e) {
    return problem(
      e instanceof TooLarge
        ? `it decompresses to more than ${group(MAX_INFLATED_BYTES)} bytes, more than ${group(MAX_FRAGMENT_NUMBERS)} numbers need`
        : `it does not decompress (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const X = format === 't' ? readText(raw) : readBinary(raw);
  return typeof X === 'string' ? problem(X) : { ok: true, X };
}
