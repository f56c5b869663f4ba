import type { Matrix } from '../core/linalg/matrix';
import { pointName, setName } from '../text/setName';
import type { DetailResults } from '../worker/protocol';
import { matrixHeatmapTrace } from './matrixHeatmap';
import { GLOBAL_MIN_COLOUR, OKABE_ITO } from './palette';
import { BASE_LAYOUT, type Figure } from './types';

/** W as a heatmap: W_I = U_I U_Iᵀ for the seed's model; under decay, tying or the ordered profile (`seed` false) W = AB at the point's representative. */
export function wMatrixFigure(W: Matrix, I: number[], points: 'sets' | 'assignments', seed: boolean): Figure {
  return {
    data: [matrixHeatmapTrace(W, 'W')],
    layout: {
      ...BASE_LAYOUT,
      title: { text: seed ? `W_I = U_I U_Iᵀ for I = ${setName(I)}` : `W = AB at ${points === 'sets' ? 'I' : 'σ'} = ${pointName(points, I)}` },
      yaxis: { autorange: 'reversed', title: { text: 'row' } },
      xaxis: { title: { text: 'column' } },
    },
  };
}

/** The representative (A, B) the Hessian was taken at: A (D × d) and B (d × D) side by side. */
export function representativeFigure(A: Matrix, B: Matrix, title: string): Figure {
  // One colour scale for both, so the bar is true for each.
  const range = Math.max(...A.data.map(Math.abs), ...B.data.map(Math.abs)) || 1;
  return {
    data: [matrixHeatmapTrace(A, 'A', { xaxis: 'x', yaxis: 'y' }, false, range), matrixHeatmapTrace(B, 'B', { xaxis: 'x2', yaxis: 'y2' }, true, range)],
    layout: {
      ...BASE_LAYOUT,
      title: { text: title },
      xaxis: { domain: [0, 0.3], title: { text: 'A (D × d)' }, dtick: 1 },
      yaxis: { autorange: 'reversed', dtick: 1 },
      xaxis2: { domain: [0.4, 1], title: { text: 'B (d × D)' }, dtick: 1 },
      yaxis2: { autorange: 'reversed', anchor: 'x2', dtick: 1 },
    },
  };
}

/**
 * The Hessian's eigenvalues, ascending, with the band |μ| ≤ τ that counts as zero shaded:
 * points below it are descent directions (the Morse index), points inside are flat directions.
 */
export function hessianFigure(detail: DetailResults, τ: number): Figure {
  const h = detail.hessian;
  if (!h) return { data: [], layout: BASE_LAYOUT };
  const μ = Array.from(h.eigenvalues);
  const x = μ.map((_, k) => k + 1);
  const colour = μ.map((v) => (v < -τ ? GLOBAL_MIN_COLOUR : v > τ ? OKABE_ITO[0] : '#555555'));
  return {
    data: [
      {
        type: 'scatter',
        mode: 'markers',
        x,
        y: μ,
        marker: { color: colour, size: 7 },
        hovertemplate: 'μ<sub>%{x}</sub> = %{y:.6g}<extra></extra>',
        name: 'Hessian eigenvalues',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: `Hessian spectrum: ${h.negative} negative (red), ${h.zero} zero (grey), ${h.positive} positive` },
      xaxis: { title: { text: 'k (ascending)' } },
      yaxis: { title: { text: 'μ_k' }, zeroline: true },
      shapes: [{ type: 'rect', xref: 'paper', x0: 0, x1: 1, y0: -τ, y1: τ, fillcolor: 'rgba(230,159,0,0.35)', line: { width: 0 } }],
      annotations: [
        {
          xref: 'paper',
          x: 1,
          xanchor: 'right',
          y: 0,
          yanchor: 'bottom',
          text: `zero band |μ| ≤ τ = ${τ.toPrecision(3)}`,
          showarrow: false,
          font: { size: 11 },
        },
      ],
      showlegend: false,
    },
  };
}

/** The loss along the path from W_I to a neighbour: measured points over the closed form. */
export function pathFigure(detail: DetailResults, scale: number): Figure {
  const p = detail.path;
  if (!p) return { data: [], layout: BASE_LAYOUT };
  const rotate = p.choice.kind === 'rotate';
  const label = rotate
    ? `rotate u${p.choice.kind === 'rotate' ? p.choice.i : ''} toward u${p.choice.j}: ${setName(detail.I)} → ${setName(p.target)}`
    : `grow a free unit along u${p.choice.j}: ${setName(detail.I)} → ${setName(p.target)}`;
  // A flat path (tied eigenvalues) varies only by rounding: show it flat, not Plotly's zoom into 1e-13.
  const values = [...p.closedForm, ...p.loss].map((v) => v * scale);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const flat = hi - lo <= 1e-9 * Math.max(Math.abs(hi), Math.abs(lo), 1e-300);
  const mid = (hi + lo) / 2;
  const half = Math.max(1e-3 * Math.abs(mid), 1e-12);
  return {
    data: [
      {
        type: 'scatter',
        mode: 'lines',
        x: p.s,
        y: p.closedForm.map((v) => v * scale),
        name: rotate ? 'L(I) − (λ_j − λ_i) sin²θ' : 'L(I) − λ_j (2t² − t⁴)',
        line: { color: OKABE_ITO[1], width: 3 },
      },
      {
        type: 'scatter',
        mode: 'markers',
        x: p.s,
        y: p.loss.map((v) => v * scale),
        name: 'L evaluated along the path',
        marker: { color: OKABE_ITO[0], size: 5 },
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: flat ? `${label} (flat: the loss does not change along it)` : label },
      xaxis: { title: { text: rotate ? 'θ (radians)' : 't' } },
      yaxis: { title: { text: 'loss' }, tickformat: '.7~g', ...(flat ? { range: [mid - half, mid + half] } : {}) },
      legend: { orientation: 'h' },
    },
  };
}
