import { describe, expect, it } from 'vitest';
import { evaluateSpectrum, SPECTRUM_MAX_LENGTH } from '../../../src/core/data/spectrumExpression';

function values(expr: string, D: number): number[] {
  const r = evaluateSpectrum(expr, D);
  if (!r.ok) throw new Error(`expected ${expr} to be accepted, got: ${r.message}`);
  return Array.from(r.variances);
}

function rejection(expr: string, D = 5): string {
  const r = evaluateSpectrum(expr, D);
  if (r.ok) throw new Error(`expected ${expr} to be rejected, got ${Array.from(r.variances)}`);
  return r.message;
}

describe('evaluateSpectrum: values λ_k for k = 1..D', () => {
  it('2^(-k) gives ½, ¼, ⅛, 1/16', () => {
    expect(values('2^(-k)', 4)).toEqual([0.5, 0.25, 0.125, 0.0625]);
  });

  it('1/k gives 1, ½, ⅓, ¼, ⅕', () => {
    const v = values('1/k', 5);
    [1, 1 / 2, 1 / 3, 1 / 4, 1 / 5].forEach((x, i) => {
      expect(v[i]).toBeCloseTo(x, 15);
    });
  });

  it('exp(-k) gives e^{-1}, …, e^{-6}', () => {
    const v = values('exp(-k)', 6);
    v.forEach((x, i) => {
      expect(Math.abs(x - Math.exp(-(i + 1)))).toBeLessThan(1e-16);
    });
  });

  it('allows the whitelisted functions and constants: pi, e, sqrt, mod, max, log', () => {
    expect(values('pi * k', 2)).toEqual([Math.PI, 2 * Math.PI]);
    const v = values('max(1, e) + sqrt(k) + mod(k, 2) + log(k)', 3);
    [1, 2, 3].forEach((k, i) => {
      expect(Math.abs(v[i] - (Math.E + Math.sqrt(k) + (k % 2) + Math.log(k)))).toBeLessThan(1e-14);
    });
  });

  it('returns exactly D values (a Float64Array)', () => {
    const r = evaluateSpectrum('1', 17);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.variances).toBeInstanceOf(Float64Array);
      expect(r.variances).toHaveLength(17);
    }
  });

  it('accepts zero variances as long as not all are zero', () => {
    expect(values('max(0, 3 - k)', 4)).toEqual([2, 1, 0, 0]);
  });
});

describe('evaluateSpectrum: rejects anything but arithmetic, with a specific message', () => {
  it.each([
    ['import(x)', 'function "import" is not allowed'],
    ['createUnit("x")', 'function "createUnit" is not allowed'],
    ['evaluate("1")', 'function "evaluate" is not allowed'],
    ['parse("k")', 'function "parse" is not allowed'],
    ['a = 1', 'assignment expressions are not allowed'],
    ['f(x) = x', 'functionassignment expressions are not allowed'],
    ['[1,2]', 'array expressions are not allowed'],
    ['"s"', 'only numbers are allowed, not "s"'],
    ['1 cm', 'unknown symbol "cm"'],
    ['x + k', 'unknown symbol "x"'],
    ['k!', 'operator "!" is not allowed'],
    ['k == 1', 'operator "==" is not allowed'],
    ['k ? 1 : 2', 'conditional expressions are not allowed'],
    ['{a: 1}', 'object expressions are not allowed'],
  ])('%s → “%s”', (expr, expected) => {
    expect(rejection(expr)).toContain(expected);
  });

  it('a negative variance names its value and k: -k → negative (-1) at k = 1', () => {
    expect(rejection('-k')).toContain('negative (-1) at k = 1');
    expect(rejection('3 - k')).toContain('negative (-1) at k = 4');
  });

  it('1/(k-2) is rejected (negative at k = 1, before its pole)', () => {
    expect(rejection('1/(k-2)')).toContain('at k = 1');
  });

  it('1/(k-2)^2 is infinite at k = 2 → not a finite real number at k = 2', () => {
    expect(rejection('1/(k-2)^2')).toContain('not a finite real number at k = 2');
  });

  it('sqrt(-k) is complex → not a finite real number at k = 1', () => {
    expect(rejection('sqrt(-k)')).toContain('not a finite real number at k = 1');
  });

  it('0/0 is NaN → not a finite real number', () => {
    expect(rejection('0/0 + k')).toContain('not a finite real number at k = 1');
  });

  it('every variance zero is rejected', () => {
    expect(rejection('0 * k')).toContain('every variance is zero');
  });

  it('empty, unparsable and over-long expressions are rejected', () => {
    expect(rejection('   ')).toContain('empty expression');
    expect(rejection('1 +')).toContain('cannot parse');
    expect(rejection('k'.padEnd(SPECTRUM_MAX_LENGTH + 1, ' '))).toContain(`longer than ${SPECTRUM_MAX_LENGTH} characters`);
  });
});
