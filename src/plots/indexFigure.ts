import { findRow, minimumRow, tableRow } from '../core/landscape/criticalPointTable';
import type { Results } from '../worker/protocol';
import { pointLabel } from './lossFigure';
import { lossLabel, lossScale } from './lossScale';
import { GLOBAL_MIN_COLOUR, OKABE_ITO, rankSymbol } from './palette';
import { BASE_LAYOUT, type Figure, type FigureParams } from './types';

/** Above this many points the markers are drawn with WebGL (`scattergl`) when the browser has it. */
const WEBGL_POINTS = 1500;
/** Up to this many points each carries its I as hover text; above, the hover shows the row and a click looks I up. */
const LABELLED_POINTS = 20_000;

/**
 * Every critical point as (Morse index, loss), one trace per rank |I|. Baldi–Hornik in one
 * picture: only the global minimum sits at index 0; every other point has a descent direction.
 * customdata is "i,j,…" (labelled) or the table row (past LABELLED_POINTS); both select the point.
 */
export function indexFigure(results: Results, params: FigureParams, webgl = false): Figure {
  const t = results.table;
  const scale = lossScale(params, results.T);
  const type = webgl && t.count > WEBGL_POINTS ? 'scattergl' : 'scatter';
  const labelled = t.count <= LABELLED_POINTS;
  const label = (key: number[]) => pointLabel(t.points, key);
  let maxIndex = 0;
  for (let r = 0; r < t.count; r++) maxIndex = Math.max(maxIndex, t.index[r]);
  const traces: Record<string, unknown>[] = [];
  for (let k = 0; k <= t.d; k++) {
    const a = t.rankStart[k];
    const b = t.rankStart[k + 1];
    if (b <= a) continue;
    const rows = Array.from({ length: b - a }, (_, n) => a + n);
    const names = labelled ? rows.map((r) => label(tableRow(t, r).I)) : null;
    traces.push({
      type,
      mode: 'markers',
      x: Array.from(t.index.subarray(a, b)),
      y: Array.from(t.loss.subarray(a, b), (v) => v * scale),
      customdata: labelled ? rows.map((r) => tableRow(t, r).I.join(',')) : rows,
      text: names ?? undefined,
      name: `${t.points === 'sets' ? '|I|' : 'units used'} = ${k}${k === params.d ? ' (full rank)' : ''}`,
      marker: {
        color: OKABE_ITO[k % OKABE_ITO.length],
        symbol: rankSymbol(k),
        size: t.count > 100_000 ? 3 : t.count > 20_000 ? 4 : 9,
        opacity: 0.85,
        line: { width: type === 'scatter' ? 0.5 : 0, color: '#ffffff' },
      },
      hovertemplate: names
        ? `${t.points === 'sets' ? 'I' : 'σ'} = %{text}<br>loss %{y:.6g}<br>Morse index %{x}<extra></extra>`
        : 'loss %{y:.6g}<br>Morse index %{x}<br>(click to select)<extra></extra>',
    });
  }
  const minRow = minimumRow(t, results.globalMinimumLoss, results.diagnostics.tolerance);
  const top = minRow >= 0 ? tableRow(t, minRow).I : [];
  if (minRow >= 0)
    traces.push({
      type: 'scatter',
      mode: 'markers',
      x: [t.index[minRow]],
      y: [t.loss[minRow] * scale],
      text: [label(top)],
      customdata: [top.join(',')],
      name: 'global minimum',
      marker: { color: GLOBAL_MIN_COLOUR, size: 18, symbol: 'star', line: { width: 1, color: '#000000' } },
      hovertemplate: `global minimum ${t.points === 'sets' ? 'I' : 'σ'} = %{text}<br>loss %{y:.6g}<br>Morse index %{x}<extra></extra>`,
    });
  const selRow = params.cp ? findRow(t, params.cp) : -1;
  if (selRow >= 0 && params.cp)
    traces.push({
      type: 'scatter',
      mode: 'markers',
      x: [t.index[selRow]],
      y: [t.loss[selRow] * scale],
      text: [label(params.cp)],
      customdata: [params.cp.join(',')],
      name: `selected ${label(params.cp)}`,
      marker: { color: 'rgba(0,0,0,0)', size: 22, symbol: 'circle-open', line: { width: 3, color: '#000000' } },
      hovertemplate: `selected ${t.points === 'sets' ? 'I' : 'σ'} = %{text}<extra></extra>`,
    });
  return {
    data: traces,
    layout: {
      ...BASE_LAYOUT,
      title: {
        text: t.complete
          ? `All ${t.count.toLocaleString('en')} critical points: loss against Morse index`
          : `${t.count.toLocaleString('en')} of ${t.total.toLocaleString('en')} critical points (the lowest-loss ${t.perRank?.toLocaleString('en')} of each rank): loss against Morse index`,
      },
      xaxis: { title: { text: 'Morse index (number of descent directions)' }, range: [-1, maxIndex + 1], zeroline: false },
      yaxis: { title: { text: lossLabel(params) }, exponentformat: 'power' },
      legend: { orientation: 'h' },
    },
  };
}
