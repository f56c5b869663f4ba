import { describe, expect, it } from 'vitest';
import { randomOrthogonal } from '../../../src/core/linalg/rotation';
import { createRng } from '../../../src/core/random/random';
import { eye, maxAbsDiff, nmul, ntrans, toNested } from '../../helpers';

describe('randomOrthogonal', () => {
  it.each([1, 2, 3, 5, 16, 40])('QᵀQ = QQᵀ = I to 1e-12 (D = %i)', (D) => {
    for (const seed of [0, 1, 99]) {
      const Q = toNested(randomOrthogonal(D, createRng(seed, 1)));
      expect(Q).toHaveLength(D);
      expect(maxAbsDiff(nmul(ntrans(Q), Q), eye(D))).toBeLessThan(1e-12);
      expect(maxAbsDiff(nmul(Q, ntrans(Q)), eye(D))).toBeLessThan(1e-12);
    }
  });

  it('is deterministic per (seed, stream) and differs between seeds', () => {
    const a = randomOrthogonal(6, createRng(5, 1));
    const b = randomOrthogonal(6, createRng(5, 1));
    const c = randomOrthogonal(6, createRng(6, 1));
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(maxAbsDiff(a, c)).toBeGreaterThan(1e-3);
  });

  it('is Haar-distributed: for D = 3, Q₁₁ is uniform on [−1, 1] (mean 0, E|Q₁₁| = ½, E Q₁₁² = ⅓) and det = ±1 both occur', () => {
    const n = 3000;
    let s = 0;
    let sAbs = 0;
    let s2 = 0;
    let sDiag = 0;
    let positiveDet = 0;
    for (let seed = 0; seed < n; seed++) {
      const Q = toNested(randomOrthogonal(3, createRng(seed, 1)));
      const q = Q[0][0];
      s += q;
      sAbs += Math.abs(q);
      s2 += q * q;
      sDiag += Q[1][1] + Q[2][2];
      const det =
        Q[0][0] * (Q[1][1] * Q[2][2] - Q[1][2] * Q[2][1]) -
        Q[0][1] * (Q[1][0] * Q[2][2] - Q[1][2] * Q[2][0]) +
        Q[0][2] * (Q[1][0] * Q[2][1] - Q[1][1] * Q[2][0]);
      expect(Math.abs(Math.abs(det) - 1)).toBeLessThan(1e-12);
      if (det > 0) positiveDet++;
    }
    // Uniform on [−1, 1]: Var q = ⅓, Var |q| = 1/12, Var q² = 4/45.
    expect(Math.abs(s / n)).toBeLessThan(4 * Math.sqrt(1 / 3 / n));
    expect(Math.abs(sAbs / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(s2 / n - 1 / 3)).toBeLessThan(4 * Math.sqrt(4 / 45 / n));
    expect(Math.abs(sDiag / (2 * n))).toBeLessThan(4 * Math.sqrt(1 / 3 / n));
    expect(Math.abs(positiveDet / n - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
  });
});
