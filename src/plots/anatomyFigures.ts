import { saxeModeStrength, saxePlateauExit } from '../core/models/linear/trajectoryAnatomy';
import type { TrajectoryResult } from '../worker/protocol';
import { logStepTicks } from './axes';
import { OKABE_ITO, rankSymbol, runDash } from './palette';
import { BASE_LAYOUT, type Figure } from './types';

/** Largest number of eigendirections drawn one curve each. */
const MAX_MODES = 12;

/**
 * diag P(t) = diag(UᵀA(t)B(t)U): how much of each eigendirection run r has learned, with the
 * Saxe et al. sigmoid for a small balanced start (dashed) and its plateau exit t½ for i ≤ d.
 */
export function modesFigure(t: TrajectoryResult, λ: Float64Array, d: number): Figure {
  const D = λ.length;
  const shown = Math.min(D, MAX_MODES);
  const xs = t.step.map((s) => Math.max(s, 0.5));
  const data: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const last = t.step[t.step.length - 1] ?? 1;
  const measured: number[] = [];
  for (let i = 0; i < shown; i++) {
    const colour = OKABE_ITO[i % OKABE_ITO.length];
    measured.push(data.length);
    data.push({
      type: 'scatter',
      // Markers (a shape per direction, a few per curve) tell the curves apart without colour.
      mode: 'lines+markers',
      x: xs,
      y: t.records.learned.map((p) => p[i]),
      name: `u${i + 1}`,
      line: { color: colour, width: i < d ? 2.5 : 1.2 },
      marker: { symbol: rankSymbol(i), size: 7, maxdisplayed: 10 },
      hovertemplate: `P<sub>${i + 1}${i + 1}</sub> = %{y:.4f} at step %{x}<extra></extra>`,
    });
    if (i < d) {
      const p0 = t.records.initialStrength[i];
      const theory = xs.map((s) => saxeModeStrength(p0, λ[i], t.eta, s));
      data.push({
        type: 'scatter',
        mode: 'lines',
        x: xs,
        y: theory,
        name: `sigmoid, mode ${i + 1}`,
        showlegend: i === 0,
        legendgroup: 'theory',
        line: { color: colour, width: 1.5, dash: 'dash' },
        hoverinfo: 'skip',
      });
      const exit = saxePlateauExit(p0, λ[i], t.eta);
      if (exit !== null && exit >= 1 && exit <= last)
        shapes.push({ type: 'line', x0: exit, x1: exit, yref: 'paper', y0: 0, y1: 1, line: { color: colour, width: 1, dash: 'dot' } });
    }
  }
  return {
    data,
    // The measured curves follow the scrubber; the theory curves are the reference they are read against.
    timeline: { stepAxis: true, traces: measured.map((k) => ({ trace: k, steps: t.step })) },
    layout: {
      ...BASE_LAYOUT,
      title: { text: `Run ${t.run}: each eigendirection learned, P_ii(t) (dashed: theory for a balanced start)` },
      xaxis: { title: { text: 'step' }, type: 'log', ...logStepTicks(last, true) },
      yaxis: { title: { text: 'P_ii = u_iᵀ A B u_i' }, range: [-0.05, 1.1] },
      shapes,
      legend: { orientation: 'h', title: { text: 'P_ii of' } },
    },
  };
}

/** Principal angles between col(A) and span(u_1 … u_d) (degrees) and the balancedness ‖AᵀA − BBᵀ‖. */
export function anatomyFigure(t: TrajectoryResult, d: number): Figure {
  const xs = t.step.map((s) => Math.max(s, 0.5));
  const data: Record<string, unknown>[] = [];
  for (let a = 0; a < d; a++)
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      marker: { symbol: rankSymbol(a), size: 7, maxdisplayed: 10 },
      x: xs,
      y: t.records.angles.map((v) => (v[a] * 180) / Math.PI),
      name: `angle ${a + 1}`,
      line: { color: OKABE_ITO[a % OKABE_ITO.length], width: 2, dash: runDash(a) },
      hovertemplate: `principal angle ${a + 1}: %{y:.3f}° at step %{x}<extra></extra>`,
    });
  data.push({
    type: 'scatter',
    mode: 'lines',
    x: xs,
    y: t.records.balancedness,
    name: '‖AᵀA − BBᵀ‖ (right axis)',
    yaxis: 'y2',
    line: { color: '#000000', width: 2, dash: 'dot' },
    hovertemplate: '‖AᵀA − BBᵀ‖ = %{y:.4g} at step %{x}<extra></extra>',
  });
  return {
    data,
    timeline: { stepAxis: true, traces: data.map((_, k) => ({ trace: k, steps: t.step })) },
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'Principal angles to span(u₁…u_d), and balancedness' },
      xaxis: { title: { text: 'step' }, type: 'log', ...logStepTicks(t.step[t.step.length - 1] ?? 1, true) },
      yaxis: { title: { text: 'degrees' }, range: [0, 92] },
      yaxis2: { title: { text: '‖AᵀA − BBᵀ‖_F' }, overlaying: 'y', side: 'right', rangemode: 'tozero', exponentformat: 'e', tickformat: '.2e' },
      legend: { orientation: 'h' },
    },
  };
}
