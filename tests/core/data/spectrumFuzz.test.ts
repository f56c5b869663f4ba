/**
 * Fuzzing the `spectrum` expression checker (issue 6). Expressions come from a grammar of the
 * whitelisted arithmetic, and from the same grammar with forbidden constructs spliced in
 * (import, createUnit, evaluate, parse, assignments, function definitions, matrices, strings,
 * units, ranges, objects, accessors, conditionals, comparisons, factorial, bitwise and logical
 * operators, transpose, `e.constructor`, every other mathjs function, unknown symbols …).
 *   - Every expression with a forbidden construct is rejected by the parser or by the tree check,
 *     i.e. before anything is evaluated: its message is exactly the checker's verdict.
 *   - Every whitelisted expression passes the tree check; evaluating it gives D finite values ≥ 0,
 *     or it is rejected with a message saying at which k it failed.
 */
import fc from 'fast-check';
import * as mathjs from 'mathjs';
import { describe, expect, it } from 'vitest';
import { checkSpectrumTree, evaluateSpectrum, SPECTRUM_FUNCTIONS, SPECTRUM_MAX_LENGTH } from '../../../src/core/data/spectrumExpression';

/** Messages that come from evaluation (allowed only for whitelisted trees). */
const EVALUATION_MESSAGE = /^(fails at k = \d+: |not a finite real number at k = \d+$|negative \(.+\) at k = \d+; |every variance is zero$)/;

// ---------------------------------------------------------------------------------------------
// The whitelisted grammar

const number = fc.oneof(
  fc.integer({ min: 0, max: 1000 }).map(String),
  fc.double({ min: 0, max: 100, noNaN: true }).map((x) => String(x)),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: -400, max: 300 })).map(([m, e]) => `${m}e${e}`),
  fc.constantFrom('0.5', '.25', '1e-3', '1e-400', '2.', '0x10', '0b101', '(50%)'),
);
const leaf = fc.oneof({ weight: 3, arbitrary: fc.constant('k') }, { weight: 3, arbitrary: number }, fc.constantFrom('pi', 'e', '2k', '3 pi', '2(k)', '(k)(k)'));
/** Arities that mathjs accepts for each whitelisted function (a wrong arity is still a whitelisted tree). */
const ARITY: Record<string, number[]> = { log: [1, 2], pow: [2], min: [1, 2, 3], max: [1, 2, 3], mod: [2], round: [1, 2] };
const arityOf = (name: string) => ARITY[name] ?? [1];

const { allowed } = fc.letrec<{ allowed: string }>((tie) => ({
  allowed: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('-', '+'), tie('allowed')).map(([op, a]) => `${op}(${a})`),
    fc.tuple(fc.constantFrom('-', '+'), leaf).map(([op, a]) => `${op}${a}`),
    fc
      .tuple(tie('allowed'), fc.constantFrom('+', '-', '*', '/', '^'), tie('allowed'), fc.boolean())
      .map(([a, op, b, paren]) => (paren ? `(${a}) ${op} (${b})` : `${a} ${op} ${b}`)),
    fc.tuple(fc.constantFrom(...SPECTRUM_FUNCTIONS), fc.array(tie('allowed'), { minLength: 1, maxLength: 3 }), fc.nat(9)).map(([name, args, wrong]) => {
      const arities = arityOf(name);
      // Mostly the right number of arguments; one time in ten whatever was drawn.
      const n = wrong === 0 ? args.length : arities.includes(args.length) ? args.length : arities[0];
      const used = Array.from({ length: n }, (_, i) => args[i % args.length]);
      return `${name}(${used.join(', ')})`;
    }),
    tie('allowed').map((a) => `(${a})`),
  ),
}));

// ---------------------------------------------------------------------------------------------
// Forbidden constructs

const FORBIDDEN = [
  'import(k)',
  'import({f: 1})',
  'createUnit("x")',
  'createUnit("foo", "1 cm")',
  'evaluate("1")',
  'evaluate("k")',
  'parse("k")',
  'compile("k")',
  'simplify("k")',
  'a = 1',
  'k = 1',
  'f(x) = x',
  'f(x) = exp(x)',
  'e = 3',
  'pi = 3',
  '[1, 2]',
  '[k]',
  '[[1]]',
  '"s"',
  "'s'",
  '"1"',
  '5 cm',
  '1 kg',
  'k inch',
  'k to cm',
  '2 in',
  '1:3',
  '1:k',
  '{a: 1}',
  '{}',
  'a[1]',
  '[1,2][1]',
  'k[1]',
  '{a: 1}.a',
  'e.constructor',
  'pi.constructor',
  'k.constructor',
  'e["constructor"]',
  'k.__proto__',
  'k > 1 ? 1 : 2',
  'k ? 1 : 2',
  'k > 1',
  'k < 1',
  'k >= 1',
  'k <= 1',
  'k == 1',
  'k != 1',
  '1 < k < 3',
  'k!',
  '3!',
  'k & 1',
  'k | 1',
  'k ^| 1',
  '~k',
  'k << 1',
  'k >> 1',
  'k >>> 1',
  'k and 1',
  'k or 1',
  'k xor 1',
  'not k',
  'k mod 2',
  'k % 2',
  'k .* 2',
  'k ./ 2',
  'k .^ 2',
  "k'",
  'transpose(k)',
  'transpose([1])',
  'x',
  'i',
  'E',
  'PI',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e400',
  '2e308',
  'true',
  'false',
  'null',
  'undefined',
  'exp',
  'sqrt',
  'k(2)',
  'pi(2)',
  'e(1)',
  'cos(k)[1]',
  'k; 1',
  'typed("f", {})',
  'config({})',
  'chain(k)',
  'help(exp)',
  'gamma(k)',
  'factorial(k)',
  'random()',
  'random(k)',
  'randomInt(9)',
  'matrix([1])',
  'resolve(k)',
  'string(k)',
  'isPrime(k)',
  'sum(k)',
  'prod(k)',
  'zeros(k)',
  'ones(2)',
  'range(1, 3)',
  'subset(k, 1)',
  'map([1], f)',
  'forEach([1], f)',
  'apply([1], 1, f)',
  'reviver()',
  'unit(5, "cm")',
  'derivative("k", "k")',
  'rationalize("k")',
  'constructor(k)',
  '__proto__(k)',
  'toString(k)',
  'valueOf(k)',
  'hasOwnProperty(k)',
];
/** Every mathjs function that is not whitelisted, called on k. */
const MATHJS_FUNCTIONS = Object.keys(mathjs).filter(
  (n) => /^[a-z]/.test(n) && !n.endsWith('Dependencies') && typeof (mathjs as Record<string, unknown>)[n] === 'function',
);
const OTHER_FUNCTIONS = MATHJS_FUNCTIONS.filter((n) => !SPECTRUM_FUNCTIONS.has(n));
const identifier = fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,10}$/).filter((n) => n !== 'k' && n !== 'pi' && n !== 'e' && !SPECTRUM_FUNCTIONS.has(n));

const forbiddenAtom = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FORBIDDEN) },
  { weight: 2, arbitrary: fc.constantFrom(...OTHER_FUNCTIONS).map((n) => `${n}(k)`) },
  { weight: 1, arbitrary: identifier },
  { weight: 1, arbitrary: identifier.map((n) => `${n}(k)`) },
);
/** A whitelisted expression with one forbidden construct somewhere inside. */
const forbidden = fc.oneof(
  forbiddenAtom,
  fc
    .tuple(allowed, fc.constantFrom('+', '-', '*', '/', '^'), forbiddenAtom, fc.boolean())
    .map(([a, op, f, left]) => (left ? `(${f}) ${op} (${a})` : `(${a}) ${op} (${f})`)),
  fc.tuple(fc.constantFrom(...SPECTRUM_FUNCTIONS), forbiddenAtom).map(([fn, f]) => `${fn}(${f})`),
  fc.tuple(fc.constantFrom('min', 'max'), allowed, forbiddenAtom).map(([fn, a, f]) => `${fn}(${a}, ${f})`),
  fc.tuple(forbiddenAtom, allowed).map(([f, a]) => `-(${f}) + exp(-(${a}))`),
);

// ---------------------------------------------------------------------------------------------

function expectRejectedBeforeEvaluation(expr: string, D: number): void {
  const r = evaluateSpectrum(expr, D);
  expect(r.ok, `${JSON.stringify(expr)} was accepted`).toBe(false);
  if (r.ok) return;
  expect(r.message, JSON.stringify(expr)).not.toMatch(EVALUATION_MESSAGE);
  if (r.message.startsWith('cannot parse') || r.message.startsWith('longer than') || r.message === 'empty expression') return;
  // Rejected by the tree check: the message is exactly its verdict on mathjs's own parse tree.
  expect(r.message, JSON.stringify(expr)).toBe(checkSpectrumTree(mathjs.parse(expr)));
}

function expectAcceptedOrExplained(expr: string, D: number): void {
  expect(checkSpectrumTree(mathjs.parse(expr)), JSON.stringify(expr)).toBeNull();
  const r = evaluateSpectrum(expr, D);
  if (r.ok) {
    expect(r.variances).toHaveLength(D);
    for (const v of r.variances) {
      expect(Number.isFinite(v) && v >= 0, `${JSON.stringify(expr)} gave ${v}`).toBe(true);
      expect(Object.is(v, -0), `${JSON.stringify(expr)} gave -0`).toBe(false);
    }
    expect(r.variances.some((v) => v > 0)).toBe(true);
  } else if (expr.length > SPECTRUM_MAX_LENGTH) expect(r.message).toContain('longer than');
  else expect(r.message, JSON.stringify(expr)).toMatch(EVALUATION_MESSAGE);
}

describe('spectrum expressions under fuzzing', () => {
  it('accepts every whitelisted tree; evaluated, it gives finite values ≥ 0 or a message naming k', () => {
    let accepted = 0;
    let runs = 0;
    fc.assert(
      fc.property(allowed, fc.integer({ min: 1, max: 40 }), (expr, D) => {
        runs++;
        expectAcceptedOrExplained(expr, D);
        if (evaluateSpectrum(expr, D).ok) accepted++;
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: a good share of the random arithmetic is a valid spectrum.
    expect(accepted / runs).toBeGreaterThan(0.2);
  });

  it('rejects every tree with a forbidden construct, before evaluation', () => {
    let reachedChecker = 0;
    let runs = 0;
    fc.assert(
      fc.property(forbidden, fc.integer({ min: 1, max: 40 }), (expr, D) => {
        runs++;
        expectRejectedBeforeEvaluation(expr, D);
        const r = evaluateSpectrum(expr, D);
        if (!r.ok && !r.message.startsWith('cannot parse')) reachedChecker++;
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: most of these parse, so the tree check (not the parser) is what rejects them.
    expect(reachedChecker / runs).toBeGreaterThan(0.8);
  });

  it('rejects each listed forbidden construct alone and inside arithmetic', () => {
    for (const f of FORBIDDEN) for (const expr of [f, `(${f}) + k`, `exp(-(${f}))`, `2^(-k) * (${f})`]) expectRejectedBeforeEvaluation(expr, 8);
  });

  it(`rejects each of the ${OTHER_FUNCTIONS.length} other mathjs functions by name, called or bare; accepts each whitelisted one`, () => {
    for (const name of OTHER_FUNCTIONS) {
      expectRejectedBeforeEvaluation(`${name}(k)`, 4);
      expectRejectedBeforeEvaluation(`${name}(k, 2)`, 4);
      if (name !== 'e') expectRejectedBeforeEvaluation(`${name} + k`, 4);
    }
    for (const name of SPECTRUM_FUNCTIONS) {
      const args = Array.from({ length: arityOf(name)[0] }, () => 'k').join(', ');
      expectAcceptedOrExplained(`abs(${name}(${args})) + 1`, 6);
      expect(evaluateSpectrum(`abs(${name}(${args})) + 1`, 6).ok, name).toBe(true);
    }
  });

  it('several statements are rejected at the top level; inside parentheses a newline is only white space', () => {
    for (const expr of ['k\n1', 'k;1', '1\nk', 'a = 1\nk', 'k\n']) expectRejectedBeforeEvaluation(expr, 4);
    expect(evaluateSpectrum('exp(k\n1)', 3)).toEqual(evaluateSpectrum('exp(k * 1)', 3));
    // Likewise `f(x)(2)` is implicit multiplication, not a call of a call.
    expect(evaluateSpectrum('exp(k)(2)', 3)).toEqual(evaluateSpectrum('exp(k) * 2', 3));
  });

  it('rejects hand-built trees the parser never makes: an allowed op with a foreign fn, a call of a non-symbol', () => {
    const k = new mathjs.SymbolNode('k');
    const one = new mathjs.ConstantNode(1);
    const op = (o: string, fn: string, args: mathjs.MathNode[]) => new mathjs.OperatorNode(o as '+', fn as 'add', args);
    expect(checkSpectrumTree(op('+', 'add', [k, one]))).toBeNull();
    expect(checkSpectrumTree(op('-', 'unaryMinus', [k]))).toBeNull();
    expect(checkSpectrumTree(op('+', 'evaluate', [k, one]))).toContain('not allowed');
    expect(checkSpectrumTree(op('-', 'unaryPlus', [k]))).toContain('not allowed');
    expect(checkSpectrumTree(op('add', 'add', [k, one]))).toContain('not allowed');
    expect(
      checkSpectrumTree(new mathjs.FunctionNode(new mathjs.AccessorNode(k, new mathjs.IndexNode([new mathjs.ConstantNode('constructor')])), [one])),
    ).toContain('not allowed');
    expect(checkSpectrumTree(new mathjs.ConstantNode(Number.NaN))).toContain('finite');
  });

  it('every tree of every single-character insertion into a valid expression is accepted or rejected, never thrown', () => {
    const base = 'max(0.1, 2^(-k) + sqrt(k) / (1 + k))';
    const chars = [...'!"#$%&\'()*+,-./0123456789:;<=>?@[\\]^_`{|}~ aekxπ∞\u0000'];
    for (let i = 0; i <= base.length; i++)
      for (const c of chars) {
        const expr = base.slice(0, i) + c + base.slice(i);
        expect(() => evaluateSpectrum(expr, 5), JSON.stringify(expr)).not.toThrow();
        const r = evaluateSpectrum(expr, 5);
        if (r.ok) for (const v of r.variances) expect(Number.isFinite(v) && v >= 0).toBe(true);
        let tree: mathjs.MathNode | null = null;
        try {
          tree = mathjs.parse(expr);
        } catch {
          // unparsable: rejected by the parser
        }
        if (tree && checkSpectrumTree(tree) !== null) expect(r.ok, JSON.stringify(expr)).toBe(false);
      }
  });
});
