import type { Results } from '../worker/protocol';
import { lossScale } from './lossScale';
import { BASE_LAYOUT, type Figure, type FigureParams } from './types';

/** Σ = XᵀX as a heatmap on a diverging scale centred at 0 (row 1 at the top, like a matrix). */
export function sigmaFigure(results: Results, params: FigureParams): Figure {
  const scale = lossScale(params, results.T);
  const { D } = results;
  const z: number[][] = [];
  let maxAbs = 0;
  for (let r = 0; r < D; r++) {
    const row: number[] = [];
    for (let c = 0; c < D; c++) {
      const v = results.sigma.data[r * D + c] * scale;
      row.push(v);
      maxAbs = Math.max(maxAbs, Math.abs(v));
    }
    z.push(row);
  }
  const axis = Array.from({ length: D }, (_, i) => i + 1);
  return {
    data: [
      {
        type: 'heatmap',
        z,
        x: axis,
        y: axis,
        colorscale: 'RdBu',
        reversescale: true,
        zmin: -maxAbs || -1,
        zmax: maxAbs || 1,
        hovertemplate: `${params.norm === 'mean' ? 'Σ/T' : 'Σ'}[%{y}, %{x}] = %{z:.6g}<extra></extra>`,
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: params.norm === 'mean' ? 'Σ / T (second moment per sample)' : 'Σ = XᵀX' },
      xaxis: { title: { text: 'column' }, dtick: D <= 16 ? 1 : undefined },
      yaxis: { title: { text: 'row' }, autorange: 'reversed', dtick: D <= 16 ? 1 : undefined },
    },
  };
}
