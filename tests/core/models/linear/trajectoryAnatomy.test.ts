import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  balancedness,
  initialModeStrength,
  principalAngles,
  rowGram,
  saxeModeStrength,
  saxePlateauExit,
  unitAngles,
} from '../../../../src/core/models/linear/trajectoryAnatomy';

interface AnatomyCase {
  name: string;
  D: number;
  d: number;
  tolerance: number;
  A: number[];
  B: number[];
  angles: number[];
  balancedness: number;
}
const anatomy = JSON.parse(readFileSync(new URL('../../../fixtures/anatomy.json', import.meta.url), 'utf8')) as { cases: AnatomyCase[] };

describe('trajectory anatomy against scipy (tests/fixtures/make_anatomy_fixture.py)', () => {
  for (const c of anatomy.cases) {
    it(`${c.name}: principal angles as scipy's subspace_angles (±${c.tolerance}), balancedness as numpy (1e-13 of ‖A‖² + ‖B‖²)`, () => {
      const A = Float64Array.from(c.A);
      const B = Float64Array.from(c.B);
      const angles = principalAngles(A, c.D, c.d);
      expect(angles.length).toBe(c.d);
      for (let k = 0; k < c.d; k++) expect(Math.abs(angles[k] - c.angles[k]), `angle ${k}`).toBeLessThan(c.tolerance);
      const scale = A.reduce((s, x) => s + x * x, 0) + B.reduce((s, x) => s + x * x, 0); // ‖AᵀA‖ + ‖BBᵀ‖ bound
      expect(Math.abs(balancedness(A, B, c.D, c.d) - c.balancedness)).toBeLessThanOrEqual(1e-13 * scale);
      // The Gram matrix the training loop passes in gives the same numbers.
      const G = rowGram(A, c.d, c.D);
      expect(principalAngles(A, c.D, c.d, G)).toEqual(angles);
    });
  }
});

describe('trajectory anatomy', () => {
  it('unit angles: unit h against e_h, by hand, keeping angles far below arccos’s ~1e-8 floor', () => {
    // B̃ (2 × 3): row 0 = (1, 1, 0) → 45°; row 1 = (0, 0, 2) → 90° from e_2 (all its weight is on e_3).
    const a = unitAngles(Float64Array.from([1, 1, 0, 0, 0, 2]), 3, 2);
    expect(a[0]).toBeCloseTo(Math.PI / 4, 15);
    expect(a[1]).toBe(Math.PI / 2);
    // (1, 1e-12, 0): the angle is 1e-12 to full precision.
    expect(unitAngles(Float64Array.from([1, 1e-12, 0]), 3, 1)[0]).toBeCloseTo(1e-12, 24);
    // A zero row has no direction: π/2; a unit beyond D likewise.
    expect(Array.from(unitAngles(Float64Array.from([0, 0, 0, 0]), 2, 2))).toEqual([Math.PI / 2, Math.PI / 2]);
  });

  it('balancedness ‖ÃᵀÃ − B̃B̃ᵀ‖ is 0 for B̃ = Ãᵀ and the hand value otherwise', () => {
    const A = Float64Array.from([1, 2, 3, 4, 5, 6]); // 3 × 2
    const Bt = Float64Array.from([1, 3, 5, 2, 4, 6]); // Aᵀ, 2 × 3
    expect(balancedness(A, Bt, 3, 2)).toBe(0);
    // A = [[1],[0]], B = [[2, 0]]: AᵀA = 1, BBᵀ = 4 → 3.
    expect(balancedness(Float64Array.from([1, 0]), Float64Array.from([2, 0]), 2, 1)).toBe(3);
  });

  it('principal angles between col(A) and span(e_1 … e_d): 0 when aligned, the rotation angle otherwise', () => {
    const D = 3;
    const d = 1;
    expect(principalAngles(Float64Array.from([2, 0, 0]), D, d)[0]).toBeCloseTo(0, 12);
    const θ = 0.3;
    expect(principalAngles(Float64Array.from([Math.cos(θ), 0, Math.sin(θ)]), D, d)[0]).toBeCloseTo(θ, 10);
    expect(principalAngles(Float64Array.from([0, 1, 0]), D, d)[0]).toBeCloseTo(Math.PI / 2, 10);
    // d = 2: col(A) = span(e1, e3) against span(e1, e2): angles 0 and π/2.
    const angles = principalAngles(Float64Array.from([1, 0, 0, 0, 0, 1]), 3, 2);
    expect(angles[0]).toBeCloseTo(0, 10);
    expect(angles[1]).toBeCloseTo(Math.PI / 2, 10);
  });

  it('the Saxe sigmoid solves dp/dt = 4ηλ p(1 − p) and crosses ½ at t½', () => {
    const p0 = 1e-6;
    const λ = 2;
    const η = 0.05;
    const t = saxePlateauExit(p0, λ, η)!;
    expect(saxeModeStrength(p0, λ, η, t)).toBeCloseTo(0.5, 12);
    expect(saxeModeStrength(p0, λ, η, 0)).toBeCloseTo(p0, 18);
    // Euler integration with a tiny step agrees with the closed form.
    let p = p0;
    const dt = 1e-4;
    for (let s = 0; s < Math.round(t / dt); s++) p += dt * 4 * η * λ * p * (1 - p);
    expect(p).toBeCloseTo(0.5, 3);
    expect(saxePlateauExit(0, λ, η)).toBeNull();
  });

  it('initial mode strength is P_ii for a balanced start', () => {
    const A = Float64Array.from([0.1, 0.2, 0.3, 0.4]); // 2 × 2
    const B = Float64Array.from([0.1, 0.3, 0.2, 0.4]); // Aᵀ
    const P00 = A[0] * B[0] + A[1] * B[2];
    expect(initialModeStrength(A, B, 2, 2, 0)).toBeCloseTo(P00, 15);
  });
});
