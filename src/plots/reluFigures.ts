/**
 * The figures of the ReLU model of Toy Models of Superposition (docs/design.md §7): every run's
 * loss against the exact linear baselines and the linear landscape's critical levels on the same
 * importance-scaled sample; the best run's WᵀW and b (the paper's heatmaps); its feature norms
 * coloured by superposition and its feature dimensionalities; W's columns in the hidden plane
 * (d = 2); and the paper's D = 2, d = 1 phase diagram.
 */
import { REPRESENTED_NORM } from '../core/models/relu/reluMetrics';
import type { Results } from '../worker/protocol';
import { logStepTicks } from './axes';
import { pointLabel } from './lossFigure';
import { lossLabel } from './lossScale';
import { matrixHeatmapTrace } from './matrixHeatmap';
import { GLOBAL_MIN_COLOUR, MINIMUM_LINE, OKABE_ITO, VIRIDIS_SCALE } from './palette';
import { BASE_LAYOUT, type Figure, type ViewOptions } from './types';

export type ReluFigureResults = Results & { relu: NonNullable<Results['relu']> };

/** At most this many distinct linear critical levels are drawn (lowest first). */
const MAX_LEVELS = 30;

/** The best run, the one whose geometry the figures show. */
const bestRun = (results: ReluFigureResults) => results.relu.runs[results.relu.best];
const featureAxis = (D: number) => Array.from({ length: D }, (_, i) => i + 1);
/** One tick per feature while they fit. */
const featureTicks = (D: number) => (D <= 20 ? { dtick: 1 } : {});
const round = (x: number) => Number(x.toPrecision(4));

/** The linear autoencoder's critical levels L(I)/T (means, the ReLU losses' unit): the distinct ones (to τ), lowest first, each with the first point reaching it. */
export function linearCriticalLevels(results: Results, max = MAX_LEVELS): { loss: number; name: string; index: number }[] {
  const t = results.table;
  const τ = results.diagnostics.tolerance;
  const levels: { loss: number; name: string; index: number }[] = [];
  let last = Number.NaN;
  for (const r of results.order) {
    if (Math.abs(t.loss[r] - last) <= τ) continue;
    last = t.loss[r];
    if (levels.length >= max) break;
    levels.push({ loss: t.loss[r] / results.T, name: pointLabel(t.points, Array.from(t.I.subarray(t.offsets[r], t.offsets[r + 1]))), index: t.index[r] });
  }
  return levels;
}

/**
 * Every run's evaluation loss against step (log axes from step 1), the best run strong and the
 * others faint, over the best linear autoencoders with and without a bias and, faint, the loss
 * levels of the linear landscape's critical points: where superposition beats every one of them.
 */
export function reluLossFigure(results: ReluFigureResults, view: Pick<ViewOptions, 'norm'>): Figure {
  const { relu } = results;
  // The ReLU losses are means over the evaluation sample; "sum" multiplies by its rows, as the linear figures' losses are.
  const unit = view.norm === 'sum' ? results.T : 1;
  const steps = Math.max(1, ...relu.runs.map((r) => r.step[r.step.length - 1] ?? 1));
  const horizontal = (y: number) => ({ x: [1, steps], y: [y * unit, y * unit] });

  const levels = linearCriticalLevels(results);
  const levelX: (number | null)[] = [];
  const levelY: (number | null)[] = [];
  const levelText: (string | null)[] = [];
  for (const l of levels) {
    const text = `linear critical point I = ${l.name}, Morse index ${l.index}`;
    levelX.push(1, steps, null);
    levelY.push(l.loss * unit, l.loss * unit, null);
    levelText.push(text, text, null);
  }
  const levelTrace = {
    type: 'scatter',
    mode: 'lines',
    name: `linear critical levels L(I) (the lowest ${levels.length})`,
    x: levelX,
    y: levelY,
    text: levelText,
    line: { color: '#777777', width: 1, dash: 'dot' },
    opacity: 0.55,
    legendrank: 5,
    connectgaps: false,
    hovertemplate: '%{text}<br>loss %{y:.6g}<extra></extra>',
  };
  const baselines = [
    {
      type: 'scatter',
      mode: 'lines',
      name: 'best linear AE without a bias',
      ...horizontal(relu.linearNoBiasLoss),
      line: { color: MINIMUM_LINE, width: 2.5 },
      legendrank: 3,
      hovertemplate: 'best linear AE without a bias (L*)<br>loss %{y:.6g}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'lines',
      name: 'best linear AE with a bias (PCA)',
      ...horizontal(relu.linearOptimumLoss),
      line: { color: GLOBAL_MIN_COLOUR, width: 2.5, dash: 'dash' },
      legendrank: 4,
      hovertemplate: 'best linear AE with a bias (PCA)<br>loss %{y:.6g}<extra></extra>',
    },
  ];
  let firstOther = true;
  const runTraces = relu.runs.map((run, k) => {
    const best = k === relu.best;
    const x: number[] = [];
    const y: number[] = [];
    run.step.forEach((s, j) => {
      const l = run.loss[j] * unit;
      // A log axis has no 0: step 0 and any loss that is not a positive number are left out.
      if (s >= 1 && Number.isFinite(l) && l > 0) {
        x.push(s);
        y.push(l);
      }
    });
    const showlegend = best || firstOther;
    if (!best) firstOther = false;
    const others = relu.runs.length - 1;
    return {
      type: 'scatter',
      mode: 'lines',
      x,
      y,
      name: best ? `ReLU model, best run (run ${run.run})` : `ReLU model, the other ${others === 1 ? 'run' : `${others} runs`}`,
      legendgroup: best ? 'best' : 'others',
      showlegend,
      // The legend lists the best run first, though it is drawn last (on top).
      legendrank: best ? 1 : 2,
      line: { color: best ? OKABE_ITO[0] : '#999999', width: best ? 3 : 1.3 },
      opacity: best ? 1 : 0.6,
      hovertemplate: `run ${run.run}${best ? ' (best)' : ''}${run.diverged ? ' (diverged)' : ''}<br>step %{x}<br>loss %{y:.6g}<extra></extra>`,
    };
  });
  // The best run last, drawn over the others.
  const ordered = [...runTraces.filter((_, k) => k !== relu.best), runTraces[relu.best]];
  // Written-out ticks at every digit, at 1, 2, 5 or at the decades, as the drawn losses span under half a decade, under three, or more (every digit crowds on a projector).
  const drawn = [...levelY, ...baselines.flatMap((t) => t.y), ...runTraces.flatMap((t) => t.y)].filter((v): v is number => v !== null);
  const span = Math.log10(Math.max(...drawn) / Math.min(...drawn));
  return {
    data: [levelTrace, ...baselines, ...ordered],
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'The ReLU model’s loss (importance-weighted) against the exact linear autoencoders on the same sample' },
      xaxis: { title: { text: 'step' }, type: 'log', range: [-0.01, Math.log10(steps) * 1.005 + 0.01], ...logStepTicks(steps) },
      yaxis: { title: { text: lossLabel(view) }, type: 'log', dtick: span < 0.5 ? 'D1' : span < 3 ? 'D2' : 1, tickformat: '.2~g' },
      legend: { orientation: 'h' },
    },
  };
}

/** The best run's WᵀW, feature i against feature j, on a diverging scale symmetric about 0 (the paper's heatmap). */
export function reluGramFigure(results: ReluFigureResults): Figure {
  const { gram } = results.relu;
  let maxAbs = 0;
  for (const v of gram.data) maxAbs = Math.max(maxAbs, Math.abs(v));
  const trace = matrixHeatmapTrace(gram, 'WᵀW', {}, true, maxAbs || 1);
  return {
    data: [
      {
        ...trace,
        hovertemplate: 'W<sub>%{y}</sub> · W<sub>%{x}</sub> = %{z:.4g}<extra></extra>',
        colorbar: { title: { text: 'W<sub>i</sub> · W<sub>j</sub>', side: 'right' } },
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'WᵀW of the best run: Wᵢ · Wⱼ (the diagonal is ‖Wᵢ‖²)' },
      xaxis: { title: { text: 'feature j' }, ...featureTicks(gram.cols), constrain: 'domain' },
      yaxis: { title: { text: 'feature i' }, autorange: 'reversed', ...featureTicks(gram.cols), scaleanchor: 'x', constrain: 'domain' },
    },
  };
}

/** The best run's bias bᵢ per feature, blue above 0 and vermillion below (the heatmap's scale runs red to blue). */
export function reluBiasFigure(results: ReluFigureResults): Figure {
  const b = Array.from(bestRun(results).b);
  return {
    data: [
      {
        type: 'bar',
        name: 'b',
        x: featureAxis(b.length),
        y: b,
        marker: { color: b.map((v) => (v >= 0 ? OKABE_ITO[0] : GLOBAL_MIN_COLOUR)) },
        hovertemplate: 'b<sub>%{x}</sub> = %{y:.4g}<extra></extra>',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'The best run’s bias bᵢ per feature (blue above 0, vermillion below)' },
      xaxis: { title: { text: 'feature i' }, ...featureTicks(b.length) },
      yaxis: { title: { text: 'b<sub>i</sub>' }, zeroline: true },
    },
  };
}

const SUPERPOSITION_TITLE = 'superposition Σ<sub>j≠i</sub> (Ŵ<sub>i</sub> · W<sub>j</sub>)²';

/** ‖W_i‖ per feature, coloured by its superposition on 0 … 1 (viridis: dark alone in its direction, yellow superposed), over the represented line ½. */
export function reluNormsFigure(results: ReluFigureResults): Figure {
  const { featureNorms, superposition } = results.relu;
  const D = featureNorms.length;
  return {
    data: [
      {
        type: 'bar',
        name: '‖Wᵢ‖',
        x: featureAxis(D),
        y: Array.from(featureNorms),
        customdata: Array.from(superposition),
        marker: {
          color: Array.from(superposition),
          colorscale: VIRIDIS_SCALE,
          cmin: 0,
          cmax: 1,
          line: { color: '#333333', width: 0.5 },
          colorbar: { title: { text: SUPERPOSITION_TITLE, side: 'right' }, tickvals: [0, 0.25, 0.5, 0.75, 1], ticktext: ['0', '0.25', '0.5', '0.75', '≥ 1'] },
        },
        hovertemplate: 'feature %{x}<br>‖W<sub>%{x}</sub>‖ = %{y:.4g}<br>superposition %{customdata:.4g}<extra></extra>',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'Feature norms ‖Wᵢ‖ of the best run, coloured by superposition (dotted: represented, ‖Wᵢ‖ > ½)' },
      xaxis: { title: { text: 'feature i (importance falls to the right)' }, ...featureTicks(D) },
      yaxis: { title: { text: '‖W<sub>i</sub>‖' }, rangemode: 'tozero' },
      shapes: [{ type: 'line', xref: 'paper', x0: 0, x1: 1, y0: REPRESENTED_NORM, y1: REPRESENTED_NORM, line: { dash: 'dot', width: 1.5, color: '#000000' } }],
    },
  };
}

/** Reference values of the feature dimensionality and what reaches them. */
const DIMENSIONALITY_LINES = [
  { y: 1, text: '1: a dimension of its own', dash: 'dot' },
  { y: 1 / 2, text: '1/2: an antipodal pair', dash: 'dash' },
  { y: 2 / 5, text: '2/5: a pentagon’s corner', dash: 'dashdot' },
];

/** The paper's feature dimensionality ‖Wᵢ‖² / Σⱼ (Ŵᵢ · Wⱼ)² per feature (filled: represented), over the reference levels 1, 1/2, 2/5. */
export function reluDimensionalityFigure(results: ReluFigureResults): Figure {
  const { dimensionality, featureNorms } = results.relu;
  const D = dimensionality.length;
  const represented = Array.from(featureNorms, (n) => n > REPRESENTED_NORM);
  // The reference levels are legend entries, not labels on the plot, which would cover the points.
  const references = DIMENSIONALITY_LINES.map((l) => ({
    type: 'scatter',
    mode: 'lines',
    name: l.text,
    x: [0.5, D + 0.5],
    y: [l.y, l.y],
    line: { dash: l.dash, width: 1.3, color: '#777777' },
    hoverinfo: 'skip',
  }));
  return {
    data: [
      ...references,
      {
        type: 'scatter',
        mode: 'markers',
        name: 'dimensionality of feature i',
        x: featureAxis(D),
        y: Array.from(dimensionality),
        text: represented.map((r) => (r ? 'represented' : 'not represented (‖Wᵢ‖ ≤ ½)')),
        marker: { size: 11, color: OKABE_ITO[0], symbol: represented.map((r) => (r ? 'circle' : 'circle-open')), line: { width: 1.5, color: OKABE_ITO[0] } },
        hovertemplate: 'feature %{x}: dimensionality %{y:.4g}<br>%{text}<extra></extra>',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'Feature dimensionality of the best run (hollow: not represented)' },
      xaxis: { title: { text: 'feature i' }, range: [0.5, D + 0.5], ...featureTicks(D) },
      yaxis: { title: { text: 'dimensionality ‖W<sub>i</sub>‖² / Σ<sub>j</sub> (Ŵ<sub>i</sub> · W<sub>j</sub>)²' }, range: [0, 1.08] },
      legend: { orientation: 'h' },
    },
  };
}

/** d = 2: W's columns as arrows from the origin in the hidden plane, the represented ones (‖W_i‖ > ½) solid and the rest faint; null for d ≠ 2. */
export function reluPlaneFigure(results: ReluFigureResults): Figure | null {
  if (results.params.d !== 2) return null;
  const { W } = bestRun(results);
  const D = results.relu.featureNorms.length;
  const norms = results.relu.featureNorms;
  const tip = (i: number) => [W[i], W[D + i]] as const;
  const represented = (i: number) => norms[i] > REPRESENTED_NORM;
  const features = Array.from({ length: D }, (_, i) => i);
  const extent = Math.max(1.15, 1.2 * Math.max(...norms));
  // One trace per group, each arrow a segment from 0 to its tip (null between them).
  const arrows = (name: string, keep: (i: number) => boolean, line: Record<string, unknown>, opacity: number) => {
    const kept = features.filter(keep);
    const x = kept.flatMap((i) => [0, tip(i)[0], null]);
    const y = kept.flatMap((i) => [0, tip(i)[1], null]);
    return { type: 'scatter', mode: 'lines', name, x, y, line, opacity, hoverinfo: 'skip' };
  };
  // Only the groups that have a feature: an empty trace would still take a legend entry.
  const arrowTraces = [
    arrows('not represented (‖Wᵢ‖ ≤ ½)', (i) => !represented(i), { color: '#999999', width: 1.3 }, 0.6),
    arrows('represented (‖Wᵢ‖ > ½)', represented, { color: OKABE_ITO[0], width: 2.8 }, 1),
  ];
  return {
    data: [
      ...arrowTraces.filter((t) => t.x.length > 0),
      {
        type: 'scatter',
        mode: 'markers+text',
        name: 'Wᵢ (feature i)',
        showlegend: false,
        x: features.map((i) => tip(i)[0]),
        y: features.map((i) => tip(i)[1]),
        text: features.map((i) => String(i + 1)),
        textposition: features.map((i) => (tip(i)[1] >= 0 ? 'top center' : 'bottom center')),
        textfont: { size: 14, color: '#1d2330' },
        customdata: features.map((i) => norms[i]),
        marker: { size: 9, color: features.map((i) => (represented(i) ? OKABE_ITO[0] : '#999999')), opacity: features.map((i) => (represented(i) ? 1 : 0.6)) },
        hovertemplate: 'W<sub>%{text}</sub> = (%{x:.4g}, %{y:.4g})<br>‖W<sub>%{text}</sub>‖ = %{customdata:.4g}<extra></extra>',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'W’s columns in the hidden plane (best run; dotted circle: ‖Wᵢ‖ = 1)' },
      xaxis: { title: { text: 'hidden dimension 1' }, range: [-extent, extent], zeroline: true, constrain: 'domain' },
      yaxis: { title: { text: 'hidden dimension 2' }, range: [-extent, extent], zeroline: true, scaleanchor: 'x', scaleratio: 1, constrain: 'domain' },
      shapes: [{ type: 'circle', xref: 'x', yref: 'y', x0: -1, y0: -1, x1: 1, y1: 1, line: { dash: 'dot', width: 1, color: '#777777' } }],
      legend: { orientation: 'h' },
    },
  };
}

export const PHASE_REGIONS = ['not represented', 'dedicated', 'superposed'] as const;
/** Okabe & Ito's yellow (light), blue and vermillion: told apart under every common colour-vision deficiency. */
const PHASE_COLOURS = [OKABE_ITO[6], OKABE_ITO[0], OKABE_ITO[5]];

/** Ticks at 1 and 3 × each decade between lo and hi, placed at their log₁₀ (the axis is of log₁₀ values). */
function log10Ticks(lo: number, hi: number): { tickvals: number[]; ticktext: string[] } {
  const tickvals: number[] = [];
  const ticktext: string[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++)
    for (const m of [1, 3]) {
      const v = m * 10 ** e;
      if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
      tickvals.push(Math.log10(v));
      ticktext.push(String(round(v)));
    }
  return { tickvals, ticktext };
}

/**
 * The paper's phase diagram (D = 2 features, d = 1 dimension): which solution training finds over
 * feature density 1 − S (x) and feature 2's importance relative to feature 1's (y), both on log
 * scales, in three categorical colours keyed on the colour bar; null when it was not computed.
 */
export function reluPhaseFigure(results: ReluFigureResults): Figure | null {
  const phase = results.relu.phase;
  if (!phase || phase.cells.length === 0) return null;
  const cells = phase.cells;
  const ratios = phase.ratios.slice(0, cells.length);
  // Heatmap cells on log axes: coordinates are log₁₀ values on linear axes, labelled with the values.
  const x = phase.densities.map(Math.log10);
  const y = ratios.map(Math.log10);
  const colorscale = PHASE_COLOURS.flatMap((c, k) => [
    [k / 3, c],
    [(k + 1) / 3, c],
  ]);
  return {
    data: [
      {
        type: 'heatmap',
        x,
        y,
        z: cells.map((row) => row.map((c) => PHASE_REGIONS.indexOf(c.region))),
        text: cells.map((row) =>
          row.map(
            (c) => `${c.region}<br>density ${round(c.density)}, ratio ${round(c.ratio)}<br>W = (${round(c.W[0])}, ${round(c.W[1])}), loss ${round(c.loss)}`,
          ),
        ),
        colorscale,
        zmin: -0.5,
        zmax: 2.5,
        xgap: 1,
        ygap: 1,
        colorbar: { title: { text: 'feature 2 is', side: 'right' }, tickvals: [0, 1, 2], ticktext: [...PHASE_REGIONS] },
        hovertemplate: '%{text}<extra></extra>',
      },
    ],
    layout: {
      ...BASE_LAYOUT,
      title: { text: `Phase diagram of 2 features in 1 dimension: what training finds${phase.cancelled ? ' (cancelled: the rows done)' : ''}` },
      xaxis: { title: { text: 'feature density 1 − S' }, zeroline: false, ...log10Ticks(phase.densities[0], phase.densities[phase.densities.length - 1]) },
      yaxis: { title: { text: 'relative importance of feature 2' }, zeroline: false, ...log10Ticks(ratios[0], ratios[ratios.length - 1]) },
    },
  };
}
