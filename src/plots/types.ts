/** What a figure reads of the view state (the URL's view keys) besides the results. */
export interface ViewOptions {
  /** Losses as the sum over samples or the mean. */
  norm: 'sum' | 'mean';
  /** Selected critical point (1-based I) and run, or null. */
  cp: number[] | null;
  run: number | null;
}

/** The view options and the hidden width of the results, as the figures take them. */
export type FigureParams = ViewOptions & { d: number };

/** A Plotly figure as plain data: what every figure function returns. */
export interface Figure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  /** Traces that follow the scrubber (plots/playhead.ts); absent: the figure does not depend on time. */
  timeline?: Timeline;
}

/**
 * The time-linked part of a figure: while a step is shown, the playhead overlay marks where each
 * listed trace is at that step (and, when x is the step, veils the steps after it), so the
 * scrubber moves the plot without Plotly redrawing it.
 */
interface Timeline {
  /** x is the step itself (loss and anatomy curves), not a coordinate (the slice's paths). */
  stepAxis: boolean;
  /** Trace index in `data` and the step of each of its points (ascending, the trace's x/y order). */
  traces: { trace: number; steps: ArrayLike<number> /** The marker's shape (a Plotly symbol name); default the trace's marker's. */; symbol?: string }[];
}

export const BASE_LAYOUT: Record<string, unknown> = {
  // Small: every axis has automargin (plots/adapt.ts), which grows each side as far as its labels need.
  margin: { l: 12, r: 12, t: 32, b: 12 },
  font: { family: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', size: 13 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: '#ffffff',
  hoverlabel: { font: { size: 13 } },
};
