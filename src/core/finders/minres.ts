/**
 * MINRES (Paige & Saunders 1975) for H x = b with H symmetric, possibly indefinite or singular,
 * given only x ↦ H x: the Krylov iterate minimising ‖b − H x‖. On a consistent singular system
 * started from 0 it converges to the minimum-norm solution H⁺b, which is what Newton-MR and the
 * damped Newton finder of docs/design.md §6 step along. No preconditioner; the recurrences are
 * scipy.sparse.linalg.minres's (Lanczos tridiagonalisation, one Givens rotation per step), so the
 * numbers can be held against it.
 */
import { dot } from '../linalg/matrix';

export interface MinresResult {
  x: Float64Array;
  iterations: number;
  /** ‖b − H x‖ by the recurrence (φ̄). */
  residualNorm: number;
  /** ‖H r‖, r = b − H x, by the recurrence: small when b's part outside H's range is all that is left. */
  normalResidualNorm: number;
  /** 'converged' (‖r‖ ≤ rtol‖b‖), 'least-squares' (‖H r‖ ≤ rtol‖H‖‖r‖: b is not in H's range), or 'max-iterations'. */
  stop: 'converged' | 'least-squares' | 'max-iterations';
}

export function minres(H: (v: Float64Array) => Float64Array, b: Float64Array, options: { maxIterations?: number; rtol?: number } = {}): MinresResult {
  const n = b.length;
  const maxIterations = options.maxIterations ?? 5 * n;
  const rtol = options.rtol ?? 1e-12;
  const x = new Float64Array(n);
  const beta1 = Math.sqrt(dot(b, b));
  if (beta1 === 0) return { x, iterations: 0, residualNorm: 0, normalResidualNorm: 0, stop: 'converged' };
  let r1: Float64Array = Float64Array.from(b);
  let r2: Float64Array = Float64Array.from(b);
  let y: Float64Array = Float64Array.from(b);
  let w = new Float64Array(n);
  let w2 = new Float64Array(n);
  let oldb = 0;
  let beta = beta1;
  let dbar = 0;
  let epsln = 0;
  let phibar = beta1;
  let cs = -1;
  let sn = 0;
  let tnorm2 = 0;
  let Arnorm = 0;
  let iterations = 0;
  let stop: MinresResult['stop'] = 'max-iterations';
  while (iterations < maxIterations) {
    iterations++;
    // Lanczos: v = y/β, y = H v − (β/β_old) r1 − (α/β) r2.
    const s = 1 / beta;
    const v = y.map((t) => s * t);
    y = H(v);
    if (iterations >= 2) for (let i = 0; i < n; i++) y[i] -= (beta / oldb) * r1[i];
    const alfa = dot(v, y);
    for (let i = 0; i < n; i++) y[i] -= (alfa / beta) * r2[i];
    r1 = r2;
    r2 = y;
    y = Float64Array.from(r2);
    oldb = beta;
    beta = Math.sqrt(dot(r2, r2));
    tnorm2 += alfa * alfa + oldb * oldb + beta * beta;
    // The previous rotation applied to the new column, then the next rotation.
    const oldeps = epsln;
    const delta = cs * dbar + sn * alfa;
    const gbar = sn * dbar - cs * alfa;
    epsln = sn * beta;
    dbar = -cs * beta;
    const root = Math.hypot(gbar, dbar);
    Arnorm = phibar * root;
    // γ at rounding level: the Krylov space is exhausted with b's kernel part left over (inconsistent);
    // the update would divide by ~0 and send x off along the kernel (MINRES-QLP's reason to exist).
    if (Math.hypot(gbar, beta) <= 1e-14 * Math.sqrt(tnorm2)) {
      stop = 'least-squares';
      break;
    }
    const gamma = Math.hypot(gbar, beta);
    cs = gbar / gamma;
    sn = beta / gamma;
    const phi = cs * phibar;
    phibar = sn * phibar;
    // x ← x + φ w with w = (v − ε_old w1 − δ w2)/γ.
    const w1 = w2;
    w2 = w;
    w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      w[i] = (v[i] - oldeps * w1[i] - delta * w2[i]) / gamma;
      x[i] += phi * w[i];
    }
    const Anorm = Math.sqrt(tnorm2);
    if (phibar <= rtol * beta1) {
      stop = 'converged';
      break;
    }
    if (Arnorm <= rtol * Anorm * phibar) {
      stop = 'least-squares';
      break;
    }
    // β = 0: the Krylov space is H-invariant and x is its best iterate.
    if (beta === 0) {
      stop = phibar <= rtol * beta1 ? 'converged' : 'least-squares';
      break;
    }
  }
  return { x, iterations, residualNorm: phibar, normalResidualNorm: Arnorm, stop };
}
