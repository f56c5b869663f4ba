import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyPhase, logSpaced, PHASE_DEFAULTS, type PhaseCell, phaseDiagram } from '../../../../src/core/models/relu/phaseDiagram';
import { trainRelu } from '../../../../src/core/models/relu/reluTraining';

describe('the D = 2, d = 1 phase diagram (Toy Models of Superposition, “Phase change”)', () => {
  it('log-spaced axes and the three regions by ‖W₁‖, ‖W₂‖', () => {
    const x = logSpaced(0.01, 1, 5);
    expect(x[0]).toBe(0.01);
    expect(x[4]).toBe(1);
    for (let k = 1; k < 5; k++) expect(x[k] / x[k - 1]).toBeCloseTo(10 ** 0.5, 12);
    expect(PHASE_DEFAULTS.densities.length).toBe(10);
    expect(PHASE_DEFAULTS.ratios[0]).toBe(0.1);
    expect(PHASE_DEFAULTS.ratios[9]).toBe(10);
    expect(classifyPhase(1, 0.1)).toBe('not represented');
    expect(classifyPhase(0.1, 0.1)).toBe('not represented');
    expect(classifyPhase(0.2, 1)).toBe('dedicated');
    expect(classifyPhase(1, 1)).toBe('superposed');
  });

  it('has the paper’s regions: dense → the more important feature alone; sparse with similar importance → both, antipodal', () => {
    const densities = [0.01, 1];
    const ratios = [0.2, 1, 5];
    const { cells, cancelled } = phaseDiagram({ densities, ratios, seed: 1 });
    expect(cancelled).toBe(false);
    expect(cells.map((row) => row.map((c) => [c.ratio, c.density]))).toEqual(ratios.map((r) => densities.map((p) => [r, p])));
    const region = (r: number, p: number): PhaseCell => cells[ratios.indexOf(r)][densities.indexOf(p)];
    expect(region(0.2, 1).region).toBe('not represented'); // feature 1 keeps the dimension
    expect(region(5, 1).region).toBe('dedicated'); // feature 2 takes it
    const sparse = region(1, 0.01);
    expect(sparse.region).toBe('superposed');
    expect(Math.sign(sparse.W[0])).toBe(-Math.sign(sparse.W[1])); // W₁ and W₂ point opposite ways
    expect(Math.max(sparse.b[0], sparse.b[1])).toBeLessThan(0); // a negative bias filters the interference
  });

  it('a 10 × 10 grid at the defaults finishes in a few seconds; onProgress counts cells and cancels', () => {
    const started = performance.now();
    const seen: number[] = [];
    const full = phaseDiagram({ onProgress: (done, total) => void seen.push(done, total) });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(full.cells.length).toBe(10);
    expect(full.cells.every((row) => row.length === 10)).toBe(true);
    expect(seen.slice(0, 2)).toEqual([1, 100]);
    expect(seen.slice(-2)).toEqual([100, 100]);
    const regions = new Set(full.cells.flat().map((c) => c.region));
    expect(regions).toEqual(new Set(['not represented', 'dedicated', 'superposed']));
    const part = phaseDiagram({ densities: [0.1, 1], ratios: [0.5, 2], steps: 50, onProgress: (done) => done === 3 });
    expect(part.cancelled).toBe(true);
    expect(part.cells.flat().length).toBe(3);
  });

  it('why several runs: same-sign starts away from 0 end in a local minimum (one |W| near 0.5) where the antipodal W = (1, −1) wins', () => {
    const cell = { D: 2, d: 1, sparsity: 0.99, importance: 1, importanceVector: [1, 1], seed: 1, steps: 600, batch: 128, lr: 0.01, recordCount: 2 };
    const runs = [0, 1, 2, 3, 4, 5, 6].map((run) => trainRelu({ ...cell, run }));
    const stuck = runs.filter((r) => r.W0[0] * r.W0[1] > 0 && Math.min(Math.abs(r.W0[0]), Math.abs(r.W0[1])) > 0.4);
    const opposite = runs.filter((r) => r.W0[0] * r.W0[1] < 0);
    expect(stuck.length).toBeGreaterThan(0);
    expect(opposite.length).toBeGreaterThan(0);
    for (const r of stuck) {
      const small = Math.min(Math.abs(r.W[0]), Math.abs(r.W[1]));
      expect(small).toBeGreaterThan(0.3);
      expect(small).toBeLessThan(0.7);
    }
    for (const r of opposite) expect(r.W[0] * r.W[1]).toBeLessThan(-0.9);
    expect(10 * Math.max(...opposite.map((r) => r.finalLoss))).toBeLessThan(Math.min(...stuck.map((r) => r.finalLoss)));
  });
});

describe('the phase diagram against numpy’s (tests/fixtures/phaseDiagram.json, bench/numpy_relu.py --phase)', () => {
  it('the same settings give the same regions in at least 97 of the 100 cells (the random streams differ, so a near-tie cell may flip)', {
    timeout: 120_000,
  }, () => {
    const numpy = JSON.parse(readFileSync('tests/fixtures/phaseDiagram.json', 'utf8')) as {
      densities: number[];
      importances2: number[];
      grid: string[];
      settings: { steps: number; lr: number; batch: number };
    };
    expect(numpy.settings).toMatchObject({ steps: PHASE_DEFAULTS.steps, lr: PHASE_DEFAULTS.lr, batch: PHASE_DEFAULTS.batch });
    const ours = phaseDiagram({ seed: 0 });
    const letter = { 'not represented': 'N', dedicated: 'D', superposed: 'S' } as const;
    let agree = 0;
    for (let r = 0; r < 10; r++)
      for (let c = 0; c < 10; c++) {
        expect(ours.densities[c]).toBeCloseTo(numpy.densities[c], 12);
        expect(ours.ratios[r]).toBeCloseTo(numpy.importances2[9 - r], 12);
        if (letter[ours.cells[r][c].region] === numpy.grid[9 - r][c]) agree++;
      }
    expect(agree).toBeGreaterThanOrEqual(97);
  });
});
