import { describe, expect, it } from 'vitest';
import type { PhaseDiagram, PhaseRegion } from '../../src/core/models/relu/phaseDiagram';
import {
  linearCriticalLevels,
  PHASE_REGIONS,
  type ReluFigureResults,
  reluBiasFigure,
  reluDimensionalityFigure,
  reluGramFigure,
  reluLossFigure,
  reluNormsFigure,
  reluPhaseFigure,
  reluPlaneFigure,
} from '../../src/plots/reluFigures';
import type { Figure } from '../../src/plots/types';
import { parseUrl } from '../../src/state/urlCodec';
import { computeParams } from '../../src/state/urlSchema';
import { computeAll } from '../../src/worker/pipeline';

type Trace = {
  type: string;
  name?: string;
  showlegend?: boolean;
  x: (number | null)[];
  y: (number | null)[];
  z?: number[][];
  text?: string[];
  marker?: { color?: unknown; cmin?: number; cmax?: number };
};
const traces = (f: Figure) => f.data as unknown as Trace[];
const named = (f: Figure, name: string) => traces(f).find((t) => t.name === name) as Trace;

/** Every number anywhere in the figure (data and layout), with null allowed as a gap. */
function numbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value) || ArrayBuffer.isView(value)) for (const v of Array.from(value as ArrayLike<unknown>)) numbers(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) numbers(v, out);
  return out;
}

describe('the ReLU model’s figures (docs/design.md §7)', () => {
  const r = computeAll(computeParams(parseUrl('?model=relu&D=5&d=2&sparsity=0.9&importance=0.9&runs=2&steps=300').params));
  if (!r.relu) throw new Error('model=relu gave no ReLU results');
  const results: ReluFigureResults = { ...r, relu: r.relu };
  const { relu } = results;
  const D = 5;
  const best = relu.runs[relu.best];

  // A small phase diagram by hand: 2 ratios × 3 densities, every region present.
  const regions: PhaseRegion[][] = [
    ['not represented', 'dedicated', 'superposed'],
    ['superposed', 'not represented', 'dedicated'],
  ];
  const phase: PhaseDiagram = {
    densities: [0.01, 0.1, 1],
    ratios: [0.5, 2],
    cells: regions.map((row, ri) =>
      row.map((region, ci) => ({
        density: [0.01, 0.1, 1][ci],
        ratio: [0.5, 2][ri],
        region,
        W: [1, -1] as [number, number],
        b: [0, 0] as [number, number],
        loss: 0.01,
      })),
    ),
    cancelled: false,
  };
  const withPhase: ReluFigureResults = { ...results, relu: { ...relu, phase } };

  const all = () =>
    [
      reluLossFigure(results, { norm: 'mean' }),
      reluLossFigure(results, { norm: 'sum' }),
      reluGramFigure(results),
      reluBiasFigure(results),
      reluNormsFigure(results),
      reluDimensionalityFigure(results),
      reluPlaneFigure(results),
      reluPhaseFigure(withPhase),
    ] as Figure[];

  it('the loss figure draws every run from step 1, the baselines at the exact linear losses, and the distinct linear critical levels L(I)/T', () => {
    const f = reluLossFigure(results, { norm: 'mean' });
    const runs = traces(f).filter((t) => t.name?.startsWith('ReLU model'));
    expect(runs.length).toBe(relu.runs.length);
    // The best run is drawn last (on top) and its last point is its final loss.
    const last = runs[runs.length - 1];
    expect(last.name).toBe(`ReLU model, best run (run ${best.run})`);
    expect(last.y[last.y.length - 1]).toBeCloseTo(best.finalLoss, 12);
    for (const t of runs) expect(Math.min(...(t.x as number[]))).toBeGreaterThanOrEqual(1);
    expect(runs.filter((t) => t.showlegend).length).toBe(2);

    expect(named(f, 'best linear AE with a bias (PCA)').y).toEqual([relu.linearOptimumLoss, relu.linearOptimumLoss]);
    expect(named(f, 'best linear AE without a bias').y).toEqual([relu.linearNoBiasLoss, relu.linearNoBiasLoss]);

    // D = 5, d = 2: C(5,0) + C(5,1) + C(5,2) = 16 critical points, with distinct losses here.
    const levels = linearCriticalLevels(results);
    const expected = [...new Set(Array.from(r.table.loss, (l) => l / r.T))].sort((a, b) => a - b);
    expect(levels.map((l) => l.loss)).toEqual(expected);
    const levelTrace = traces(f).find((t) => t.name?.startsWith('linear critical levels')) as Trace;
    expect(levelTrace.y.filter((y) => y !== null)).toEqual(expected.flatMap((l) => [l, l]));
    // The lowest level is the linear landscape's global minimum, the best linear AE without a bias.
    expect(expected[0]).toBeCloseTo(relu.linearNoBiasLoss, 10);
    expect(relu.linearOptimumLoss).toBeLessThanOrEqual(relu.linearNoBiasLoss);

    expect((f.layout.xaxis as { type: string }).type).toBe('log');
    expect((f.layout.yaxis as { type: string }).type).toBe('log');
  });

  it('"sum" multiplies every loss by the sample’s rows', () => {
    const f = reluLossFigure(results, { norm: 'sum' });
    expect(named(f, 'best linear AE with a bias (PCA)').y[0]).toBeCloseTo(relu.linearOptimumLoss * r.T, 9);
  });

  it('a limit on the levels keeps the lowest ones', () => {
    const levels = linearCriticalLevels(results, 4);
    expect(levels.map((l) => l.loss)).toEqual(
      linearCriticalLevels(results)
        .slice(0, 4)
        .map((l) => l.loss),
    );
  });

  it('the WᵀW heatmap is the gram matrix, on a scale symmetric about 0', () => {
    const t = traces(reluGramFigure(results))[0] as Trace & { zmin: number; zmax: number };
    expect(t.type).toBe('heatmap');
    expect(t.z).toEqual(Array.from({ length: D }, (_, i) => Array.from(relu.gram.data.subarray(i * D, (i + 1) * D))));
    expect(t.zmin).toBe(-t.zmax);
    expect(t.zmax).toBeCloseTo(Math.max(...Array.from(relu.gram.data, Math.abs)), 12);
    // The diagonal is ‖W_i‖².
    for (let i = 0; i < D; i++) expect(t.z?.[i][i]).toBeCloseTo(relu.featureNorms[i] ** 2, 12);
  });

  it('the bias bars are the kept run’s b', () => {
    const t = traces(reluBiasFigure(results))[0];
    expect(t.type).toBe('bar');
    expect(t.x).toEqual([1, 2, 3, 4, 5]);
    expect(t.y).toEqual(Array.from(best.b));
  });

  it('the norm bars are ‖W_i‖, coloured by superposition on 0…1', () => {
    const t = traces(reluNormsFigure(results))[0];
    expect(t.x).toEqual([1, 2, 3, 4, 5]);
    expect(t.y).toEqual(Array.from(relu.featureNorms));
    expect(t.marker?.color).toEqual(Array.from(relu.superposition));
    expect([t.marker?.cmin, t.marker?.cmax]).toEqual([0, 1]);
  });

  it('the dimensionality markers are the paper’s D_i, each ≤ 1, over the reference lines 1, 1/2, 2/5', () => {
    const f = reluDimensionalityFigure(results);
    const t = named(f, 'dimensionality of feature i');
    expect(t.y).toEqual(Array.from(relu.dimensionality));
    for (const v of t.y as number[]) expect(v).toBeLessThanOrEqual(1 + 1e-12);
    const references = traces(f).filter((r) => r !== t);
    expect(references.map((r) => r.y)).toEqual([
      [1, 1],
      [1 / 2, 1 / 2],
      [2 / 5, 2 / 5],
    ]);
  });

  it('the plane’s arrows start at 0 and end at W’s columns, with equal axes; no plane unless d = 2', () => {
    const f = reluPlaneFigure(results);
    if (!f) throw new Error('d = 2 gave no plane');
    const tips = traces(f).find((t) => t.name === 'Wᵢ (feature i)') as Trace;
    expect(tips.x).toEqual(Array.from({ length: D }, (_, i) => best.W[i]));
    expect(tips.y).toEqual(Array.from({ length: D }, (_, i) => best.W[D + i]));
    expect(tips.text).toEqual(['1', '2', '3', '4', '5']);
    const arrows = traces(f).filter((t) => t.name?.includes('represented ('));
    const ends = new Set<string>();
    for (const a of arrows)
      for (let k = 0; k < a.x.length; k += 3) {
        expect([a.x[k], a.y[k], a.x[k + 2], a.y[k + 2]]).toEqual([0, 0, null, null]);
        ends.add(`${a.x[k + 1]},${a.y[k + 1]}`);
      }
    expect(ends).toEqual(new Set(Array.from({ length: D }, (_, i) => `${best.W[i]},${best.W[D + i]}`)));
    const solid = arrows.find((a) => a.name === 'represented (‖Wᵢ‖ > ½)');
    expect((solid?.x.length ?? 0) / 3).toBe(Array.from(relu.featureNorms).filter((n) => n > 0.5).length);
    expect((f.layout.yaxis as { scaleanchor: string }).scaleanchor).toBe('x');
    expect(reluPlaneFigure({ ...results, params: { ...results.params, d: 3 } })).toBeNull();
  });

  it('the phase heatmap maps each cell’s region to its code, on log₁₀ axes; none without a diagram', () => {
    expect(reluPhaseFigure(results)).toBeNull();
    const f = reluPhaseFigure(withPhase) as Figure;
    const t = traces(f)[0] as Trace & { colorbar: { tickvals: number[]; ticktext: string[] } };
    expect(t.z).toEqual(regions.map((row) => row.map((region) => PHASE_REGIONS.indexOf(region))));
    expect(t.z).toEqual([
      [0, 1, 2],
      [2, 0, 1],
    ]);
    expect(t.x).toEqual([-2, -1, 0]);
    expect((t.y as number[]).map((v) => 10 ** v)).toEqual([expect.closeTo(0.5, 12), expect.closeTo(2, 12)]);
    expect(t.colorbar.ticktext).toEqual(['not represented', 'dedicated', 'superposed']);
    expect((f.layout.xaxis as { title: { text: string } }).title.text).toBe('feature density 1 − S');
    expect((f.layout.yaxis as { title: { text: string } }).title.text).toBe('relative importance of feature 2');
  });

  it('nothing non-finite reaches any figure', () => {
    for (const f of all()) {
      expect(f).not.toBeNull();
      for (const v of numbers(f.data)) expect(Number.isFinite(v)).toBe(true);
      for (const v of numbers(f.layout)) expect(Number.isFinite(v)).toBe(true);
    }
  });
});
