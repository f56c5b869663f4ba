import { describe, expect, it } from 'vitest';
import { pathFigure } from '../../src/plots/detailFigures';
import type { DetailResults } from '../../src/worker/protocol';

const detailWithPath = (loss: number[], closedForm: number[]) =>
  ({
    I: [1, 3],
    path: { choice: { kind: 'rotate', i: 3, j: 4 }, target: [1, 4], s: loss.map((_, k) => k / 10), loss, closedForm },
  }) as unknown as DetailResults;

describe('the loss along a path to a neighbour', () => {
  it('a flat path (tied eigenvalues) is drawn flat around its value, not zoomed into rounding noise, and says it is flat', () => {
    const noise = [0, 1e-13, -2e-13, 5e-14, 0, -1e-13];
    const f = pathFigure(
      detailWithPath(
        noise.map((e) => 140 + e),
        noise.map(() => 140),
      ),
      1,
    );
    const y = f.layout.yaxis as { range: number[]; tickformat: string };
    expect(y.range[0]).toBeCloseTo(140 - 0.14, 9);
    expect(y.range[1]).toBeCloseTo(140 + 0.14, 9);
    expect(y.tickformat).toBe('.7~g'); // no "139.9999999999999147"
    expect((f.layout.title as { text: string }).text).toMatch(/\(flat: the loss does not change along it\)$/);
  });

  it('a path that descends keeps Plotly’s own range', () => {
    const f = pathFigure(detailWithPath([10, 9, 7, 5], [10, 9, 7, 5]), 1);
    expect((f.layout.yaxis as { range?: number[] }).range).toBeUndefined();
    expect((f.layout.title as { text: string }).text).toBe('rotate u3 toward u4: {1,3} → {1,4}');
  });
});
