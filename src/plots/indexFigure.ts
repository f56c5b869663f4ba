import type { Results } from '../worker/pipeline';
import type { ExplorerParams } from '../state/urlSchema';
import { formatI } from './lossFigure';
import { lossLabel, lossScale } from './lossScale';
import { GLOBAL_MIN_COLOUR, OKABE_ITO } from './palette';
import { BASE_LAYOUT, type Figure } from './types';

/**
 * Every critical point as (Morse index, loss), one trace per rank |I|. Baldi–Hornik in one
 * picture: only the global minimum sits at index 0; every other point has a descent direction.
 */
/** Above this many points the markers are drawn with WebGL (`scattergl`) when the browser has it. */
export const WEBGL_POINTS = 1500;

export function indexFigure(results: Results, params: ExplorerParams, webgl = false): Figure {
  const type = webgl && results.criticalPoints.length > WEBGL_POINTS ? 'scattergl' : 'scatter';
  const scale = lossScale(params, results.T);
  const maxIndex = Math.max(0, ...results.criticalPoints.map((c) => c.index));
  const byRank = new Map<number, typeof results.criticalPoints>();
  for (const c of results.criticalPoints) {
    const group = byRank.get(c.I.length);
    if (group) group.push(c);
    else byRank.set(c.I.length, [c]);
  }
  const isMinimum = (I: number[]) => I.length === params.d && I.every((i, m) => i === m + 1);
  const traces: Record<string, unknown>[] = [...byRank.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, cs]) => ({
      type,
      mode: 'markers',
      x: cs.map((c) => c.index),
      y: cs.map((c) => c.loss * scale),
      customdata: cs.map((c) => c.I.join(',')),
      text: cs.map((c) => formatI(c.I)),
      name: `|I| = ${k}${k === params.d ? ' (full rank)' : ''}`,
      marker: { color: OKABE_ITO[k % OKABE_ITO.length], size: 9, opacity: 0.85, line: { width: 0.5, color: '#ffffff' } },
      hovertemplate: 'I = %{text}<br>loss %{y:.6g}<br>Morse index %{x}<extra></extra>',
    }));
  const minimum = results.criticalPoints.find((c) => isMinimum(c.I));
  if (minimum)
    traces.push({
      type: 'scatter',
      mode: 'markers',
      x: [minimum.index],
      y: [minimum.loss * scale],
      text: [formatI(minimum.I)],
      name: 'global minimum',
      marker: { color: GLOBAL_MIN_COLOUR, size: 18, symbol: 'star', line: { width: 1, color: '#000000' } },
      hovertemplate: 'global minimum I = %{text}<br>loss %{y:.6g}<br>Morse index %{x}<extra></extra>',
    });
  const selected = params.cp ? results.criticalPoints.find((c) => formatI(c.I) === formatI(params.cp ?? [])) : undefined;
  if (selected)
    traces.push({
      type: 'scatter',
      mode: 'markers',
      x: [selected.index],
      y: [selected.loss * scale],
      text: [formatI(selected.I)],
      name: `selected ${formatI(selected.I)}`,
      marker: { color: 'rgba(0,0,0,0)', size: 22, symbol: 'circle-open', line: { width: 3, color: '#000000' } },
      hovertemplate: 'selected I = %{text}<extra></extra>',
    });
  return {
    data: traces,
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'Every critical point: loss against Morse index', font: { size: 14 } },
      xaxis: { title: { text: 'Morse index (number of descent directions)' }, range: [-1, maxIndex + 1], zeroline: false },
      yaxis: { title: { text: lossLabel(params) }, exponentformat: 'power' },
      legend: { orientation: 'h', x: 0, y: -0.3, font: { size: 12 } },
      margin: { l: 64, r: 8, t: 36, b: 80 },
    },
  };
}
