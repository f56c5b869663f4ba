/**
 * The seed's model (docs/design.md §1) behind the Model interface: x ↦ ABx with A (D × d) and
 * B (d × D), L(A, B) = tr((I − AB) Σ (I − AB)ᵀ); θ = (A row-major, B row-major). Every piece is
 * the module that computed it before the interface existed, so every number is unchanged.
 */
import { criticalLoss, globalMinimumLoss, morseInertia } from '../../landscape/criticalPoints';
import { enumerateCriticalPoints } from '../../landscape/enumerate';
import type { Matrix } from '../../linalg/matrix';
import {
  type ClosedFormCriticalSet,
  criticalSetBy,
  hasUniformDecay,
  hessianScopeFor,
  type Landscape,
  type Model,
  type ParameterBlock,
  type TrainingOptions,
  type TrainingRun,
  uniformDecay,
  unpackBlocks,
} from '../model';
import { addDecayGradient, addDecayHessian, addDecayHessianVector, decayLoss } from './decay';
import { decayedCriticalSet } from './decayedCriticalSet';
import { eigenbasisGradientDescent } from './eigenbasisTraining';
import { hessianMatrix } from './hessian';
import { hessianVectorOperator } from './hessianVector';
import { initialWeights } from './initialWeights';
import { lossAndGradient } from './lossAndGradient';
import { nearestCriticalPoint } from './nearestCriticalPoint';
import { orderedCriticalSet } from './orderedCriticalSet';
import { type LinearDetailOptions, type LinearPointDetail, linearPointDetail } from './pointDetail';
import { canonicalRepresentative, gaugedRepresentative } from './representatives';

/** What the linear model records along a run, for its anatomy views (eigenbasisTraining.ts). */
export interface LinearRecords {
  /** diag P(t) = diag(UᵀABU) at each recorded step. */
  learned: Float64Array[];
  /** ‖AᵀA − BBᵀ‖_F at each recorded step. */
  balancedness: number[];
  /** Principal angles between col(A) and span(u_1 … u_d) at each recorded step. */
  angles: Float64Array[];
  /** Each unit h's angle to u_h at each recorded step (the ordered profile's view). */
  unitAngles: Float64Array[];
  /** ‖Ã_i,:‖·‖B̃_:,i‖ at step 0 for each i: the initial strength of mode i (Saxe et al.). */
  initialStrength: Float64Array;
  /** Eigenbasis weights (Ã, B̃) at each recorded step, when kept. */
  snapshots: { A: Float64Array; B: Float64Array }[] | null;
}

/** θ = (A (D × d) row-major, B (d × D) row-major). */
const blocks = (D: number, d: number): ParameterBlock[] => [
  { name: 'A', rows: D, cols: d },
  { name: 'B', rows: d, cols: D },
];

function pack(A: Matrix, B: Matrix): Float64Array {
  const θ = new Float64Array(A.data.length + B.data.length);
  θ.set(A.data, 0);
  θ.set(B.data, A.data.length);
  return θ;
}

/** A and B as views into θ. */
const weights = (land: Landscape, θ: Float64Array) => unpackBlocks(blocks(land.eigen.D, land.d), θ) as { A: Matrix; B: Matrix };
const zeroBased = (I: number[]) => I.map((i) => i - 1);

/** v ↦ H(θ) v with the decay's diagonal (decay.ts); the undecayed part from hessianVector.ts's operator. */
function linearHessianOperator(land: Landscape, θ: Float64Array): (v: Float64Array) => Float64Array {
  const { A, B } = weights(land, θ);
  const H = hessianVectorOperator(land.sigma, A, B);
  const decayed = land.μ.some((μj) => μj !== 0); // μ = 0 would add exact zeros
  return (v) => {
    const { A: dA, B: dB } = weights(land, v);
    const Hv = H(dA, dB);
    if (decayed) addDecayHessianVector(land.μ, dA, dB, Hv);
    return Hv;
  };
}

/** The seed's critical set (μ = 0): W_I = U_I U_Iᵀ with the GL(d) orbit (docs/design.md §1). */
const seedSet: ClosedFormCriticalSet = {
  enumerate: (land, options) => enumerateCriticalPoints(land.eigen.values, land.d, land.τ, options),
  loss: (land, I) => criticalLoss(land.eigen.values, zeroBased(I)),
  inertia: (land, I) => morseInertia(land.eigen.values, zeroBased(I), land.d, land.τ),
  globalMinimumLoss: (land) => globalMinimumLoss(land.eigen.values, land.d),
  representative(land, I, gauge) {
    const { A, B } = gauge ? gaugedRepresentative(land.eigen, I, land.d, gauge) : canonicalRepresentative(land.eigen, I, land.d);
    return pack(A, B);
  },
  gauge: () => 'Representative in a random GL(d) gauge: A = [U_I, 0]G, B = G⁻¹[U_Iᵀ; 0]',
  nearest(land, θ) {
    const { A, B } = weights(land, θ);
    return nearestCriticalPoint(land.eigen, A, B).I;
  },
};

/** Under uniform decay μ > 0 (docs/design.md §5): shrunk W, the O(d) orbit; under the ordered profile: assignments σ. */
const decayedSet = decayedCriticalSet(false);
const orderedSet = orderedCriticalSet(false);
const criticalSet = criticalSetBy((land) => (!hasUniformDecay(land) ? orderedSet : uniformDecay(land) === 0 ? seedSet : decayedSet));

export const linearModel: Model<LinearRecords, LinearPointDetail, LinearDetailOptions> = {
  id: 'linear',
  title: 'two-layer linear autoencoder x ↦ ABx',
  blocks,
  transposes: {},
  lrLimit: null,
  // With decay the loss gains μ_j(‖a_j‖² + ‖b_j‖²) per unit j (decay.ts); μ = 0 adds exact zeros.
  loss: (land, θ) => {
    const { A, B } = weights(land, θ);
    return lossAndGradient(land.sigma, A, B).loss + decayLoss(land.μ, A, B);
  },
  gradient(land, θ) {
    const { A, B } = weights(land, θ);
    const gradient = new Float64Array(θ.length); // [∂L/∂A, ∂L/∂B], θ's order
    const { loss, gradA, gradB } = lossAndGradient(land.sigma, A, B, gradient);
    addDecayGradient(land.μ, A, B, gradA, gradB);
    return { loss: loss + decayLoss(land.μ, A, B), gradient };
  },
  hessian(land, θ) {
    const { A, B } = weights(land, θ);
    const H = hessianMatrix(land.sigma, A, B);
    addDecayHessian(land.μ, H, land.eigen.D, land.d);
    return H;
  },
  hessianVector: (land, θ, v) => linearHessianOperator(land, θ)(v),
  hessianOperator: (land, θ) => linearHessianOperator(land, θ),
  hessianScope: (D, d) => hessianScopeFor(2 * D * d),
  criticalSet,
  initialParameters(seed, run, D, d, init, mode) {
    const { A0, B0 } = initialWeights(seed, run, D, d, init, mode);
    return pack(A0, B0);
  },
  train: (land, θ0, options) => trainInEigenbasis(land, θ0, options, false),
  pointDetail: (land, I, θ, options) => linearPointDetail(land, I, θ, options, false),
};

/**
 * Full-batch gradient descent from θ0 = (A₀, B₀) in Σ's eigenbasis (eigenbasisTraining.ts), with the
 * landscape's decay; `tied` takes the tied step (A₀ must be B₀ᵀ; final is then (Bᵀ, B)).
 */
export function trainInEigenbasis(land: Landscape, θ0: Float64Array, options: TrainingOptions, tied: boolean): TrainingRun<LinearRecords> {
  const { A: A0, B: B0 } = weights(land, θ0);
  const gd = eigenbasisGradientDescent({
    eigen: land.eigen,
    A0,
    B0,
    eta: options.eta,
    steps: options.steps,
    snapshots: options.snapshots,
    onProgress: options.onProgress,
    keepSteps: options.keepSteps,
    μ: land.μ,
    tied,
  });
  return {
    step: gd.step,
    loss: gd.loss,
    diverged: gd.diverged,
    divergedAtStep: gd.divergedAtStep,
    cancelled: gd.cancelled,
    stepsTaken: gd.stepsTaken,
    final: gd.A && gd.B ? pack(gd.A, gd.B) : null,
    visited: gd.visited,
    kept: gd.kept.map((k) => ({ step: k.step, θ: pack(k.A, k.B) })),
    records: {
      learned: gd.learned,
      balancedness: gd.balancedness,
      angles: gd.angles,
      unitAngles: gd.unitAngles,
      initialStrength: gd.initialStrength,
      snapshots: gd.snapshots,
    },
  };
}
