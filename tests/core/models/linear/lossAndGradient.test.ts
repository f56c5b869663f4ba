import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lossAndGradient } from '../../../../src/core/models/linear/lossAndGradient';
import { dataLoss } from '../../../../src/core/reference/dataLoss';
import { eye, mat, maxAbs, maxAbsDiff, naiveDataLoss, naiveLoss, nmul, nsub, ntrans, testData, testNormals, toNested } from '../../../helpers';

function setup(seed: number, D: number, d: number, T = 30) {
  const X = testData(
    seed,
    T,
    Array.from({ length: D }, (_, k) => 2 / (k + 1)),
  );
  const S = nmul(ntrans(X), X);
  const z = testNormals(seed + 1000, 2 * D * d);
  const A = Array.from({ length: D }, (_, r) => Array.from({ length: d }, (_, h) => 0.5 * z[r * d + h]));
  const B = Array.from({ length: d }, (_, h) => Array.from({ length: D }, (_, r) => 0.5 * z[D * d + h * D + r]));
  return { X, S, A, B };
}

describe('lossAndGradient: L(A, B) = tr((I − AB) Σ (I − AB)ᵀ)', () => {
  it('loss equals the data loss Σ_t ‖x_t − A B x_t‖² (relative 1e-12) and dataLoss agrees', () => {
    for (const [seed, D, d] of [
      [1, 5, 2],
      [2, 7, 3],
      [3, 4, 1],
    ]) {
      const { X, S, A, B } = setup(seed, D, d);
      const { loss } = lossAndGradient(mat(S), mat(A), mat(B));
      const ref = naiveDataLoss(X, nmul(A, B));
      expect(Math.abs(loss - ref)).toBeLessThan(1e-12 * ref);
      expect(Math.abs(dataLoss(mat(X), mat(A), mat(B)) - ref)).toBeLessThan(1e-12 * ref);
      expect(Math.abs(loss - naiveLoss(S, A, B))).toBeLessThan(1e-12 * ref);
    }
  });

  it('gradient matches the design’s formulas ∂L/∂A = −2 (I − AB) Σ Bᵀ and ∂L/∂B = −2 Aᵀ (I − AB) Σ (full D × D products)', () => {
    const { S, A, B } = setup(4, 6, 2);
    const E = nsub(eye(6), nmul(A, B));
    const gA = nmul(nmul(E, S), ntrans(B)).map((r) => r.map((x) => -2 * x));
    const gB = nmul(nmul(ntrans(A), E), S).map((r) => r.map((x) => -2 * x));
    const { gradA, gradB } = lossAndGradient(mat(S), mat(A), mat(B));
    expect([gradA.rows, gradA.cols, gradB.rows, gradB.cols]).toEqual([6, 2, 2, 6]);
    expect(maxAbsDiff(gradA, gA)).toBeLessThan(1e-12 * maxAbs(gA));
    expect(maxAbsDiff(gradB, gB)).toBeLessThan(1e-12 * maxAbs(gB));
  });

  it('gradient agrees with central finite differences of the loss (relative 1e-6)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 2, max: 6 }), (seed, D) => {
        const d = 1 + (seed % (D - 1));
        const { S, A, B } = setup(seed, D, d);
        const { gradA, gradB } = lossAndGradient(mat(S), mat(A), mat(B));
        const h = 1e-5;
        const scale = Math.max(maxAbs(toNested(gradA)), maxAbs(toNested(gradB)), 1);
        for (let r = 0; r < D; r++)
          for (let c = 0; c < d; c++) {
            const Ap = A.map((row) => row.slice());
            const Am = A.map((row) => row.slice());
            Ap[r][c] += h;
            Am[r][c] -= h;
            const fd = (naiveLoss(S, Ap, B) - naiveLoss(S, Am, B)) / (2 * h);
            expect(Math.abs(gradA.data[r * d + c] - fd)).toBeLessThan(1e-6 * scale);
          }
        for (let r = 0; r < d; r++)
          for (let c = 0; c < D; c++) {
            const Bp = B.map((row) => row.slice());
            const Bm = B.map((row) => row.slice());
            Bp[r][c] += h;
            Bm[r][c] -= h;
            const fd = (naiveLoss(S, A, Bp) - naiveLoss(S, A, Bm)) / (2 * h);
            expect(Math.abs(gradB.data[r * D + c] - fd)).toBeLessThan(1e-6 * scale);
          }
      }),
      { numRuns: 25 },
    );
  });

  it('at A = B = 0 the loss is tr Σ and the gradient vanishes (a saddle)', () => {
    const { S } = setup(5, 4, 2);
    const { loss, gradA, gradB } = lossAndGradient(
      mat(S),
      mat([
        [0, 0],
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
      mat([
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ]),
    );
    expect(loss).toBe(S[0][0] + S[1][1] + S[2][2] + S[3][3]);
    expect(maxAbs(toNested(gradA))).toBe(0);
    expect(maxAbs(toNested(gradB))).toBe(0);
  });

  it('the loss is invariant under the GL(d) gauge A → AG, B → G⁻¹B', () => {
    const { S, A, B } = setup(6, 5, 2);
    const G = [
      [2, 1],
      [0.5, 1.5],
    ];
    const det = G[0][0] * G[1][1] - G[0][1] * G[1][0];
    const Gi = [
      [G[1][1] / det, -G[0][1] / det],
      [-G[1][0] / det, G[0][0] / det],
    ];
    const l1 = lossAndGradient(mat(S), mat(A), mat(B)).loss;
    const l2 = lossAndGradient(mat(S), mat(nmul(A, G)), mat(nmul(Gi, B))).loss;
    expect(Math.abs(l1 - l2)).toBeLessThan(1e-12 * l1);
  });
});
