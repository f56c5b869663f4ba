import { type Matrix, zeros } from '../linalg/matrix';

/**
 * Subtract each column's mean. The seed's model has no biases, so with `center` off the
 * autoencoder also has to spend capacity on the mean direction; centring turns Σ into T times
 * the sample covariance.
 */
export function centerColumns(X: Matrix): Matrix {
  const { rows: T, cols: D } = X;
  const mean = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let k = 0; k < D; k++) mean[k] += X.data[t * D + k];
  for (let k = 0; k < D; k++) mean[k] /= T;
  const out = zeros(T, D);
  for (let t = 0; t < T; t++) for (let k = 0; k < D; k++) out.data[t * D + k] = X.data[t * D + k] - mean[k];
  return out;
}
