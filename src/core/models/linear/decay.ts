/**
 * The weight-decay term of the linear model (docs/design.md §5): R(A, B) = Σ_j μ_j (‖a_j‖² + ‖b_j‖²)
 * with a_j column j of A and b_j row j of B, one μ_j per hidden unit (uniform: μ_j = μ; ordered:
 * μ_j = wd · λ₁ · j/d). It is separable and quadratic, so it adds
 *     to the gradient   2 μ_j a_j and 2 μ_j b_j,
 *     to the Hessian    2 μ_j on the diagonal entry of every A_rj and every B_jc,
 *     to H · v          2 μ_j dA_rj and 2 μ_j dB_jc,
 * to what lossAndGradient.ts, hessian.ts and hessianVector.ts compute for the undecayed loss. θ's
 * order is theirs: A row-major (A_rj at r·d + j), then B row-major (B_jc at D·d + j·D + c).
 */
import type { Matrix } from '../../linalg/matrix';

/** μ_j per hidden unit: every unit μ (uniform), or μ_j = μ · j/d (ordered, Bao et al. 2020), j = 1..d. */
export function decayProfile(μ: number, d: number, profile: 'uniform' | 'ordered'): Float64Array {
  return Float64Array.from({ length: d }, (_, j) => (profile === 'ordered' ? (μ * (j + 1)) / d : μ));
}

/** R(A, B) = Σ_j μ_j (‖a_j‖² + ‖b_j‖²). */
export function decayLoss(μ: ArrayLike<number>, A: Matrix, B: Matrix): number {
  const D = A.rows;
  const d = A.cols;
  let r = 0;
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < D; i++) s += A.data[i * d + j] * A.data[i * d + j] + B.data[j * D + i] * B.data[j * D + i];
    r += μ[j] * s;
  }
  return r;
}

/** gradA += 2 μ_j a_j, gradB += 2 μ_j b_j (in place). */
export function addDecayGradient(μ: ArrayLike<number>, A: Matrix, B: Matrix, gradA: Matrix, gradB: Matrix): void {
  const D = A.rows;
  const d = A.cols;
  for (let i = 0; i < D; i++) for (let j = 0; j < d; j++) gradA.data[i * d + j] += 2 * μ[j] * A.data[i * d + j];
  for (let j = 0; j < d; j++) for (let c = 0; c < D; c++) gradB.data[j * D + c] += 2 * μ[j] * B.data[j * D + c];
}

/** H += 2 diag(μ_j over A_rj and B_jc) (in place; H is 2Dd × 2Dd in θ's order). */
export function addDecayHessian(μ: ArrayLike<number>, H: Matrix, D: number, d: number): void {
  const n = 2 * D * d;
  if (H.rows !== n || H.cols !== n) throw new Error(`H is ${H.rows}×${H.cols}, not ${n}×${n}`);
  for (let r = 0; r < D; r++) for (let j = 0; j < d; j++) H.data[(r * d + j) * (n + 1)] += 2 * μ[j];
  for (let j = 0; j < d; j++) for (let c = 0; c < D; c++) H.data[(D * d + j * D + c) * (n + 1)] += 2 * μ[j];
}

/** Hv += 2 μ_j (dA_rj, dB_jc) (in place; Hv in θ's order). */
export function addDecayHessianVector(μ: ArrayLike<number>, dA: Matrix, dB: Matrix, Hv: Float64Array): void {
  const D = dA.rows;
  const d = dA.cols;
  for (let r = 0; r < D; r++) for (let j = 0; j < d; j++) Hv[r * d + j] += 2 * μ[j] * dA.data[r * d + j];
  for (let j = 0; j < d; j++) for (let c = 0; c < D; c++) Hv[D * d + j * D + c] += 2 * μ[j] * dB.data[j * D + c];
}
