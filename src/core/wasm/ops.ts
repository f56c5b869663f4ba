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
  'f64.load': 0x2b,
  'f64.store': 0x39,
  'i32.const': 0x41,
  'i32.lt_s': 0x48,
  'i32.lt_u': 0x49,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.and': 0x71,
  'i32.shl': 0x74,
  'f64.add': 0xa0,
  'f64.sub': 0xa1,
  'f64.mul': 0xa2,
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
  'f64x2.add': 240,
  'f64x2.sub': 241,
  'f64x2.mul': 242,
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

// i32.
export const i32Const = (value: number): Instr => [OP['i32.const'], ...sleb(value)];
export const i32LtS: Instr = [OP['i32.lt_s']];
export const i32LtU: Instr = [OP['i32.lt_u']];
export const i32Add: Instr = [OP['i32.add']];
export const i32Sub: Instr = [OP['i32.sub']];
export const i32Mul: Instr = [OP['i32.mul']];
export const i32And: Instr = [OP['i32.and']];
export const i32Shl: Instr = [OP['i32.shl']];

// f64.
export const f64Load = (offset = 0, align = 3): Instr => [OP['f64.load'], ...memarg(align, offset)];
export const f64Store = (offset = 0, align = 3): Instr => [OP['f64.store'], ...memarg(align, offset)];
export const f64Add: Instr = [OP['f64.add']];
export const f64Sub: Instr = [OP['f64.sub']];
export const f64Mul: Instr = [OP['f64.mul']];

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
