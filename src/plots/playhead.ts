/**
 * The playhead overlay: a canvas over a drawn Plotly figure that shows one step of training, so
 * Play and the scrubber move every time-linked plot in well under a millisecond per plot and frame
 * instead of a Plotly redraw (25–100 ms each). At step s each time-linked trace gets a marker at its
 * last point with step ≤ s; on a step axis the steps after s are veiled; on a coordinate plot (the
 * slice) the path walked so far is drawn over the whole one.
 */
import type { Figure } from './types';

/** The Plotly internals read here: each axis's offset, length and data → pixel map (stable since Plotly 1). */
interface Axis {
  _offset: number;
  _length: number;
  c2p(v: number): number;
}

export interface PlayheadHost extends HTMLElement {
  _fullLayout?: Record<string, Axis | undefined>;
}

/** Number of entries of the ascending `steps` that are ≤ `s`. */
export function countUpTo(steps: ArrayLike<number>, s: number): number {
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const VEIL = 'rgba(255, 255, 255, 0.78)';

/** The trace's colour: its line's, else its marker's. */
function colourOf(trace: Record<string, unknown>): string {
  const line = trace.line as { color?: unknown } | undefined;
  const marker = trace.marker as { color?: unknown } | undefined;
  const c = line?.color ?? marker?.color;
  return typeof c === 'string' ? c : '#1d2330';
}

/** The path of a marker of radius r at (x, y) in the shape of a Plotly symbol (the ones the explorer uses). */
function markerPath(ctx: CanvasRenderingContext2D, symbol: string, x: number, y: number, r: number): void {
  const polygon = (n: number, turn: number, scale = 1) => {
    for (let j = 0; j < n; j++) {
      const a = turn + (2 * Math.PI * j) / n;
      const [px, py] = [x + r * scale * Math.cos(a), y + r * scale * Math.sin(a)];
      if (j === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    }
    ctx.closePath();
  };
  const bar = (angle: number) => {
    // A cross's arm as a filled rectangle, so the white outline reads like the other shapes'.
    const [c, s, w] = [Math.cos(angle), Math.sin(angle), r * 0.38];
    const corners = [
      [-r, -w],
      [r, -w],
      [r, w],
      [-r, w],
    ].map(([u, v]) => [x + u * c - v * s, y + u * s + v * c]);
    ctx.moveTo(corners[0][0], corners[0][1]);
    for (const [px, py] of corners.slice(1)) ctx.lineTo(px, py);
    ctx.closePath();
  };
  ctx.beginPath();
  if (symbol === 'square' || symbol === 'star-square') polygon(4, Math.PI / 4, 1.15);
  else if (symbol === 'diamond') polygon(4, 0, 1.25);
  else if (symbol === 'triangle-up') polygon(3, -Math.PI / 2, 1.3);
  else if (symbol === 'triangle-down') polygon(3, Math.PI / 2, 1.3);
  else if (symbol === 'pentagon') polygon(5, -Math.PI / 2, 1.15);
  else if (symbol === 'hexagon') polygon(6, 0, 1.1);
  else if (symbol === 'cross' || symbol === 'x') {
    const turn = symbol === 'x' ? Math.PI / 4 : 0;
    bar(turn);
    bar(turn + Math.PI / 2);
  } else ctx.arc(x, y, r, 0, 2 * Math.PI);
}

/**
 * Draws step `s` of `figure` (as drawn in `host`) on `canvas`, or clears it when `s` is null.
 * Returns how many markers it drew (on the canvas's data-heads, for tests and the bench).
 */
export function drawPlayhead(canvas: HTMLCanvasElement, host: PlayheadHost, figure: Figure, s: number | null): number {
  const ratio = window.devicePixelRatio || 1;
  const w = host.clientWidth;
  const h = host.clientHeight;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext('2d');
  const layout = host._fullLayout;
  const xa = layout?.xaxis;
  const ya = layout?.yaxis;
  canvas.dataset.step = s === null ? '' : String(s);
  if (!ctx) return 0;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, h);
  const timeline = figure.timeline;
  if (s === null || !timeline || !xa || !ya) {
    canvas.dataset.heads = '0';
    return 0;
  }
  const px = (v: number) => xa._offset + xa.c2p(v);
  ctx.save();
  ctx.beginPath();
  ctx.rect(xa._offset, ya._offset, xa._length, ya._length);
  ctx.clip();
  if (timeline.stepAxis) {
    // The steps not reached yet, veiled; a rule at the step shown. (Log step axes start at 0.5.)
    const at = Math.min(Math.max(px(Math.max(s, 0.5)), xa._offset), xa._offset + xa._length);
    ctx.fillStyle = VEIL;
    ctx.fillRect(at, ya._offset, xa._offset + xa._length - at, ya._length);
    ctx.strokeStyle = '#1d2330';
    ctx.lineWidth = 1.5;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(at, ya._offset);
    ctx.lineTo(at, ya._offset + ya._length);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  let heads = 0;
  for (const { trace: index, steps, symbol } of timeline.traces) {
    const trace = figure.data[index];
    const k = countUpTo(steps, s) - 1;
    if (!trace || k < 0) continue;
    const xs = trace.x as ArrayLike<number>;
    const ys = trace.y as ArrayLike<number>;
    const axis = trace.yaxis === 'y2' ? layout.yaxis2 : ya;
    if (!axis) continue;
    const py = (v: number) => axis._offset + axis.c2p(v);
    const colour = colourOf(trace);
    if (!timeline.stepAxis && k > 0) {
      // The path walked so far, over a white halo so it reads above the full (faint) path.
      for (const [stroke, width] of [
        ['#ffffff', 6],
        [colour, 3.5],
      ] as const) {
        ctx.strokeStyle = stroke;
        ctx.lineWidth = width;
        ctx.beginPath();
        for (let j = 0; j <= k; j++) {
          if (j === 0) ctx.moveTo(px(xs[j]), py(ys[j]));
          else ctx.lineTo(px(xs[j]), py(ys[j]));
        }
        ctx.stroke();
      }
    }
    const x = px(xs[k]);
    const y = py(ys[k]);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    ctx.fillStyle = colour;
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 2;
    const shape = symbol ?? (trace.marker as { symbol?: unknown } | undefined)?.symbol;
    markerPath(ctx, typeof shape === 'string' ? shape : 'circle', x, y, 6.5);
    ctx.stroke();
    ctx.fill();
    heads++;
  }
  ctx.restore();
  canvas.dataset.heads = String(heads);
  return heads;
}
