import { describe, expect, it } from 'vitest';
import { hashWithData } from '../../src/state/urlWriter';

describe('the fragment that carries custom data', () => {
  it('replaces any data= part and keeps the rest, in order', () => {
    expect(hashWithData('', '#data=t.abc')).toBe('#data=t.abc');
    expect(hashWithData('#data=t.old', '#data=t.new')).toBe('#data=t.new');
    expect(hashWithData('#a=1&data=t.old&b=2', '#data=b.xyz')).toBe('#a=1&b=2&data=b.xyz');
  });

  it('without a fragment for the data (a table too large for a link), keeps only the other parts', () => {
    expect(hashWithData('#a=1&data=t.old', null)).toBe('#a=1');
    expect(hashWithData('#data=t.old', null)).toBe('');
    expect(hashWithData('#', null)).toBe('');
  });
});
