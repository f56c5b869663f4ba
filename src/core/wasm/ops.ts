/**
 * The WebAssembly instructions the run-time-assembled kernels use, each as its encoded bytes
 * (opcode, then immediates). Opcodes are named as in the WebAssembly core specification §5.4
 * (instructions) and its fixed-width SIMD extension (prefix 0xFD, then the SIMD opcode as an
 * unsigned LEB128). Loads and stores take the memory offset and the alignment hint as log₂ bytes
 * (default: natural alignment); the hint never changes what is computed.
 */

import { type Instr, sleb, uleb } from './wasmModule';

export type { Instr } from './wasmModule';

/** Core opcodes. */
const OP = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  br_if: 0x0d,
  'local.get': 0x20,
  'local.set': 0x21,
  'local.tee': 0x22,
  'i32.load': 0x28,
  'f64.load': 0x2b,
  'i32.store': 0x36,
  'f64.store': 0x39,
  'i32.const': 0x41,
  'f64.const': 0x44,
  'i32.eqz': 0x45,
  'i32.lt_s': 0x48,
  'i32.lt_u': 0x49,
  'f64.eq': 0x61,
  'f64.ne': 0x62,
  'f64.ge': 0x66,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.and': 0x71,
  'i32.xor': 0x73,
  'i32.shl': 0x74,
  'i32.shr_u': 0x76,
  'i32.rotl': 0x77,
  'f64.add': 0xa0,
  'f64.sub': 0xa1,
  'f64.mul': 0xa2,
  'f64.convert_i32_u': 0xb8,
} as const;

const SIMD_PREFIX = 0xfd;

/** SIMD opcodes (after the 0xFD prefix). */
const SIMD = {
  'v128.load': 0,
  'v128.load64_splat': 10,
  'v128.store': 11,
  'v128.const': 12,
  'f64x2.splat': 20,
  'f64x2.extract_lane': 33,
  'f64x2.gt': 74,
  'v128.and': 78,
  'v128.bitselect': 82,
  'f64x2.add': 240,
  'f64x2.sub': 241,
  'f64x2.mul': 242,
  'f64x2.max': 245,
} as const;

/** Block type of a block or loop without parameters or results. */
const EMPTY_BLOCK_TYPE = 0x40;

const simd = (op: number): Instr => [SIMD_PREFIX, ...uleb(op)];
const memarg = (align: number, offset: number): number[] => [...uleb(align), ...uleb(offset)];

// Control.
export const block: Instr = [OP.block, EMPTY_BLOCK_TYPE];
export const loop: Instr = [OP.loop, EMPTY_BLOCK_TYPE];
export const end: Instr = [OP.end];
/** Branch to the enclosing block or loop `depth` levels out (0 = innermost). */
export const br = (depth: number): Instr => [OP.br, ...uleb(depth)];
export const brIf = (depth: number): Instr => [OP.br_if, ...uleb(depth)];

// Locals.
export const localGet = (index: number): Instr => [OP['local.get'], ...uleb(index)];
export const localSet = (index: number): Instr => [OP['local.set'], ...uleb(index)];
/** local.set that leaves the value on the stack. */
export const localTee = (index: number): Instr => [OP['local.tee'], ...uleb(index)];

// i32.
export const i32Const = (value: number): Instr => [OP['i32.const'], ...sleb(value)];
export const i32LtS: Instr = [OP['i32.lt_s']];
export const i32LtU: Instr = [OP['i32.lt_u']];
export const i32Add: Instr = [OP['i32.add']];
export const i32Sub: Instr = [OP['i32.sub']];
export const i32Mul: Instr = [OP['i32.mul']];
export const i32And: Instr = [OP['i32.and']];
export const i32Shl: Instr = [OP['i32.shl']];
export const i32Eqz: Instr = [OP['i32.eqz']];
export const i32Xor: Instr = [OP['i32.xor']];
export const i32ShrU: Instr = [OP['i32.shr_u']];
export const i32Rotl: Instr = [OP['i32.rotl']];
export const i32Load = (offset = 0, align = 2): Instr => [OP['i32.load'], ...memarg(align, offset)];
export const i32Store = (offset = 0, align = 2): Instr => [OP['i32.store'], ...memarg(align, offset)];

// f64.
export const f64Load = (offset = 0, align = 3): Instr => [OP['f64.load'], ...memarg(align, offset)];
export const f64Store = (offset = 0, align = 3): Instr => [OP['f64.store'], ...memarg(align, offset)];
export const f64Add: Instr = [OP['f64.add']];
export const f64Sub: Instr = [OP['f64.sub']];
export const f64Mul: Instr = [OP['f64.mul']];
/** f64.const: the value's 8 bytes, little-endian IEEE 754. */
export const f64Const = (value: number): Instr => {
  const bytes = new DataView(new ArrayBuffer(8));
  bytes.setFloat64(0, value, true);
  return [OP['f64.const'], ...new Uint8Array(bytes.buffer)];
};
/** Comparisons push an i32, 1 or 0 (false when either operand is NaN, except ne). */
export const f64Eq: Instr = [OP['f64.eq']];
export const f64Ne: Instr = [OP['f64.ne']];
export const f64Ge: Instr = [OP['f64.ge']];
/** An i32 read as unsigned, to the nearest f64 (exact below 2⁵³). */
export const f64ConvertI32U: Instr = [OP['f64.convert_i32_u']];

// v128 and f64x2.
export const v128Load = (offset = 0, align = 4): Instr => [...simd(SIMD['v128.load']), ...memarg(align, offset)];
export const v128Store = (offset = 0, align = 4): Instr => [...simd(SIMD['v128.store']), ...memarg(align, offset)];
/** Loads one f64 and splats it into both lanes. */
export const v128Load64Splat = (offset = 0, align = 3): Instr => [...simd(SIMD['v128.load64_splat']), ...memarg(align, offset)];
/** v128.const with all 16 bytes zero: (0, 0) as f64x2. */
export const v128Zero: Instr = [...simd(SIMD['v128.const']), ...new Array<number>(16).fill(0)];
export const f64x2Splat: Instr = simd(SIMD['f64x2.splat']);
export const f64x2ExtractLane = (lane: number): Instr => [...simd(SIMD['f64x2.extract_lane']), lane];
export const f64x2Add: Instr = simd(SIMD['f64x2.add']);
export const f64x2Sub: Instr = simd(SIMD['f64x2.sub']);
export const f64x2Mul: Instr = simd(SIMD['f64x2.mul']);
/** Lane-wise max, NaN if either lane is NaN, and max(−0, +0) = +0 (as Math.max). */
export const f64x2Max: Instr = simd(SIMD['f64x2.max']);
/** Lane-wise a > b: all ones where true, all zeros where false (NaN compares false). */
export const f64x2Gt: Instr = simd(SIMD['f64x2.gt']);
export const v128And: Instr = simd(SIMD['v128.and']);
/** bitselect(a, b, mask): a's bits where mask's are 1, b's where they are 0. */
export const v128Bitselect: Instr = simd(SIMD['v128.bitselect']);
