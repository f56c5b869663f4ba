import { decayLevels, levelsAt } from '../core/models/linear/decayLevels';
import { formatI } from './lossFigure';
import { lossLabel } from './lossScale';
import { OKABE_ITO, rankSymbol } from './palette';
import { BASE_LAYOUT, type Figure, type ViewOptions } from './types';

/** The sets drawn: I ⊆ the top LEVEL_DIRECTIONS eigen-directions (at most 2⁸ curves). */
const LEVEL_DIRECTIONS = 8;

export interface LevelsInput {
  λ: ArrayLike<number>;
  d: number;
  parameters: number;
  /** μ / λ₁ of the slider (a preview) and of the landscape on screen (the URL's wd). */
  preview: number;
  applied: number;
  scale: number;
  norm: ViewOptions['norm'];
}

/**
 * L(I; μ) against μ/λ₁ for every I ⊆ top 8, |I| ≤ d (docs/design.md §5; decayLevels.ts), one
 * colour per rank |I|; markers where the slider's μ cuts each curve, with that point's Morse index
 * in the hover. A curve ends where u_i is no longer learned, on its neighbour's level.
 */
export function decayLevelsFigure(p: LevelsInput): Figure {
  const λ1 = p.λ[0];
  const curves = decayLevels(p.λ, p.d, LEVEL_DIRECTIONS);
  const traces: Record<string, unknown>[] = [];
  const shownRank = new Set<number>();
  for (const c of curves) {
    const k = c.I.length;
    traces.push({
      type: 'scatter',
      mode: 'lines',
      x: c.μ.map((μ) => μ / λ1),
      y: c.L.map((L) => L * p.scale),
      name: `|I| = ${k}`,
      legendgroup: `rank${k}`,
      showlegend: !shownRank.has(k),
      line: { color: OKABE_ITO[k % OKABE_ITO.length], width: 2.5 },
      hovertemplate: `I = ${formatI(c.I)}<br>μ/λ₁ %{x:.3f}<br>loss %{y:.6g}<extra></extra>`,
    });
    shownRank.add(k);
  }
  const at = levelsAt(p.λ, p.d, p.preview * λ1, p.parameters, LEVEL_DIRECTIONS);
  traces.push({
    type: 'scatter',
    mode: 'markers',
    x: at.map(() => p.preview),
    y: at.map((a) => a.L * p.scale),
    text: at.map((a) => formatI(a.I)),
    customdata: at.map((a) => a.index),
    name: `points at μ/λ₁ = ${p.preview.toFixed(2)}`,
    marker: {
      color: at.map((a) => OKABE_ITO[a.I.length % OKABE_ITO.length]),
      symbol: at.map((a) => rankSymbol(a.I.length)),
      size: 11,
      line: { width: 1, color: '#000000' },
    },
    hovertemplate: 'I = %{text}<br>loss %{y:.6g}<br>Morse index %{customdata}<extra></extra>',
  });
  const vline = (x: number, dash: string, colour: string) => ({
    type: 'line',
    xref: 'x',
    yref: 'paper',
    x0: x,
    x1: x,
    y0: 0,
    y1: 1,
    line: { dash, color: colour, width: 2 },
  });
  return {
    data: traces,
    layout: {
      ...BASE_LAYOUT,
      title: { text: `Critical loss levels as the weight decay μ grows (sets of the top ${Math.min(LEVEL_DIRECTIONS, p.λ.length)} directions)` },
      xaxis: { title: { text: 'μ / λ₁ (the URL’s wd)' }, range: [0, 1] },
      yaxis: { title: { text: lossLabel({ norm: p.norm }) }, exponentformat: 'power' },
      legend: { orientation: 'h' },
      shapes: [vline(p.applied, 'solid', '#555555'), ...(p.preview !== p.applied ? [vline(p.preview, 'dash', '#000000')] : [])],
    },
  };
}
