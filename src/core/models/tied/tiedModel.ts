/**
 * The tied autoencoder (docs/design.md §5; the Toy Models of Superposition parameterisation) behind
 * the Model interface: θ = B (d × D, row-major), A = Bᵀ, L(B) = tr((I − BᵀB) Σ (I − BᵀB)) + 2 Σ_j μ_j ‖b_j‖².
 * Its critical set is the uniform-decay closed form with the O(d) orbit at every μ ≥ 0
 * (linear/decayedCriticalSet.ts), or the ordered profile's assignments (linear/orderedCriticalSet.ts); it trains in Σ's eigenbasis like the linear model, with the tied step
 * of linear/foldedWorkspace.ts. Its sharpness at the minimum is about 8λ₁, so only lr < 0.25 is stable.
 */

import { transpose } from '../../linalg/matrix';
import { decayedCriticalSet } from '../linear/decayedCriticalSet';
import { initialWeights } from '../linear/initialWeights';
import { type LinearRecords, trainInEigenbasis } from '../linear/linearModel';
import { orderedCriticalSet } from '../linear/orderedCriticalSet';
import type { LinearDetailOptions, LinearPointDetail } from '../linear/pointDetail';
import { linearPointDetail } from '../linear/pointDetail';
import { criticalSetBy, hasUniformDecay, hessianScopeFor, type Model, type ParameterBlock } from '../model';
import { tiedHessian, tiedHessianOperator, tiedHessianVector, tiedLossAndGradient } from './tiedMaths';

/** The largest stable lr (a fraction of 1/λ₁): the tied model's sharpness at its minimum is about 8λ₁ (docs/design.md §5). */
const TIED_LR_LIMIT = 0.25;

const uniformSet = decayedCriticalSet(true);
const orderedSet = orderedCriticalSet(true);
const criticalSet = criticalSetBy((land) => (hasUniformDecay(land) ? uniformSet : orderedSet));

const blocks = (D: number, d: number): ParameterBlock[] => [{ name: 'B', rows: d, cols: D }];

export const tiedModel: Model<LinearRecords, LinearPointDetail, LinearDetailOptions> = {
  id: 'tied',
  title: 'tied linear autoencoder x ↦ BᵀBx',
  blocks,
  transposes: { A: 'B' },
  lrLimit: TIED_LR_LIMIT,
  loss: (land, θ) => tiedLossAndGradient(land.sigma, θ, land.d, land.μ).loss,
  gradient: (land, θ) => tiedLossAndGradient(land.sigma, θ, land.d, land.μ),
  hessian: (land, θ) => tiedHessian(land.sigma, θ, land.d, land.μ),
  hessianVector: (land, θ, v) => tiedHessianVector(land.sigma, θ, land.d, land.μ, v),
  hessianOperator: (land, θ) => tiedHessianOperator(land.sigma, θ, land.d, land.μ),
  hessianScope: (D, d) => hessianScopeFor(D * d),
  criticalSet,
  /** B₀ is the linear model's B₀ from the same (seed, run) (docs/design.md §3's derivation); A₀ = B₀ᵀ. */
  initialParameters(seed, run, D, d, init, mode) {
    return initialWeights(seed, run, D, d, init, mode).B0.data;
  },
  /** The linear model's eigenbasis descent from (B₀ᵀ, B₀) with the tied step; θ is then B. */
  train(land, θ0, options) {
    const D = land.eigen.D;
    const B0 = { rows: land.d, cols: D, data: θ0 };
    const packed = new Float64Array(2 * D * land.d);
    packed.set(transpose(B0).data, 0);
    packed.set(θ0, D * land.d);
    const run = trainInEigenbasis(land, packed, options, true);
    return { ...run, final: run.final ? run.final.slice(D * land.d) : null, kept: run.kept.map((k) => ({ step: k.step, θ: k.θ.slice(D * land.d) })) };
  },
  pointDetail: (land, I, θ, options) => linearPointDetail(land, I, θ, options, true),
};
