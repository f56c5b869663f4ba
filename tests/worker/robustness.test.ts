import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/data/csv';
import { defaultParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';
import { findNonFinite } from '../helpers';

describe('never throws, never NaN', () => {
  it('parseCsv returns a table or a message for arbitrary text (it never throws)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: fc.constantFrom('1', '-', '.', 'e', ',', ';', '\t', '\n', '\r', ' ', '"', 'a', '0'), maxLength: 300 }),
        ),
        (text) => {
          const r = parseCsv(text);
          if (r.ok) expect(r.X.data.every(Number.isFinite)).toBe(true);
          else expect(r.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the whole pipeline returns only finite numbers for any finite table (|x| ≤ 1e100)', () => {
    const value = fc.oneof(fc.double({ min: -1e100, max: 1e100, noNaN: true, noDefaultInfinity: true }), fc.constant(0), fc.integer({ min: -3, max: 3 }));
    const table = fc.integer({ min: 2, max: 5 }).chain((D) => fc.array(fc.array(value, { minLength: D, maxLength: D }), { minLength: 1, maxLength: 12 }));
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.01, max: 3, noNaN: true }), (rows, dRaw, lr) => {
        const D = rows[0].length;
        const X = { rows: rows.length, cols: D, data: Float64Array.from(rows.flat()) };
        const r = computeAll({ ...defaultParams(), data: 'custom', D, T: rows.length, d: Math.min(dRaw, D - 1), lr, runs: 1, steps: 60 }, () => {}, {
          custom: X,
        });
        expect(findNonFinite(r)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
