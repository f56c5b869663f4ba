import { describe, expect, it } from 'vitest';
import { tableRow } from '../../src/core/landscape/criticalPointTable';
import { sliceThrough } from '../../src/core/models/linear/slice';
import { anatomyFigure, modesFigure } from '../../src/plots/anatomyFigures';
import { contourFigure } from '../../src/plots/contourFigure';
import { formatI, lossFigure, topSet } from '../../src/plots/lossFigure';
import { indexBin, indexBins } from '../../src/plots/palette';
import { countUpTo } from '../../src/plots/playhead';
import { defaultParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';

type Trace = {
  name?: string;
  legendgroup?: string;
  x: (number | null)[];
  y: (number | null)[];
  text?: (string | null)[];
  customdata?: (string | null)[];
  line?: { color?: string; dash?: string };
};

describe('lossFigure: the critical loss levels', () => {
  // D = 12, d = 4: 794 critical points with Morse indices 0..48, far more indices than colours.
  const p = { ...defaultParams(), D: 12, d: 4, T: 300, runs: 2, steps: 200, init: 0.0001 };
  const r = computeAll(p);
  const figure = lossFigure(r, p);
  const levels = figure.data.filter((t) => String((t as Trace).legendgroup).startsWith('levels')) as Trace[];
  const drawnLevels = levels.filter((t) => t.x.length > 1);
  let maxIndex = 0;
  for (let row = 0; row < r.table.count; row++) maxIndex = Math.max(maxIndex, r.table.index[row]);
  const bins = indexBins(maxIndex);

  it('the Morse index falls into at most six contiguous ranges that cover 0..max, each its own colour and legend entry', () => {
    expect(maxIndex).toBe(48); // ∅: (d − 0)(D − 0) = 4 · 12
    expect(bins.length).toBe(6);
    expect(bins[0].lo).toBe(0);
    expect(bins[bins.length - 1].hi).toBe(maxIndex);
    for (let b = 1; b < bins.length; b++) expect(bins[b].lo).toBe(bins[b - 1].hi + 1);
    expect(new Set(bins.map((b) => b.colour)).size).toBe(bins.length);
    for (let i = 0; i <= maxIndex; i++) {
      const b = bins[indexBin(i, maxIndex)];
      expect(i >= b.lo && i <= b.hi).toBe(true);
    }
    // One legend entry per range (the colour key, a swatch in the range's colour), at most two traces of levels per range (visited or not).
    const entries = levels.filter((t) => (t as { showlegend?: boolean }).showlegend);
    expect(entries.map((t) => t.name)).toEqual(bins.map((b, k) => `${k === 0 ? 'levels L(I), Morse index ' : ''}${b.lo}–${b.hi}`));
    expect(entries.map((t) => t.line?.color)).toEqual(bins.map((b) => b.colour));
    expect(levels.length - entries.length).toBeLessThanOrEqual(2 * bins.length);
  });

  it('every level is L(I) = tr Σ − Σ_{i∈I} λ_i of the point it names, with that point’s Morse index and its range’s colour', () => {
    let checked = 0;
    for (const t of drawnLevels) {
      for (let k = 0; k < t.y.length; k += 3) {
        const I = (t.customdata?.[k] ?? '').split(',').filter(Boolean).map(Number);
        const point = tableRow(r.table, r.order.find((row) => formatI(tableRow(r.table, row).I) === formatI(I)) ?? -1);
        const expected = r.traceSigma - I.reduce((s, i) => s + r.eigenvalues[i - 1], 0);
        expect(t.y[k]).toBeCloseTo(expected, 9);
        expect(t.y[k + 1]).toBe(t.y[k]);
        expect(t.y[k + 2]).toBeNull(); // segments are separated by gaps
        expect(t.text?.[k]).toContain(`Morse index ${point.index}`);
        expect(t.line?.color).toBe(bins[indexBin(point.index, maxIndex)].colour);
        checked++;
      }
    }
    // Every distinct (loss, index) level but the global minimum's is drawn.
    expect(checked).toBeGreaterThan(100);
  });

  it('the levels the runs visited are solid and labelled; the others dotted', () => {
    const visited = new Set(r.trajectories.flatMap((t) => t.visited.map((v) => formatI(v.I))));
    expect(visited.size).toBeGreaterThanOrEqual(4); // ∅ → {1} → … from a tiny start
    for (const t of drawnLevels) {
      const solid = t.line?.dash === 'solid';
      for (let k = 0; k < t.y.length; k += 3) expect(visited.has(`{${t.customdata?.[k]}}`) || !solid).toBe(true);
      if (!solid) expect(t.line?.dash).toBe('dot');
    }
    const labels = (figure.layout.annotations as { text: string }[]).map((a) => a.text);
    for (const I of visited) if (I !== formatI([1, 2, 3, 4])) expect(labels).toContain(I === '{}' ? '∅' : I);
  });

  it('runs differ by dash as well as colour, and L* is black', () => {
    const runs = figure.data.filter((t) => String(t.name).startsWith('run ')) as Trace[];
    expect(new Set(runs.map((t) => t.line?.dash)).size).toBe(runs.length);
    const minimum = figure.data.find((t) => String(t.name).startsWith('L*')) as Trace;
    expect(minimum.line?.color).toBe('#000000');
    expect(minimum.name).toBe('L* (global minimum {1..4})');
  });

  it('names the global minimum’s set without a "{1..1}"', () => {
    expect([1, 2, 3, 7].map(topSet)).toEqual(['{1}', '{1,2}', '{1..3}', '{1..7}']);
  });
});

describe('the time-linked traces the playhead follows (plots/playhead.ts)', () => {
  const p = { ...defaultParams(), D: 6, d: 2, T: 200, runs: 3, steps: 300 };
  const r = computeAll(p);

  it('countUpTo counts the steps ≤ s, at and between recorded steps and past both ends', () => {
    const steps = [0, 1, 2, 5, 10, 300];
    expect([-1, 0, 1, 3, 5, 9, 10, 299, 300, 1e9].map((s) => countUpTo(steps, s))).toEqual([0, 1, 2, 3, 4, 4, 5, 5, 6, 6]);
    expect(countUpTo([], 4)).toBe(0);
  });

  it('the loss figure links exactly its run traces, each point to its own step', () => {
    const figure = lossFigure(r, p);
    const linked = figure.timeline?.traces ?? [];
    expect(figure.timeline?.stepAxis).toBe(true);
    expect(linked.map(({ trace }) => (figure.data[trace] as Trace).name)).toEqual(['run 1', 'run 2', 'run 3']);
    for (const { trace, steps, symbol } of linked) {
      expect(Array.from(steps)).toEqual((figure.data[trace] as Trace).x);
      expect(symbol).toBeTruthy();
    }
  });

  it('the anatomy figures link the measured curves (not the theory) and the slice links each projected path to its run’s steps', () => {
    const t = r.trajectories[0];
    const modes = modesFigure(t, r.eigenvalues, p.d);
    expect(modes.timeline?.traces.map(({ trace }) => (modes.data[trace] as Trace).name)).toEqual(['u1', 'u2', 'u3', 'u4', 'u5', 'u6']);
    const anatomy = anatomyFigure(t, p.d);
    expect(anatomy.timeline?.traces.length).toBe(p.d + 1);
    for (const { steps } of [...(modes.timeline?.traces ?? []), ...(anatomy.timeline?.traces ?? [])]) expect(Array.from(steps)).toEqual(t.step);
    const runs = r.trajectories.flatMap((run) => (run.records.snapshots ? [{ run: run.run, snapshots: run.records.snapshots }] : []));
    const slice = sliceThrough({ D: r.D, values: r.eigenvalues, U: r.U }, [1], p.d, runs);
    const contour = contourFigure(slice, 1, (run) => r.trajectories[run - 1]?.step);
    expect(contour.timeline?.stepAxis).toBe(false);
    const paths = contour.timeline?.traces ?? [];
    expect(paths.length).toBe(p.runs);
    for (const { trace, steps } of paths) expect(steps.length).toBe(((contour.data[trace] as Trace).x ?? []).length);
  });
});
