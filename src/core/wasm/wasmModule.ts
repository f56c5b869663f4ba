/**
 * A minimal WebAssembly binary encoder for the kernels assembled at run time (linalg/eigenKernels.ts,
 * models/linear/eigenbasisKernelsWasm.ts, models/linear/sigmaProductsWasm.ts): LEB128 integers, names, vectors, sections, and
 * `moduleBytes`, a whole module of exported functions over one imported memory. The instructions
 * themselves are in ops.ts. Section and type codes per the WebAssembly core specification §5
 * (binary format).
 */

/** One encoded instruction (opcode and immediates), as built by ops.ts. */
export type Instr = readonly number[];

/** Unsigned LEB128 of a non-negative safe integer. */
export function uleb(x: number): number[] {
  if (!Number.isSafeInteger(x) || x < 0) throw new RangeError(`uleb: ${x} is not a non-negative safe integer`);
  const out: number[] = [];
  do {
    let b = x & 0x7f;
    x = Math.floor(x / 128);
    if (x !== 0) b |= 0x80;
    out.push(b);
  } while (x !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (−2³¹ … 2³¹ − 1). */
export function sleb(x: number): number[] {
  if (!Number.isInteger(x) || x < -(2 ** 31) || x >= 2 ** 31) throw new RangeError(`sleb: ${x} is not a 32-bit integer`);
  const out: number[] = [];
  for (;;) {
    const b = x & 0x7f;
    x >>= 7;
    if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

/** A name: its length, then its characters (ASCII only here). */
export const name = (t: string): number[] => [...uleb(t.length), ...Array.from(t, (ch) => ch.charCodeAt(0))];
/** A vector: its length, then its items. */
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
/** A section: its id, its size in bytes, then its body. */
export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1
const SECTION = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;
const FUNC_TYPE = 0x60;
const IMPORT_MEMORY = 0x02;
const EXPORT_FUNC = 0x00;
const LIMITS_MIN_ONLY = 0x00;
const END = 0x0b;

/** The encoded function type params → results. */
const funcType = (params: number[], results: number[]): number[] => [FUNC_TYPE, ...vec(params.map((t) => [t])), ...vec(results.map((t) => [t]))];

/**
 * A function body: its size, its locals as runs of [count, type] (after the parameters), its
 * instructions and the closing `end`.
 */
export function functionBody(locals: [number, number][], instrs: Instr[]): number[] {
  const body = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...instrs.flat(), END];
  return [...uleb(body.length), ...body];
}

export interface FunctionSpec {
  /** The name it is exported under. */
  exportName: string;
  params: number[];
  results: number[];
  /** Locals after the parameters, as runs of [count, type]. */
  locals: [number, number][];
  body: Instr[];
}

export interface ModuleSpec {
  /** One memory imported as `module`.`name` with at least `minPages` 64 KiB pages. */
  memoryImport: { module: string; name: string; minPages: number };
  /** Functions 0, 1, … in this order, each exported; equal signatures share one type. */
  functions: FunctionSpec[];
}

/**
 * The bytes of a module with sections type, import (the memory), function, export and code. Types
 * are listed in the order of first use.
 */
export function moduleBytes(spec: ModuleSpec): Uint8Array<ArrayBuffer> {
  const types: number[][] = [];
  const typeIndex = spec.functions.map((f) => {
    const t = funcType(f.params, f.results);
    let k = types.findIndex((u) => u.length === t.length && u.every((b, i) => b === t[i]));
    if (k < 0) k = types.push(t) - 1;
    return k;
  });
  const { module, name: field, minPages } = spec.memoryImport;
  return Uint8Array.from([
    ...MAGIC_AND_VERSION,
    ...section(SECTION.type, vec(types)),
    ...section(SECTION.import, vec([[...name(module), ...name(field), IMPORT_MEMORY, LIMITS_MIN_ONLY, ...uleb(minPages)]])),
    ...section(SECTION.function, vec(typeIndex.map((k) => uleb(k)))),
    ...section(SECTION.export, vec(spec.functions.map((f, i) => [...name(f.exportName), EXPORT_FUNC, ...uleb(i)]))),
    ...section(SECTION.code, vec(spec.functions.map((f) => functionBody(f.locals, f.body)))),
  ]);
}

/** `bytes` compiled, or null where WebAssembly (or an extension the module uses, e.g. SIMD) is unavailable. */
export function compileOrNull(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) return new WebAssembly.Module(bytes);
  } catch {
    // fall through: unavailable
  }
  return null;
}
