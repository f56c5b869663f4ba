/**
 * The figures of Frye et al. (2019), live (docs/design.md §6): loss against Morse index with the
 * analytic points hollow and the finders' end points filled (by method); how many analytic points
 * there are per index against how many distinct ones the finders found (their bias); the share of
 * verdicts that are right as the cutoff sweeps (loose cutoffs accept points that are not critical);
 * and ‖∇L‖²/λ₁² per iteration for every run.
 */
import type { FinderMethod } from '../core/finders/finderRun';
import { cutoffSweep, findingBias } from '../core/finders/scoring';
import type { Results } from '../worker/protocol';
import { lossLabel, lossScale } from './lossScale';
import { OKABE_ITO, runSymbol } from './palette';
import { BASE_LAYOUT, type Figure, type ViewOptions } from './types';

/** Analytic points drawn (lowest loss first). */
const MAX_ANALYTIC = 5000;

export const METHOD_NAMES: Record<FinderMethod, string> = { gnm: 'gradient-norm min.', 'newton-mr': 'Newton-MR', newton: 'damped Newton' };
const colourOf = (methods: readonly FinderMethod[], m: FinderMethod) => OKABE_ITO[(methods.indexOf(m) + 1) % OKABE_ITO.length];

type FindersResults = Results & { finders: NonNullable<Results['finders']> };

export function findersLossFigure(results: FindersResults, view: Pick<ViewOptions, 'norm'>): Figure {
  const scale = lossScale(view, results.T);
  const t = results.table;
  const rows = Array.from(results.order.subarray(0, MAX_ANALYTIC));
  const key = (r: number) => Array.from(t.I.subarray(t.offsets[r], t.offsets[r + 1])).join(',');
  const { methods } = results.finders.params;
  const data: Record<string, unknown>[] = [
    {
      type: 'scatter',
      mode: 'markers',
      name: 'analytic (closed form)',
      x: rows.map((r) => t.index[r]),
      y: rows.map((r) => t.loss[r] * scale),
      customdata: rows.map(key),
      marker: { symbol: 'circle-open', size: 13, color: '#555555', line: { width: 1.5 } },
      hovertemplate: 'analytic %{customdata}<br>index %{x}, loss %{y:.6g}<extra></extra>',
    },
  ];
  methods.forEach((m, k) => {
    const runs = results.finders.runs.filter((f) => f.method === m && f.index !== null);
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: `${METHOD_NAMES[m]} (found)`,
      x: runs.map((f) => f.index),
      y: runs.map((f) => f.loss * scale),
      customdata: runs.map((f) => f.matchedI.join(',')),
      text: runs.map((f) => `${f.verdict}${f.agrees ? ', agrees' : ', does not agree'}`),
      marker: { symbol: runSymbol(k), size: 8, color: colourOf(methods, m), opacity: 0.85 },
      hovertemplate: `${METHOD_NAMES[m]}: %{text}<br>numerical index %{x}, loss %{y:.6g}<br>nearest analytic %{customdata}<extra></extra>`,
    });
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'Where the finders ended: loss against numerical Morse index' },
      xaxis: { title: { text: 'Morse index (negative Hessian eigenvalues)' }, dtick: 1, rangemode: 'tozero' },
      yaxis: { title: { text: lossLabel(view) } },
      legend: { orientation: 'h' },
    },
  };
}

export function findersBiasFigure(results: FindersResults): Figure {
  const t = results.table;
  const found = results.finders.runs.filter((f) => f.agrees).map((f) => ({ key: f.matchedI.join(','), index: f.index ?? -1 }));
  const bias = findingBias(t.index.subarray(0, t.count), found);
  return {
    data: [
      { type: 'bar', name: 'analytic points', x: bias.map((b) => b.index), y: bias.map((b) => b.analytic), marker: { color: '#999999' } },
      { type: 'bar', name: 'distinct points found (agreeing runs)', x: bias.map((b) => b.index), y: bias.map((b) => b.found), marker: { color: OKABE_ITO[0] } },
    ],
    layout: {
      ...BASE_LAYOUT,
      barmode: 'group',
      title: { text: 'The finders’ bias: points per index, and how many were found' },
      xaxis: { title: { text: 'Morse index' }, dtick: 1 },
      yaxis: { title: { text: 'critical points' }, rangemode: 'tozero' },
      legend: { orientation: 'h' },
    },
  };
}

export function findersCutoffFigure(results: FindersResults): Figure {
  const λ1 = results.eigenvalues[0];
  const { methods, cutoff } = results.finders.params;
  const lines = [
    { name: 'all methods', runs: results.finders.runs, colour: '#000000' },
    ...methods.map((m) => ({ name: METHOD_NAMES[m], runs: results.finders.runs.filter((f) => f.method === m), colour: colourOf(methods, m) })),
  ];
  return {
    data: lines.map((l, k) => {
      const sweep = cutoffSweep(l.runs, λ1);
      return {
        type: 'scatter',
        mode: 'lines+markers',
        name: l.name,
        x: sweep.map((s) => s.cutoff),
        y: sweep.map((s) => s.right * 100),
        line: { color: l.colour, width: k === 0 ? 3 : 1.8 },
        marker: { symbol: runSymbol(k), size: 7 },
        hovertemplate: `${l.name}: %{y:.0f}% right at cutoff %{x:.0e}<extra></extra>`,
      };
    }),
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'Right verdicts as the cutoff on ‖∇L‖²/λ₁² sweeps' },
      xaxis: { title: { text: 'cutoff (the dotted line: this page’s)' }, type: 'log', autorange: 'reversed', exponentformat: 'power', dtick: 2 },
      yaxis: { title: { text: 'runs whose verdict is right (%)' }, range: [0, 105] },
      shapes: [{ type: 'line', x0: cutoff, x1: cutoff, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', width: 1.5, color: '#000000' } }],
      legend: { orientation: 'h' },
    },
  };
}

export function findersTraceFigure(results: FindersResults): Figure {
  const λ1sq = results.eigenvalues[0] ** 2;
  const { methods } = results.finders.params;
  const seen = new Set<FinderMethod>();
  return {
    data: results.finders.runs.map((f) => {
      const first = !seen.has(f.method);
      seen.add(f.method);
      return {
        type: 'scatter',
        mode: 'lines',
        name: METHOD_NAMES[f.method],
        legendgroup: f.method,
        showlegend: first,
        x: f.trace.map((_, k) => k),
        // A zero gradient has no logarithm: drawn at the floor of what rounding reaches.
        y: f.trace.map((g) => Math.max(g / λ1sq, 1e-32)),
        line: { color: colourOf(methods, f.method), width: 1.2 },
        opacity: 0.8,
        hovertemplate: `${METHOD_NAMES[f.method]}, iteration %{x}: ‖∇L‖²/λ₁² = %{y:.2e}<extra></extra>`,
      };
    }),
    layout: {
      ...BASE_LAYOUT,
      title: { text: '‖∇L‖²/λ₁² at every iteration of every run' },
      xaxis: { title: { text: 'iteration' } },
      yaxis: { title: { text: '‖∇L‖² / λ₁²' }, type: 'log', exponentformat: 'power', dtick: 4 },
      legend: { orientation: 'h' },
    },
  };
}
