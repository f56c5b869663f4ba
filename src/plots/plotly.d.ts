declare module 'plotly.js-cartesian-dist-min' {
  export interface PlotlyHTMLElement extends HTMLElement {
    data?: Record<string, unknown>[];
    layout?: Record<string, unknown>;
    on?(event: string, handler: (e: { points: { customdata?: unknown; curveNumber: number; pointNumber: number }[] }) => void): void;
    removeAllListeners?(event: string): void;
  }
  const Plotly: {
    react(el: HTMLElement, data: unknown[], layout: unknown, config?: unknown): Promise<PlotlyHTMLElement>;
    purge(el: HTMLElement): void;
    downloadImage(el: HTMLElement, opts: unknown): Promise<string>;
    Plots: { resize(el: HTMLElement): void };
  };
  export default Plotly;
}
