/**
 * The plain-JavaScript kernel of the eigenbasis step (eigenbasisKernels.ts has the layout of the
 * rows, the step and its rounding), four rows at a time; its accumulation of N, G, diag P and
 * tr(ÃMᵀ) from a loaded W, its mirroring of N and G and tr(GN) also serve the WebAssembly
 * workspace (eigenbasisKernelsWasm.ts).
 */
import type { EigenbasisWorkspace } from './eigenbasisKernels';

/**
 * Upper triangles of N += b̃_i m_iᵀ and G += ã_i ã_iᵀ over all rows, then mirrored; also diag P and
 * tr(ÃMᵀ). N and G must be zero on entry. Returns tr(ÃMᵀ).
 */
export function accumulateJs(
  D: number,
  d: number,
  dp: number,
  W: Float64Array,
  lam: Float64Array,
  P: Float64Array,
  N: Float64Array,
  G: Float64Array,
  mn: Float64Array,
): number {
  const rs = 2 * dp;
  let tr = 0;
  for (let i = 0, ai = 0; i < D; i++, ai += rs) {
    const bi = ai + dp;
    const l = lam[i];
    let p = 0;
    for (let h = 0; h < d; h++) {
      const a = W[ai + h];
      const b = W[bi + h];
      const m = l * b;
      mn[h] = m;
      p += a * b;
      tr += a * m;
    }
    P[i] = p;
    for (let h = 0; h < d; h++) {
      const bh = W[bi + h];
      const ah = W[ai + h];
      const nh = h * dp;
      for (let g = h; g < d; g++) {
        N[nh + g] += bh * mn[g];
        G[nh + g] += ah * W[ai + g];
      }
    }
  }
  mirror(d, dp, N, G);
  return tr;
}
/** Lower triangles of N and G from their upper triangles. */
export function mirror(d: number, dp: number, N: Float64Array, G: Float64Array): void {
  for (let h = 1; h < d; h++)
    for (let g = 0; g < h; g++) {
      N[h * dp + g] = N[g * dp + h];
      G[h * dp + g] = G[g * dp + h];
    }
}
/**
 * One step in plain JS: rows updated in place from the old N, G, four rows at a time (they share
 * the loads of N and G; every sum keeps its order), the next N and G accumulated into N2, G2 (zero
 * on entry). Scratch t (12d): the rows' old ã and m, then their new m. Returns the new tr(ÃMᵀ).
 */
function stepJs(
  D: number,
  d: number,
  dp: number,
  W: Float64Array,
  lam: Float64Array,
  P: Float64Array,
  N: Float64Array,
  G: Float64Array,
  N2: Float64Array,
  G2: Float64Array,
  t: Float64Array,
  c: number,
): number {
  const rs = 2 * dp;
  const [ao0, ao1, ao2, ao3, mo0, mo1, mo2, mo3, mn0, mn1, mn2, mn3] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((k) => k * d);
  let tr = 0;
  for (let i = 0; i < D; i += 4) {
    const rows = Math.min(4, D - i);
    // Rows past the end alias row i; their results are discarded.
    const a0 = i * rs;
    const a1 = rows > 1 ? a0 + rs : a0;
    const a2 = rows > 2 ? a0 + 2 * rs : a0;
    const a3 = rows > 3 ? a0 + 3 * rs : a0;
    const l0 = lam[i];
    const l1 = rows > 1 ? lam[i + 1] : l0;
    const l2 = rows > 2 ? lam[i + 2] : l0;
    const l3 = rows > 3 ? lam[i + 3] : l0;
    for (let g = 0; g < d; g++) {
      t[ao0 + g] = W[a0 + g];
      t[mo0 + g] = l0 * W[a0 + dp + g];
      t[ao1 + g] = W[a1 + g];
      t[mo1 + g] = l1 * W[a1 + dp + g];
      t[ao2 + g] = W[a2 + g];
      t[mo2 + g] = l2 * W[a2 + dp + g];
      t[ao3 + g] = W[a3 + g];
      t[mo3 + g] = l3 * W[a3 + dp + g];
    }
    for (let h = 0; h < d; h++) {
      // (ÃN)_ih = Σ_g ã_ig N_gh and (G Mᵀ)_hi = Σ_g G_hg m_ig, N and G symmetric (row h used).
      const nh = h * dp;
      let an0 = 0;
      let gm0 = 0;
      let an1 = 0;
      let gm1 = 0;
      let an2 = 0;
      let gm2 = 0;
      let an3 = 0;
      let gm3 = 0;
      for (let g = 0; g < d; g++) {
        const n = N[nh + g];
        const q = G[nh + g];
        an0 += t[ao0 + g] * n;
        gm0 += q * t[mo0 + g];
        an1 += t[ao1 + g] * n;
        gm1 += q * t[mo1 + g];
        an2 += t[ao2 + g] * n;
        gm2 += q * t[mo2 + g];
        an3 += t[ao3 + g] * n;
        gm3 += q * t[mo3 + g];
      }
      const x0 = t[ao0 + h];
      W[a0 + h] = x0 + c * (t[mo0 + h] - an0);
      W[a0 + dp + h] += c * (l0 * x0 - gm0);
      if (rows > 1) {
        const x1 = t[ao1 + h];
        W[a1 + h] = x1 + c * (t[mo1 + h] - an1);
        W[a1 + dp + h] += c * (l1 * x1 - gm1);
      }
      if (rows > 2) {
        const x2 = t[ao2 + h];
        W[a2 + h] = x2 + c * (t[mo2 + h] - an2);
        W[a2 + dp + h] += c * (l2 * x2 - gm2);
      }
      if (rows > 3) {
        const x3 = t[ao3 + h];
        W[a3 + h] = x3 + c * (t[mo3 + h] - an3);
        W[a3 + dp + h] += c * (l3 * x3 - gm3);
      }
    }
    // diag P, tr(ÃMᵀ) in row order, the new m.
    for (let r = 0; r < rows; r++) {
      const ar = a0 + r * rs;
      const mr = (8 + r) * d;
      const l = lam[i + r];
      let p = 0;
      for (let h = 0; h < d; h++) {
        const b = W[ar + dp + h];
        const m = l * b;
        t[mr + h] = m;
        p += W[ar + h] * b;
        tr += W[ar + h] * m;
      }
      P[i + r] = p;
    }
    if (rows === 4)
      for (let h = 0; h < d; h++) {
        const nh = h * dp;
        const b0 = W[a0 + dp + h];
        const b1 = W[a1 + dp + h];
        const b2 = W[a2 + dp + h];
        const b3 = W[a3 + dp + h];
        const e0 = W[a0 + h];
        const e1 = W[a1 + h];
        const e2 = W[a2 + h];
        const e3 = W[a3 + h];
        for (let g = h; g < d; g++) {
          N2[nh + g] = N2[nh + g] + b0 * t[mn0 + g] + b1 * t[mn1 + g] + b2 * t[mn2 + g] + b3 * t[mn3 + g];
          G2[nh + g] = G2[nh + g] + e0 * W[a0 + g] + e1 * W[a1 + g] + e2 * W[a2 + g] + e3 * W[a3 + g];
        }
      }
    else
      for (let r = 0; r < rows; r++) {
        const ar = a0 + r * rs;
        const mr = (8 + r) * d;
        for (let h = 0; h < d; h++) {
          const bh = W[ar + dp + h];
          const ah = W[ar + h];
          const nh = h * dp;
          for (let g = h; g < d; g++) {
            N2[nh + g] += bh * t[mr + g];
            G2[nh + g] += ah * W[ar + g];
          }
        }
      }
  }
  mirror(d, dp, N2, G2);
  return tr;
}
export function trGNOf(d: number, dp: number, N: Float64Array, G: Float64Array): number {
  let s = 0;
  for (let h = 0; h < d; h++) for (let g = 0; g < d; g++) s += G[h * dp + g] * N[h * dp + g];
  return s;
}
export class JsWorkspace implements EigenbasisWorkspace {
  readonly kernels = 'js' as const;
  readonly dp: number;
  readonly W: Float64Array;
  readonly P: Float64Array;
  N: Float64Array;
  G: Float64Array;
  trAM = 0;
  private N2: Float64Array;
  private G2: Float64Array;
  private readonly t: Float64Array;
  constructor(
    readonly D: number,
    readonly d: number,
    private readonly lam: Float64Array,
  ) {
    this.dp = d;
    this.W = new Float64Array(2 * D * d);
    this.P = new Float64Array(D);
    [this.N, this.G, this.N2, this.G2] = [0, 1, 2, 3].map(() => new Float64Array(d * d));
    this.t = new Float64Array(12 * d);
  }
  refresh(): void {
    this.N.fill(0);
    this.G.fill(0);
    this.trAM = accumulateJs(this.D, this.d, this.dp, this.W, this.lam, this.P, this.N, this.G, this.t);
  }
  step(c: number): void {
    const { N2, G2 } = this;
    N2.fill(0);
    G2.fill(0);
    this.trAM = stepJs(this.D, this.d, this.dp, this.W, this.lam, this.P, this.N, this.G, N2, G2, this.t, c);
    [this.N, this.N2, this.G, this.G2] = [N2, this.N, G2, this.G];
  }
  trGN(): number {
    return trGNOf(this.d, this.dp, this.N, this.G);
  }
}
