/**
 * A figure laid out for where it is shown: the width of its container (a phone, a laptop, a
 * projector) and presentation mode. Figure functions describe what to draw; this decides the type
 * sizes, where the legend goes, how many tick labels fit, and how heavy lines and markers are, so
 * nothing overlaps or is clipped at any width and a room can read a projected plot.
 */
import type { Figure } from './types';

export interface PlotEnvironment {
  /** The container is narrow (a phone, or a plot squeezed beside another): legends go below, fewer ticks. */
  narrow: boolean;
  /** Presentation mode: large type (ticks and legends ≥ 18 px), heavier lines and markers. */
  present: boolean;
}

/** Containers narrower than this (px) are `narrow`. */
export const NARROW_WIDTH = 640;

export interface AdaptedFigure extends Figure {
  /** The figure's title, shown above the plot as text (it wraps; Plotly's own title does not). */
  title: string | null;
}

/** Type sizes in px: tick labels and legends, axis titles. */
export function fontSizes(env: PlotEnvironment): { tick: number; title: number; hover: number } {
  if (env.present) return { tick: 18, title: 20, hover: 18 };
  if (env.narrow) return { tick: 12, title: 13, hover: 13 };
  return { tick: 13, title: 14, hover: 13 };
}

const AXIS = /^[xy]axis\d*$/;
const isPowerOfTen = (v: unknown) => typeof v === 'number' && v > 0 && Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

function scaled(value: unknown, factor: number): unknown {
  if (typeof value === 'number') return value * factor;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'number' ? v * factor : v));
  return value;
}

/** Heavier lines and larger markers, for a projector. */
function emphasised(trace: Record<string, unknown>): Record<string, unknown> {
  const out = { ...trace };
  const line = trace.line as Record<string, unknown> | undefined;
  if (line && line.width !== undefined) out.line = { ...line, width: scaled(line.width, 1.6) };
  const marker = trace.marker as Record<string, unknown> | undefined;
  if (marker && marker.size !== undefined) out.marker = { ...marker, size: scaled(marker.size, 1.4) };
  const textfont = trace.textfont as Record<string, unknown> | undefined;
  if (textfont && typeof textfont.size === 'number') out.textfont = { ...textfont, size: textfont.size * 1.4 };
  return out;
}

function adaptAxis(axis: Record<string, unknown>, env: PlotEnvironment): Record<string, unknown> {
  const sizes = fontSizes(env);
  const title = axis.title as { text?: string } | undefined;
  const out: Record<string, unknown> = {
    ...axis,
    // Plotly moves the plot area in until tick labels and axis titles fit: nothing clipped, no overlap.
    automargin: true,
    tickfont: { ...(axis.tickfont as object), size: sizes.tick },
    ...(title ? { title: { ...title, font: { size: sizes.title }, standoff: 6 } } : {}),
  };
  if (env.narrow && axis.type === 'log') {
    // A phone has room for the decades only (1, 10, 100 …), not 2 and 5 between them.
    if (Array.isArray(axis.tickvals)) {
      const keep = (axis.tickvals as unknown[]).map((v, i) => [v, i] as const).filter(([v]) => isPowerOfTen(v));
      out.tickvals = keep.map(([v]) => v);
      if (Array.isArray(axis.ticktext)) out.ticktext = keep.map(([, i]) => (axis.ticktext as unknown[])[i]);
    } else if (axis.dtick === undefined) out.dtick = 1;
  }
  if (env.narrow && axis.type !== 'log' && axis.nticks === undefined && axis.dtick === undefined && axis.tickvals === undefined) out.nticks = 6;
  return out;
}

/** `figure` laid out for `env`: see the file comment. */
export function adaptFigure(figure: Figure, env: PlotEnvironment): AdaptedFigure {
  const sizes = fontSizes(env);
  const {
    title: plotlyTitle,
    legend,
    margin,
    font,
    hoverlabel,
    ...rest
  } = figure.layout as Record<string, unknown> & {
    title?: { text?: string };
    legend?: Record<string, unknown>;
    margin?: Record<string, unknown>;
    font?: Record<string, unknown>;
    hoverlabel?: Record<string, unknown>;
  };
  const layout: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest))
    layout[key] = AXIS.test(key) && value && typeof value === 'object' ? adaptAxis(value as Record<string, unknown>, env) : value;
  layout.font = { ...font, size: sizes.tick };
  if (Array.isArray(layout.annotations))
    layout.annotations = (layout.annotations as Record<string, unknown>[]).map((a) => ({ ...a, font: { ...(a.font as object), size: sizes.tick } }));
  layout.hoverlabel = { ...hoverlabel, font: { size: sizes.hover } };
  // Room at the top for the mode bar (the title is outside the plot); automargin does the rest.
  layout.margin = { l: 12, r: 12, b: 12, ...margin, t: env.present ? 38 : 32 };
  const legendFont = { size: sizes.tick };
  if (legend !== undefined)
    layout.legend =
      env.narrow || legend.orientation === 'h'
        ? // Below the plot, left-aligned, wrapping: a phone keeps the whole width for the curves.
          { ...legend, orientation: 'h', x: 0, xanchor: 'left', y: 0, yanchor: 'bottom', yref: 'container', font: legendFont }
        : { ...legend, font: legendFont };
  const data = figure.data.map((trace) => {
    const t = env.present ? emphasised(trace) : trace;
    return env.narrow && t.colorbar ? { ...t, colorbar: { ...(t.colorbar as object), thickness: 12 } } : t;
  });
  return { title: plotlyTitle?.text ?? null, data, layout, ...(figure.timeline ? { timeline: figure.timeline } : {}) };
}
