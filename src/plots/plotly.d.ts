/** The part of Plotly's API the explorer uses (plotly.js ships no types for its lib/ modules). */
export interface PlotlyHTMLElement extends HTMLElement {
  data?: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  on?(event: string, handler: (e: { points: { customdata?: unknown; curveNumber: number; pointNumber: number }[] }) => void): void;
  removeAllListeners?(event: string): void;
}

export interface PlotlyApi {
  react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<PlotlyHTMLElement>;
  purge(el: HTMLElement): void;
  downloadImage(el: HTMLElement, opts: unknown): Promise<string>;
  register(modules: unknown[]): void;
  Plots: { resize(el: HTMLElement): void };
}
