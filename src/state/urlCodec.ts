import { sampledModel } from '../core/models/registry';
import type { SpectrumEvaluator } from './spectrumCheck';
import { DIGITS_COUNT, defaultParams, type ExplorerParams, fixedShape, type KeySpec, pointsOf, resolveBound, URL_SCHEMA } from './urlSchema';

/** A rejected or adjusted URL value: shown as an alert naming the key, the value and what is used. */
export interface ParamMessage {
  key: string;
  value: string;
  used: string;
  reason: string;
}

export interface ParsedUrl {
  params: ExplorerParams;
  /** Rejected values (role="alert"). */
  messages: ParamMessage[];
  /** Advisory notes about values the data fixes (role="status"). */
  notes: string[];
}

/** Largest T · D kept in memory; above it T is reduced (X alone would pass 40 MB). */
export const MAX_DATA_NUMBERS = 5_000_000;
/** Largest runs · steps · D² · d of gradient descent accepted; above it steps are reduced. */
/**
 * Largest trainingWork accepted; above it steps (then runs) are reduced. Gradient descent runs in
 * the eigenbasis at O(D d²) per step plus O(D d) to track the nearest critical point, about 10⁸
 * such units a second here, so the limit is ≈ 15 s of training.
 */
export const MAX_TRAINING_WORK = 1.5e9;

/** runs · steps · D · d · (d + 2): the cost of training in the eigenbasis, in multiply–adds. */
export function trainingWork(p: Pick<ExplorerParams, 'runs' | 'steps' | 'D' | 'd'>): number {
  return p.runs * p.steps * p.D * p.d * (p.d + 2);
}

/**
 * The ReLU model (docs/design.md §7): runs · steps · batch · D · d, the forward and backward
 * passes' multiply–adds per sample. About 2·10⁷ of them a second here (bench table 8), so this
 * limit is ≈ 60 s of training at the densest setting (S = 0; sparse batches are 2–3× faster), and
 * it admits the default ?model=relu (4 · 10⁴ · 1024 · 8 · 3 ≈ 9.8e8).
 */
const MAX_RELU_WORK = 1.2e9;
const reluWork = (p: Pick<ExplorerParams, 'runs' | 'steps' | 'batch' | 'D' | 'd'>) => p.runs * p.steps * p.batch * p.D * p.d;

/** The training work the state asks for, the limit it must keep to, in its model's units, and the limit in words. */
export function trainingLimit(p: Pick<ExplorerParams, 'model' | 'runs' | 'steps' | 'batch' | 'D' | 'd'>): { work: number; limit: number; reason: string } {
  return sampledModel(p.model)
    ? {
        work: reluWork(p),
        limit: MAX_RELU_WORK,
        reason: `runs · steps · batch · D · d may be at most ${MAX_RELU_WORK.toExponential(1)} for relu (≈ 60 s of training)`,
      }
    : {
        work: trainingWork(p),
        limit: MAX_TRAINING_WORK,
        reason: `runs · steps · D · d · (d + 2) may be at most ${MAX_TRAINING_WORK.toExponential(1)} (≈ 15 s of training)`,
      };
}

type ParseOutcome = { ok: true; value: unknown } | { ok: false; reason: string };

function describeBounds(spec: KeySpec, p: ExplorerParams): string {
  switch (spec.type) {
    case 'int':
      return `${resolveBound(spec.min, p)} ≤ ${spec.key} ≤ ${resolveBound(spec.max, p)}`;
    case 'float':
      return `${spec.min} ${spec.minExclusive ? '<' : '≤'} ${spec.key} ${spec.maxExclusive ? '<' : '≤'} ${spec.max}`;
    case 'optionalInt':
      return `${spec.min} ≤ ${spec.key} ≤ ${resolveBound(spec.max, p)}`;
    default:
      return '';
  }
}

const INTEGER = /^[+-]?\d+$/;
// Fuzzing fix (issue 6): the former `\d+\.?\d*` could split a run of digits between `\d+` and `\d*`
// in every way before failing, so `lr=111…1x` took O(n²) (20 000 digits: 0.7 s; a 2 MB URL: minutes,
// a frozen page). Here the fraction can only start at a '.', so each digit is matched one way.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Fuzzing fix (issue 6): a message shows at most this many characters of a rejected value (a
 * 2 MB value used to be copied whole into the alert), then says how long the value was.
 */
const MAX_SHOWN = 120;
/** `raw` as a message shows it (the value of a ParamMessage). */
export function shown(raw: string): string {
  if (raw.length <= MAX_SHOWN) return raw;
  // Do not cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(raw[MAX_SHOWN - 1]) ? MAX_SHOWN - 1 : MAX_SHOWN;
  return `${raw.slice(0, end)}… (${raw.length.toLocaleString('en')} characters)`;
}

/** Parse one raw value against its spec, given the keys already parsed above it. */
function parseValue(spec: KeySpec, raw: string, p: ExplorerParams, context: ParseContext): ParseOutcome {
  switch (spec.type) {
    case 'int':
    case 'optionalInt': {
      if (!INTEGER.test(raw)) return { ok: false, reason: 'not an integer' };
      // `+ 0` turns -0 (from `seed=-0`) into 0: fuzzing found -0 leaking into the state (issue 6).
      const n = Number(raw) + 0;
      const lo = resolveBound(spec.min, p);
      const hi = resolveBound(spec.max, p);
      if (!Number.isSafeInteger(n) || n < lo || n > hi) return { ok: false, reason: `out of bounds (${describeBounds(spec, p)})` };
      return { ok: true, value: n };
    }
    case 'float': {
      if (!DECIMAL.test(raw)) return { ok: false, reason: 'not a number' };
      const x = Number(raw) + 0; // -0 → 0, as for integers
      const below = spec.minExclusive ? x <= spec.min : x < spec.min;
      const above = spec.maxExclusive ? x >= spec.max : x > spec.max;
      if (!Number.isFinite(x) || below || above) return { ok: false, reason: `out of bounds (${describeBounds(spec, p)})` };
      return { ok: true, value: x };
    }
    case 'bool':
      if (raw === '1' || raw === 'true') return { ok: true, value: true };
      if (raw === '0' || raw === 'false') return { ok: true, value: false };
      return { ok: false, reason: 'not 0 or 1' };
    case 'enum': {
      const match = spec.values.find((v) => String(v) === raw);
      if (match === undefined) {
        return { ok: false, reason: `not one of ${spec.values.join(', ')}` };
      }
      return { ok: true, value: match };
    }
    case 'string': {
      if (raw.length > spec.maxLength) return { ok: false, reason: `longer than ${spec.maxLength} characters` };
      if (spec.key === 'spectrum' && spectrumNeedsCheck(raw)) {
        if (!context.evaluateSpectrum) return { ok: false, reason: 'the expression checker (mathjs) could not be loaded, so the expression cannot be used' };
        const r = context.evaluateSpectrum(raw, p.D);
        if (!r.ok) return { ok: false, reason: r.message };
      }
      return { ok: true, value: raw };
    }
    case 'enumList': {
      if (raw === '') return { ok: true, value: [] };
      const parts = raw.split(',');
      const bad = parts.find((v) => !spec.values.includes(v));
      if (bad !== undefined) return { ok: false, reason: `${shown(bad)} is not one of ${spec.values.join(', ')}` };
      return { ok: true, value: spec.values.filter((v) => parts.includes(v)) };
    }
    case 'indexSet': {
      if (!/^\d+(,\d+)*$/.test(raw)) return { ok: false, reason: 'not a comma-separated list of eigen-indices' };
      if (pointsOf(p) === 'assignments') return parseAssignment(raw, p);
      const I = [...new Set(raw.split(',').map(Number))].sort((a, b) => a - b);
      if (I.some((i) => i < 1 || i > p.D)) return { ok: false, reason: `indices must lie in 1..${p.D}` };
      if (I.length > p.d) return { ok: false, reason: `a critical point has at most d = ${p.d} indices` };
      return { ok: true, value: I };
    }
  }
}

/** σ under the ordered profile: one entry per hidden unit, its eigen-index in 1..D or 0 (unused), no eigen-index twice. */
function parseAssignment(raw: string, p: ExplorerParams): ParseOutcome {
  const σ = raw.split(',').map(Number);
  if (σ.length !== p.d)
    return {
      ok: false,
      reason: `under wdProfile=ordered a critical point assigns each of the d = ${p.d} hidden units (0 when unused), e.g. cp=${Array.from({ length: p.d }, (_, j) => j + 1).join(',')}`,
    };
  if (σ.some((i) => i > p.D)) return { ok: false, reason: `indices must lie in 0..${p.D}` };
  const used = σ.filter((i) => i !== 0);
  if (new Set(used).size !== used.length) return { ok: false, reason: 'an eigenvector is assigned to two hidden units' };
  return { ok: true, value: σ };
}

/** The default spectrum needs no check (valid for every D; a unit test holds that); any other does. */
function spectrumNeedsCheck(raw: string): boolean {
  return raw !== defaultParams().spectrum;
}

/** Whether parsing `search` needs the spectrum checker (src/state/spectrumCheck.ts), loaded on demand. */
export function queryNeedsSpectrumCheck(search: string): boolean {
  const raw = new URLSearchParams(search).get('spectrum');
  return raw !== null && spectrumNeedsCheck(raw);
}

/** The fallback when a value is rejected: the default, clamped into bounds that depend on other keys. */
function fallback(spec: KeySpec, p: ExplorerParams): unknown {
  if (spec.type === 'int') {
    const lo = resolveBound(spec.min, p);
    const hi = resolveBound(spec.max, p);
    return Math.min(hi, Math.max(lo, (spec.modelDefault?.[p.model] ?? spec.default) as number));
  }
  // The default spectrum 2^(−k) is finite and positive for every allowed D (2^−1024 is a
  // subnormal, not zero), so it needs no check here; a unit test holds that. Skipping the check
  // keeps mathjs's parser, whose first use costs ≈ 50 ms, off the page's start-up path.
  return spec.modelDefault?.[p.model] ?? spec.default;
}

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/**
 * What parsing needs beyond the URL: the shape of the uploaded data, if any, and the spectrum
 * checker (src/state/spectrumCheck.ts on the page; without it a spectrum other than the default is
 * refused with a message).
 */
export interface ParseContext {
  custom?: { rows: number; cols: number } | null;
  evaluateSpectrum?: SpectrumEvaluator | null;
}

/** URL query string → validated state. Never throws; unknown keys are ignored. */

export function parseUrl(search: string, context: ParseContext = {}): ParsedUrl {
  const query = new URLSearchParams(search);
  const p = defaultParams();
  const messages: ParamMessage[] = [];
  const notes: string[] = [];
  const target = p as unknown as Record<string, unknown>;
  for (const spec of URL_SCHEMA) {
    const all = query.getAll(spec.key);
    const fixed = spec.key === 'D' || spec.key === 'T' ? fixedShape(p, context.custom ?? null)[spec.key as 'D' | 'T'] : undefined;
    if (fixed !== undefined) {
      target[spec.key] = fixed;
      if (all.length > 0 && all[0] !== String(target[spec.key]))
        notes.push(`${p.data} fixes ${spec.key} = ${target[spec.key]}; the URL's ${spec.key}=${all[0]} is not used.`);
      continue;
    }
    if (all.length === 0) {
      target[spec.key] = fallback(spec, p);
      continue;
    }
    const raw = all[0];
    const outcome = parseValue(spec, raw, p, context);
    if (outcome.ok) target[spec.key] = outcome.value;
    else {
      target[spec.key] = fallback(spec, p);
      messages.push({ key: spec.key, value: shown(raw), used: formatValue(target[spec.key]), reason: outcome.reason });
    }
    if (all.length > 1)
      messages.push({
        key: spec.key,
        value: shown(all.join(' | ')),
        used: formatValue(target[spec.key]),
        reason: `given ${all.length} times; only the first counts`,
      });
  }
  if (p.data === 'digits' && p.T > DIGITS_COUNT) {
    messages.push({ key: 'T', value: String(p.T), used: String(DIGITS_COUNT), reason: `there are ${DIGITS_COUNT.toLocaleString('en')} digits` });
    p.T = DIGITS_COUNT;
  }
  applyWorkLimits(p, messages);
  // Fuzzing fix (issue 6): the work limits may reduce a value that an earlier message (a rejected
  // or duplicated steps/runs/T) already reported as used; every message states the value finally used.
  for (const m of messages) m.used = formatValue(target[m.key]);
  return { params: p, messages, notes };
}

/** Reduce work that would take too long or too much memory, with a message (never silently). */
function applyWorkLimits(p: ExplorerParams, messages: ParamMessage[]): void {
  if (p.T * p.D > MAX_DATA_NUMBERS && (p.data === 'gaussian' || p.data === 'sparse' || p.data === 'digits')) {
    const T = Math.floor(MAX_DATA_NUMBERS / p.D);
    messages.push({ key: 'T', value: String(p.T), used: String(T), reason: `T · D may be at most ${MAX_DATA_NUMBERS.toLocaleString('en')}` });
    p.T = T;
  }
  const { limit, reason } = trainingLimit(p);
  const perStep = trainingLimit({ ...p, runs: 1, steps: 1 }).work;
  if (p.runs * p.steps * perStep > limit) {
    const steps = Math.max(1, Math.floor(limit / (p.runs * perStep)));
    messages.push({ key: 'steps', value: String(p.steps), used: String(steps), reason });
    p.steps = steps;
  }
  // D · d · (d + 2) ≤ 1024 · 1023 · 1025 < the limit, so one run of one step always fits (relu: batch · D · d ≤ 16,384 · 200 · 199 < its limit).
  if (p.runs * p.steps * perStep > limit) {
    const runs = Math.max(1, Math.floor(limit / (p.steps * perStep)));
    messages.push({ key: 'runs', value: String(p.runs), used: String(runs), reason });
    p.runs = runs;
    // Fuzzing fix (issue 6): a selected run that no longer exists was dropped without a message.
    if (p.run !== null && p.run > runs) {
      messages.push({ key: 'run', value: String(p.run), used: formatValue(null), reason: `only ${runs} runs fit the work limit` });
      p.run = null;
    }
  }
}

/** Keep a value readable in the URL: only what a query really needs escaped is escaped. */
function encodeReadable(value: string): string {
  return encodeURIComponent(value).replace(/%(28|29|5E|2A|2C|2F)/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Validated state → query string (with leading '?'), keys in table order. */
export function serializeParams(p: ExplorerParams): string {
  const parts: string[] = [];
  for (const spec of URL_SCHEMA) {
    const value = (p as unknown as Record<string, unknown>)[spec.key];
    if (value === null || value === undefined) continue;
    if (spec.key === 'present' && value === false) continue;
    if (spec.relevant && !spec.relevant(p)) continue;
    parts.push(`${spec.key}=${encodeReadable(formatValue(value))}`);
  }
  return `?${parts.join('&')}`;
}
