/**
 * The pieces of the WebAssembly binary format that the run-time-assembled kernels share
 * (symmetricEigen.ts, eigenbasisKernels.ts): LEB128 integers, names, vectors and sections.
 */

/** Unsigned LEB128 (any non-negative safe integer). */
export function uleb(x: number): number[] {
  const out: number[] = [];
  do {
    let b = x & 0x7f;
    x = Math.floor(x / 128);
    if (x !== 0) b |= 0x80;
    out.push(b);
  } while (x !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(x: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

export const name = (t: string): number[] => [...uleb(t.length), ...Array.from(t, (ch) => ch.charCodeAt(0))];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
