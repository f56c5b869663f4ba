import { describe, expect, it } from 'vitest';
import { tableRow } from '../../src/core/landscape/criticalPointTable';
import { formatI, lossFigure } from '../../src/plots/lossFigure';
import { indexColour } from '../../src/plots/palette';
import { defaultParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';

type Trace = {
  name?: string;
  x: (number | null)[];
  y: (number | null)[];
  text?: (string | null)[];
  customdata?: (string | null)[];
  line?: { color?: string; dash?: string };
};

describe('lossFigure: the critical loss levels', () => {
  // D = 12, d = 4: 794 critical points with Morse indices 0..44, more indices than colours.
  const p = { ...defaultParams(), D: 12, d: 4, T: 300, runs: 2, steps: 200 };
  const r = computeAll(p);
  const figure = lossFigure(r, p);
  const levels = figure.data.filter((t) => (t as Trace).line?.dash === 'dot') as Trace[];

  it('draws one trace per index colour, never more than the scale has', () => {
    const colours = levels.map((t) => t.line?.color);
    expect(new Set(colours).size).toBe(colours.length);
    expect(levels.length).toBeLessThanOrEqual(10);
    const indices = new Set(levels.flatMap((t) => (t.text ?? []).filter((s): s is string => s !== null).map((s) => s.split('Morse index ')[1])));
    expect(indices.size).toBeGreaterThan(levels.length); // several indices share a trace
    expect(levels.length).toBeGreaterThan(1);
  });

  it('every level is L(I) = tr Σ − Σ_{i∈I} λ_i of the point it names, with that point’s Morse index and colour', () => {
    let maxIndex = 0;
    for (let row = 0; row < r.table.count; row++) maxIndex = Math.max(maxIndex, r.table.index[row]);
    let checked = 0;
    for (const t of levels) {
      for (let k = 0; k < t.y.length; k += 3) {
        const I = (t.customdata?.[k] ?? '').split(',').filter(Boolean).map(Number);
        const point = tableRow(r.table, r.order.find((row) => formatI(tableRow(r.table, row).I) === formatI(I)) ?? -1);
        const expected = r.traceSigma - I.reduce((s, i) => s + r.eigenvalues[i - 1], 0);
        expect(t.y[k]).toBeCloseTo(expected, 9);
        expect(t.y[k + 1]).toBe(t.y[k]);
        expect(t.y[k + 2]).toBeNull(); // segments are separated by gaps
        expect(t.text?.[k]).toContain(`Morse index ${point.index}`);
        expect(t.line?.color).toBe(indexColour(point.index, maxIndex));
        checked++;
      }
    }
    // Every distinct (loss, index) level but the global minimum's is drawn.
    expect(checked).toBeGreaterThan(100);
  });
});
