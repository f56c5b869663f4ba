import type { Results } from '../worker/protocol';
import { lossLabel, lossScale } from './lossScale';
import { OKABE_ITO } from './palette';
import { BASE_LAYOUT, type Figure, type FigureParams } from './types';

/**
 * The loss distribution of all critical points, per rank |I| — shown when there are too many to
 * list. Exact ranks are counted; sampled ranks are scaled by C(D, k)/sample so all bars estimate
 * counts, and their legend entry says "sampled".
 */
export function histogramFigure(results: Results, params: FigureParams): Figure {
  const h = results.table.histogram;
  const scale = lossScale(params, results.T);
  const centres = Array.from({ length: h.bins }, (_, b) => ((h.edges[b] + h.edges[b + 1]) / 2) * scale);
  const width = (h.edges[1] - h.edges[0]) * scale;
  const data = h.counted
    .map((counted, k) => ({ counted, k }))
    .filter(({ counted }) => counted > 0)
    .map(({ k }) => ({
      type: 'bar',
      x: centres,
      y: Array.from(h.counts.subarray(k * h.bins, (k + 1) * h.bins), (c) => c * h.weight[k]),
      width,
      name: `|I| = ${k}${h.exact[k] ? '' : ' (sampled)'}`,
      marker: { color: OKABE_ITO[k % OKABE_ITO.length] },
      opacity: 0.75,
      hovertemplate: `|I| = ${k}: %{y:.4g} points near loss %{x:.6g}${h.exact[k] ? '' : ' (estimated from a sample)'}<extra></extra>`,
    }));
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'How the losses of all critical points are distributed' },
      barmode: 'overlay',
      xaxis: { title: { text: lossLabel(params) } },
      yaxis: { title: { text: 'critical points' }, type: 'log', exponentformat: 'power' },
      legend: { orientation: 'h' },
    },
  };
}
