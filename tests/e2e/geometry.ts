/**
 * Bounding boxes of what a reader must be able to read on every plot — titles, legends, the mode
 * bar, tick labels, axis titles, colour bars — and the checks of issue 11: nothing overlaps what it
 * must not, and nothing is clipped by its plot or the page.
 */
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlotGeometry {
  id: string;
  /** The plot's own element and its panel's content box. */
  plot: Box;
  panel: Box;
  title: Box | null;
  titleClipped: boolean;
  areas: Box[];
  legend: Box | null;
  modebar: Box | null;
  /** Tick labels per axis ("x", "y", "y2", "cb" for a colour bar…), and axis titles. */
  ticks: Record<string, Box[]>;
  axisTitles: Box[];
  colorbars: Box[];
}

/** Every plot on the page, measured (visible ones only). */
export function measurePlots(page: Page): Promise<PlotGeometry[]> {
  return page.evaluate(() => {
    const box = (el: Element): { x: number; y: number; w: number; h: number } => {
      const r = el.getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height };
    };
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    return [...document.querySelectorAll('[data-plot]')].filter(visible).map((plot) => {
      const wrap = plot.closest('.plot-wrap');
      const panel = plot.closest('section') ?? plot.parentElement ?? plot;
      const style = getComputedStyle(panel);
      const pb = box(panel);
      const padL = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.borderLeftWidth);
      const padR = Number.parseFloat(style.paddingRight) + Number.parseFloat(style.borderRightWidth);
      const title = wrap?.querySelector('.plot-title') ?? null;
      const ticks: Record<string, { x: number; y: number; w: number; h: number }[]> = {};
      for (const g of plot.querySelectorAll('g.xtick, g.ytick, g.x2tick, g.y2tick, g.cbaxis g.ytick, g.cbaxis g.xtick')) {
        const text = g.querySelector('text');
        if (!text?.textContent || !visible(text)) continue;
        const bar = g.closest('.cbaxis');
        const key = bar ? `cb${[...plot.querySelectorAll('.cbaxis')].indexOf(bar)}` : (g.getAttribute('class') ?? '').replace('tick', '');
        ticks[key] = [...(ticks[key] ?? []), box(text)];
      }
      const legend = plot.querySelector('g.legend');
      const modebar = plot.querySelector('.modebar');
      return {
        id: plot.getAttribute('data-plot') ?? '',
        plot: box(plot),
        panel: { x: pb.x + padL, y: pb.y, w: pb.w - padL - padR, h: pb.h },
        title: title?.textContent ? box(title) : null,
        titleClipped: title ? title.scrollWidth > title.clientWidth + 1 : false,
        areas: [...plot.querySelectorAll('.nsewdrag')].filter(visible).map(box),
        legend: legend && visible(legend) ? box(legend) : null,
        modebar: modebar && visible(modebar) ? box(modebar) : null,
        ticks,
        axisTitles: [...plot.querySelectorAll('.g-xtitle text, .g-ytitle text, .g-y2title text, .g-x2title text')]
          .filter((t) => t.textContent && visible(t))
          .map(box),
        colorbars: [...plot.querySelectorAll('g.colorbar')].filter(visible).map(box),
      };
    });
  });
}

/** Overlap of two boxes in px² (0 when they only touch). */
export function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0.5 && h > 0.5 ? w * h : 0;
}

const inside = (inner: Box, outer: Box, slack = 1) =>
  inner.x >= outer.x - slack && inner.y >= outer.y - slack && inner.x + inner.w <= outer.x + outer.w + slack && inner.y + inner.h <= outer.y + outer.h + slack;

const fmt = (b: Box) => `(${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.w)}×${Math.round(b.h)})`;

/** What is wrong with one plot's layout, in words (empty when nothing is). */
export function layoutProblems(g: PlotGeometry): string[] {
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${g.id}: ${what}`);
  if (g.titleClipped) say('its title is clipped');
  const labels = Object.entries(g.ticks).flatMap(([axis, boxes]) => boxes.map((b) => ({ axis, b })));
  for (const { axis, b } of labels) if (!inside(b, g.plot)) say(`a ${axis} tick label ${fmt(b)} is outside the plot ${fmt(g.plot)}`);
  for (const b of g.axisTitles) if (!inside(b, g.plot)) say(`an axis title ${fmt(b)} is outside the plot ${fmt(g.plot)}`);
  for (const [axis, boxes] of Object.entries(g.ticks))
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i], boxes[j]) > 1) say(`two ${axis} tick labels overlap ${fmt(boxes[i])} ${fmt(boxes[j])}`);
  if (g.legend) {
    if (!inside(g.legend, g.plot)) say(`the legend ${fmt(g.legend)} is outside the plot ${fmt(g.plot)}`);
    for (const a of g.areas) if (overlap(g.legend, a) > 4) say(`the legend ${fmt(g.legend)} covers the plotting area ${fmt(a)}`);
    for (const { axis, b } of labels) if (overlap(g.legend, b) > 1) say(`the legend covers a ${axis} tick label`);
    for (const b of g.axisTitles) if (overlap(g.legend, b) > 1) say('the legend covers an axis title');
    for (const c of g.colorbars) if (overlap(g.legend, c) > 1) say('the legend covers a colour bar');
  }
  if (g.modebar) {
    for (const a of g.areas) if (overlap(g.modebar, a) > 4) say(`the mode bar ${fmt(g.modebar)} covers the plotting area ${fmt(a)}`);
    if (g.legend && overlap(g.modebar, g.legend) > 1) say('the mode bar covers the legend');
    for (const { b } of labels) if (overlap(g.modebar, b) > 1) say('the mode bar covers a tick label');
  }
  for (const c of g.colorbars) for (const a of g.areas) if (overlap(c, a) > 4) say('a colour bar covers the plotting area');
  return problems;
}
