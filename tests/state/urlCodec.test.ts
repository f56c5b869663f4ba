import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateSpectrum } from '../../src/core/data/spectrumExpression';
import {
  formatValue,
  MAX_DATA_NUMBERS,
  MAX_TRAINING_WORK,
  type ParamMessage,
  type ParseContext,
  parseUrl as parseUrlWith,
  queryNeedsSpectrumCheck,
  serializeParams,
  trainingWork,
} from '../../src/state/urlCodec';
import { defaultParams, type ExplorerParams, resolveBound, URL_SCHEMA } from '../../src/state/urlSchema';

/** parseUrl as the page calls it once the spectrum checker is loaded (src/state/spectrumCheck.ts). */
const parseUrl = (search: string, context: ParseContext = {}) => parseUrlWith(search, { evaluateSpectrum, ...context });

const defaults = defaultParams();
/** In the table below: the fallback is the key's default value. */
const DEFAULT = 'the default';

/** The single message about `key` (fails if there is none or several). */
function messageFor(search: string, key: string): { msg: ParamMessage; params: ExplorerParams } {
  const { params, messages } = parseUrl(search);
  const mine = messages.filter((m) => m.key === key);
  expect(mine, `messages for ${key} in ${search}: ${JSON.stringify(messages)}`).toHaveLength(1);
  return { msg: mine[0], params };
}

describe('parseUrl: defaults', () => {
  it('an empty query gives defaultParams and no messages or notes', () => {
    expect(parseUrl('')).toEqual({ params: defaults, messages: [], notes: [] });
    expect(parseUrl('?')).toEqual({ params: defaults, messages: [], notes: [] });
  });

  it('every default passes its own key’s validation (key=default alone gives no message)', () => {
    for (const spec of URL_SCHEMA) {
      const value = (defaults as unknown as Record<string, unknown>)[spec.key];
      if (value === null) continue;
      const { messages } = parseUrl(`?${spec.key}=${encodeURIComponent(formatValue(value))}`);
      expect(messages, spec.key).toEqual([]);
    }
  });

  it('the default spectrum is valid at every allowed D, so parseUrl can use it unchecked', () => {
    const spec = URL_SCHEMA.find((s) => s.key === 'spectrum')!;
    const D = URL_SCHEMA.find((s) => s.key === 'D');
    if (D?.type !== 'int' || typeof D.min !== 'number') throw new Error('D is an int key with a fixed lower bound');
    // The largest D of a model with a spectrum (the landscape models'; relu's is 200 and has none).
    const max = resolveBound(D.max, defaults);
    expect(max).toBe(1024);
    for (const n of [D.min, 8, 200, 784, max]) {
      const r = evaluateSpectrum(spec.default as string, n);
      expect(r.ok, `D = ${n}`).toBe(true);
      if (r.ok) expect(r.variances[n - 1]).toBeGreaterThan(0);
    }
    expect(parseUrl(`?D=${max}`).params.spectrum).toBe(spec.default);
  });

  it('without the spectrum checker (not loaded yet, or failed to load) the default spectrum passes and any other is refused with a message', () => {
    const DEFAULT = defaults.spectrum;
    expect(parseUrlWith(`?spectrum=${encodeURIComponent(DEFAULT)}`).messages).toEqual([]);
    const r = parseUrlWith('?spectrum=1/k');
    expect(r.params.spectrum).toBe(DEFAULT);
    expect(r.messages).toEqual([{ key: 'spectrum', value: '1/k', used: DEFAULT, reason: expect.stringContaining('could not be loaded') as string }]);
    expect(parseUrl('?spectrum=1/k').params.spectrum).toBe('1/k');
  });

  it('queryNeedsSpectrumCheck: only a spectrum other than the default needs the checker loaded', () => {
    expect(queryNeedsSpectrumCheck('?D=5')).toBe(false);
    expect(queryNeedsSpectrumCheck(`?spectrum=${encodeURIComponent(defaults.spectrum)}&D=5`)).toBe(false);
    expect(queryNeedsSpectrumCheck('?spectrum=1/k')).toBe(true);
    expect(queryNeedsSpectrumCheck('?spectrum=')).toBe(true);
  });

  it('unknown keys are ignored silently', () => {
    expect(parseUrl('?foo=bar&utm_source=x')).toEqual({ params: defaults, messages: [], notes: [] });
  });

  it('a valid value is taken: D=12&d=5&lr=0.05&seed=4294967295&cp=3,1&runs=4&run=2', () => {
    const { params, messages } = parseUrl('?D=12&d=5&lr=0.05&seed=4294967295&cp=3,1&runs=4&run=2');
    expect(messages).toEqual([]);
    expect(params).toMatchObject({ D: 12, d: 5, lr: 0.05, seed: 4294967295, cp: [1, 3], run: 2 });
  });
});

describe('parseUrl: every bad value yields a message naming key, value and the fallback used', () => {
  it.each([
    ['D=abc', 'D', 'abc', DEFAULT, 'not an integer'],
    ['D=1', 'D', '1', DEFAULT, '2 ≤ D ≤ 1024'],
    ['D=5000', 'D', '5000', DEFAULT, '2 ≤ D ≤ 1024'],
    ['D=', 'D', '', DEFAULT, 'not an integer'],
    ['D=8&d=8', 'd', '8', DEFAULT, 'd ≤ 7'],
    ['d=0', 'd', '0', DEFAULT, '1 ≤ d'],
    ['D=3&d=5', 'd', '5', String(Math.min(2, defaults.d)), 'd ≤ 2'], // the default, clamped below D
    ['lr=-1', 'lr', '-1', DEFAULT, '0 < lr ≤ 10'],
    ['lr=0', 'lr', '0', DEFAULT, '0 < lr'],
    ['lr=NaN', 'lr', 'NaN', DEFAULT, 'not a number'],
    ['lr=Infinity', 'lr', 'Infinity', DEFAULT, 'not a number'],
    ['lr=1e400', 'lr', '1e400', DEFAULT, 'out of bounds'],
    ['steps=1.5', 'steps', '1.5', DEFAULT, 'not an integer'],
    ['runs=0', 'runs', '0', DEFAULT, '1 ≤ runs ≤ 64'],
    ['seed=-1', 'seed', '-1', DEFAULT, '0 ≤ seed ≤ 4294967295'],
    ['seed=4294967296', 'seed', '4294967296', DEFAULT, '0 ≤ seed ≤ 4294967295'],
    ['init=0', 'init', '0', DEFAULT, '0 < init'],
    ['rotate=2', 'rotate', '2', DEFAULT, 'not 0 or 1'],
    ['data=mnist', 'data', 'mnist', DEFAULT, 'not one of gaussian, sparse, iris'],
    ['data=Digits', 'data', 'Digits', DEFAULT, 'not one of gaussian, sparse, iris, digits, custom'],
    ['norm=avg', 'norm', 'avg', DEFAULT, 'not one of sum, mean'],
    ['sparsity=1', 'sparsity', '1', DEFAULT, 'sparsity < 1'],
    ['D=8&cp=9', 'cp', '9', '(none)', '1..8'],
    ['D=8&d=3&cp=1,2,3,4', 'cp', '1,2,3,4', '(none)', 'at most d = 3'],
    ['D=8&cp=0', 'cp', '0', '(none)', '1..8'],
    ['cp=a', 'cp', 'a', '(none)', 'comma-separated'],
    ['D=8&d=3&wd=0.2&wdProfile=ordered&cp=1,2', 'cp', '1,2', '(none)', 'assigns each of the d = 3 hidden units'],
    ['D=8&d=3&wd=0.2&wdProfile=ordered&cp=1,9,0', 'cp', '1,9,0', '(none)', '0..8'],
    ['D=8&d=3&wd=0.2&wdProfile=ordered&cp=2,2,0', 'cp', '2,2,0', '(none)', 'assigned to two hidden units'],
    ['wdProfile=bao', 'wdProfile', 'bao', DEFAULT, 'not one of uniform, ordered'],
    ['runs=2&run=3', 'run', '3', '(none)', '1 ≤ run ≤ 2'],
    ['spectrum=import(x)', 'spectrum', 'import(x)', DEFAULT, 'function "import" is not allowed'],
    ['spectrum=-k', 'spectrum', '-k', DEFAULT, 'negative'],
    ['v=2', 'v', '2', DEFAULT, '1 ≤ v ≤ 1'],
    ['T=0', 'T', '0', DEFAULT, '1 ≤ T ≤ 1000000'],
    ['importance=0', 'importance', '0', DEFAULT, '0 < importance ≤ 1'],
    ['initMode=foo', 'initMode', 'foo', DEFAULT, 'not one of random, balanced'],
    ['present=yes', 'present', 'yes', DEFAULT, 'not 0 or 1'],
    ['tour=101', 'tour', '101', '(none)', '0 ≤ tour ≤ 100'],
    ['spectrum=1/(k-2)^2', 'spectrum', '1/(k-2)^2', DEFAULT, 'not a finite real number at k = 2'],
  ])('%s → message {key %s, value “%s”, used %s}, reason ∋ “%s”', (search, key, value, usedOrDefault, reason) => {
    const used = usedOrDefault === DEFAULT ? formatValue((defaults as unknown as Record<string, unknown>)[key]) : usedOrDefault;
    const { msg, params } = messageFor(search, key);
    expect(msg.value).toBe(value);
    expect(msg.used).toBe(used);
    expect(msg.reason).toContain(reason);
    // The message tells the truth about the value actually used.
    expect(formatValue((params as unknown as Record<string, unknown>)[key])).toBe(used);
  });

  it('under wdProfile=ordered a cp is an assignment, kept in unit order with its zeros, and written back unchanged', () => {
    const { params, messages } = parseUrl('?D=8&d=3&wd=0.2&wdProfile=ordered&cp=2,0,1');
    expect(messages).toEqual([]);
    expect(params.cp).toEqual([2, 0, 1]);
    expect(serializeParams(params)).toContain('wdProfile=ordered');
    expect(serializeParams(params)).toContain('cp=2,0,1');
    // Without decay the profile is not written and cp is a set again.
    const plain = parseUrl('?D=8&d=3&wdProfile=ordered&cp=2,1').params;
    expect(plain.cp).toEqual([1, 2]);
    expect(serializeParams(plain)).not.toContain('wdProfile');
  });

  it('a rejected spectrum falls back to the default expression; a rejected cp to null', () => {
    const { params } = parseUrl('?spectrum=import(x)&D=8&cp=9');
    expect(params.spectrum).toBe(defaults.spectrum);
    expect(params.cp).toBeNull();
  });

  it('a duplicated key: D=5&D=6 uses the first and says so', () => {
    const { params, messages } = parseUrl('?D=5&D=6');
    expect(params.D).toBe(5);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ key: 'D', value: '5 | 6', used: '5' });
    expect(messages[0].reason).toContain('given 2 times');
  });

  it('several bad values give one message each and the good values survive', () => {
    const { params, messages } = parseUrl('?D=abc&d=2&lr=-1&steps=100&seed=x');
    expect(messages.map((m) => m.key)).toEqual(['D', 'seed', 'lr']);
    expect(params).toMatchObject({ D: defaults.D, d: 2, lr: defaults.lr, steps: 100, seed: defaults.seed });
  });

  it('property: parseUrl never throws and always yields params inside the schema bounds', () => {
    const keys = URL_SCHEMA.map((s) => s.key);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys, 'x'), fc.string({ maxLength: 12 })), { maxLength: 8 }), (pairs) => {
        const search = new URLSearchParams(pairs).toString();
        const { params: p, messages } = parseUrl(search);
        expect(p.D >= 2 && p.D <= 1024 && Number.isInteger(p.D)).toBe(true);
        expect(p.d >= 1 && p.d < p.D).toBe(true);
        expect(p.lr > 0 && p.lr <= 10 && p.init > 0 && p.init <= 10).toBe(true);
        expect(p.runs >= 1 && p.runs <= 64 && p.steps >= 1).toBe(true);
        expect(p.seed >= 0 && p.seed <= 2 ** 32 - 1).toBe(true);
        if (p.cp) expect(p.cp.length <= p.d && p.cp.every((i) => i >= 1 && i <= p.D)).toBe(true);
        if (p.run !== null) expect(p.run >= 1 && p.run <= p.runs).toBe(true);
        for (const m of messages) expect(formatValue((p as unknown as Record<string, unknown>)[m.key])).toBe(m.used);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseUrl: iris fixes the shape', () => {
  it('data=iris gives D = 4, T = 150 without a message', () => {
    const r = parseUrl('?data=iris');
    expect(r.params).toMatchObject({ data: 'iris', D: 4, T: 150 });
    expect(r.messages).toEqual([]);
    expect(r.notes).toEqual([]);
  });

  it('data=iris&D=10&T=7 keeps D = 4, T = 150 with a note for each naming the URL value', () => {
    const r = parseUrl('?data=iris&D=10&T=7');
    expect(r.params).toMatchObject({ D: 4, T: 150 });
    expect(r.messages).toEqual([]);
    expect(r.notes).toHaveLength(2);
    expect(r.notes[0]).toContain('iris fixes D = 4');
    expect(r.notes[0]).toContain('D=10');
    expect(r.notes[1]).toContain('iris fixes T = 150');
    expect(r.notes[1]).toContain('T=7');
  });

  it('data=iris&d=4 is rejected (d < D = 4) and cp is checked against D = 4', () => {
    expect(messageFor('?data=iris&d=4', 'd').msg.used).toBe('3');
    expect(messageFor('?data=iris&cp=5', 'cp').msg.reason).toContain('1..4');
  });
});

describe('parseUrl: work limits reduce the work with a message, never silently', () => {
  it(`T · D > ${MAX_DATA_NUMBERS}: D=1024&T=1000000 → T = ⌊5e6 / 1024⌋ = 4882`, () => {
    const { msg, params } = messageFor('?D=1024&T=1000000&d=1&steps=1&runs=1', 'T');
    expect(params.T).toBe(4882);
    expect(msg).toMatchObject({ value: '1000000', used: '4882' });
    expect(params.T * params.D).toBeLessThanOrEqual(MAX_DATA_NUMBERS);
  });

  it(`runs · steps · D · d · (d + 2) > ${MAX_TRAINING_WORK}: D=200&d=100&runs=10&steps=1000000 → steps = 73`, () => {
    const { msg, params } = messageFor('?D=200&d=100&runs=10&steps=1000000', 'steps');
    // 1.5e9 / (10 · 200 · 100 · 102) = 73.5
    expect(params.steps).toBe(73);
    expect(msg).toMatchObject({ value: '1000000', used: '73' });
    expect(trainingWork(params)).toBeLessThanOrEqual(MAX_TRAINING_WORK);
  });

  it('the training limit holds even when steps = 1 is not enough: D=1024&d=1023&runs=64&steps=10 → runs reduced too', () => {
    const { params, messages } = parseUrl('?D=1024&d=1023&runs=64&steps=10&T=10');
    expect(messages.map((m) => m.key)).toEqual(expect.arrayContaining(['steps', 'runs']));
    expect(trainingWork(params)).toBeLessThanOrEqual(MAX_TRAINING_WORK);
  });

  it('work within the limits is left alone', () => {
    const { params, messages } = parseUrl('?D=100&T=50000&d=10&runs=4&steps=10000');
    expect(messages).toEqual([]);
    expect(params).toMatchObject({ T: 50000, steps: 10000 });
  });
});

describe('serializeParams → parseUrl round trip', () => {
  const states: [string, ExplorerParams][] = [
    ['defaults', defaults],
    [
      'every key changed, spectrum with ^ ( ) + and spaces',
      {
        ...defaults,
        D: 12,
        T: 777,
        d: 4,
        seed: 4294967295,
        spectrum: '1/(k+1)^2 + 0.5*exp(-k)',
        rotate: false,
        center: true,
        lr: 0.35,
        steps: 12345,
        runs: 3,
        init: 0.02,
        initMode: 'balanced',
        norm: 'mean',
        fullRank: true,
        cp: [1, 3],
        run: 2,
        tour: 5,
        present: true,
      },
    ],
    ['spectrum with a division and pi', { ...defaults, spectrum: 'pi/k^(1.5) + max(0, 3-k)' }],
    ['data=iris with cp', { ...defaults, data: 'iris', D: 4, T: 150, d: 2, cp: [2] }],
    ['data=sparse', { ...defaults, data: 'sparse', D: 20, d: 5, sparsity: 0.95, importance: 0.5, run: 4 }],
    ['tiny floats', { ...defaults, lr: 1e-7, init: 3.0000000000000004e-5 }],
  ];

  it.each(states)('%s', (_name, p) => {
    const search = serializeParams(p);
    expect(search.startsWith('?')).toBe(true);
    const back = parseUrl(search);
    expect(back.messages).toEqual([]);
    expect(back.notes).toEqual([]);
    expect(back.params).toEqual(p);
    // …and through a real URL object, as the browser would hand it back.
    expect(parseUrl(new URL(`https://example.org/app/${search}`).search).params).toEqual(p);
  });

  it('keeps the spectrum readable: ^ ( ) / * , stay literal, + is escaped', () => {
    const s = serializeParams({ ...defaults, spectrum: '2^(-k)+1/k*3', cp: [1, 2] });
    expect(s).toContain('spectrum=2^(-k)%2B1/k*3');
    expect(s).toContain('cp=1,2');
  });

  it('writes only relevant keys: no spectrum/rotate for sparse, no D/T for iris, present only when on', () => {
    const sparse = serializeParams({ ...defaults, data: 'sparse' });
    expect(sparse).not.toMatch(/[?&](spectrum|rotate)=/);
    expect(sparse).toMatch(/[?&]sparsity=0\.7(&|$)/);
    const iris = serializeParams({ ...defaults, data: 'iris', D: 4, T: 150 });
    expect(iris).not.toMatch(/[?&](D|T)=/);
    expect(serializeParams(defaults)).not.toContain('present');
    const keys = serializeParams(defaults)
      .slice(1)
      .split('&')
      .map((kv) => kv.split('=')[0]);
    expect(keys).toEqual(URL_SCHEMA.map((s) => s.key).filter((k) => keys.includes(k))); // table order
    expect(keys.slice(0, 5)).toEqual(['v', 'data', 'D', 'T', 'd']);
  });

  it('property: random valid gaussian states round-trip exactly', () => {
    const spectra = ['2^(-k)', '1/k', 'exp(-k/3)', '1/(k+1)^2 + 0.1', 'max(0.01, 5 - k)'];
    const arb = fc
      .record({
        D: fc.integer({ min: 2, max: 60 }),
        dFrac: fc.double({ min: 0, max: 0.999, noNaN: true }),
        T: fc.integer({ min: 1, max: 2000 }),
        seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        spectrum: fc.constantFrom(...spectra),
        lr: fc.double({ min: 1e-9, max: 10, noNaN: true }).filter((x) => x > 0),
        init: fc.double({ min: 1e-9, max: 10, noNaN: true }).filter((x) => x > 0),
        steps: fc.integer({ min: 1, max: 100_000 }),
        runs: fc.integer({ min: 1, max: 64 }),
        rotate: fc.boolean(),
        center: fc.boolean(),
        fullRank: fc.boolean(),
        present: fc.boolean(),
      })
      .map(({ dFrac, ...r }): ExplorerParams => ({ ...defaults, ...r, d: 1 + Math.floor(dFrac * (r.D - 1)) }))
      .filter((p) => trainingWork(p) <= MAX_TRAINING_WORK); // else steps are (rightly) reduced
    fc.assert(
      fc.property(arb, (p) => {
        const back = parseUrl(serializeParams(p));
        expect(back.messages).toEqual([]);
        expect(back.params).toEqual(p);
      }),
      { numRuns: 200 },
    );
  });
});

describe('parseUrl: data sets that fix D and T', () => {
  it('digits: D follows pool (196 or 784), T is how many images, at most 10,000', () => {
    expect(parseUrl('?data=digits&T=1000').params).toMatchObject({ data: 'digits', D: 196, T: 1000, pool: 2 });
    expect(parseUrl('?data=digits&pool=1&D=5').params).toMatchObject({ D: 784, pool: 1 });
    const big = parseUrl('?data=digits&T=20000');
    expect(big.params.T).toBe(10_000);
    expect(big.messages.find((m) => m.key === 'T')?.reason).toContain('10,000 digits');
  });

  it('custom: D and T come from the uploaded table; d is bounded by its D', () => {
    const r = parseUrl('?data=custom&d=3&D=50&T=7', { custom: { rows: 40, cols: 5 } });
    expect(r.params).toMatchObject({ data: 'custom', D: 5, T: 40, d: 3 });
    expect(r.notes.join(' ')).toContain('custom fixes D = 5');
    expect(parseUrl('?data=custom&d=5', { custom: { rows: 40, cols: 5 } }).messages.find((m) => m.key === 'd')?.reason).toContain('d ≤ 4');
  });
});
