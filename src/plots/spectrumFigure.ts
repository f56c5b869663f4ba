import type { Results } from '../worker/protocol';
import { lossScale } from './lossScale';
import { OKABE_ITO } from './palette';
import { BASE_LAYOUT, type Figure, type FigureParams } from './types';

/** λ_i of Σ as bars; the d kept by the global minimum {1..d} in colour, the rest grey. */
export function spectrumFigure(results: Results, params: FigureParams): Figure {
  const scale = lossScale(params, results.T);
  const λ = Array.from(results.eigenvalues, (v) => v * scale);
  const τ = results.diagnostics.tolerance * scale;
  const x = λ.map((_, i) => i + 1);
  const kept = x.map((i) => i <= params.d);
  const positive = λ.every((v) => v > τ);
  const useLog = positive && λ[0] / λ[λ.length - 1] > 30;
  return {
    data: [
      {
        type: 'bar',
        x,
        y: λ,
        marker: { color: kept.map((k) => (k ? OKABE_ITO[0] : '#9a9a9a')) },
        hovertemplate: 'λ<sub>%{x}</sub> = %{y:.6g}<extra></extra>',
        name: 'eigenvalues',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: `λ₁ ≥ … ≥ λ_D (blue: the top d = ${params.d})` },
      xaxis: { title: { text: 'i' }, dtick: λ.length <= 32 ? 1 : undefined },
      yaxis: {
        title: { text: params.norm === 'mean' ? 'λᵢ / T' : 'λᵢ' },
        type: useLog ? 'log' : 'linear',
        exponentformat: 'power',
        dtick: useLog ? 1 : undefined,
      },
      showlegend: false,
    },
  };
}
