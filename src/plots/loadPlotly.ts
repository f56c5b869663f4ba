import type { PlotlyApi } from './plotly';

/**
 * Plotly is loaded lazily, as its own chunk, so the controls and text paint before the plotting
 * library arrives.
 */
let loading: Promise<PlotlyApi> | null = null;

export function loadPlotly(): Promise<PlotlyApi> {
  loading ??= import('./plotlyBundle').then((m) => m.default);
  return loading;
}

let webgl: boolean | null = null;

/** Whether this browser can draw `scattergl` (else the figures fall back to SVG `scatter`). */
export function hasWebGL(): boolean {
  if (webgl === null) {
    try {
      webgl = typeof document !== 'undefined' && !!document.createElement('canvas').getContext('webgl');
    } catch {
      webgl = false;
    }
  }
  return webgl;
}
