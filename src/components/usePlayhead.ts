import { type RefObject, useCallback, useEffect, useRef } from 'react';
import { drawPlayhead, type PlayheadHost } from '../plots/playhead';
import type { Figure } from '../plots/types';
import { useExplorer } from '../state/store';

/**
 * Keeps a plot's playhead canvas on the store's `upTo` step: outside React (no render per frame),
 * at most one draw per animation frame, always of the latest step (a frame that falls behind is
 * dropped, not queued). Returns `redraw`, for after Plotly has drawn or zoomed the plot.
 */
export function usePlayhead(host: RefObject<HTMLElement | null>, canvas: RefObject<HTMLCanvasElement | null>, figure: RefObject<Figure | null>): () => void {
  const frame = useRef<number | null>(null);
  const redraw = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      const el = host.current;
      const c = canvas.current;
      const f = figure.current;
      if (!el || !c || !f?.timeline) return;
      const started = performance.now();
      drawPlayhead(c, el as PlayheadHost, f, useExplorer.getState().upTo);
      performance.measure(`playhead:${el.dataset.plot ?? ''}`, { start: started, end: performance.now() });
    });
  }, [host, canvas, figure]);
  useEffect(() => {
    const unsubscribe = useExplorer.subscribe((s, previous) => {
      if (s.upTo !== previous.upTo) redraw();
    });
    return () => {
      unsubscribe();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  }, [redraw]);
  return redraw;
}
