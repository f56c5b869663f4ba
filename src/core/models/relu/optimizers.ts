/**
 * The two optimisers of the ReLU model (docs/design.md §7), updating parameters in place: Adam
 * exactly as PyTorch's `torch.optim.Adam` (no weight decay, no amsgrad), and plain gradient descent.
 */

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

/** Adam's moments for one parameter vector, and the number of steps taken. */
export interface AdamState {
  /** First moment m. */
  m: Float64Array;
  /** Second moment v. */
  v: Float64Array;
  /** Steps taken so far (t of the bias corrections). */
  t: number;
}

export function adamState(n: number): AdamState {
  return { m: new Float64Array(n), v: new Float64Array(n), t: 0 };
}

/**
 * One Adam step on θ with gradient g:
 *   m ← β1 m + (1 − β1) g,  v ← β2 v + (1 − β2) g²,  m̂ = m/(1 − β1^t),  v̂ = v/(1 − β2^t),
 *   θ ← θ − lr · m̂ / (√v̂ + ε)
 * (PyTorch's order: ε is added after the square root of the bias-corrected v).
 */
export function adamStep(theta: Float64Array, grad: Float64Array, state: AdamState, lr: number): void {
  const { m, v } = state;
  state.t += 1;
  const c1 = 1 - ADAM_BETA1 ** state.t;
  const c2 = 1 - ADAM_BETA2 ** state.t;
  for (let i = 0; i < theta.length; i++) {
    const gi = grad[i];
    const mi = ADAM_BETA1 * m[i] + (1 - ADAM_BETA1) * gi;
    const vi = ADAM_BETA2 * v[i] + (1 - ADAM_BETA2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    theta[i] -= (lr * (mi / c1)) / (Math.sqrt(vi / c2) + ADAM_EPSILON);
  }
}

/** One gradient-descent step θ ← θ − lr · g. */
export function gradientDescentStep(theta: Float64Array, grad: Float64Array, lr: number): void {
  for (let i = 0; i < theta.length; i++) theta[i] -= lr * grad[i];
}
