import { tableRow } from '../core/landscape/criticalPointTable';
import type { Results } from '../worker/protocol';
import { lossLabel, lossScale } from './lossScale';
import { GLOBAL_MIN_COLOUR, indexColour, runColour } from './palette';
import { BASE_LAYOUT, type Figure, type FigureParams } from './types';

/** At most this many distinct critical loss levels are drawn (lowest first). */
const MAX_LEVELS = 2000;

export const formatI = (I: number[]) => `{${I.join(',')}}`;

/**
 * Loss against step (log axis) for every run, over the loss level L(I) of every critical point,
 * coloured by Morse index: gradient descent pauses on these levels (saddles) on its way to L*.
 */
export function lossFigure(results: Results, params: FigureParams, upTo: number | null = null): Figure {
  const scale = lossScale(params, results.T);
  const steps = Math.max(1, ...results.trajectories.map((t) => t.step[t.step.length - 1] ?? 1));
  const τ = results.diagnostics.tolerance;
  const t = results.table;
  let maxIndex = 1;
  for (let r = 0; r < t.count; r++) maxIndex = Math.max(maxIndex, t.index[r]);

  // One level per distinct loss (to τ) and index, lowest first, keeping up to a few names per
  // level for the hover text; rows come in loss order, so the walk stops after MAX_LEVELS levels.
  const levels: { loss: number; index: number; names: string[]; more: number }[] = [];
  let total = 0;
  for (const r of results.order) {
    const last = levels[levels.length - 1];
    if (last && Math.abs(t.loss[r] - last.loss) <= τ && last.index === t.index[r]) {
      if (last.names.length < 4) last.names.push(formatI(tableRow(t, r).I));
      else last.more++;
      continue;
    }
    total++;
    if (levels.length < MAX_LEVELS) levels.push({ loss: t.loss[r], index: t.index[r], names: [formatI(tableRow(t, r).I)], more: 0 });
  }
  const drawn = levels;
  // One trace per colour, not per index: the index colour scale has only a few steps, and Plotly's
  // cost grows with the number of traces (121 indices at D = 200 cost ≈ 100 ms per draw).
  const byColour = new Map<string, { lowestIndex: number; levels: typeof drawn }>();
  for (const l of drawn) {
    if (Math.abs(l.loss - results.globalMinimumLoss) <= τ && l.index === 0) continue;
    const colour = indexColour(l.index, maxIndex);
    const group = byColour.get(colour);
    if (group) {
      group.levels.push(l);
      group.lowestIndex = Math.min(group.lowestIndex, l.index);
    } else byColour.set(colour, { lowestIndex: l.index, levels: [l] });
  }
  // Levels on the saddle-to-saddle path ∅ ⊂ {1} ⊂ … ⊂ {1..d−1} are labelled and drawn darker.
  const chain = new Set(Array.from({ length: params.d }, (_, k) => formatI(Array.from({ length: k }, (_, i) => i + 1))));
  const levelTraces = [...byColour.entries()]
    .sort((a, b) => a[1].lowestIndex - b[1].lowestIndex)
    .map(([colour, { levels: ls }], n) => {
      const x: (number | null)[] = [];
      const y: (number | null)[] = [];
      const text: (string | null)[] = [];
      const customdata: (string | null)[] = [];
      for (const l of ls) {
        const label = `I = ${l.names.join(' ')}${l.more > 0 ? ` +${l.more}` : ''}<br>Morse index ${l.index}`;
        const first = l.names[0].slice(1, -1); // "{1,3}" → "1,3": clicking a level selects its first point
        x.push(1, steps, null);
        y.push(l.loss * scale, l.loss * scale, null);
        text.push(label, label, null);
        customdata.push(first, first, null);
      }
      return {
        type: 'scatter',
        mode: 'lines',
        x,
        y,
        text,
        customdata,
        name: 'critical levels L(I) (colour: Morse index)',
        legendgroup: 'levels',
        showlegend: n === 0,
        opacity: 0.55,
        line: { color: colour, width: 1, dash: 'dot' },
        hovertemplate: `%{text}<br>loss %{y:.6g}<extra></extra>`,
        connectgaps: false,
      };
    });
  const annotations = drawn
    .filter((l) => l.names.some((name) => chain.has(name)))
    .map((l) => ({
      x: 0,
      xref: 'paper',
      xanchor: 'left',
      y: l.loss * scale,
      yanchor: 'bottom',
      text: l.names.find((name) => chain.has(name))?.replace('{}', '∅') ?? '',
      showarrow: false,
      font: { size: 12, color: '#1d2330' },
      bgcolor: 'rgba(255,255,255,0.8)',
    }));

  const Lstar = results.globalMinimumLoss * scale;
  const minimumTrace = {
    type: 'scatter',
    mode: 'lines',
    x: [1, steps],
    y: [Lstar, Lstar],
    name: `L* (global minimum {1..${params.d}})`,
    line: { color: GLOBAL_MIN_COLOUR, width: 3 },
    hovertemplate: `global minimum I = {1..${params.d}}<br>L* = %{y:.6g}<extra></extra>`,
  };

  const runTraces = results.trajectories.map((t) => {
    const selected = params.run === t.run;
    const x: number[] = [];
    const y: number[] = [];
    t.step.forEach((s, j) => {
      if (s >= 1 && (upTo === null || s <= upTo)) {
        x.push(s);
        y.push(t.loss[j] * scale);
      }
    });
    return {
      type: 'scatter',
      mode: 'lines',
      x,
      y,
      name: `run ${t.run}${t.diverged ? ' (diverged)' : ''}`,
      line: { color: runColour(t.run - 1), width: selected ? 4 : params.run ? 1.5 : 2.5 },
      opacity: params.run && !selected ? 0.6 : 1,
      hovertemplate: `run ${t.run}<br>step %{x}<br>loss %{y:.6g}<extra></extra>`,
    };
  });

  // While the animation plays, a dot marks where each run is.
  const heads =
    upTo === null
      ? []
      : runTraces.map((t, r) => ({
          type: 'scatter',
          mode: 'markers',
          x: t.x.slice(-1),
          y: t.y.slice(-1),
          showlegend: false,
          marker: { color: runColour(r), size: 11, line: { width: 1.5, color: '#ffffff' } },
          hoverinfo: 'skip',
        }));
  const hidden = total - drawn.length;
  // From 0, so plateau heights read as fractions of tr Σ, with headroom for the ∅ label; a log
  // axis only when a run climbs far above tr Σ (a large init or a diverging step size).
  const highest = Math.max(results.traceSigma, ...results.trajectories.flatMap((t) => t.loss));
  const yRange = highest > 20 * results.traceSigma ? { type: 'log' } : { type: 'linear', range: [0, 1.08 * highest * scale] };
  return {
    data: [...levelTraces, minimumTrace, ...runTraces, ...heads],
    layout: {
      ...BASE_LAYOUT,
      title: {
        text: `Gradient descent over the critical loss levels${hidden > 0 ? ` (lowest ${MAX_LEVELS} of ${total.toLocaleString('en')} levels drawn)` : ''}`,
        font: { size: 14 },
      },
      xaxis: { title: { text: 'step' }, type: 'log', range: [0, Math.log10(steps)] },
      yaxis: { title: { text: lossLabel(params) }, exponentformat: 'power', ...yRange },
      legend: { orientation: 'v', x: 1.02, y: 1, font: { size: 12 } },
      margin: { l: 64, r: 8, t: 36, b: 48 },
      annotations,
    },
  };
}
