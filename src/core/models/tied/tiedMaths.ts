/**
 * The tied autoencoder of docs/design.md §5 (the Toy Models of Superposition parameterisation):
 * θ = B (d × D, row-major), A = Bᵀ, and
 *     L(B) = tr((I − BᵀB) Σ (I − BᵀB)) + 2 Σ_j μ_j ‖b_j‖²,
 * the linear model's decayed loss (linear/decay.ts) restricted to A = Bᵀ. The restriction is the
 * linear map P: θ_B ↦ (A = Bᵀ, B), so the tied model's derivatives are the linear model's folded
 * through it, with no second-order term:
 *     ∇L_tied = Pᵀ ∇L = ∇_B L + (∇_A L)ᵀ,     H_tied = Pᵀ H P,     H_tied v = Pᵀ H (P v).
 * Entry B_jc of θ is A_cj (at c·d + j) and B_jc (at D·d + j·D + c) of the linear model's θ.
 */
import { type Matrix, transpose } from '../../linalg/matrix';
import { addDecayGradient, addDecayHessian, addDecayHessianVector, decayLoss } from '../linear/decay';
import { hessianMatrix } from '../linear/hessian';
import { hessianVectorOperator } from '../linear/hessianVector';
import { lossAndGradient } from '../linear/lossAndGradient';

/** (A = Bᵀ, B) as the linear model's matrices, from θ = B. */
function untie(θ: Float64Array, D: number, d: number): { A: Matrix; B: Matrix } {
  const B = { rows: d, cols: D, data: θ };
  return { A: transpose(B), B };
}

/** L(B) and ∇L(B) = ∇_B L + (∇_A L)ᵀ at A = Bᵀ. */
export function tiedLossAndGradient(sigma: Matrix, θ: Float64Array, d: number, μ: ArrayLike<number>): { loss: number; gradient: Float64Array } {
  const D = sigma.rows;
  const { A, B } = untie(θ, D, d);
  const { loss, gradA, gradB } = lossAndGradient(sigma, A, B);
  addDecayGradient(μ, A, B, gradA, gradB);
  const gradient = new Float64Array(d * D);
  for (let j = 0; j < d; j++) for (let c = 0; c < D; c++) gradient[j * D + c] = gradB.data[j * D + c] + gradA.data[c * d + j];
  return { loss: loss + decayLoss(μ, A, B), gradient };
}

/** The exact Hessian Pᵀ H P, dD × dD, exactly symmetric. */
export function tiedHessian(sigma: Matrix, θ: Float64Array, d: number, μ: ArrayLike<number>): Matrix {
  const D = sigma.rows;
  const { A, B } = untie(θ, D, d);
  const H = hessianMatrix(sigma, A, B);
  addDecayHessian(μ, H, D, d);
  const n = 2 * D * d;
  const m = D * d;
  // The two linear-model indices of tied entry t = j·D + c.
  const ia = new Int32Array(m);
  const ib = new Int32Array(m);
  for (let j = 0; j < d; j++)
    for (let c = 0; c < D; c++) {
      ia[j * D + c] = c * d + j;
      ib[j * D + c] = D * d + j * D + c;
    }
  const out = new Float64Array(m * m);
  for (let s = 0; s < m; s++)
    for (let t = s; t < m; t++) {
      const v = H.data[ia[s] * n + ia[t]] + H.data[ia[s] * n + ib[t]] + H.data[ib[s] * n + ia[t]] + H.data[ib[s] * n + ib[t]];
      out[s * m + t] = v;
      out[t * m + s] = v;
    }
  return { rows: m, cols: m, data: out };
}

/** H_tied v = Pᵀ H (P v), without forming H. */
export function tiedHessianVector(sigma: Matrix, θ: Float64Array, d: number, μ: ArrayLike<number>, v: Float64Array): Float64Array {
  return tiedHessianOperator(sigma, θ, d, μ)(v);
}

/** tiedHessianVector at one θ as an operator (hessianVector.ts's, with the point's products formed once). */
export function tiedHessianOperator(sigma: Matrix, θ: Float64Array, d: number, μ: ArrayLike<number>): (v: Float64Array) => Float64Array {
  const D = sigma.rows;
  const { A, B } = untie(θ, D, d);
  const H = hessianVectorOperator(sigma, A, B);
  return (v) => {
    const dir = untie(v, D, d);
    const Hv = H(dir.A, dir.B);
    addDecayHessianVector(μ, dir.A, dir.B, Hv);
    const out = new Float64Array(d * D);
    for (let j = 0; j < d; j++) for (let c = 0; c < D; c++) out[j * D + c] = Hv[D * d + j * D + c] + Hv[c * d + j];
    return out;
  };
}
