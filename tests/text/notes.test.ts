import { describe, expect, it } from 'vitest';
import { noteSentence, tiedRuns } from '../../src/text/notes';

describe('the results’ notes and ties, in words', () => {
  it('names the quantity, never a code path', () => {
    expect(noteSentence({ path: 'diagnostics.conditionNumber', reason: 'Σ is singular to tolerance (λ_D ≤ τ)' })).toBe(
      'No condition number: Σ is singular to tolerance (λ_D ≤ τ).',
    );
    expect(noteSentence({ path: 'trajectories[2].final', reason: 'the weights overflowed to non-finite values' })).toBe(
      'Run 3: the weights overflowed to non-finite values.',
    );
    expect(noteSentence({ path: 'trajectories[0].loss[7]', reason: 'value NaN is not finite' })).toBe('Run 1, recorded loss 8: value NaN is not finite.');
    expect(noteSentence({ path: 'X', reason: 'T · D = 250000 > 200000' })).toMatch(/^The data matrix X is left out/);
  });

  it('writes consecutive ties as runs, and cuts a long list', () => {
    expect(tiedRuns([[3, 4]])).toBe('λ3 = λ4');
    expect(
      tiedRuns([
        [1, 2],
        [2, 3],
        [5, 6],
      ]),
    ).toBe('λ1 = λ2 = λ3, λ5 = λ6');
    const pairs = Array.from({ length: 92 }, (_, k) => [108 + k, 109 + k] as [number, number]);
    expect(tiedRuns(pairs)).toBe('λ108 = … = λ200 (93 equal)');
    const scattered = Array.from({ length: 10 }, (_, k) => [3 * k + 1, 3 * k + 2] as [number, number]);
    expect(tiedRuns(scattered)).toMatch(/ and 4 more runs of ties$/);
  });
});
