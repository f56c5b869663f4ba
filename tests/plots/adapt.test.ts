import { describe, expect, it } from 'vitest';
import { adaptFigure, fontSizes } from '../../src/plots/adapt';
import { logStepTicks } from '../../src/plots/axes';
import type { Figure } from '../../src/plots/types';

const figure = (): Figure => ({
  data: [
    { type: 'scatter', name: 'run 1', line: { width: 2, dash: 'dash' }, marker: { size: [4, 8] } },
    { type: 'heatmap', colorbar: { title: { text: 'loss' } } },
  ],
  layout: {
    title: { text: 'Loss along the path' },
    xaxis: { title: { text: 'step' }, type: 'log', ...logStepTicks(1000, true) },
    yaxis: { title: { text: 'loss' } },
    legend: { orientation: 'v', x: 1.02, y: 1 },
    annotations: [{ text: '{1}', font: { size: 12, color: '#000' } }],
  },
});

describe('a figure laid out for where it is shown', () => {
  it('takes the title out of Plotly (the page shows it as text, which wraps)', () => {
    const a = adaptFigure(figure(), { narrow: false, present: false });
    expect(a.title).toBe('Loss along the path');
    expect(a.layout.title).toBeUndefined();
  });

  it('lets every axis push its margin out for its labels, at the environment’s type size', () => {
    for (const env of [
      { narrow: false, present: false },
      { narrow: true, present: false },
      { narrow: false, present: true },
    ]) {
      const a = adaptFigure(figure(), env);
      const sizes = fontSizes(env);
      for (const axis of ['xaxis', 'yaxis'])
        expect(a.layout[axis]).toMatchObject({ automargin: true, tickfont: { size: sizes.tick }, title: { font: { size: sizes.title } } });
      expect((a.layout.annotations as { font: { size: number; color: string } }[])[0].font).toEqual({ size: sizes.tick, color: '#000' });
    }
    expect(fontSizes({ narrow: false, present: true }).tick).toBeGreaterThanOrEqual(18);
  });

  it('moves the legend below the plot when narrow, and keeps it where the figure put it otherwise', () => {
    expect(adaptFigure(figure(), { narrow: true, present: false }).layout.legend).toMatchObject({
      orientation: 'h',
      yref: 'container',
      y: 0,
      yanchor: 'bottom',
    });
    expect(adaptFigure(figure(), { narrow: false, present: false }).layout.legend).toMatchObject({ orientation: 'v', x: 1.02, y: 1 });
  });

  it('a narrow log axis keeps only the decades; step 0’s "0" and the 2s and 5s go', () => {
    const wide = adaptFigure(figure(), { narrow: false, present: false }).layout.xaxis as { tickvals: number[]; ticktext: string[] };
    expect(wide.ticktext).toEqual(['0', '1', '2', '5', '10', '20', '50', '100', '200', '500', '1000']);
    const narrow = adaptFigure(figure(), { narrow: true, present: false }).layout.xaxis as { tickvals: number[]; ticktext: string[] };
    expect(narrow.tickvals).toEqual([1, 10, 100, 1000]);
    expect(narrow.ticktext).toEqual(['1', '10', '100', '1000']);
  });

  it('presentation makes lines 1.6× and markers 1.4× heavier without touching the figure it was given', () => {
    const f = figure();
    const a = adaptFigure(f, { narrow: false, present: true });
    expect(a.data[0]).toMatchObject({ line: { width: 3.2, dash: 'dash' }, marker: { size: [4 * 1.4, 8 * 1.4] } });
    expect(f.data[0]).toMatchObject({ line: { width: 2 }, marker: { size: [4, 8] } });
    expect(adaptFigure(f, { narrow: true, present: false }).data[1]).toMatchObject({ colorbar: { thickness: 12, title: { text: 'loss' } } });
    expect(f.data[1]).toEqual({ type: 'heatmap', colorbar: { title: { text: 'loss' } } });
  });
});
