import { useEffect, useLayoutEffect, useRef } from 'react';
import { enqueueDraw } from '../plots/drawQueue';
import { loadPlotly } from '../plots/loadPlotly';
import { plotConfig } from '../plots/plotConfig';
import type { PlotlyHTMLElement } from '../plots/plotly';
import type { Figure } from '../plots/types';
import { type PlotId, useExplorer } from '../state/store';

interface Props {
  id: PlotId;
  /**
   * The figure, or a function that builds it: a builder runs inside the plot's own draw task, so
   * building many figures (tens of ms for 10⁵ points) does not lengthen the render that shows new results.
   */
  figure: Figure | (() => Figure) | null;
  /** The view version this figure belongs to; reported back once drawn (ready signal). */
  version: number;
  label: string;
  height?: number;
  onPointClick?: (customdata: unknown) => void;
}

/** Draws a figure with Plotly.react and reports when it is on the page. */
export function PlotlyFigure({ id, figure, version, label, height = 360, onPointClick }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const markRendered = useExplorer((s) => s.markRendered);
  const plotFailed = useExplorer((s) => s.plotFailed);
  const registerPlot = useExplorer((s) => s.registerPlot);
  const unregisterPlot = useExplorer((s) => s.unregisterPlot);
  // What is on the page now: a new view version whose figure is unchanged (say, a detail job for
  // another panel finished) is marked drawn without handing Plotly the same figure again.
  const drawn = useRef<{ figure: Props['figure']; height: number } | null>(null);
  const onClick = useRef(onPointClick);
  onClick.current = onPointClick;

  // The page is ready only when every mounted plot has drawn the current view.
  useLayoutEffect(() => {
    registerPlot(id);
    return () => unregisterPlot(id);
  }, [id, registerPlot, unregisterPlot]);

  useEffect(() => {
    const el = ref.current;
    if (!el || !figure) return;
    if (drawn.current?.figure === figure && drawn.current.height === height) {
      markRendered(id, version);
      return;
    }
    let cancelled = false;
    loadPlotly()
      .then((Plotly) =>
        enqueueDraw(() => {
          if (cancelled) return Promise.resolve(el as PlotlyHTMLElement);
          // A User Timing measure per draw ("plot:<id>"), for profiling the main thread.
          const started = performance.now();
          const built = typeof figure === 'function' ? figure() : figure;
          return Plotly.react(el, built.data, { ...built.layout, height, autosize: true }, plotConfig(id)).finally(() =>
            performance.measure(`plot:${id}`, { start: started, end: performance.now() }),
          );
        }),
      )
      .then((plot) => {
        if (cancelled) return;
        if (plot.on && plot.removeAllListeners) {
          plot.removeAllListeners('plotly_click');
          plot.on('plotly_click', (e) => {
            const p = e.points[0];
            if (p && p.customdata !== undefined) onClick.current?.(p.customdata);
          });
        }
        drawn.current = { figure, height };
        markRendered(id, version);
      })
      .catch((e: unknown) => {
        if (!cancelled) plotFailed(id, e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [figure, version, id, height, markRendered, plotFailed]);

  useEffect(() => {
    const el = ref.current;
    return () => {
      drawn.current = null;
      if (el) void loadPlotly().then((Plotly) => Plotly.purge(el));
    };
  }, []);

  return <div ref={ref} className="plot" data-plot={id} role="img" aria-label={label} style={{ height }} />;
}
