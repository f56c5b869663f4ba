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
}

export const BASE_LAYOUT: Record<string, unknown> = {
  // Small: every axis has automargin (plots/adapt.ts), which grows each side as far as its labels need.
  margin: { l: 12, r: 12, t: 32, b: 12 },
  font: { family: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', size: 13 },
  paper_bgcolor: 'rgba(0,0,0,0)',
  plot_bgcolor: '#ffffff',
  hoverlabel: { font: { size: 13 } },
};
