/**
 * The eigenbasis step of the weight-decayed and the tied autoencoders (docs/design.md §5) on top of
 * the seed's kernels (eigenbasisKernels.ts), which are left exactly as they are, so μ = 0 untied runs
 * are bit for bit the seed's.
 *
 * Decay. L_μ = L + Σ_h μ_h (‖ã_h‖² + ‖b̃_h‖²) (unit h: column h of Ã, row h of B̃; the Frobenius norms
 * are unchanged by the orthogonal change of basis), so its gradient step is the seed's step minus
 * 2η μ_h times the old weights of unit h:
 *     ã_i ← ã_i + c (m_i − N ã_i) − c μ∘ã_i,    b̃_i ← b̃_i + c (λ_i ã_i − G m_i) − c μ∘b̃_i,   c = 2η.
 *
 * Tied (A = Bᵀ, so ã_i = b̃_i for every row i). ∇L_tied = ∇_B L + (∇_A L)ᵀ (tied/tiedMaths.ts), so
 * the tied step adds both of the linear step's increments to b̃_i:
 *     b̃_i ← b̃_i + (ã_i′ − ã_i) + (b̃_i′ − b̃_i) = ã_i′ + b̃_i′ − b̃_i,
 * where ′ marks the (decayed) linear step from the same iterate, and ã_i takes the same value.
 *
 * Both corrections act on the rows after the seed's fused pass, which accumulated N, G, diag P and
 * tr(ÃMᵀ) from the uncorrected rows, so they are accumulated again (`refresh`): one extra O(D d²)
 * pass per step.
 */
import type { EigenbasisWorkspace } from './eigenbasisKernels';

export class FoldedWorkspace implements EigenbasisWorkspace {
  readonly kernels: 'js' | 'wasm-simd';
  readonly D: number;
  readonly d: number;
  readonly dp: number;
  readonly W: Float64Array;
  readonly P: Float64Array;
  private readonly old: Float64Array;

  /** `μ` per hidden unit (length d); `tied`: keep ã_i = b̃_i (W must hold equal halves on entry). */
  constructor(
    private readonly base: EigenbasisWorkspace,
    private readonly μ: Float64Array,
    private readonly tied: boolean,
  ) {
    this.kernels = base.kernels;
    this.D = base.D;
    this.d = base.d;
    this.dp = base.dp;
    this.W = base.W;
    this.P = base.P;
    this.old = new Float64Array(base.W.length);
  }

  get N(): Float64Array {
    return this.base.N;
  }
  get G(): Float64Array {
    return this.base.G;
  }
  get trAM(): number {
    return this.base.trAM;
  }

  refresh(): void {
    this.base.refresh();
  }

  trGN(): number {
    return this.base.trGN();
  }

  /** Σ_h μ_h (‖ã_h‖² + ‖b̃_h‖²) of the current iterate (‖ã_h‖² = G_hh). */
  decay(): number {
    const { D, d, dp, W, μ } = this;
    const rs = 2 * dp;
    let sum = 0;
    for (let h = 0; h < d; h++) {
      let bb = 0;
      for (let i = 0, o = dp + h; i < D; i++, o += rs) bb += W[o] * W[o];
      sum += μ[h] * (this.base.G[h * dp + h] + bb);
    }
    return sum;
  }

  step(c: number): void {
    const { D, d, dp, W, μ, old } = this;
    const rs = 2 * dp;
    old.set(W);
    this.base.step(c);
    for (let i = 0, a = 0; i < D; i++, a += rs) {
      const b = a + dp;
      for (let h = 0; h < d; h++) {
        const k = c * μ[h];
        const an = W[a + h] - k * old[a + h];
        const bn = W[b + h] - k * old[b + h];
        if (this.tied) {
          const t = an + bn - old[b + h];
          W[a + h] = t;
          W[b + h] = t;
        } else {
          W[a + h] = an;
          W[b + h] = bn;
        }
      }
    }
    this.base.refresh();
  }
}
