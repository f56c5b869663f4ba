import { saxeModeStrength, saxePlateauExit } from '../core/models/linear/trajectoryAnatomy';
import type { Results, TrajectoryResult } from '../worker/protocol';
import { logStepTicks } from './axes';
import { OKABE_ITO, rankSymbol, runDash } from './palette';
import { BASE_LAYOUT, type Figure } from './types';

/**
 * Which account of a run's anatomy holds (docs/design.md §5): the seed's (Saxe et al.'s sigmoid; the
 * balancedness ‖AᵀA − BBᵀ‖ conserved by gradient flow), decayed (the flow shrinks AᵀA − BBᵀ by
 * e^{−4μt}), or tied (AᵀA − BBᵀ = 0 always; ‖BBᵀ − I‖ is recorded instead).
 */
export type AnatomyKind = 'seed' | 'decayed' | 'tied';
export function anatomyKind(results: Pick<Results, 'μ' | 'model'>): AnatomyKind {
  return results.model.id === 'tied' ? 'tied' : results.μ.some((m) => m !== 0) ? 'decayed' : 'seed';
}

/** Largest number of eigendirections drawn one curve each. */
const MAX_MODES = 12;

/**
 * diag P(t) = diag(UᵀA(t)B(t)U): how much of each eigendirection run r has learned, with the
 * Saxe et al. sigmoid for a small balanced start (dashed) and its plateau exit t½ for i ≤ d — for the
 * seed's model only (`kind`): the sigmoid is derived without decay or tying.
 */
export function modesFigure(t: TrajectoryResult, λ: Float64Array, d: number, kind: AnatomyKind = 'seed'): Figure {
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
    if (i < d && kind === 'seed') {
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
      title: { text: `Run ${t.run}: each eigendirection learned, P_ii(t)${kind === 'seed' ? ' (dashed: theory for a balanced start)' : ''}` },
      xaxis: { title: { text: 'step' }, type: 'log', ...logStepTicks(last, true) },
      yaxis: { title: { text: kind === 'tied' ? 'P_ii = u_iᵀ BᵀB u_i' : 'P_ii = u_iᵀ A B u_i' }, range: [-0.05, 1.1] },
      shapes,
      legend: { orientation: 'h', title: { text: 'P_ii of' } },
    },
  };
}

/** Principal angles between col(A) and span(u_1 … u_d) (degrees) and the balancedness ‖AᵀA − BBᵀ‖ (tied: ‖BBᵀ − I‖, `kind`). */
export function anatomyFigure(t: TrajectoryResult, d: number, kind: AnatomyKind = 'seed'): Figure {
  const record = kind === 'tied' ? '‖BBᵀ − I‖' : '‖AᵀA − BBᵀ‖';
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
    name: `${record} (right axis)`,
    yaxis: 'y2',
    line: { color: '#000000', width: 2, dash: 'dot' },
    hovertemplate: `${record} = %{y:.4g} at step %{x}<extra></extra>`,
  });
  return {
    data,
    timeline: { stepAxis: true, traces: data.map((_, k) => ({ trace: k, steps: t.step })) },
    layout: {
      ...BASE_LAYOUT,
      title: { text: kind === 'tied' ? 'Principal angles to span(u₁…u_d), and ‖BBᵀ − I‖' : 'Principal angles to span(u₁…u_d), and balancedness' },
      xaxis: { title: { text: 'step' }, type: 'log', ...logStepTicks(t.step[t.step.length - 1] ?? 1, true) },
      yaxis: { title: { text: 'degrees' }, range: [0, 92] },
      yaxis2: { title: { text: `${record}_F` }, overlaying: 'y', side: 'right', rangemode: 'tozero', exponentformat: 'e', tickformat: '.2e' },
      legend: { orientation: 'h' },
    },
  };
}

/**
 * Under the ordered decay profile (docs/design.md §5): each hidden unit j's angle to its own
 * eigenvector u_j over the run. The minimum puts unit j on u_j, so the angles fall to 0 one unit at a
 * time, and slowly: only the differences μ_j − μ_j′ rotate the units apart.
 */
export function unitAnglesFigure(t: TrajectoryResult, d: number): Figure {
  const xs = t.step.map((s) => Math.max(s, 0.5));
  const data = Array.from({ length: d }, (_, j) => ({
    type: 'scatter',
    mode: 'lines+markers',
    marker: { symbol: rankSymbol(j), size: 7, maxdisplayed: 10 },
    x: xs,
    y: t.records.unitAngles.map((v) => (v[j] * 180) / Math.PI),
    name: `unit ${j + 1} to u${j + 1}`,
    line: { color: OKABE_ITO[j % OKABE_ITO.length], width: 2.5, dash: runDash(j) },
    hovertemplate: `unit ${j + 1}: %{y:.3f}° from u${j + 1} at step %{x}<extra></extra>`,
  }));
  return {
    data,
    timeline: { stepAxis: true, traces: data.map((_, k) => ({ trace: k, steps: t.step })) },
    layout: {
      ...BASE_LAYOUT,
      title: { text: `Run ${t.run}: each hidden unit’s angle to its own eigenvector (ordered decay)` },
      xaxis: { title: { text: 'step' }, type: 'log', ...logStepTicks(t.step[t.step.length - 1] ?? 1, true) },
      yaxis: { title: { text: 'angle(b_j, u_j), degrees' }, range: [0, 92] },
      legend: { orientation: 'h' },
    },
  };
}
