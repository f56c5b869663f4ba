import { expect } from 'vitest';
import { evaluateSpectrum } from '../../src/core/data/spectrumExpression';
import { formatValue, MAX_DATA_NUMBERS, type ParseContext, type ParsedUrl, parseUrl as parseUrlWith, trainingLimit } from '../../src/state/urlCodec';
import { DIGITS_COUNT, type ExplorerParams, fixedShape, type KeySpec, pointsOf, resolveBound, URL_SCHEMA } from '../../src/state/urlSchema';

/** parseUrl as the page calls it once the spectrum checker is loaded (src/state/spectrumCheck.ts). */
const parseUrl = (search: string, context: ParseContext = {}) => parseUrlWith(search, { evaluateSpectrum, ...context });

export const KEYS = URL_SCHEMA.map((s) => s.key as string);
const get = (p: ExplorerParams, key: string): unknown => (p as unknown as Record<string, unknown>)[key];

/** Every key within its type and bounds, plus the cross-key rules and the work limits. */
function expectWithinBounds(p: ExplorerParams, context: ParseContext = {}): void {
  expect(Object.keys(p).sort()).toEqual([...KEYS].sort());
  for (const spec of URL_SCHEMA) {
    const v = get(p, spec.key);
    const where = `${spec.key}=${String(v)}`;
    switch (spec.type) {
      case 'int':
      case 'optionalInt': {
        if (spec.type === 'optionalInt' && v === null) break;
        expect(Number.isSafeInteger(v), where).toBe(true);
        expect(Object.is(v, -0), `${where} is -0`).toBe(false);
        expect(v as number, where).toBeGreaterThanOrEqual(resolveBound(spec.min, p));
        expect(v as number, where).toBeLessThanOrEqual(resolveBound(spec.max, p));
        break;
      }
      case 'float': {
        expect(typeof v === 'number' && Number.isFinite(v), where).toBe(true);
        const x = v as number;
        expect(Object.is(x, -0), `${where} is -0`).toBe(false);
        expect(spec.minExclusive ? x > spec.min : x >= spec.min, where).toBe(true);
        expect(spec.maxExclusive ? x < spec.max : x <= spec.max, where).toBe(true);
        break;
      }
      case 'bool':
        expect(typeof v, where).toBe('boolean');
        break;
      case 'enum':
        expect(spec.values.includes(v as string | number), where).toBe(true);
        break;
      case 'string':
        expect(typeof v, where).toBe('string');
        expect((v as string).length, where).toBeLessThanOrEqual(spec.maxLength);
        break;
      case 'enumList': {
        const list = v as string[];
        expect(Array.isArray(list) && list.every((x) => spec.values.includes(x)) && new Set(list).size === list.length, where).toBe(true);
        break;
      }
      case 'indexSet': {
        if (v === null) break;
        const I = v as number[];
        expect(Array.isArray(I), where).toBe(true);
        if (pointsOf(p) === 'assignments') {
          // Under wdProfile=ordered an assignment σ: one entry per unit, 0 … D, no eigen-index twice.
          expect(I.length, where).toBe(p.d);
          const used = I.filter((i) => i !== 0);
          expect(I.every((i) => Number.isInteger(i) && i >= 0 && i <= p.D) && new Set(used).size === used.length, where).toBe(true);
          break;
        }
        expect(I.length, where).toBeGreaterThanOrEqual(1);
        expect(I.length, where).toBeLessThanOrEqual(p.d);
        I.forEach((i, j) => {
          expect(Number.isInteger(i) && i >= 1 && i <= p.D, where).toBe(true);
          if (j > 0) expect(i, `${where} ascending, no repeats`).toBeGreaterThan(I[j - 1]);
        });
        break;
      }
    }
  }
  expect(p.d).toBeLessThan(p.D);
  if (p.run !== null) expect(p.run).toBeLessThanOrEqual(p.runs);
  const spectrum = evaluateSpectrum(p.spectrum, p.D);
  expect(spectrum.ok, `spectrum=${p.spectrum} at D=${p.D}`).toBe(true);
  const fixed = fixedShape(p, context.custom ?? null);
  if (fixed.D !== undefined) expect(p.D).toBe(fixed.D);
  if (fixed.T !== undefined) expect(p.T).toBe(fixed.T);
  // T · D is bounded where T is chosen for generated data; digits are bounded by the images there are
  // (pool=1 with T = 10,000 is 7.84 M numbers, above MAX_DATA_NUMBERS: the lead's choice, see the report).
  if (p.data === 'gaussian' || p.data === 'sparse') expect(p.T * p.D).toBeLessThanOrEqual(MAX_DATA_NUMBERS);
  if (p.data === 'digits') expect(p.T).toBeLessThanOrEqual(DIGITS_COUNT);
  // In the model's own units (the ReLU model's: runs · steps · batch · D · d).
  const { work, limit } = trainingLimit(p);
  expect(work).toBeLessThanOrEqual(limit);
}

/** Was `raw` taken as written for this key? (An oracle independent of the parser's own regexes.) */
function takenAsWritten(spec: KeySpec, raw: string, v: unknown, p: ExplorerParams): boolean {
  switch (spec.type) {
    case 'int':
    case 'optionalInt':
      return /^[+-]?[0-9]+$/.test(raw) && Number(raw) === v;
    case 'float':
      // Number() also reads '', ' 5', '0x10', 'Infinity': none of those may pass silently.
      return raw !== '' && raw.trim() === raw && !/^[+-]?0[xXoObB]/.test(raw) && Number(raw) === v;
    case 'bool':
      return (['1', 'true'].includes(raw) && v === true) || (['0', 'false'].includes(raw) && v === false);
    case 'enum':
      return String(v) === raw;
    case 'string':
      return v === raw;
    case 'enumList': {
      if (raw === '') return formatValue(v) === '';
      const parts = raw.split(',');
      // Taken as written: every entry is a method, and the list in use holds exactly those (in the schema's order).
      return parts.every((x) => spec.values.includes(x)) && formatValue(spec.values.filter((x) => parts.includes(x))) === formatValue(v);
    }
    case 'indexSet': {
      const parts = raw.split(',');
      if (!parts.every((s) => /^[0-9]+$/.test(s))) return false;
      if (pointsOf(p) === 'assignments') return formatValue(parts.map(Number)) === formatValue(v);
      return formatValue([...new Set(parts.map(Number))].sort((a, b) => a - b)) === formatValue(v);
    }
  }
}

/** No silent replacement, and every message names a key, the value it stands for and the value used. */
function expectHonestMessages(search: string, r: ParsedUrl, context: ParseContext = {}): void {
  const query = new URLSearchParams(search);
  for (const m of r.messages) {
    expect(KEYS, JSON.stringify(m)).toContain(m.key);
    expect(m.used, `message ${JSON.stringify(m)}`).toBe(formatValue(get(r.params, m.key)));
    expect(typeof m.value).toBe('string');
    expect(m.value.length, 'a message shows at most a few hundred characters of the value').toBeLessThanOrEqual(300);
    expect(m.reason.length).toBeGreaterThan(0);
  }
  for (const spec of URL_SCHEMA) {
    const all = query.getAll(spec.key);
    if (all.length === 0) continue;
    const mine = r.messages.filter((m) => m.key === spec.key);
    const fixed = (spec.key === 'D' || spec.key === 'T') && fixedShape(r.params, context.custom ?? null)[spec.key] !== undefined;
    if (fixed) {
      // The data fix D (iris, digits, custom) and T (iris, custom): a differing URL value gets a note (role="status") naming the key.
      if (all[0] !== String(get(r.params, spec.key))) expect(r.notes.some((n) => n.includes(`${spec.key}=`))).toBe(true);
      continue;
    }
    if (all.length > 1)
      expect(
        mine.some((m) => m.reason.includes(`given ${all.length} times`)),
        `${spec.key} duplicated`,
      ).toBe(true);
    if (mine.length === 0)
      expect(
        takenAsWritten(spec, all[0], get(r.params, spec.key), r.params),
        `${spec.key}=${JSON.stringify(all[0])} replaced silently by ${formatValue(get(r.params, spec.key))}`,
      ).toBe(true);
  }
}

export function check(search: string, context: ParseContext = {}): ParsedUrl {
  let r: ParsedUrl | undefined;
  expect(() => (r = parseUrl(search, context)), search).not.toThrow();
  expectWithinBounds(r!.params, context);
  expectHonestMessages(search, r!, context);
  return r!;
}
