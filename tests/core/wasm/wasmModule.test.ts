import { describe, expect, it } from 'vitest';
import {
  block,
  br,
  brIf,
  end,
  f64Add,
  f64Load,
  f64Store,
  f64x2Add,
  f64x2ExtractLane,
  f64x2Mul,
  i32Add,
  i32Const,
  i32LtU,
  localGet,
  localSet,
  loop,
  v128Load,
  v128Load64Splat,
  v128Store,
  v128Zero,
} from '../../../src/core/wasm/ops';
import { compileOrNull, F64, type FunctionSpec, functionBody, I32, moduleBytes, name, section, sleb, uleb, vec } from '../../../src/core/wasm/wasmModule';

const hex = (bytes: ArrayLike<number>): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

/** Section id → its body in hex, for a small module (every section under 128 bytes). */
function sections(bytes: Uint8Array): Record<number, string> {
  const out: Record<number, string> = {};
  for (let k = 8; k < bytes.length; k += 2 + bytes[k + 1]) {
    expect(bytes[k + 1]).toBeLessThan(128);
    out[bytes[k]] = hex(bytes.subarray(k + 2, k + 2 + bytes[k + 1]));
  }
  return out;
}

describe('LEB128', () => {
  it.each([
    [0, '00'],
    [1, '01'],
    [127, '7f'],
    [128, '80 01'],
    [255, 'ff 01'],
    [300, 'ac 02'],
    [16383, 'ff 7f'],
    [16384, '80 80 01'],
    [624485, 'e5 8e 26'],
    [2 ** 32 - 1, 'ff ff ff ff 0f'],
    [2 ** 32, '80 80 80 80 10'],
    [2 ** 53 - 1, 'ff ff ff ff ff ff ff 0f'],
  ])('unsigned %d → %s', (x, bytes) => {
    expect(hex(uleb(x))).toBe(bytes);
  });

  it.each([
    [0, '00'],
    [1, '01'],
    [63, '3f'],
    [64, 'c0 00'],
    [127, 'ff 00'],
    [128, '80 01'],
    [-1, '7f'],
    [-64, '40'],
    [-65, 'bf 7f'],
    [-128, '80 7f'],
    [-123456, 'c0 bb 78'],
    [2 ** 31 - 1, 'ff ff ff ff 07'],
    [-(2 ** 31), '80 80 80 80 78'],
  ])('signed %d → %s', (x, bytes) => {
    expect(hex(sleb(x))).toBe(bytes);
  });

  it('rejects what it cannot encode instead of looping or wrapping', () => {
    for (const x of [-1, 0.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => uleb(x)).toThrow(RangeError);
    for (const x of [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN]) expect(() => sleb(x)).toThrow(RangeError);
  });
});

describe('encoding pieces', () => {
  it('name, vec, section, a function body', () => {
    expect(hex(name('rot'))).toBe('03 72 6f 74');
    expect(hex(vec([[1, 2], [3]]))).toBe('02 01 02 03');
    expect(hex(section(7, [9, 9, 9]))).toBe('07 03 09 09 09');
    // Size 8: two runs of locals (3 × i32, 1 × f64), local.get 0, end.
    const locals: [number, number][] = [
      [3, I32],
      [1, F64],
    ];
    expect(hex(functionBody(locals, [localGet(0)]))).toBe('08 02 03 7f 01 7c 20 00 0b');
  });

  it('instructions carry their spec opcodes and immediates', () => {
    expect(hex(localGet(200))).toBe('20 c8 01');
    expect(hex(localSet(3))).toBe('21 03');
    expect(hex(i32Const(-65))).toBe('41 bf 7f');
    expect(hex([...block, ...loop, ...br(1), ...brIf(0), ...end])).toBe('02 40 03 40 0c 01 0d 00 0b');
    expect(hex([...i32Add, ...i32LtU, ...f64Add])).toBe('6a 49 a0');
    expect(hex(f64Load())).toBe('2b 03 00');
    expect(hex(f64Store(8))).toBe('39 03 08');
    expect(hex(v128Load(300))).toBe('fd 00 04 ac 02');
    expect(hex(v128Load(0, 3))).toBe('fd 00 03 00');
    expect(hex(v128Store(16))).toBe('fd 0b 04 10');
    expect(hex(v128Load64Splat(8))).toBe('fd 0a 03 08');
    expect(hex(v128Zero)).toBe(`fd 0c ${new Array(16).fill('00').join(' ')}`);
    expect(hex([...f64x2ExtractLane(1), ...f64x2Add, ...f64x2Mul])).toBe('fd 21 01 fd f0 01 fd f2 01');
  });

  it('a one-function module, byte by byte', () => {
    const bytes = moduleBytes({
      memoryImport: { module: 'e', name: 'm', minPages: 1 },
      functions: [{ exportName: 'id', params: [I32], results: [I32], locals: [], body: [localGet(0)] }],
    });
    expect(hex(bytes)).toBe(
      [
        '00 61 73 6d 01 00 00 00', // magic, version 1
        '01 06 01 60 01 7f 01 7f', // type section: one type (i32) → (i32)
        '02 08 01 01 65 01 6d 02 00 01', // import section: memory e.m, at least one page
        '03 02 01 00', // function section: function 0 has type 0
        '07 06 01 02 69 64 00 00', // export section: "id" = function 0
        '0a 06 01 04 00 20 00 0b', // code section: no locals, local.get 0, end
      ].join(' '),
    );
    expect(WebAssembly.validate(bytes)).toBe(true);
  });
});

/** add(x, y) = x + y (i32); mul2(src, dst): dst[0..1] = src[0..1] · src[2..3] (f64x2 through memory). */
const add: FunctionSpec = { exportName: 'add', params: [I32, I32], results: [I32], locals: [], body: [localGet(0), localGet(1), i32Add] };
const mul2: FunctionSpec = {
  exportName: 'mul2',
  params: [I32, I32],
  results: [],
  locals: [],
  body: [localGet(1), localGet(0), v128Load(), localGet(0), v128Load(16), f64x2Mul, v128Store()],
};
/** sum(n) = 0 + 1 + … + (n − 1) with locals i, s: block, loop, exit by br_if when n < i + 1, back by br. */
const sum: FunctionSpec = {
  exportName: 'sum',
  params: [I32],
  results: [I32],
  locals: [[2, I32]],
  body: [
    ...[block, loop, localGet(0), localGet(1), i32Const(1), i32Add, i32LtU, brIf(1)],
    ...[localGet(2), localGet(1), i32Add, localSet(2), localGet(1), i32Const(1), i32Add, localSet(1), br(0), end, end, localGet(2)],
  ],
};
/** dot(src): the two lanes of 0 + src[0..1] · src[2..3] + splat(src[4]) summed, stored at src + 40 and loaded back. */
const dot: FunctionSpec = {
  exportName: 'dot',
  params: [I32],
  results: [F64],
  locals: [[1, 0x7b]],
  body: [
    ...[v128Zero, localGet(0), v128Load(), localGet(0), v128Load(16), f64x2Mul, f64x2Add, localGet(0), v128Load64Splat(32), f64x2Add, localSet(1)],
    ...[localGet(0), localGet(1), f64x2ExtractLane(0), localGet(1), f64x2ExtractLane(1), f64Add, f64Store(40), localGet(0), f64Load(40)],
  ],
};

function instantiate(functions: FunctionSpec[]) {
  const bytes = moduleBytes({ memoryImport: { module: 'e', name: 'm', minPages: 1 }, functions });
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { e: { m: memory } });
  return { bytes, memory, exports: instance.exports as Record<string, (...args: number[]) => number> };
}

describe('moduleBytes: modules that run (Node 20 has WebAssembly SIMD)', () => {
  it('an i32 add and an f64x2 multiply through memory validate, instantiate and compute', () => {
    const { bytes, memory, exports } = instantiate([add, mul2]);
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(exports.add(2, 40)).toBe(42);
    expect(exports.add(-7, 3)).toBe(-4);
    expect(exports.add(2 ** 31 - 1, 1)).toBe(-(2 ** 31)); // i32 wraps
    const f = new Float64Array(memory.buffer, 0, 8);
    f.set([1.5, -2, 4, 0.25]);
    exports.mul2(0, 32);
    expect([f[4], f[5]]).toEqual([6, -0.5]);
    // Exactly the IEEE products (no fused or reassociated arithmetic).
    f.set([0.1, 1e308, 3, 10]);
    exports.mul2(0, 32);
    expect([f[4], f[5]]).toEqual([0.1 * 3, Number.POSITIVE_INFINITY]);
  });

  it('equal signatures share one type; functions are exported under their names in order', () => {
    const bytes = moduleBytes({ memoryImport: { module: 'e', name: 'm', minPages: 1 }, functions: [add, mul2, sum] });
    const m = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.exports(m)).toEqual([
      { name: 'add', kind: 'function' },
      { name: 'mul2', kind: 'function' },
      { name: 'sum', kind: 'function' },
    ]);
    expect(WebAssembly.Module.imports(m)).toEqual([{ module: 'e', name: 'm', kind: 'memory' }]);
    // Three signatures, three types in order of first use: (i32 i32) → (i32), (i32 i32) → (), (i32) → (i32).
    expect(sections(bytes)).toMatchObject({ 1: '03 60 02 7f 7f 01 7f 60 02 7f 7f 00 60 01 7f 01 7f', 3: '03 00 01 02' });
    // The same signature twice: one type, both functions of type 0.
    const twice = moduleBytes({ memoryImport: { module: 'e', name: 'm', minPages: 1 }, functions: [add, sum, { ...add, exportName: 'plus' }] });
    expect(sections(twice)).toMatchObject({ 1: '02 60 02 7f 7f 01 7f 60 01 7f 01 7f', 3: '03 00 01 00' });
  });

  it('control flow and locals: a counting loop', () => {
    const { exports } = instantiate([sum]);
    expect([0, 1, 2, 10, 1000].map((n) => exports.sum(n))).toEqual([0, 0, 1, 45, 499500]);
  });

  it('splat loads, lane extraction and f64 load/store at offsets', () => {
    const { memory, exports } = instantiate([dot]);
    const f = new Float64Array(memory.buffer, 0, 6);
    f.set([1, 2, 3, 4, 0.5]);
    // (1·3 + 0.5) + (2·4 + 0.5) = 12, also left at src + 40.
    expect(exports.dot(0)).toBe(12);
    expect(f[5]).toBe(12);
  });

  it('malformed bodies are rejected by validate (and compileOrNull gives null)', () => {
    const bad = (body: FunctionSpec['body'], results = [I32]) =>
      moduleBytes({ memoryImport: { module: 'e', name: 'm', minPages: 1 }, functions: [{ exportName: 'f', params: [I32], results, locals: [], body }] });
    const good = bad([localGet(0)]);
    expect(WebAssembly.validate(good)).toBe(true);
    expect(compileOrNull(good)).toBeInstanceOf(WebAssembly.Module);
    for (const bytes of [
      bad([localGet(0), i32Add]), // i32.add with one operand
      bad([localGet(0), localGet(0), f64x2Add]), // f64x2.add on i32s
      bad([localGet(1)]), // no local 1
      bad([localGet(0)], [F64]), // returns i32 where f64 is declared
      bad([loop, localGet(0)]), // an unclosed loop
    ]) {
      expect(WebAssembly.validate(bytes)).toBe(false);
      expect(compileOrNull(bytes)).toBeNull();
    }
  });
});
