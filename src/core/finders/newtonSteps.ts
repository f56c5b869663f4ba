/**
 * The two Newton finders of docs/design.md §6, both stepping along p = −H⁺∇L, found by MINRES on
 * Hessian-vector products (minres.ts; on a singular H it gives the minimum-norm least-squares
 * solution, so the step is the pseudo-inverse's):
 *  - Newton-MR (Roosta et al. 2018): Armijo backtracking on ‖∇L‖², accept α (from 1, halving) when
 *    ‖∇L(θ + α p)‖² ≤ ‖∇L‖² + 2ρα ⟨H∇L, p⟩, where ⟨H∇L, p⟩ = −‖∇L's part in H's range‖² ≤ 0;
 *  - damped Newton: the fixed step θ ← θ + α p, α = DAMPING, with no line search (Frye et al.'s
 *    baseline, which is drawn to saddles and to points that are not critical).
 */
import { dot } from '../linalg/matrix';
import { type FinderOptions, type FinderProblem, type FinderRun, ZERO_GRADIENT } from './finderRun';
import { minres } from './minres';

const ARMIJO = 1e-4;
const MAX_HALVINGS = 40;
/** The damped Newton step size. */
const DAMPING = 0.1;

/** p = −H⁺g by MINRES, to a relative residual of 1e-10, with H applied by `H`. */
function newtonDirection(H: (v: Float64Array) => Float64Array, g: Float64Array): Float64Array {
  const { x } = minres(
    H,
    g.map((t) => -t),
    { rtol: 1e-10, maxIterations: 2 * g.length + 10 },
  );
  return x;
}

function iterate(method: 'newton-mr' | 'newton', problem: FinderProblem, θ0: Float64Array, options: FinderOptions): FinderRun {
  let θ: Float64Array = Float64Array.from(θ0);
  let { loss, gradient: g } = problem.gradient(θ);
  let gg = dot(g, g);
  const gradNormSq = [gg];
  const zero = (ZERO_GRADIENT * options.λ1) ** 2 * θ.length;
  let stop: FinderRun['stop'] = 'iterations';
  let it = 0;
  while (it < options.iterations) {
    if (gg <= zero) {
      stop = 'zero-gradient';
      break;
    }
    // One operator per iterate: MINRES and the line search's slope ⟨H∇L, p⟩ share it.
    const at = θ;
    const H = problem.hessianOperator?.(at) ?? ((v: Float64Array) => problem.hessianVector(at, v));
    const p = newtonDirection(H, g);
    let next: { θ: Float64Array; loss: number; gradient: Float64Array } | null = null;
    if (method === 'newton') {
      const trial = θ.map((t, i) => t + DAMPING * p[i]);
      next = { θ: trial, ...problem.gradient(trial) };
    } else {
      const slope = dot(H(g), p);
      for (let h = 0, α = 1; h < MAX_HALVINGS && slope < 0; h++, α /= 2) {
        const trial = θ.map((t, i) => t + α * p[i]);
        const r = problem.gradient(trial);
        if (dot(r.gradient, r.gradient) <= gg + 2 * ARMIJO * α * slope) {
          next = { θ: trial, ...r };
          break;
        }
      }
    }
    if (!next?.gradient.every(Number.isFinite)) {
      stop = 'stalled';
      break;
    }
    θ = next.θ;
    loss = next.loss;
    g = next.gradient;
    gg = dot(g, g);
    it++;
    gradNormSq.push(gg);
    if (options.onProgress?.(it)) {
      stop = 'cancelled';
      break;
    }
  }
  return { method, iterations: it, θ, loss, gradNormSq, stop };
}

export const newtonMR = (problem: FinderProblem, θ0: Float64Array, options: FinderOptions): FinderRun => iterate('newton-mr', problem, θ0, options);
export const dampedNewton = (problem: FinderProblem, θ0: Float64Array, options: FinderOptions): FinderRun => iterate('newton', problem, θ0, options);
