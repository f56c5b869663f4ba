/**
 * Gradient-norm minimisation (docs/design.md §6): gradient descent on f(θ) = ½‖∇L(θ)‖², whose
 * gradient is H∇L (one Hessian-vector product), with an Armijo backtracking line search
 * f(θ − α H g) ≤ f(θ) − ρ α ‖H g‖². The step starts at twice the last accepted one (the first at
 * 1/λ₁², H's scale squared). It converges to any point where H∇L = 0 — critical points, but also
 * "gradient-flat" points where ∇L lies in H's kernel, which is why its verdicts need scoring.
 */
import { dot } from '../linalg/matrix';
import { type FinderOptions, type FinderProblem, type FinderRun, ZERO_GRADIENT } from './finderRun';

const ARMIJO = 1e-4;
const MAX_HALVINGS = 60;

export function gradientNormMinimisation(problem: FinderProblem, θ0: Float64Array, options: FinderOptions): FinderRun {
  let θ: Float64Array = Float64Array.from(θ0);
  let { loss, gradient: g } = problem.gradient(θ);
  let f = 0.5 * dot(g, g);
  const gradNormSq = [2 * f];
  const zero = (ZERO_GRADIENT * options.λ1) ** 2 * θ.length;
  let α = 1 / (options.λ1 * options.λ1);
  let stop: FinderRun['stop'] = 'iterations';
  let it = 0;
  while (it < options.iterations) {
    if (2 * f <= zero) {
      stop = 'zero-gradient';
      break;
    }
    const Hg = problem.hessianVector(θ, g);
    const slope = dot(Hg, Hg);
    let accepted = false;
    α *= 2;
    for (let h = 0; h < MAX_HALVINGS && slope > 0; h++, α /= 2) {
      const trial = new Float64Array(θ.length); // a loop: Float64Array.map costs as much as a gradient here
      for (let i = 0; i < θ.length; i++) trial[i] = θ[i] - α * Hg[i];
      const next = problem.gradient(trial);
      const fNext = 0.5 * dot(next.gradient, next.gradient);
      if (fNext <= f - ARMIJO * α * slope) {
        θ = trial;
        loss = next.loss;
        g = next.gradient;
        f = fNext;
        accepted = true;
        break;
      }
    }
    if (!accepted) {
      stop = 'stalled';
      break;
    }
    it++;
    gradNormSq.push(2 * f);
    if (options.onProgress?.(it)) {
      stop = 'cancelled';
      break;
    }
  }
  return { method: 'gnm', iterations: it, θ, loss, gradNormSq, stop };
}
