/** Cross-check only: the loss straight from its definition over the samples, for tests. */
import { type Matrix, multiply } from '../linalg/matrix';

/** L(A, B) straight from the data: Σ_t ‖x_t − A B x_t‖² (the definition, for cross-checks). */
export function dataLoss(X: Matrix, A: Matrix, B: Matrix): number {
  const W = multiply(A, B);
  const { rows: T, cols: D } = X;
  let loss = 0;
  for (let t = 0; t < T; t++) {
    for (let r = 0; r < D; r++) {
      let wx = 0;
      for (let c = 0; c < D; c++) wx += W.data[r * D + c] * X.data[t * D + c];
      const e = X.data[t * D + r] - wx;
      loss += e * e;
    }
  }
  return loss;
}
