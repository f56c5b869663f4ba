import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { adaptFigure, NARROW_WIDTH, type PlotEnvironment } from '../plots/adapt';
import { enqueueDraw } from '../plots/drawQueue';
import { loadPlotly } from '../plots/loadPlotly';
import { plotConfig } from '../plots/plotConfig';
import type { PlotlyHTMLElement } from '../plots/plotly';
import type { Figure } from '../plots/types';
import { type PlotId, useExplorer } from '../state/store';
import { usePlayhead } from './usePlayhead';

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
  /** In presentation mode, fill the viewport's height less this many px (the main plot: it fits the screen). */
  presentFill?: number;
  onPointClick?: (customdata: unknown) => void;
}

/** Whether the container is narrow, and whether the page presents; changes of either redraw the figure. */
function usePlotEnvironment(ref: React.RefObject<HTMLElement | null>): PlotEnvironment {
  const present = useExplorer((s) => s.params.present);
  const [narrow, setNarrow] = useState(() => typeof window !== 'undefined' && window.innerWidth < NARROW_WIDTH);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setNarrow(el.clientWidth > 0 && el.clientWidth < NARROW_WIDTH);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return useMemo(() => ({ narrow, present }), [narrow, present]);
}

/** The plot's height in px: taller when narrow (the legend moves below), the screen's height in presentation. */
function plotHeight(height: number, env: PlotEnvironment, presentFill?: number): number {
  if (env.present && presentFill !== undefined && typeof window !== 'undefined') return Math.max(320, window.innerHeight - presentFill);
  if (env.present) return Math.round(height * 1.25);
  return env.narrow ? height + 80 : height;
}

/** Draws a figure with Plotly.react, laid out for its container (plots/adapt.ts), and reports when it is on the page. */
export function PlotlyFigure({ id, figure, version, label, height = 360, presentFill, onPointClick }: Props) {
  const wrap = useRef<HTMLElement>(null);
  const ref = useRef<HTMLDivElement>(null);
  const titleRef = useRef<HTMLElement>(null);
  const playheadRef = useRef<HTMLCanvasElement>(null);
  // The figure as last handed to Plotly: the playhead overlay reads its time-linked traces.
  const builtRef = useRef<Figure | null>(null);
  const redrawPlayhead = usePlayhead(ref, playheadRef, builtRef);
  const env = usePlotEnvironment(wrap);
  const h = plotHeight(height, env, presentFill);
  const markRendered = useExplorer((s) => s.markRendered);
  const plotFailed = useExplorer((s) => s.plotFailed);
  const registerPlot = useExplorer((s) => s.registerPlot);
  const unregisterPlot = useExplorer((s) => s.unregisterPlot);
  // What is on the page now: a new view version whose figure is unchanged (say, a detail job for
  // another panel finished) is marked drawn without handing Plotly the same figure again.
  const drawn = useRef<{ figure: Props['figure']; height: number; narrow: boolean; present: boolean } | null>(null);
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
    const d = drawn.current;
    if (d && d.figure === figure && d.height === h && d.narrow === env.narrow && d.present === env.present) {
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
          const built = adaptFigure(typeof figure === 'function' ? figure() : figure, env);
          if (titleRef.current) titleRef.current.textContent = built.title ?? '';
          builtRef.current = built;
          return Plotly.react(el, built.data, { ...built.layout, height: h, autosize: true }, plotConfig(id)).finally(() =>
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
          // A zoom, a pan or a resize moves the axes under the playhead.
          plot.removeAllListeners('plotly_afterplot');
          plot.on('plotly_afterplot', redrawPlayhead);
        }
        redrawPlayhead();
        drawn.current = { figure, height: h, narrow: env.narrow, present: env.present };
        markRendered(id, version);
      })
      .catch((e: unknown) => {
        if (!cancelled) plotFailed(id, e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [figure, version, id, h, env, markRendered, plotFailed, redrawPlayhead]);

  // Plotly's `responsive` follows the window; this follows the container (controls shown or hidden, the tour docked).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let last = el.clientWidth;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth === last || !drawn.current) return;
      last = el.clientWidth;
      void loadPlotly().then((Plotly) => Plotly.Plots.resize(el));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = ref.current;
    return () => {
      drawn.current = null;
      if (el) void loadPlotly().then((Plotly) => Plotly.purge(el));
    };
  }, []);

  return (
    // A figure (not role="img": Plotly's mode bar and drag layers inside it are interactive).
    <figure ref={wrap} className="plot-wrap" aria-label={label}>
      <figcaption ref={titleRef} className="plot-title" />
      <div className="plot-layer">
        <div ref={ref} className="plot" data-plot={id} style={{ height: h }} />
        <canvas ref={playheadRef} className="playhead" data-playhead={id} />
      </div>
    </figure>
  );
}
