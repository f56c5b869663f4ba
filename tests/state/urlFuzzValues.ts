/** Hostile values and query strings for fuzzing the URL parser (urlFuzz.test.ts). */
import fc from 'fast-check';
import { KEYS } from './urlFuzzChecks';
// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Any UTF-16 code unit sequence, lone surrogates included (location.search never has them, but setParam could). */
export const anyUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
);
export const anyString = fc.string({ unit: anyUnit, maxLength: 40 });

export const XSS = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  "'><svg onload=alert(1)>",
  'javascript:alert(1)',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, meant literally
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
];
export const HOSTILE_VALUES = [
  ...XSS,
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '+Infinity',
  'infinity',
  '-0',
  '+0',
  '-0.0',
  '0',
  '00',
  '1e400',
  '-1e400',
  '1e-400',
  '4.9e-324',
  '1.7976931348623157e308',
  '',
  ' ',
  ' 1',
  '1 ',
  '\t2',
  '0x10',
  '0b11',
  '0o7',
  '1_000',
  '1,000',
  '1.5',
  '.5',
  '5.',
  '1e3',
  '1E3',
  '1e',
  'e5',
  '+5',
  '-5',
  '--5',
  '+-5',
  '5-',
  '9007199254740993',
  '99999999999999999999',
  '4294967295',
  '4294967296',
  '-4294967295',
  '1024',
  '1025',
  '1000000',
  '1000001',
  '64',
  '65',
  '１２',
  '٣',
  '²',
  '½',
  'Ⅻ',
  '1\u00A0',
  '\u200B1',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '😀',
  'ÿ',
  'true',
  'false',
  'TRUE',
  'yes',
  'null',
  'undefined',
  '[]',
  '{}',
  '[1]',
  '{"a":1}',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'gaussian',
  'sparse',
  'iris',
  'digits',
  'custom',
  'Gaussian',
  'mnist',
  '10000',
  '10001',
  '784',
  '196',
  'random',
  'balanced',
  'sum',
  'mean',
  '1',
  '2',
  '3',
  '7',
  '8',
  'k',
  '2^(-k)',
  '1/k',
  'import(x)',
  'createUnit("x")',
  'evaluate("1")',
  'a=1',
  'f(x)=x',
  '[1,2]',
  '5 cm',
  '1:3',
  'e.constructor',
  '-k',
  '1/(k-2)^2',
  '0*k',
  '1,3',
  '3,1',
  '1,1',
  '0,1',
  '1,2,3,4,5,6,7,8,9',
  ',',
  '1,',
  ',1',
  '1,,2',
  '1;2',
  '1 2',
  '-1',
  '1.0',
];
/** Percent-encoding garbage and separators, inserted without further encoding. */
export const RAW_GARBAGE = [
  '%',
  '%%',
  '%Z',
  '%ZZ',
  '%0',
  '%00',
  '%E0%A4%A',
  '%C0%AF',
  '%FF%FE',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%2B',
  '%26',
  '%3D',
  '%25',
  '&',
  '=',
  '==',
  '&&',
  '+',
  '++',
  ';',
  '#',
  '?',
  '%3Cscript%3E',
];

const numberish = fc.oneof(
  fc.integer().map(String),
  fc.integer({ min: -5, max: 2000 }).map(String),
  fc.double().map(String), // NaN, ±Infinity, -0, subnormals, huge
  fc.double({ min: -20, max: 20 }).map((x) => x.toExponential()),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.array(fc.integer({ min: -3, max: 1100 }), { minLength: 1, maxLength: 12 }).map((a) => a.join(',')),
);
/** Long values: each pattern that could make a backtracking regular expression or a split slow. */
const longValue = fc
  .tuple(
    fc.constantFrom('1', '9', '0', '.', ',1', '1,', 'e', 'k+', '(', ')', '-', '<img src=x onerror=alert(1)>'),
    fc.integer({ min: 200, max: 3000 }),
    fc.constantFrom('', 'x', '.', 'e', ','),
  )
  .map(([unit, n, tail]) => unit.repeat(n) + tail);

export const hostileValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 3, arbitrary: numberish },
  { weight: 2, arbitrary: anyString },
  { weight: 1, arbitrary: longValue },
);
/** How a value is put into the query: percent-encoded properly, or spliced in raw, or with garbage around it. */
const encodedValue = fc.oneof(
  hostileValue.map((v) => encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))),
  hostileValue.map((v) => v.replace(/[&#]/g, '')),
  fc
    .tuple(fc.constantFrom(...RAW_GARBAGE), hostileValue, fc.constantFrom(...RAW_GARBAGE, ''))
    .map(([a, v, b]) => a + encodeURIComponent(v.replace(/[\uD800-\uDFFF]/g, '')) + b),
  fc.constantFrom(...RAW_GARBAGE),
);
const keyName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...KEYS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'x',
      'd ',
      ' D',
      'D%00',
      '%44',
      'cp[]',
      'cp[0]',
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      'dd',
      'RUNS',
      '',
    ),
  },
);
/** A query string of 0–12 key=value pairs (some keys repeated), with an optional leading '?'. */
export const hostileQuery = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 9, arbitrary: fc.tuple(keyName, encodedValue).map(([k, v]) => `${k}=${v}`) },
        { weight: 1, arbitrary: keyName }, // a key with no '='
      ),
      { maxLength: 12 },
    ),
    fc.constantFrom('&', '&', '&', '&&', ';'),
  )
  .map(([q, pairs, sep]) => (q ? '?' : '') + pairs.join(sep));

// ---------------------------------------------------------------------------------------------
