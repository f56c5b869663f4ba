import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvDelimiter, type CsvResult, groupThousands, parseCsv } from '../../../src/core/data/csv';

/** The 64 bits of each float64 as hex, so that −0 ≠ 0 and every bit of a round trip is checked. */
const bits = (xs: ArrayLike<number>): string[] => {
  const f = Float64Array.from(xs);
  return Array.from(new BigUint64Array(f.buffer), (b) => b.toString(16));
};

const fail = (r: CsvResult): { message: string; line?: number; column?: number } => {
  if (r.ok) throw new Error(`expected an error, got a ${r.X.rows} × ${r.X.cols} table`);
  return r;
};

const ok = (r: CsvResult) => {
  if (!r.ok) throw new Error(`expected a table, got: ${r.message}`);
  return r;
};

// ----- Generators of well-formed tables -----------------------------------------------------------

/** Texts that denote exactly x (Number(text) has the bits of x), in the syntaxes the parser promises. */
const FORMATS: ((x: number) => string)[] = [
  (x) => (Object.is(x, -0) ? '-0' : String(x)), // shortest round trip
  (x) => (Object.is(x, -0) ? '-0e0' : x.toExponential()), // 1.5e-7, 1e+300
  (x) => (Object.is(x, -0) ? '-0E0' : x.toExponential().toUpperCase()), // 1.5E-7
  (x) => (Object.is(x, -0) ? '-0.0' : x.toPrecision(17)), // 17 significant digits always round-trip
  (x) => (Object.is(x, -0) ? '-.0' : String(x).replace(/^(-?)0\./, '$1.')), // .5, -.25
  (x) => (Object.is(x, -0) || x < 0 ? (Object.is(x, -0) ? '-0' : String(x)) : `+${String(x)}`), // +3
  (x) => (Object.is(x, -0) ? '-0' : x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')), // C's %e: 1e-05
  (x) => (Object.is(x, -0) ? '-0.' : Number.isInteger(x) && Math.abs(x) < 1e21 ? `${String(x)}.` : String(x)), // 5.
];

const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }), // the whole float64 range, subnormals, ±0
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 6 })).map(([m, k]) => m / 10 ** k), // 3.14, -0.002
  fc.constantFrom(0, -0, 1e-300, -1e300, Number.MAX_VALUE, Number.MIN_VALUE, 5e-324, 0.1, 1 / 3),
);

const name = fc
  .tuple(fc.constantFrom(...'abcxyzABCXYZ'), fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789_.- '), maxLength: 8 }))
  .map(([a, b]) => (a + b).trim());

interface Table {
  values: number[][];
  cells: string[][];
  header: string[] | null;
  headerText: string[] | null;
  delimiter: CsvDelimiter;
  eol: string;
  trailing: string;
  pad: boolean;
}

const table = fc
  .record({ T: fc.integer({ min: 1, max: 12 }), D: fc.integer({ min: 2, max: 7 }) })
  .chain(({ T, D }) =>
    fc.record({
      values: fc.array(fc.array(value, { minLength: D, maxLength: D }), { minLength: T, maxLength: T }),
      formats: fc.array(fc.array(fc.nat(FORMATS.length - 1), { minLength: D, maxLength: D }), { minLength: T, maxLength: T }),
      quoted: fc.array(fc.array(fc.nat(9), { minLength: D, maxLength: D }), { minLength: T, maxLength: T }),
      header: fc.option(fc.array(name, { minLength: D, maxLength: D }), { nil: null }),
      quoteHeader: fc.boolean(),
      delimiter: fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
      eol: fc.constantFrom('\n', '\r\n'),
      trailing: fc.constantFrom('', '\n', '\r\n', '\n\n', '\n  \n'),
      pad: fc.boolean(),
    }),
  )
  .map((g): Table => {
    const cells = g.values.map((row, t) =>
      row.map((x, c) => {
        const s = FORMATS[g.formats[t][c]](x);
        return g.quoted[t][c] === 0 ? `"${s}"` : s; // now and then a quoted number
      }),
    );
    // A quoted header name may contain the delimiter itself and an escaped quote.
    const headerText = g.header === null ? null : g.header.map((h, c) => (g.quoteHeader && c === 0 ? `"${h}${g.delimiter}""q"""` : h));
    const header = g.header === null ? null : g.header.map((h, c) => (g.quoteHeader && c === 0 ? `${h}${g.delimiter}"q"` : h));
    return { values: g.values, cells, header, headerText, delimiter: g.delimiter, eol: g.eol, trailing: g.trailing, pad: g.pad };
  });

const render = (tb: Table, cells = tb.cells): string => {
  const join = (row: string[]) => row.map((c) => (tb.pad ? ` ${c}  ` : c)).join(tb.delimiter);
  const lines = [...(tb.headerText ? [join(tb.headerText)] : []), ...cells.map(join)];
  return lines.join(tb.eol) + tb.trailing;
};

describe('parseCsv: well-formed tables round-trip exactly', () => {
  it('every format of every float64 reads back bit-for-bit (the generators are exact)', () => {
    fc.assert(
      fc.property(value, fc.nat(FORMATS.length - 1), (x, f) => {
        expect(bits([Number(FORMATS[f](x))])).toEqual(bits([x]));
      }),
      { numRuns: 2000 },
    );
  });

  it('random shapes, delimiters, headers, number formats, padding and line ends: X, header and delimiter are recovered', () => {
    fc.assert(
      fc.property(table, (tb) => {
        const r = ok(parseCsv(render(tb)));
        expect(r.delimiter).toBe(tb.delimiter);
        expect(r.header).toEqual(tb.header);
        expect([r.X.rows, r.X.cols]).toEqual([tb.values.length, tb.values[0].length]);
        expect(bits(r.X.data)).toEqual(bits(tb.values.flat()));
      }),
      { numRuns: 500 },
    );
  });

  it('one bad cell anywhere in the data is reported at its line and column', () => {
    const bad = fc.constantFrom('abc', '1.2.3', '0x10', '1e', '--1', 'e5', '1_000', '1 2', '', 'NaN', '-Infinity', 'inf', '1e999', '½');
    fc.assert(
      fc.property(table, fc.nat(), fc.nat(), bad, (tb, rr, cc, token) => {
        const T = tb.values.length;
        const D = tb.values[0].length;
        // Without a header a non-number on line 1 would make line 1 a header, so corrupt a later row.
        fc.pre(tb.header !== null || T >= 2);
        const row = tb.header !== null ? rr % T : 1 + (rr % (T - 1));
        const col = cc % D;
        const cells = tb.cells.map((r) => r.slice());
        cells[row][col] = token;
        const e = fail(parseCsv(render(tb, cells)));
        const line = row + 1 + (tb.header ? 1 : 0);
        expect([e.line, e.column]).toEqual([line, col + 1]);
        expect(e.message).toContain(`line ${line}, column ${col + 1}`);
      }),
      { numRuns: 300 },
    );
  });

  it('a row with a value missing or one too many is reported as "line L has k values, expected D"', () => {
    fc.assert(
      fc.property(table, fc.nat(), fc.boolean(), (tb, rr, add) => {
        const T = tb.values.length;
        const D = tb.values[0].length;
        fc.pre(T >= 2);
        const row = 1 + (rr % (T - 1));
        const cells = tb.cells.map((r) => r.slice());
        if (add) cells[row].push('1');
        else cells[row].pop();
        const e = fail(parseCsv(render(tb, cells)));
        const line = row + 1 + (tb.header ? 1 : 0);
        const k = D + (add ? 1 : -1);
        expect(e.line).toBe(line);
        expect(e.message).toContain(`line ${line} has ${k} value${k === 1 ? '' : 's'}, expected ${D}`);
      }),
      { numRuns: 300 },
    );
  });

  it('the size limit is inclusive: T·D numbers pass with maxNumbers = T·D and fail with T·D − 1', () => {
    fc.assert(
      fc.property(table, (tb) => {
        const n = tb.values.length * tb.values[0].length;
        expect(parseCsv(render(tb), { maxNumbers: n }).ok).toBe(true);
        const e = fail(parseCsv(render(tb), { maxNumbers: n - 1 }));
        expect(e.message).toContain(`${groupThousands(n)} numbers`);
        expect(e.message).toContain(`more than the limit of ${groupThousands(n - 1)}`);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseCsv: examples', () => {
  it('iris-style file with a quoted header, a byte-order mark and \\r\\n', () => {
    const r = ok(parseCsv('\uFEFF"sepal.length","sepal.width","petal.length"\r\n5.1,3.5,1.4\r\n4.9,3,1.4\r\n\r\n'));
    expect(r.header).toEqual(['sepal.length', 'sepal.width', 'petal.length']);
    expect(r.delimiter).toBe(',');
    expect([r.X.rows, r.X.cols]).toEqual([2, 3]);
    expect(Array.from(r.X.data)).toEqual([5.1, 3.5, 1.4, 4.9, 3, 1.4]);
  });

  it('semicolons and tabs; .5, 5., +2, 1E3, -2.5e-3; no header when line 1 is numeric', () => {
    const s = ok(parseCsv('.5;5.;+2\n1E3;-2.5e-3;0\n'));
    expect([s.delimiter, s.header]).toEqual([';', null]);
    expect(Array.from(s.X.data)).toEqual([0.5, 5, 2, 1000, -0.0025, 0]);
    const t = ok(parseCsv('x\ty\n1\t2\n3\t4'));
    expect([t.delimiter, t.header, Array.from(t.X.data)]).toEqual(['\t', ['x', 'y'], [1, 2, 3, 4]]);
  });

  it('a header cell may be empty (a pandas index column) and names keep inner spaces', () => {
    const r = ok(parseCsv(',petal width,b\n0,1,2\n1,3,4\n'));
    expect(r.header).toEqual(['', 'petal width', 'b']);
    expect(Array.from(r.X.data)).toEqual([0, 1, 2, 1, 3, 4]);
  });

  it('a tab-separated file whose names contain commas is read as tab-separated', () => {
    const r = ok(parseCsv('a,1\tb,2\n1\t2\n'));
    expect([r.delimiter, r.header]).toEqual(['\t', ['a,1', 'b,2']]);
  });

  it('−0 keeps its sign; 5e-324 and ±1.7976931348623157e308 are read exactly', () => {
    const r = ok(parseCsv('-0,5e-324\n1.7976931348623157e308,-1.7976931348623157e308\n'));
    expect(bits(r.X.data)).toEqual(bits([-0, 5e-324, Number.MAX_VALUE, -Number.MAX_VALUE]));
  });

  it('exactly 1,000,000 numbers pass the default limit', () => {
    const r = ok(parseCsv('1,2\n'.repeat(500_000)));
    expect([r.X.rows, r.X.cols]).toEqual([500_000, 2]);
  });
});

describe('parseCsv: bad files get specific messages', () => {
  const five = (row: string) => `a,b,c,d,e\n1,2,3,4,5\n6,7,8,9,10\n${row}\n1,1,1,1,1\n`;
  const cases: { name: string; text: string; opts?: { maxNumbers: number }; message: string; line?: number; column?: number }[] = [
    { name: 'empty file', text: '', message: 'the file is empty' },
    { name: 'only blank lines', text: '\n  \r\n\t\n', message: 'the file is empty' },
    { name: 'only a header', text: 'a,b,c\n', message: 'only a header', line: 1 },
    { name: 'only a header, blank lines after', text: 'a;b\r\n\r\n\r\n', message: 'only a header', line: 1 },
    { name: 'one column of numbers', text: '1\n2\n3\n', message: 'needs at least 2 columns', line: 1 },
    { name: 'one named column', text: 'x\n1\n2\n', message: 'needs at least 2 columns', line: 1 },
    { name: 'ragged: a short row', text: five('1,2,3'), message: 'line 4 has 3 values, expected 5', line: 4 },
    { name: 'ragged: a long row', text: '1,2\n3,4\n5,6,7\n', message: 'line 3 has 3 values, expected 2', line: 3 },
    { name: 'mixed delimiters', text: '1,2\n3;4\n', message: 'line 2 has 1 value, expected 2', line: 2 },
    { name: 'a word among numbers', text: 'a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,abc\n', message: 'line 7, column 2: "abc" is not a number', line: 7, column: 2 },
    { name: 'a word in the first data row', text: 'a,b\nc,d\n', message: 'line 2, column 1: "c" is not a number', line: 2, column: 1 },
    { name: 'hexadecimal', text: '1,2\n0x10,1\n', message: 'line 2, column 1: "0x10" is not a number', line: 2, column: 1 },
    { name: 'two decimal points', text: '1,2\n3,1.2.3\n', message: 'line 2, column 2: "1.2.3" is not a number', line: 2, column: 2 },
    { name: 'NaN', text: '1,NaN\n', message: 'line 1, column 2: "NaN" is not a finite number', line: 1, column: 2 },
    { name: 'Infinity', text: '1,2\n3,Infinity\n', message: 'line 2, column 2: "Infinity" is not a finite number', line: 2, column: 2 },
    { name: '-inf', text: 'x;y\n-inf;3\n', message: 'line 2, column 1: "-inf" is not a finite number', line: 2, column: 1 },
    { name: 'overflow', text: '1,1e400\n', message: 'line 1, column 2: "1e400" is not a finite number (it is beyond the float64 range)', line: 1, column: 2 },
    { name: 'empty cell', text: '1,,3\n4,5,6\n', message: 'line 1, column 2 is empty', line: 1, column: 2 },
    { name: 'trailing delimiter', text: '1,2,\n3,4,\n', message: 'line 1, column 3 is empty', line: 1, column: 3 },
    {
      name: 'decimal commas',
      text: '1;2,5\n3;4\n',
      message: 'line 1, column 2: "2,5" is not a number (write decimals with a point: "2.5")',
      line: 1,
      column: 2,
    },
    { name: 'a blank line between rows', text: '1,2\n\n3,4\n', message: 'line 2 is blank', line: 2 },
    { name: 'an unterminated quote', text: '1,2\n3,"4\n', message: 'line 2, column 2: a quoted value has no closing quote', line: 2, column: 2 },
    {
      name: 'over a given limit',
      text: '1,2,3\n4,5,6\n',
      opts: { maxNumbers: 5 },
      message: 'the data has 6 numbers (2 rows × 3 columns), more than the limit of 5',
    },
  ];

  it.each(cases)('$name', ({ text, opts, message, line, column }) => {
    const e = fail(parseCsv(text, opts));
    expect(e.message).toContain(message);
    expect(e.line).toBe(line);
    expect(e.column).toBe(column);
  });

  it('over the default limit: 1,000,002 numbers', () => {
    const e = fail(parseCsv('1,2\n'.repeat(500_001)));
    expect(e.message).toBe('the data has 1,000,002 numbers (500,001 rows × 2 columns), more than the limit of 1,000,000');
  });

  it('a long bad cell is shortened in the message', () => {
    const e = fail(parseCsv(`1,2\n3,${'z'.repeat(500)}\n`));
    expect(e.message.length).toBeLessThan(100);
    expect(e.message).toContain('line 2, column 2: "zzz');
  });

  it('groupThousands groups by three without a locale', () => {
    expect([0, 999, 1000, 1234567, 1_000_000].map(groupThousands)).toEqual(['0', '999', '1,000', '1,234,567', '1,000,000']);
  });
});
