import { describe, expect, it } from 'vitest';
import {
  adjacentAngles,
  featureDimensionality,
  featureNorms,
  gramMatrix,
  hiddenPlaneAngles,
  superposition,
} from '../../../../src/core/models/relu/reluMetrics';

// W (d = 2 × D = 3), columns W₁ = (1, 0), W₂ = (0, 2), W₃ = (1, 1).
const W = Float64Array.from([1, 0, 1, 0, 2, 1]);

describe('ReLU model metrics (docs/design.md §7)', () => {
  it('WᵀW and the feature norms ‖W_i‖ by hand', () => {
    const G = gramMatrix(W, 3);
    expect([G.rows, G.cols]).toEqual([3, 3]);
    expect(Array.from(G.data)).toEqual([1, 0, 1, 0, 4, 2, 1, 2, 2]);
    expect(Array.from(featureNorms(W, 3))).toEqual([1, 2, Math.SQRT2]);
  });

  it('superposition Σ_{j≠i} (Ŵ_i · W_j)² by hand', () => {
    // Ŵ₁ = (1, 0): W₂ → 0, W₃ → 1.  Ŵ₂ = (0, 1): W₁ → 0, W₃ → 1.  Ŵ₃ = (1, 1)/√2: W₁ → 1/√2, W₂ → √2.
    const s = superposition(W, 3);
    expect(s[0]).toBeCloseTo(1, 15);
    expect(s[1]).toBeCloseTo(1, 15);
    expect(s[2]).toBeCloseTo(0.5 + 2, 15);
  });

  it('feature dimensionality D_i = ‖W_i‖² / Σ_j (Ŵ_i · W_j)² by hand', () => {
    const D = featureDimensionality(W, 3);
    expect(D[0]).toBeCloseTo(1 / (1 + 1), 15);
    expect(D[1]).toBeCloseTo(4 / (4 + 1), 15);
    expect(D[2]).toBeCloseTo(2 / (2 + 2.5), 15);
  });

  it('a zero column has superposition 0 and dimensionality 0, and adds nothing to the others', () => {
    const Wz = Float64Array.from([1, 0, 0, 0, 1, 0]); // W₃ = 0
    expect(Array.from(featureNorms(Wz, 3))).toEqual([1, 1, 0]);
    expect(Array.from(superposition(Wz, 3))).toEqual([0, 0, 0]);
    expect(Array.from(featureDimensionality(Wz, 3))).toEqual([1, 1, 0]);
  });

  it('the pentagon: five unit columns 72° apart have dimensionality 2/5 and superposition 3/2 each', () => {
    const D = 5;
    const P = new Float64Array(2 * D);
    for (let i = 0; i < D; i++) {
      P[i] = Math.cos((2 * Math.PI * i) / D + 0.3);
      P[D + i] = Math.sin((2 * Math.PI * i) / D + 0.3);
    }
    for (const v of featureDimensionality(P, D)) expect(v).toBeCloseTo(0.4, 14);
    for (const v of superposition(P, D)) expect(v).toBeCloseTo(1.5, 14);
    const { features, gaps } = adjacentAngles(P, D);
    expect(features).toEqual([3, 4, 0, 1, 2]); // features 4 and 5 sit past 180°, at negative atan2 angles
    for (const g of gaps) expect(g).toBeCloseTo((2 * Math.PI) / 5, 12);
  });

  it('hidden-plane angles and the adjacent angles between represented features (‖W_i‖ > 0.5)', () => {
    const angles = hiddenPlaneAngles(W, 3);
    expect(Array.from(angles)).toEqual([0, Math.PI / 2, Math.PI / 4]);
    const { features, gaps } = adjacentAngles(W, 3);
    expect(features).toEqual([0, 2, 1]);
    expect(gaps[0]).toBeCloseTo(Math.PI / 4, 15);
    expect(gaps[1]).toBeCloseTo(Math.PI / 4, 15);
    expect(gaps[2]).toBeCloseTo(1.5 * Math.PI, 15);
    // A short column is left out: W₂ scaled to ‖W₂‖ = 0.4.
    const short = Float64Array.from([1, 0, 1, 0, 0.4, 1]);
    expect(adjacentAngles(short, 3).features).toEqual([0, 2]);
    expect(adjacentAngles(short, 3).gaps[1]).toBeCloseTo(1.75 * Math.PI, 15);
    expect(() => hiddenPlaneAngles(new Float64Array(9), 3)).toThrow(/d = 2/);
  });
});
