/**
 * The arithmetic of `eigenbasisGradientDescent` (eigenbasisTraining.ts): one gradient step in Σ's
 * eigenbasis, O(D d²), on a workspace that lives in typed arrays, in plain JavaScript or in a
 * WebAssembly SIMD kernel assembled here at run time.
 *
 * Layout. Row i of the workspace W holds ã_i (row i of Ã, D × d) and then b̃_i (column i of B̃,
 * d × D), each padded to `dp` entries: W = [ã_0 | b̃_0 | ã_1 | b̃_1 | …], so every pass runs along
 * contiguous memory. N = B̃ΛB̃ᵀ and G = ÃᵀÃ (d × d, symmetric) are kept full with row stride dp.
 *
 * One step (design.md §1; m_i = λ_i b̃_i, both gradients from the same iterate):
 *   ã_i ← ã_i + 2η (m_i − N ã_i),   b̃_i ← b̃_i + 2η (λ_i ã_i − G m_i),
 * row by row, each row needing only its own old values and the old N, G. The same pass then
 * accumulates, from the new rows, the upper triangles of the next N and G (the only O(D d²) parts
 * besides the two matrix–vector products), diag P = ã_i·b̃_i and tr(ÃMᵀ) = Σ ã_i·m_i, so the next
 * step's loss tr Λ − 2 tr(ÃMᵀ) + tr(GN) and its nearest critical point need no pass of their own.
 * No allocation per step. The JS kernel takes four rows at a time (they share the loads of N and
 * G); the WebAssembly kernel takes one row at a time, two entries per f64x2 operation.
 *
 * Rounding. Every product and every per-entry sum is formed as in the original loop of
 * eigenbasisTraining.ts (sums over g ascending, over rows i ascending), so the JS kernel differs
 * from it only through N, whose lower triangle is now the mirror of the upper one instead of being
 * summed separately. The WebAssembly kernel does the same arithmetic two entries at a time
 * (f64x2) and differs from the JS kernel only in diag P and tr(ÃMᵀ), summed as two interleaved
 * partial sums.
 */
import { name, section, sleb, uleb, vec } from '../../wasm/wasmModule';

export type EigenbasisKernelChoice = 'auto' | 'js' | 'wasm';

export interface EigenbasisWorkspace {
  readonly kernels: 'js' | 'wasm-simd';
  readonly D: number;
  readonly d: number;
  /** Padded length of ã_i and b̃_i; W's row stride is 2·dp. */
  readonly dp: number;
  /** [ã_i | b̃_i] for i = 0 … D−1 (padding entries stay 0). */
  readonly W: Float64Array;
  /** diag P = diag(ÃB̃) of the current iterate. */
  readonly P: Float64Array;
  /** N = B̃ΛB̃ᵀ and G = ÃᵀÃ of the current iterate (full, symmetric, row stride dp). */
  N: Float64Array;
  G: Float64Array;
  /** tr(ÃMᵀ) = Σ_i λ_i ã_i·b̃_i of the current iterate. */
  trAM: number;
  /** Recompute N, G, P and trAM from W (after W was written from outside). */
  refresh(): void;
  /** One gradient step with c = 2η; N, G, P and trAM then describe the new iterate. */
  step(c: number): void;
  /** tr(GN) of the current iterate. */
  trGN(): number;
}

// ---------------------------------------------------------------------------------------------
// Plain JavaScript.

/**
 * Upper triangles of N += b̃_i m_iᵀ and G += ã_i ã_iᵀ over all rows, then mirrored; also diag P and
 * tr(ÃMᵀ). N and G must be zero on entry. Returns tr(ÃMᵀ).
 */
function accumulateJs(
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
function mirror(d: number, dp: number, N: Float64Array, G: Float64Array): void {
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

function trGNOf(d: number, dp: number, N: Float64Array, G: Float64Array): number {
  let s = 0;
  for (let h = 0; h < d; h++) for (let g = 0; g < d; g++) s += G[h * dp + g] * N[h * dp + g];
  return s;
}

class JsWorkspace implements EigenbasisWorkspace {
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

// ---------------------------------------------------------------------------------------------
// WebAssembly SIMD.

/**
 * Memory of a WebAssembly workspace (byte offsets, all 16-aligned): W (D × 2dp), λ (D), P (D),
 * two blocks X and Y of [N | G] (dp × dp each; one is the current N, G, the other receives the
 * next), and scratch S = [ÃN row | GMᵀ row | new m_i] (dp each).
 */
interface WasmLayout {
  w: number;
  lam: number;
  p: number;
  x: number;
  y: number;
  s: number;
  bytes: number;
}

function wasmLayout(D: number, dp: number): WasmLayout {
  const up = (x: number) => Math.ceil(x / 16) * 16;
  const w = 0;
  const lam = up(w + 16 * D * dp);
  const p = up(lam + 8 * D);
  const x = up(p + 8 * D);
  const y = x + 16 * dp * dp;
  const s = y + 16 * dp * dp;
  return { w, lam, p, x, y, s, bytes: s + 24 * dp };
}

/**
 * f64x2 pairs of ÃN (and as many of GMᵀ) per chunk: at most 2 × 4 accumulators, so they and the
 * temporaries stay in registers. (Measured at d = 20: 4 is ≈ 5% faster than 6 or 8; unrolling the
 * loop over g with constant offsets made TurboFan's code ≈ 40% slower.)
 */
const CHUNK = 4;

/**
 * The module for hidden width d: one export `step(w, lam, p, cur, next, s, D, c) -> tr(ÃMᵀ)`
 * (byte offsets: W, λ, P, the current [N | G] block, the next one, scratch; c = 2η), the
 * arithmetic of `stepJs` one row at a time on f64x2 pairs of entries: for each row the loop over
 * g of ÃN and GMᵀ with a chunk's pairs unrolled, the update unrolled, then the next N and G by
 * pairs of rows h against the pairs of columns ≥ h. Sums keep the JS order per entry, except diag
 * P and tr(ÃMᵀ) (two interleaved partial sums). The caller zeroes the next block beforehand and
 * mirrors its upper triangles afterwards. A minimal binary encoder, opcodes from the core and
 * SIMD specifications.
 */
export function eigenbasisModuleBytes(d: number): Uint8Array<ArrayBuffer> {
  const dp = d + (d & 1);
  const V = dp / 2; // f64x2 vectors per row
  const [I32, F64, V128] = [0x7f, 0x7c, 0x7b];
  const get = (i: number) => [0x20, ...uleb(i)];
  const set = (i: number) => [0x21, ...uleb(i)];
  const i32 = (v: number) => [0x41, ...sleb(v)];
  const [add, ltU] = [[0x6a], [0x49]];
  const [fAdd, fMul] = [[0xa0], [0xa2]];
  const f64Load = (offset: number) => [0x2b, 3, ...uleb(offset)];
  const f64Store = (offset: number) => [0x39, 3, ...uleb(offset)];
  const vLoad = (offset: number) => [0xfd, 0x00, 4, ...uleb(offset)];
  const vStore = (offset: number) => [0xfd, 0x0b, 4, ...uleb(offset)];
  const loadSplat = (offset: number) => [0xfd, 0x0a, 3, ...uleb(offset)]; // v128.load64_splat
  const vZero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const splat = [0xfd, 0x14];
  const lane = (k: number) => [0xfd, 0x21, k];
  const [vAdd, vSub, vMul] = [
    [0xfd, 0xf0, 0x01],
    [0xfd, 0xf1, 0x01],
    [0xfd, 0xf2, 0x01],
  ];
  const [loop, end] = [[0x03, 0x40], [0x0b]];
  const brIf = (depth: number) => [0x0d, depth];
  const inc = (local: number, by: number) => [...get(local), ...i32(by), ...add, ...set(local)];

  // Locals: parameters, then i32, f64, v128.
  const L = {
    w: 0,
    lam: 1,
    p: 2,
    cur: 3,
    next: 4,
    s: 5,
    D: 6,
    c: 7, // params (c: f64)
    i: 8,
    q: 9,
    r: 10,
    jb: 11,
    kk: 12,
    rowN: 13,
    addr: 14, // i32
    ls: 15,
    tr: 16, // f64
    cv: 17,
    lv: 18,
    av: 19,
    mv: 20,
    pacc: 21,
    tacc: 22,
    a2: 23,
    b2: 24,
    m2: 25,
    mk: 26,
    ak: 27,
    b0: 28,
    b1: 29,
    a0: 30,
    a1: 31,
    acc: 32, // v128; acc … acc + 2·CHUNK − 1
  };
  const rowBytes = 8 * dp; // one of ã_i, b̃_i
  const blockG = 8 * dp * dp; // G after N in a block
  const sGM = 8 * dp;
  const sM = 16 * dp;
  const ops: number[][] = [];
  ops.push(get(L.c), splat, set(L.cv), i32(0), set(L.i));
  ops.push(loop); // rows
  ops.push(get(L.lam), f64Load(0), set(L.ls), get(L.ls), splat, set(L.lv));
  // ÃN and GMᵀ for this row, chunk by chunk: acc_k += ã_ig N[g, k], acc_{K+k} += m_ig G[g, k].
  const chunks = Math.ceil(V / CHUNK);
  for (let ch = 0, k0 = 0; ch < chunks; ch++) {
    const K = Math.ceil((V - k0) / (chunks - ch));
    for (let t = 0; t < 2 * K; t++) ops.push(vZero, set(L.acc + t));
    ops.push(i32(0), set(L.q), get(L.cur), set(L.r), loop);
    ops.push(get(L.w), get(L.q), add, loadSplat(0), set(L.av));
    ops.push(get(L.ls), get(L.w), get(L.q), add, f64Load(rowBytes), fMul, splat, set(L.mv));
    for (let k = 0; k < K; k++) {
      const off = 16 * (k0 + k);
      ops.push(get(L.acc + k), get(L.av), get(L.r), vLoad(off), vMul, vAdd, set(L.acc + k));
      ops.push(get(L.acc + K + k), get(L.r), vLoad(blockG + off), get(L.mv), vMul, vAdd, set(L.acc + K + k));
    }
    ops.push(inc(L.r, 8 * dp), inc(L.q, 8), get(L.q), i32(8 * d), ltU, brIf(0), end);
    for (let k = 0; k < K; k++) {
      const off = 16 * (k0 + k);
      ops.push(get(L.s), get(L.acc + k), vStore(off), get(L.s), get(L.acc + K + k), vStore(sGM + off));
    }
    k0 += K;
  }
  // Update: ã ← ã + c (m − ÃN), b̃ ← b̃ + c (λ ã − GMᵀ); m ← λ b̃; diag P and tr(ÃMᵀ) by lanes.
  for (let k = 0; k < V; k++) {
    const off = 16 * k;
    ops.push(get(L.w), vLoad(off), set(L.av), get(L.w), vLoad(rowBytes + off), set(L.mv)); // mv: old b̃ here
    ops.push(get(L.av), get(L.cv), get(L.lv), get(L.mv), vMul, get(L.s), vLoad(off), vSub, vMul, vAdd, set(L.a2));
    ops.push(get(L.mv), get(L.cv), get(L.lv), get(L.av), vMul, get(L.s), vLoad(sGM + off), vSub, vMul, vAdd, set(L.b2));
    ops.push(get(L.w), get(L.a2), vStore(off), get(L.w), get(L.b2), vStore(rowBytes + off));
    ops.push(get(L.lv), get(L.b2), vMul, set(L.m2), get(L.s), get(L.m2), vStore(sM + off));
    if (k === 0) ops.push(get(L.a2), get(L.b2), vMul, set(L.pacc), get(L.a2), get(L.m2), vMul, set(L.tacc));
    else ops.push(get(L.pacc), get(L.a2), get(L.b2), vMul, vAdd, set(L.pacc), get(L.tacc), get(L.a2), get(L.m2), vMul, vAdd, set(L.tacc));
  }
  ops.push(get(L.p), get(L.pacc), lane(0), get(L.pacc), lane(1), fAdd, f64Store(0));
  ops.push(get(L.tr), get(L.tacc), lane(0), get(L.tacc), lane(1), fAdd, fAdd, set(L.tr));
  // Next N, G: rows h = 2j, 2j+1, column pairs k ≥ j: N[h, k] += b̃_h m_k, G[h, k] += ã_h ã_k.
  ops.push(i32(0), set(L.jb), get(L.next), set(L.rowN), loop);
  ops.push(get(L.w), get(L.jb), add, set(L.addr));
  ops.push(get(L.addr), loadSplat(0), set(L.a0), get(L.addr), loadSplat(8), set(L.a1));
  ops.push(get(L.addr), loadSplat(rowBytes), set(L.b0), get(L.addr), loadSplat(rowBytes + 8), set(L.b1));
  ops.push(get(L.jb), set(L.kk), loop);
  ops.push(get(L.s), get(L.kk), add, vLoad(sM), set(L.mk), get(L.w), get(L.kk), add, vLoad(0), set(L.ak));
  ops.push(get(L.rowN), get(L.kk), add, set(L.addr));
  for (const [off, h, x] of [
    [0, L.b0, L.mk],
    [8 * dp, L.b1, L.mk],
    [blockG, L.a0, L.ak],
    [blockG + 8 * dp, L.a1, L.ak],
  ]) {
    ops.push(get(L.addr), get(L.addr), vLoad(off), get(h), get(x), vMul, vAdd, vStore(off));
  }
  ops.push(inc(L.kk, 16), get(L.kk), i32(8 * dp), ltU, brIf(0), end);
  ops.push(inc(L.rowN, 16 * dp), inc(L.jb, 16), get(L.jb), i32(8 * dp), ltU, brIf(0), end);
  // Next row.
  ops.push(inc(L.w, 16 * dp), inc(L.lam, 8), inc(L.p, 8), inc(L.i, 1), get(L.i), get(L.D), ltU, brIf(0), end);
  ops.push(get(L.tr));

  const locals: [number, number][] = [
    [7, I32],
    [2, F64],
    [L.acc + 2 * CHUNK - L.cv, V128],
  ];
  const body = [...vec(locals.map(([count, type]) => [...uleb(count), type])), ...ops.flat(), ...end];
  const type = [0x60, ...vec([I32, I32, I32, I32, I32, I32, I32, F64].map((t) => [t])), ...vec([[F64]])];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([type])),
    ...section(2, vec([[...name('e'), ...name('m'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec([uleb(0)])),
    ...section(7, vec([[...name('step'), 0x00, 0]])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

const modules = new Map<number, WebAssembly.Module | null>();

/** The compiled module for width d (cached), or null where WebAssembly SIMD is unavailable. */
function moduleFor(d: number): WebAssembly.Module | null {
  let m = modules.get(d);
  if (m === undefined) {
    m = null;
    try {
      const bytes = eigenbasisModuleBytes(d);
      if (typeof WebAssembly === 'object' && WebAssembly.validate(bytes)) m = new WebAssembly.Module(bytes);
    } catch {
      m = null;
    }
    modules.set(d, m);
  }
  return m;
}

/** Which kernels `eigenbasisGradientDescent` can use here: WebAssembly SIMD when available, else plain JS. */
export function eigenbasisKernelsAvailable(): 'wasm-simd' | 'js' {
  return moduleFor(2) ? 'wasm-simd' : 'js';
}

type StepFn = (w: number, lam: number, p: number, cur: number, next: number, s: number, D: number, c: number) => number;

class WasmWorkspace implements EigenbasisWorkspace {
  readonly kernels = 'wasm-simd' as const;
  readonly dp: number;
  readonly W: Float64Array;
  readonly P: Float64Array;
  N: Float64Array;
  G: Float64Array;
  trAM = 0;
  private readonly lay: WasmLayout;
  private readonly run: StepFn;
  private readonly blocks: [Float64Array, Float64Array]; // [N | G] at x and at y
  private cur = 0;
  private readonly mn: Float64Array;
  private readonly lam: Float64Array;
  constructor(
    readonly D: number,
    readonly d: number,
    lam: Float64Array,
    module: WebAssembly.Module,
  ) {
    const dp = d + (d & 1);
    this.dp = dp;
    const lay = wasmLayout(D, dp);
    this.lay = lay;
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(lay.bytes / 65536)) });
    this.run = (new WebAssembly.Instance(module, { e: { m: memory } }).exports as unknown as { step: StepFn }).step;
    const buf = memory.buffer;
    this.W = new Float64Array(buf, lay.w, 2 * D * dp);
    this.lam = new Float64Array(buf, lay.lam, D);
    this.lam.set(lam.subarray(0, D));
    this.P = new Float64Array(buf, lay.p, D);
    this.blocks = [new Float64Array(buf, lay.x, 2 * dp * dp), new Float64Array(buf, lay.y, 2 * dp * dp)];
    this.N = this.blocks[0].subarray(0, dp * dp);
    this.G = this.blocks[0].subarray(dp * dp);
    this.mn = new Float64Array(buf, lay.s, dp);
  }
  refresh(): void {
    this.blocks[this.cur].fill(0);
    this.trAM = accumulateJs(this.D, this.d, this.dp, this.W, this.lam, this.P, this.N, this.G, this.mn);
  }
  step(c: number): void {
    const next = 1 - this.cur;
    const block = this.blocks[next];
    block.fill(0);
    const lay = this.lay;
    this.trAM = this.run(lay.w, lay.lam, lay.p, this.cur ? lay.y : lay.x, next ? lay.y : lay.x, lay.s, this.D, c);
    this.cur = next;
    const dp = this.dp;
    this.N = block.subarray(0, dp * dp);
    this.G = block.subarray(dp * dp);
    mirror(this.d, dp, this.N, this.G);
  }
  trGN(): number {
    return trGNOf(this.d, this.dp, this.N, this.G);
  }
}

/**
 * A workspace for D × d weights and eigenvalues λ (length ≥ D). 'auto' takes the WebAssembly SIMD
 * kernel where WebAssembly SIMD is available (it is faster at every size measured, from (8, 3) on) and
 * falls back to plain JS otherwise, also when compiling or instantiating fails (e.g. a module over
 * 4 kB, d ≳ 28, on a browser's main thread); 'js' forces plain JS; 'wasm' forces WebAssembly and
 * throws where it is unavailable. D = 0 or d = 0 always takes plain JS.
 */
export function eigenbasisWorkspace(lam: Float64Array, D: number, d: number, choice: EigenbasisKernelChoice = 'auto'): EigenbasisWorkspace {
  if (choice !== 'js' && D >= 1 && d >= 1) {
    const module = moduleFor(d);
    if (module)
      try {
        return new WasmWorkspace(D, d, lam, module);
      } catch (e) {
        if (choice === 'wasm') throw e;
      }
    else if (choice === 'wasm') throw new Error('eigenbasisGradientDescent: WebAssembly SIMD is not available here');
  }
  return new JsWorkspace(D, d, lam);
}
