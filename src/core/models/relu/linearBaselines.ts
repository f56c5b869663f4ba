/**
 * The best linear autoencoders on the ReLU model's sample and weighting (docs/design.md §7), exact
 * from eigenvalues. Scaling feature i by √I_i (Y = X diag(√I)) turns the importance-weighted loss
 * into a plain squared error (§1 "Sparse features"), so with N samples, as means over the sample:
 *
 *   with a bias (the paper's baseline; the bias takes the mean, PCA on the centred data):
 *       min_{rank M ≤ d, c} (1/N) Σ_t ‖y_t − (M y_t + c)‖² = Σ_{i > d} λ_i(C),  C = (1/N) Σ (y − ȳ)(y − ȳ)ᵀ
 *   without (the seed's model, §1): the same over the second moment Σ = (1/N) YᵀY,
 *       min_{rank M ≤ d} (1/N) Σ_t ‖y_t − M y_t‖² = Σ_{i > d} λ_i(Σ)
 *
 * (Eckart–Young–Mirsky). Every linear critical level of the no-bias model is L(I) = Σ_{i∉I} λ_i(Σ)
 * for |I| ≤ d (§1), so the page gets all of Σ's eigenvalues and draws the levels it wants.
 */
import { type Matrix, zeros } from '../../linalg/matrix';
import { symmetricEigenvaluesFast } from '../../linalg/symmetricEigen';

/** Y = X diag(√I): the rows × D sample in the units where the weighted loss is a plain one. */
export function importanceScaled(X: Float64Array, D: number, I: ArrayLike<number>): Float64Array {
  const rows = X.length / D;
  const s = Float64Array.from({ length: D }, (_, i) => Math.sqrt(I[i]));
  const Y = new Float64Array(X.length);
  for (let t = 0; t < rows; t++) for (let i = 0; i < D; i++) Y[t * D + i] = X[t * D + i] * s[i];
  return Y;
}

/** (1/N) Σ_t (y_t − c)(y_t − c)ᵀ about the centre c (two passes: the mean first, then the products). */
function momentAbout(Y: Float64Array, D: number, c: Float64Array): Matrix {
  const rows = Y.length / D;
  const M = zeros(D, D);
  const z = new Float64Array(D);
  for (let t = 0; t < rows; t++) {
    for (let i = 0; i < D; i++) z[i] = Y[t * D + i] - c[i];
    for (let i = 0; i < D; i++) {
      const zi = z[i];
      if (zi === 0) continue;
      for (let j = i; j < D; j++) M.data[i * D + j] += zi * z[j];
    }
  }
  for (let i = 0; i < D; i++)
    for (let j = i; j < D; j++) {
      const v = M.data[i * D + j] / rows;
      M.data[i * D + j] = v;
      M.data[j * D + i] = v;
    }
  return M;
}

/** Σ = (1/N) YᵀY, the uncentred second moment. */
export function secondMoment(Y: Float64Array, D: number): Matrix {
  return momentAbout(Y, D, new Float64Array(D));
}

/** C = (1/N) Σ_t (y_t − ȳ)(y_t − ȳ)ᵀ, the covariance about the sample mean. */
export function centredCovariance(Y: Float64Array, D: number): Matrix {
  const rows = Y.length / D;
  const mean = new Float64Array(D);
  for (let t = 0; t < rows; t++) for (let i = 0; i < D; i++) mean[i] += Y[t * D + i];
  for (let i = 0; i < D; i++) mean[i] /= rows;
  return momentAbout(Y, D, mean);
}

/** Σ_{i > d} λ_i of the descending λ; a PSD moment's eigenvalues are ≥ 0, so rounding below 0 counts as 0. */
function tailSum(values: Float64Array, d: number): number {
  let s = 0;
  for (let i = d; i < values.length; i++) s += Math.max(0, values[i]);
  return s;
}

export interface LinearBaselines {
  /** The best rank-≤ d linear autoencoder with a bias: Σ_{i>d} λ_i(C). */
  optimumLoss: number;
  /** The best without a bias: Σ_{i>d} λ_i(Σ). */
  noBiasLoss: number;
  /** λ(Σ), descending: the no-bias model's critical levels are Σ_{i∉I} λ_i for |I| ≤ d. */
  secondMomentEigenvalues: Float64Array;
  /** λ(C), descending. */
  covarianceEigenvalues: Float64Array;
}

/** Both baselines on the rows × D sample X (unscaled features) with importance I. */
export function linearBaselines(X: Float64Array, D: number, d: number, I: ArrayLike<number>): LinearBaselines {
  const Y = importanceScaled(X, D, I);
  const secondMomentEigenvalues = symmetricEigenvaluesFast(secondMoment(Y, D));
  const covarianceEigenvalues = symmetricEigenvaluesFast(centredCovariance(Y, D));
  return {
    optimumLoss: tailSum(covarianceEigenvalues, d),
    noBiasLoss: tailSum(secondMomentEigenvalues, d),
    secondMomentEigenvalues,
    covarianceEigenvalues,
  };
}

/** The best rank-≤ d linear autoencoder with a bias on X's sample and weighting (the paper's linear baseline). */
export function linearOptimumLoss(X: Float64Array, D: number, d: number, I: ArrayLike<number>): number {
  return tailSum(symmetricEigenvaluesFast(centredCovariance(importanceScaled(X, D, I), D)), d);
}

/** The best rank-≤ d linear autoencoder without a bias (the seed's model) on X's sample and weighting. */
export function linearNoBiasLoss(X: Float64Array, D: number, d: number, I: ArrayLike<number>): number {
  return tailSum(symmetricEigenvaluesFast(secondMoment(importanceScaled(X, D, I), D)), d);
}
