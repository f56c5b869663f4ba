/**
 * Fuzzing the URL parser (issue 6): a shared URL is input from a stranger. For arbitrary strings and
 * for query strings built from the schema's keys with hostile values, `parseUrl`
 *   - never throws and stays fast (no regular expression blows up on a long value);
 *   - returns every key within its URL_SCHEMA type and bounds, d < D, cp ⊆ 1..D with |cp| ≤ d,
 *     run ≤ runs, and within the work limits MAX_DATA_NUMBERS and MAX_TRAINING_WORK;
 *   - never replaces a value silently: a key present in the query either has its value taken as
 *     written, or gets a message naming the key (duplicates too), whose `used` is the value used.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { check, KEYS } from './urlFuzzChecks';
import { anyString, anyUnit, HOSTILE_VALUES, hostileQuery, hostileValue, RAW_GARBAGE, XSS } from './urlFuzzValues';

describe('parseUrl under fuzzing', () => {
  it('never throws and stays within every bound for arbitrary strings', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          fc.string({ unit: anyUnit, maxLength: 400 }),
          fc.string({ unit: fc.constantFrom('=', '&', '%', '?', '#', '+', ';', 'D', 'd', '1', 'k', '^', '(', 'e', '-'), maxLength: 60 }),
        ),
        (s) => {
          check(s);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('never throws, stays within bounds and never replaces a value silently for hostile queries of schema keys', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(hostileQuery, (search) => {
        check(search);
      }),
      { numRuns: 1500 },
    );
  });

  it('under wdProfile=ordered, any list of integers as cp is an assignment or a message, never a silent change', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 6 }), fc.integer({ min: 1, max: 5 }), (cp, d) => {
        check(`?D=8&d=${d}&wd=0.2&wdProfile=ordered&cp=${cp.join(',')}`);
      }),
      { numRuns: 300 },
    );
  });

  it('with uploaded data (data=custom), D and T follow its shape and every bound still holds', { timeout: 60_000 }, () => {
    // The store admits tables of 2–1024 columns and at most 1,000,000 numbers (src/state/store.ts, csv.ts).
    const shape = fc
      .tuple(fc.integer({ min: 2, max: 1024 }), fc.integer({ min: 1, max: 5000 }))
      .filter(([cols, rows]) => cols * rows <= 1_000_000)
      .map(([cols, rows]) => ({ cols, rows }));
    fc.assert(
      fc.property(hostileQuery, shape, fc.boolean(), (search, custom, forceCustom) => {
        check(forceCustom ? `${search}&data=custom` : search, { custom });
        check(`?data=custom&${search.replace(/^\?/, '')}`, { custom });
      }),
      { numRuns: 300 },
    );
  });

  // 33 keys × ~100 values, each a full parse: seconds on a loaded machine, so a generous time limit.
  it('every hostile value, in every key, alone: a message names the key unless the value is taken as written', { timeout: 60_000 }, () => {
    for (const key of KEYS)
      for (const value of [...HOSTILE_VALUES, ...RAW_GARBAGE]) {
        const search = `?${key}=${value.startsWith('%') || RAW_GARBAGE.includes(value) ? value : encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))}`;
        const r = check(search);
        // An XSS payload is never a valid value of any key.
        if (XSS.includes(value))
          expect(
            r.messages.map((m) => m.key),
            search,
          ).toContain(key);
      }
  });

  it('duplicated keys: each gets one message naming it, and the first value counts', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), fc.array(hostileValue, { minLength: 2, maxLength: 5 }), (key, values) => {
        const search = `?${values.map((v) => `${key}=${encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, ''))}`).join('&')}`;
        const r = check(search);
        expect(r.messages.filter((m) => m.key === key && m.reason.includes(`given ${values.length} times`))).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });

  it('the largest work the URL can ask for is reduced to the limits, and a selected run that no longer exists is named', { timeout: 60_000 }, () => {
    const r = check('?D=1024&d=1023&T=1000000&runs=64&steps=1000000&run=64&cp=1,2,3');
    const keys = r.messages.map((m) => m.key);
    expect(keys).toEqual(expect.arrayContaining(['T', 'steps', 'runs', 'run']));
    expect(r.params.run).toBeNull();
    // A rejected value whose fallback is then reduced: the first message must not claim the fallback.
    const s = check('?D=1024&d=1023&runs=64&steps=abc');
    expect(s.messages.filter((m) => m.key === 'steps').every((m) => m.used === String(s.params.steps))).toBe(true);
  });

  it('-0 is read as 0 (no negative zero leaks into the state)', { timeout: 60_000 }, () => {
    const r = check('?seed=-0&sparsity=-0&data=sparse&tour=-0&D=-0');
    expect(Object.is(r.params.seed, 0) && Object.is(r.params.sparsity, 0) && Object.is(r.params.tour, 0)).toBe(true);
  });

  // No timing assertion (a test must not depend on the machine's speed): the former backtracking
  // decimal regex took O(n²), 0.7 s at 20,000 digits and so minutes at these 200,000, far past the
  // test's time limit; the linear parser takes milliseconds.
  it('stays fast on very long values in every key (no regular-expression backtracking blow-up)', { timeout: 120_000 }, () => {
    const n = 200_000;
    const patterns = [
      `${'1'.repeat(n)}x`,
      `1.${'1'.repeat(n)}x`,
      `${'1'.repeat(n)}e`,
      `1e${'1'.repeat(n)}x`,
      `${',1'.repeat(n / 2)},`,
      `${'1,'.repeat(n / 2)}x`,
      '<img src=x onerror=alert(1)>'.repeat(n / 28),
    ];
    for (const key of KEYS)
      for (const v of patterns) {
        const r = check(`?${key}=${encodeURIComponent(v)}`);
        expect(
          r.messages.map((m) => m.key),
          `${key} with ${v.slice(0, 12)}… (${v.length} characters)`,
        ).toContain(key);
      }
  });
});
