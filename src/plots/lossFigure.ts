import { minimumRow, tableRow } from '../core/landscape/criticalPointTable';
import { pointName } from '../text/setName';
import type { Results } from '../worker/protocol';
import { logStepTicks } from './axes';
import { lossLabel, lossScale } from './lossScale';
import { indexBin, indexBins, MINIMUM_LINE, runColour, runDash, runSymbol } from './palette';
import { BASE_LAYOUT, type Figure, type FigureParams } from './types';

/** At most this many distinct critical loss levels are drawn (lowest first). */
const MAX_LEVELS = 2000;

export const formatI = (I: number[]) => `{${I.join(',')}}`;

/** A table key as the plots label it: a set as formatI writes it ({} for ∅), an assignment σ as pointName does. */
export const pointLabel = (points: 'sets' | 'assignments', key: number[]) => (points === 'sets' ? formatI(key) : pointName(points, key));

/** The global minimum's set {1..d}, written out when short: {1}, {1,2}, {1..5}. */
export const topSet = (d: number) => (d <= 2 ? formatI(Array.from({ length: d }, (_, i) => i + 1)) : `{1..${d}}`);

interface Level {
  loss: number;
  index: number;
  names: string[];
  more: number;
  /** A run came nearest to one of its points (the staircase it actually descended). */
  visited: boolean;
}

/**
 * Loss against step (log axis) for every run, over the loss level L(I) of every critical point:
 * gradient descent pauses on these levels (saddles) on its way to L*. Levels are coloured by Morse
 * index in at most six ranges, each a legend entry (the key); the levels some run visited are solid
 * and labelled, the rest faint and dotted, so the staircase the runs took stands out.
 */
export function lossFigure(results: Results, params: FigureParams): Figure {
  const scale = lossScale(params, results.T);
  const steps = Math.max(1, ...results.trajectories.map((t) => t.step[t.step.length - 1] ?? 1));
  const τ = results.diagnostics.tolerance;
  const t = results.table;
  let maxIndex = 0;
  for (let r = 0; r < t.count; r++) maxIndex = Math.max(maxIndex, t.index[r]);
  const label = (key: number[]) => pointLabel(t.points, key);
  const visitedSets = new Set(results.trajectories.flatMap((run) => run.visited.map((v) => label(v.I))));

  // One level per distinct loss (to τ) and index, lowest first, keeping up to a few names per
  // level for the hover text; rows come in loss order, so the walk stops after MAX_LEVELS levels.
  const levels: Level[] = [];
  let total = 0;
  for (const r of results.order) {
    const last = levels[levels.length - 1];
    const name = label(tableRow(t, r).I);
    if (last && Math.abs(t.loss[r] - last.loss) <= τ && last.index === t.index[r]) {
      if (last.names.length < 4) last.names.push(name);
      else last.more++;
      last.visited ||= visitedSets.has(name);
      continue;
    }
    total++;
    if (levels.length < MAX_LEVELS) levels.push({ loss: t.loss[r], index: t.index[r], names: [name], more: 0, visited: visitedSets.has(name) });
  }
  const drawn = levels.filter((l) => !(Math.abs(l.loss - results.globalMinimumLoss) <= τ && l.index === 0));
  // One trace per index range and kind (visited or not), not per level: Plotly's cost grows with
  // the number of traces (121 indices at D = 200 cost ≈ 100 ms per draw).
  const bins = indexBins(maxIndex);
  const levelTraces: Record<string, unknown>[] = [];
  bins.forEach((bin, b) => {
    for (const visited of [false, true]) {
      const ls = drawn.filter((l) => indexBin(l.index, maxIndex) === b && l.visited === visited);
      if (!ls.length) continue;
      const x: (number | null)[] = [];
      const y: (number | null)[] = [];
      const text: (string | null)[] = [];
      const customdata: (string | null)[] = [];
      for (const l of ls) {
        const label = `I = ${l.names.join(' ')}${l.more > 0 ? ` +${l.more}` : ''}<br>Morse index ${l.index}${visited ? '<br>visited by a run' : ''}`;
        const first = l.names[0].slice(1, -1); // "{1,3}" → "1,3": clicking a level selects its first point
        x.push(1, steps, null);
        y.push(l.loss * scale, l.loss * scale, null);
        text.push(label, label, null);
        customdata.push(first, first, null);
      }
      levelTraces.push({
        type: 'scatter',
        mode: 'lines',
        x,
        y,
        text,
        customdata,
        name: bin.lo === bin.hi ? `index ${bin.lo}` : `index ${bin.lo}–${bin.hi}`,
        legendgroup: `levels ${b}`,
        showlegend: false,
        opacity: visited ? 0.95 : 0.45,
        line: { color: bin.colour, width: visited ? 1.6 : 1, dash: visited ? 'solid' : 'dot' },
        hovertemplate: `%{text}<br>loss %{y:.6g}<extra></extra>`,
        connectgaps: false,
      });
    }
  });
  // The colour key: one legend entry per index range, a full-strength swatch (the levels themselves are faint).
  const keyTraces = bins.map((bin, b) => ({
    type: 'scatter',
    mode: 'lines',
    x: [null],
    y: [null],
    // The first entry says what the key is ("levels L(I), Morse index 0–4"), the rest their ranges.
    name: `${b === 0 ? 'levels L(I), Morse index ' : ''}${bin.lo === bin.hi ? bin.lo : `${bin.lo}–${bin.hi}`}`,
    legendgroup: `levels ${b}`,
    showlegend: true,
    line: { color: bin.colour, width: 4 },
    hoverinfo: 'skip',
  }));
  const annotations = drawn
    .filter((l) => l.visited)
    .map((l) => ({
      x: 0,
      xref: 'paper',
      xanchor: 'left',
      y: l.loss * scale,
      yanchor: 'bottom',
      text: (l.names.find((name) => visitedSets.has(name)) ?? l.names[0]).replace('{}', '∅'),
      showarrow: false,
      font: { size: 12, color: '#1d2330' },
      bgcolor: 'rgba(255,255,255,0.8)',
    }));

  const Lstar = results.globalMinimumLoss * scale;
  // The minimum's name: {1..k} for a top set (k < d where decay leaves fewer learnable directions), its σ under the ordered profile.
  const minRow = minimumRow(t, results.globalMinimumLoss, τ);
  const minKey = minRow >= 0 ? tableRow(t, minRow).I : null;
  const minName = minKey === null ? topSet(params.d) : t.points === 'sets' && minKey.every((i, n) => i === n + 1) ? topSet(minKey.length) : label(minKey);
  const minimumTrace = {
    type: 'scatter',
    mode: 'lines',
    x: [1, steps],
    y: [Lstar, Lstar],
    name: `L* (global minimum ${minName})`,
    line: { color: MINIMUM_LINE, width: 3.5 },
    hovertemplate: `global minimum ${t.points === 'sets' ? 'I' : 'σ'} = ${minName}<br>L* = %{y:.6g}<extra></extra>`,
  };

  const runTraces = results.trajectories.map((run) => {
    const selected = params.run === run.run;
    const x: number[] = [];
    const y: number[] = [];
    run.step.forEach((s, j) => {
      if (s >= 1) {
        x.push(s);
        y.push(run.loss[j] * scale);
      }
    });
    return {
      type: 'scatter',
      mode: 'lines',
      x,
      y,
      name: `run ${run.run}${run.diverged ? ' (diverged)' : ''}`,
      line: { color: runColour(run.run - 1), dash: runDash(run.run - 1), width: selected ? 4 : params.run ? 1.8 : 2.6 },
      opacity: params.run && !selected ? 0.6 : 1,
      hovertemplate: `run ${run.run}<br>step %{x}<br>loss %{y:.6g}<extra></extra>`,
    };
  });

  const hidden = total - levels.length;
  // From 0, so plateau heights read as fractions of tr Σ, with headroom for the ∅ label; a log
  // axis only when a run climbs far above tr Σ (a large init or a diverging step size).
  const highest = Math.max(results.traceSigma, ...results.trajectories.flatMap((run) => run.loss));
  const yRange = highest > 20 * results.traceSigma ? { type: 'log' } : { type: 'linear', range: [0, 1.08 * highest * scale] };
  return {
    // The key first, so the legend lists the index ranges in order (Plotly orders groups by first appearance).
    data: [...keyTraces, ...levelTraces, minimumTrace, ...runTraces],
    // The runs follow the scrubber (plots/playhead.ts): x is each point's step.
    timeline: {
      stepAxis: true,
      traces: runTraces.map((tr, r) => ({ trace: keyTraces.length + levelTraces.length + 1 + r, steps: tr.x, symbol: runSymbol(r) })),
    },
    layout: {
      ...BASE_LAYOUT,
      title: {
        text: `Gradient descent over the critical loss levels${hidden > 0 ? ` (the lowest ${MAX_LEVELS.toLocaleString('en')} of ${total.toLocaleString('en')} levels drawn)` : ''}`,
      },
      // A sliver past both ends, so the first and last tick labels are inside the axis and drawn.
      xaxis: { title: { text: 'step' }, type: 'log', range: [-0.01, Math.log10(steps) * 1.005 + 0.01], ...logStepTicks(steps) },
      yaxis: { title: { text: lossLabel(params) }, exponentformat: 'power', ...yRange },
      // Below the plot at every width: the curves keep the whole width, and the key never scrolls.
      legend: { orientation: 'h', groupclick: 'togglegroup' },
      annotations,
    },
  };
}
