import { describe, expect, it } from 'vitest';
import { criticalLoss } from '../../../../src/core/landscape/criticalPoints';
import { randomOrthogonal } from '../../../../src/core/linalg/rotation';
import {
  applyGauge,
  canonicalParameters,
  eigenbasisLoss,
  lossOnPlane,
  planeThrough,
  pointOnPlane,
  procrustesRotation,
  projectOntoPlane,
} from '../../../../src/core/models/linear/lossSlice';
import { createRng } from '../../../../src/core/random/random';

const λ = Float64Array.from([5, 3, 2, 1, 0.5]);
const D = 5;
const d = 2;

describe('loss slices in the eigenbasis', () => {
  it('L at the canonical representative of W_I equals Σ_{i∉I} λ_i for every I', () => {
    for (const I of [[], [1], [3], [1, 2], [2, 5], [4, 5]])
      expect(eigenbasisLoss(λ, canonicalParameters(I, D, d), D, d)).toBeCloseTo(
        criticalLoss(
          λ,
          I.map((i) => i - 1),
        ),
        12,
      );
  });

  it('L at θ = 0 is tr Λ and L of a random θ equals Σ_i λ_i ‖e_i − ÃB̃e_i‖² computed directly', () => {
    expect(eigenbasisLoss(λ, new Float64Array(2 * D * d), D, d)).toBeCloseTo(11.5, 12);
    const rng = createRng(3, 9);
    const θ = Float64Array.from({ length: 2 * D * d }, () => rng.normal());
    let direct = 0;
    for (let i = 0; i < D; i++)
      for (let r = 0; r < D; r++) {
        let w = 0;
        for (let h = 0; h < d; h++) w += θ[r * d + h] * θ[D * d + h * D + i];
        direct += λ[i] * ((r === i ? 1 : 0) - w) ** 2;
      }
    expect(eigenbasisLoss(λ, θ, D, d)).toBeCloseTo(direct, 10);
  });

  it('the plane through three points contains them and projects them to their coordinates', () => {
    const p0 = new Float64Array(2 * D * d);
    const p1 = canonicalParameters([2], D, d);
    const p2 = canonicalParameters([1, 2], D, d);
    const plane = planeThrough(p0, p1, p2)!;
    expect(plane).not.toBeNull();
    for (const p of [p0, p1, p2]) {
      const [x, y] = projectOntoPlane(plane, p);
      const back = pointOnPlane(plane, x, y);
      back.forEach((v, i) => {
        expect(v).toBeCloseTo(p[i], 12);
      });
    }
    expect(
      planeThrough(
        p0,
        p1,
        p1.map((x) => 2 * x),
      ),
    ).toBeNull();
  });

  it('the loss grid on the plane reproduces the critical losses at the three points', () => {
    const p0 = new Float64Array(2 * D * d);
    const p1 = canonicalParameters([2], D, d);
    const p2 = canonicalParameters([1, 2], D, d);
    const plane = planeThrough(p0, p1, p2)!;
    const [x1, y1] = projectOntoPlane(plane, p1);
    const grid = lossOnPlane(λ, plane, D, d, [0, x1], [0, y1], 2);
    expect(grid.z[0][0]).toBeCloseTo(11.5, 12); // origin
    expect(grid.z[0][1]).toBeCloseTo(eigenbasisLoss(λ, pointOnPlane(plane, x1, 0), D, d), 12);
  });

  it('Procrustes recovers a hidden rotation of the gauge, and a gauge change keeps the loss', () => {
    const Aref = canonicalParameters([1, 2], D, d).subarray(0, D * d);
    const R0 = randomOrthogonal(d, createRng(4, 2)).data;
    const θ = applyGauge(canonicalParameters([1, 2], D, d), R0, D, d);
    const R = procrustesRotation(θ.subarray(0, D * d), Aref, D, d)!;
    const back = applyGauge(θ, R, D, d);
    back.subarray(0, D * d).forEach((v, i) => {
      expect(v).toBeCloseTo(Aref[i], 12);
    });
    expect(eigenbasisLoss(λ, θ, D, d)).toBeCloseTo(eigenbasisLoss(λ, canonicalParameters([1, 2], D, d), D, d), 12);
    expect(procrustesRotation(new Float64Array(D * d), Aref, D, d)).toBeNull();
  });
});
