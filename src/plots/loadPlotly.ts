/**
 * Plotly is loaded lazily, as its own chunk, so the controls and text paint before the plotting
 * library arrives. The cartesian partial bundle holds the traces used here (bar, scatter,
 * heatmap) without the 4.8 MB full build.
 */
type PlotlyModule = typeof import('plotly.js-cartesian-dist-min').default;

let loading: Promise<PlotlyModule> | null = null;

export function loadPlotly(): Promise<PlotlyModule> {
  loading ??= import('plotly.js-cartesian-dist-min').then((m) => (m as unknown as { default?: PlotlyModule }).default ?? (m as unknown as PlotlyModule));
  return loading;
}
