import { useEffect, useLayoutEffect, useRef } from 'react';
import { loadPlotly } from '../plots/loadPlotly';
import type { PlotlyHTMLElement } from '../plots/plotly';
import type { Figure } from '../plots/types';
import { useExplorer, type PlotId } from '../state/store';

interface Props {
  id: PlotId;
  figure: Figure | null;
  /** The view version this figure belongs to; reported back once drawn (ready signal). */
  version: number;
  label: string;
  height?: number;
  onPointClick?: (customdata: unknown) => void;
}

/**
 * Plots are drawn one at a time, each in its own task (a macrotask yield between them), so the
 * page stays responsive while several figures are drawn after a result arrives.
 */
let drawQueue: Promise<unknown> = Promise.resolve();
function enqueueDraw<T>(draw: () => Promise<T>): Promise<T> {
  const next = drawQueue.then(() => new Promise((yieldToBrowser) => setTimeout(yieldToBrowser, 0))).then(draw);
  drawQueue = next.catch(() => undefined);
  return next;
}

/** Draws a figure with Plotly.react and reports when it is on the page. */
export function PlotlyFigure({ id, figure, version, label, height = 360, onPointClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const markRendered = useExplorer((s) => s.markRendered);
  const plotFailed = useExplorer((s) => s.plotFailed);
  const registerPlot = useExplorer((s) => s.registerPlot);
  const unregisterPlot = useExplorer((s) => s.unregisterPlot);

  // The page is ready only when every mounted plot has drawn the current view.
  useLayoutEffect(() => {
    registerPlot(id);
    return () => unregisterPlot(id);
  }, [id, registerPlot, unregisterPlot]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !figure) return;
    let cancelled = false;
    loadPlotly()
      .then((Plotly) =>
        enqueueDraw(() => {
          if (cancelled) return Promise.resolve(el as PlotlyHTMLElement);
          // A User Timing measure per draw ("plot:<id>"), for profiling the main thread.
          const started = performance.now();
          return Plotly.react(el, figure.data, { ...figure.layout, height, autosize: true }, {
          responsive: true,
          displaylogo: false,
          modeBarButtonsToRemove: ['lasso2d', 'select2d'],
          toImageButtonOptions: { filename: `lae-${id}`, scale: 2 },
          }).finally(() => performance.measure(`plot:${id}`, { start: started, end: performance.now() }));
        }),
      )
      .then((plot) => {
        if (cancelled) return;
        if (onPointClick && plot.on && plot.removeAllListeners) {
          plot.removeAllListeners('plotly_click');
          plot.on('plotly_click', (e) => {
            const p = e.points[0];
            if (p && p.customdata !== undefined) onPointClick(p.customdata);
          });
        }
        markRendered(id, version);
      })
      .catch((e: unknown) => {
        if (!cancelled) plotFailed(id, e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [figure, version, id, height, markRendered, plotFailed, onPointClick]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) loadPlotly().then((Plotly) => Plotly.purge(el));
    };
  }, []);

  return <div ref={ref} className="plot" data-plot={id} role="img" aria-label={label} style={{ minHeight: height }} />;
}
