/**
 * A run's W against the decayed minimum W* = Σ_{i≤k} (1 − μ/λ_i) u_i u_iᵀ (minimumAgreement.ts,
 * docs/design.md §5): exact at the closed-form point in a random gauge, equal to a dense W − W*
 * written out here otherwise, and within 1e-6 after a long run of the tied model.
 */
import { describe, expect, it } from 'vitest';
import { secondMoment } from '../../../../src/core/data/secondMoment';
import { tolerance } from '../../../../src/core/landscape/diagnostics';
import { eigenSymmetricFast } from '../../../../src/core/linalg/symmetricEigen';
import { decayProfile } from '../../../../src/core/models/linear/decay';
import { linearModel } from '../../../../src/core/models/linear/linearModel';
import { minimumAgreement } from '../../../../src/core/models/linear/minimumAgreement';
import { type Landscape, namedMatrices } from '../../../../src/core/models/model';
import { tiedModel } from '../../../../src/core/models/tied/tiedModel';
import { createRng } from '../../../../src/core/random/random';
import { mat, testData, testNormals } from '../../../helpers';

const sigma = secondMoment(mat(testData(5, 40, [2, 1.5, 1.1, 0.7, 0.4, 0.2])));
const eigen = eigenSymmetricFast(sigma);
const λ = eigen.values;
const D = 6;
const d = 3;
const land = (wd: number): Landscape => ({ sigma, eigen, d, τ: tolerance(λ), μ: Float64Array.from({ length: d }, () => wd * λ[0]) });
const uni = (μ: number) => new Float64Array(d).fill(μ);
const AB = (θ: Float64Array) =>
  namedMatrices(linearModel.blocks(D, d), {}, θ) as {
    A: { rows: number; cols: number; data: Float64Array };
    B: { rows: number; cols: number; data: Float64Array };
  };

/** ‖AB − W*‖_F / ‖W*‖_F with W and W* written out densely. */
function denseError(A: Float64Array, B: Float64Array, μ: number): number {
  const k = λ.filter((l) => l > μ).length;
  let diff = 0;
  let star = 0;
  for (let r = 0; r < D; r++)
    for (let c = 0; c < D; c++) {
      let w = 0;
      for (let h = 0; h < d; h++) w += A[r * d + h] * B[h * D + c];
      let s = 0;
      for (let i = 0; i < Math.min(d, k); i++) s += (1 - μ / λ[i]) * eigen.U.data[r * D + i] * eigen.U.data[c * D + i];
      diff += (w - s) ** 2;
      star += s * s;
    }
  return Math.sqrt(diff / star);
}

describe('the run’s W against the decayed minimum', () => {
  it.each([0.1, 0.3, 0.6])('wd = %s: exact at the minimum in a random O(d) gauge', (wd) => {
    const μ = wd * λ[0];
    const k = Math.min(d, λ.filter((l) => l > μ).length);
    const θ = linearModel.criticalSet!.representative(land(wd), [1, 2, 3].slice(0, k), createRng(3, 9));
    const { A, B } = AB(θ);
    const m = minimumAgreement(λ, eigen.U, A, B, uni(μ));
    expect(m.i).toEqual([1, 2, 3].slice(0, k));
    for (let n = 0; n < k; n++) expect(Math.abs(m.found[n] - (1 - μ / λ[n]))).toBeLessThan(1e-12);
    expect(m.relativeError).toBeLessThan(1e-12);
  });

  it('elsewhere, equals the dense ‖W − W*‖_F / ‖W*‖_F and the dense u_iᵀWu_i', () => {
    const μ = 0.1 * λ[0];
    const θ = Float64Array.from(testNormals(4, 2 * D * d), (x) => 0.4 * x);
    const { A, B } = AB(θ);
    const m = minimumAgreement(λ, eigen.U, A, B, uni(μ));
    expect(Math.abs(m.relativeError - denseError(A.data, B.data, μ))).toBeLessThan(1e-12);
    for (let n = 0; n < 3; n++) {
      let q = 0;
      for (let r = 0; r < D; r++)
        for (let c = 0; c < D; c++) {
          let w = 0;
          for (let h = 0; h < d; h++) w += A.data[r * d + h] * B.data[h * D + c];
          q += eigen.U.data[r * D + n] * w * eigen.U.data[c * D + n];
        }
      expect(Math.abs(m.found[n] - q)).toBeLessThan(1e-12);
    }
    expect(m.relativeError).toBeGreaterThan(0.1);
  });

  it('a long tied run at wd = 0.1 ends within 1e-6 of W*', () => {
    const L = land(0.1);
    const θ0 = tiedModel.initialParameters(1, 0, D, d, 0.1, 'random');
    const run = tiedModel.train(L, θ0, { eta: 0.2 / λ[0], steps: 20_000, snapshots: false });
    const { A, B } = namedMatrices(tiedModel.blocks(D, d), tiedModel.transposes, run.final!);
    const m = minimumAgreement(λ, eigen.U, A, B, uni(0.1 * λ[0]));
    expect(m.relativeError).toBeLessThan(1e-6);
    for (let n = 0; n < 3; n++) expect(Math.abs(m.found[n] - m.closed[n])).toBeLessThan(1e-6);
  });

  it('ordered profile: exact at its minimum (unit j on u_j), and a long run gets there unit by unit', () => {
    const μ = decayProfile(0.15 * λ[0], d, 'ordered');
    const L: Landscape = { ...land(0), μ };
    const θ = linearModel.criticalSet!.representative(L, [1, 2, 3], createRng(3, 9));
    const at = minimumAgreement(λ, eigen.U, AB(θ).A, AB(θ).B, μ);
    expect(at.i).toEqual([1, 2, 3]);
    for (let n = 0; n < 3; n++) expect(Math.abs(at.found[n] - (1 - μ[n] / λ[n]))).toBeLessThan(1e-12);
    expect(at.relativeError).toBeLessThan(1e-12);
    const run = linearModel.train(L, linearModel.initialParameters(1, 0, D, d, 0.1, 'random'), { eta: 0.2 / λ[0], steps: 20_000, snapshots: false });
    const end = minimumAgreement(λ, eigen.U, AB(run.final!).A, AB(run.final!).B, μ);
    expect(end.relativeError).toBeLessThan(1e-6);
    expect(run.visited.at(-1)?.I).toEqual([1, 2, 3]);
    const angles = run.records.unitAngles.at(-1)!;
    for (let j = 0; j < d; j++) expect(angles[j]).toBeLessThan(1e-5);
    expect(linearModel.criticalSet!.nearest(L, run.final!)).toEqual([1, 2, 3]);
  });
});
