/**
 * The seed's model (docs/design.md §1) behind the Model interface: x ↦ ABx with A (D × d) and
 * B (d × D), L(A, B) = tr((I − AB) Σ (I − AB)ᵀ); θ = (A row-major, B row-major). Every piece is
 * the module that computed it before the interface existed, so every number is unchanged.
 */
import { criticalLoss, globalMinimumLoss, morseInertia } from '../../landscape/criticalPoints';
import { enumerateCriticalPoints } from '../../landscape/enumerate';
import type { Matrix } from '../../linalg/matrix';
import { type ClosedFormCriticalSet, hessianScopeFor, type Landscape, type Model, type ParameterBlock, type TrainingRun, unpackBlocks } from '../model';
import { eigenbasisGradientDescent } from './eigenbasisTraining';
import { hessianMatrix } from './hessian';
import { hessianVectorProduct } from './hessianVector';
import { initialWeights } from './initialWeights';
import { lossAndGradient } from './lossAndGradient';
import { nearestCriticalPoint } from './nearestCriticalPoint';
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

const criticalSet: ClosedFormCriticalSet = {
  enumerate: (land, options) => enumerateCriticalPoints(land.eigen.values, land.d, land.τ, options),
  loss: (λ, I) => criticalLoss(λ, zeroBased(I)),
  inertia: (λ, I, d, τ) => morseInertia(λ, zeroBased(I), d, τ),
  globalMinimumLoss,
  representative(land, I, gauge) {
    const { A, B } = gauge ? gaugedRepresentative(land.eigen, I, land.d, gauge) : canonicalRepresentative(land.eigen, I, land.d);
    return pack(A, B);
  },
  nearest(land, θ) {
    const { A, B } = weights(land, θ);
    return nearestCriticalPoint(land.eigen, A, B).I;
  },
};

export const linearModel: Model<LinearRecords, LinearPointDetail, LinearDetailOptions> = {
  id: 'linear',
  title: 'two-layer linear autoencoder x ↦ ABx',
  blocks,
  loss: (land, θ) => {
    const { A, B } = weights(land, θ);
    return lossAndGradient(land.sigma, A, B).loss;
  },
  gradient(land, θ) {
    const { A, B } = weights(land, θ);
    const { loss, gradA, gradB } = lossAndGradient(land.sigma, A, B);
    return { loss, gradient: pack(gradA, gradB) };
  },
  hessian(land, θ) {
    const { A, B } = weights(land, θ);
    return hessianMatrix(land.sigma, A, B);
  },
  hessianVector(land, θ, v) {
    const { A, B } = weights(land, θ);
    const { A: dA, B: dB } = weights(land, v);
    return hessianVectorProduct(land.sigma, A, B, dA, dB);
  },
  hessianScope: (D, d) => hessianScopeFor(2 * D * d),
  criticalSet,
  initialParameters(seed, run, D, d, init, mode) {
    const { A0, B0 } = initialWeights(seed, run, D, d, init, mode);
    return pack(A0, B0);
  },
  train(land, θ0, options): TrainingRun<LinearRecords> {
    const { A: A0, B: B0 } = weights(land, θ0);
    const gd = eigenbasisGradientDescent({
      eigen: land.eigen,
      A0,
      B0,
      eta: options.eta,
      steps: options.steps,
      snapshots: options.snapshots,
      onProgress: options.onProgress,
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
      records: { learned: gd.learned, balancedness: gd.balancedness, angles: gd.angles, initialStrength: gd.initialStrength, snapshots: gd.snapshots },
    };
  },
  pointDetail: linearPointDetail,
};
