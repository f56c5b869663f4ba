/**
 * Plotly's config for a plot, in one place: the graph pool must create its graphs with exactly
 * the config PlotlyFigure uses, because Plotly.react starts the plot afresh when the config changes.
 */
export function plotConfig(id: string): Record<string, unknown> {
  return {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ['lasso2d', 'select2d'],
    toImageButtonOptions: { filename: `lae-${id}`, scale: 2 },
  };
}
