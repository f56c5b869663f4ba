import type { SliceResult } from '../worker/protocol';
import { topSet } from './lossFigure';
import { GLOBAL_MIN_COLOUR, runColour, runDash, runSymbol, VIRIDIS_SCALE } from './palette';
import { BASE_LAYOUT, type Figure } from './types';

/** A landmark of the slice in words: the origin, the saddle it passes through, the global minimum. */
export function landmarkLabel(l: SliceResult['landmarks'][number]): string {
  if (l.kind === 'origin') return 'origin (A = B = 0)';
  return l.kind === 'saddle' ? `saddle {${l.I.join(',')}}` : `global minimum ${topSet(l.I.length)}`;
}

/**
 * The loss on the plane through (origin, a saddle, the global minimum) in parameter space, with
 * every run gauge-aligned to the minimum's gauge and projected onto the plane.
 */
export function contourFigure(slice: SliceResult, scale: number, runSteps: (run: number) => ArrayLike<number> | undefined): Figure {
  const markerColours = ['#000000', '#E69F00', GLOBAL_MIN_COLOUR];
  return {
    data: [
      {
        type: 'contour',
        x: slice.xs,
        y: slice.ys,
        z: slice.z.map((row) => row.map((v) => v * scale)),
        colorscale: VIRIDIS_SCALE,
        ncontours: 24,
        // Filled bands, not a heatmap: the levels read off directly, and Plotly draws 24 paths instead
        // of interpolating every pixel (≈ 25 ms against ≈ 50 ms a draw here).
        contours: { coloring: 'fill', showlines: true },
        line: { width: 0.5, color: 'rgba(255,255,255,0.5)' },
        colorbar: { title: { text: 'loss', side: 'right' } },
        hovertemplate: 'loss %{z:.6g}<extra></extra>',
      },
      ...slice.paths.map((p) => ({
        type: 'scatter',
        mode: 'lines',
        x: p.x,
        y: p.y,
        name: `run ${p.run}`,
        line: { color: runColour(p.run - 1), dash: runDash(p.run - 1), width: 2.5 },
        hovertemplate: `run ${p.run}<extra></extra>`,
      })),
      {
        type: 'scatter',
        mode: 'markers+text',
        x: slice.landmarks.map((l) => l.x),
        y: slice.landmarks.map((l) => l.y),
        text: slice.landmarks.map(landmarkLabel),
        customdata: slice.landmarks.map((l) => l.I.join(',')),
        hovertext: slice.landmarks.map((l) => `${landmarkLabel(l)}<br>loss ${(l.loss * scale).toPrecision(6)}`),
        // The minimum sits near the right edge of the slice: its label extends to the left.
        textposition: ['bottom right', 'top center', 'top left'],
        cliponaxis: false,
        textfont: { color: '#ffffff', size: 12 },
        marker: { size: 13, color: markerColours, symbol: ['circle', 'diamond', 'star'], line: { width: 1.5, color: '#ffffff' } },
        name: 'critical points',
        hovertemplate: '%{hovertext}<extra></extra>',
      },
    ],
    // Each projected run follows the scrubber: its k-th point is the run's k-th recorded step.
    timeline: {
      stepAxis: false,
      traces: slice.paths.flatMap((p, k) => {
        const steps = runSteps(p.run);
        return steps && steps.length === p.x.length ? [{ trace: 1 + k, steps, symbol: runSymbol(p.run - 1) }] : [];
      }),
    },
    layout: {
      ...BASE_LAYOUT,
      title: { text: 'Loss on the plane through the origin, a saddle and the global minimum' },
      // Equal scales on both axes: distances in the picture are distances in parameter space.
      xaxis: { title: { text: 'plane coordinate 1' }, zeroline: false, range: [slice.xs[0], slice.xs[slice.xs.length - 1]], constrain: 'domain' },
      yaxis: {
        title: { text: 'plane coordinate 2' },
        zeroline: false,
        range: [slice.ys[0], slice.ys[slice.ys.length - 1]],
        scaleanchor: 'x',
        constrain: 'domain',
      },
      legend: { orientation: 'h' },
    },
  };
}
