/**
 * The WebAssembly SIMD kernels of the ReLU model (reluKernels.ts has the workspace that runs them,
 * the choice and the rounding argument): one module per (D, d), assembled at run time with the
 * builder of src/core/wasm/ and compiled once, with three exports over one memory (reluLayout):
 *
 *   sample(rows, S)      the next rows × D features from the sfc32 state at `misc`: features.ts's
 *                        sampleFeatureBatch, the same integer and double arithmetic, one at a time;
 *   lossGrad(rows, 2/N)  reluLossAndGradient on the batch at `x`: the loss summed over its non-empty
 *                        samples, returned, their gradient at gw, gb and the empty ones' count at misc + 16;
 *   loss(x, rows)        reluLoss's sum over the rows at byte x (the evaluation sample).
 *
 * f64x2 pairs run along features (pre, δ, the rows of ∂W, ∂b) or along hidden units (h = W x and
 * W δ), never along samples, so that each entry gets the terms of reluLoss.ts in its order.
 */
import {
  block,
  br,
  brIf,
  end,
  f64Add,
  f64Const,
  f64ConvertI32U,
  f64Eq,
  f64Ge,
  f64Load,
  f64Mul,
  f64Ne,
  f64Store,
  f64x2Add,
  f64x2Gt,
  f64x2Max,
  f64x2Mul,
  f64x2Splat,
  f64x2Sub,
  type Instr,
  i32Add,
  i32Const,
  i32Eqz,
  i32Load,
  i32LtU,
  i32Mul,
  i32Rotl,
  i32Shl,
  i32ShrU,
  i32Store,
  i32Xor,
  localGet,
  localSet,
  localTee,
  loop,
  v128And,
  v128Bitselect,
  v128Load,
  v128Load64Splat,
  v128Store,
  v128Zero,
} from '../../wasm/ops';
import { compileOrNull, F64, type FunctionSpec, I32, moduleBytes, V128 } from '../../wasm/wasmModule';

/**
 * Byte offsets (16-aligned) for one (D, d), Dp = D and dp = d rounded up to even, padding entries
 * 0: W by rows (d × Dp) and transposed (D × dp), WᵀW (D × Dp), b and I (Dp), the sample's h and
 * W δ (dp each), pre, δ and loss terms (Dp each), ∂W (d × Dp) then ∂b (Dp), `misc` (sfc32's four
 * words, then the empty count), and from `x` on the batch (rows × Dp) and the evaluation sample.
 */
const PARTS = ['wr', 'wt', 'gram', 'b', 'imp', 'h', 'g', 'pre', 'delta', 'term', 'gw', 'gb', 'misc', 'x'] as const;
export type ReluLayout = Record<(typeof PARTS)[number] | 'Dp' | 'dp', number>;

export function reluLayout(D: number, d: number): ReluLayout {
  const Dp = D + (D & 1);
  const dp = d + (d & 1);
  const sizes = [d * Dp, D * dp, D * Dp, Dp, Dp, dp, dp, Dp, Dp, Dp, d * Dp, Dp, 4, 0]; // doubles, in the order of PARTS
  const L = { Dp, dp } as ReluLayout;
  PARTS.forEach((part, k) => {
    L[part] = 8 * sizes.slice(0, k).reduce((x, y) => x + y, 0);
  });
  return L;
}

/** Locals after the parameters, declared as runs of one type. */
class Locals {
  readonly runs: [number, number][] = [];
  constructor(private next: number) {}
  add(type: number, count = 1): number {
    const first = this.next;
    this.next += count;
    const last = this.runs[this.runs.length - 1];
    if (last && last[1] === type) last[0] += count;
    else this.runs.push([count, type]);
    return first;
  }
  many(type: number, count: number): number[] {
    return Array.from({ length: count }, () => this.add(type));
  }
}

/** f64x2 accumulators held in locals at once (with the loads and products they fit x64's 16 registers). */
const CHUNK = 4;
/** Unrolled with constant offsets: passes over at most this many entries or pairs, and loops over terms with at most this many products. */
const UNROLL = 32;
const TERM_UNROLL = 64;

const inc = (local: number, by: number): Instr => [...localGet(local), ...i32Const(by), ...i32Add, ...localSet(local)];
const loopWhile = (counter: number, by: number, limit: Instr): Instr[] => [inc(counter, by), localGet(counter), limit, i32LtU, brIf(0), end];

/** `n` pairs in balanced chunks of at most CHUNK: [first, count] of each. */
function chunks(n: number): [number, number][] {
  const out: [number, number][] = [];
  const count = Math.ceil(n / CHUNK);
  for (let c = 0, v0 = 0; c < count; c++) {
    const k = Math.ceil((n - v0) / (count - c));
    out.push([v0, k]);
    v0 += k;
  }
  return out;
}

/** A scalar source: byte ptr + base + 8t for term t. */
type Src = { ptr: Instr; base: number };
type PerPair<T> = (v: number) => T;

/** The per-sample code shared by lossGrad and loss: locals, and emitters that append to `ops`. */
function sampleCode(D: number, d: number, L: ReluLayout, params: number) {
  const { Dp, dp } = L;
  const loc = new Locals(params);
  const [t, xrow, nz, empty, sp, rp, rq, stop, o] = loc.many(I32, 9);
  const [loss, s] = loc.many(F64, 2);
  const acc = loc.add(V128, CHUNK);
  const [sv, a, pv, xv, iv, m, r, ir] = loc.many(V128, 8);
  const ops: Instr[] = [];
  const x = { ptr: localGet(xrow), base: 0 };
  const zero = () => v128Zero;
  const initB = (v: number) => [...i32Const(0), ...v128Load(L.b + 16 * v)];
  const at = (base: number) => (v: number) => base + 16 * v;

  /**
   * out(v) = init(v) + Σ_t scalar_t · row_t[v] for the n pairs v, by chunks with the accumulators
   * in locals, terms t ascending: scalar_t at byte src.ptr + src.base + 8t, row_t at rows + t·stride;
   * skipZero skips the terms whose scalar is 0. Unrolled while a chunk has ≤ TERM_UNROLL products.
   */
  const accumulate = (n: number, terms: number, src: Src, rows: number, stride: number, skipZero: boolean, init: PerPair<Instr>, out: PerPair<number>) => {
    for (const [v0, K] of chunks(n)) {
      for (let q = 0; q < K; q++) ops.push(init(v0 + q), localSet(acc + q));
      const term = (sAddr: Instr, sOff: number, rAddr: Instr, rOff: number) => {
        if (skipZero) ops.push(block, sAddr, f64Load(sOff), localTee(s), f64Const(0), f64Eq, brIf(0), localGet(s), f64x2Splat, localSet(sv));
        else ops.push(sAddr, v128Load64Splat(sOff), localSet(sv));
        for (let q = 0; q < K; q++) ops.push(localGet(acc + q), rAddr, v128Load(rOff + 16 * (v0 + q)), localGet(sv), f64x2Mul, f64x2Add, localSet(acc + q));
        if (skipZero) ops.push(end);
      };
      if (terms * K <= TERM_UNROLL) for (let k = 0; k < terms; k++) term(src.ptr, src.base + 8 * k, i32Const(0), rows + k * stride);
      else {
        ops.push(src.ptr, i32Const(src.base), i32Add, localTee(sp), i32Const(8 * terms), i32Add, localSet(stop), i32Const(rows), localSet(rp), loop);
        term(localGet(sp), 0, localGet(rp), 0);
        ops.push(inc(rp, stride), ...loopWhile(sp, 8, localGet(stop)));
      }
      for (let q = 0; q < K; q++) ops.push(i32Const(0), localGet(acc + q), v128Store(out(v0 + q)));
    }
  };
  /** body(ptr, off, xptr) for n items of `size` bytes at ptr + off (and xptr + off in the sample): unrolled, or a loop over o. */
  const each = (n: number, size: number, body: (ptr: Instr, off: number, xptr: Instr) => Instr) => {
    if (n <= UNROLL) for (let v = 0; v < n; v++) ops.push(body(i32Const(0), size * v, localGet(xrow)));
    else
      ops.push(i32Const(0), localSet(o), loop, body(localGet(o), 0, [...localGet(xrow), ...localGet(o), ...i32Add]), ...loopWhile(o, size, i32Const(size * n)));
  };
  /** dst[v] += row[v] · sv for the n pairs v, in memory: unrolled, or a loop over o. */
  const axpy = (n: number, dst: number, row: Instr, rowOff: number) => {
    const one = (p: Instr, off: number, rw: Instr): Instr[] => [
      p,
      p,
      v128Load(dst + off),
      rw,
      v128Load(rowOff + off),
      localGet(sv),
      f64x2Mul,
      f64x2Add,
      v128Store(dst + off),
    ];
    if (n <= UNROLL) for (let v = 0; v < n; v++) ops.push(...one(i32Const(0), 16 * v, row));
    else ops.push(i32Const(0), localSet(o), loop, ...one(localGet(o), 0, [...row, ...localGet(o), ...i32Add]), ...loopWhile(o, 16, i32Const(16 * n)));
  };
  /** h = W x over the nonzero x_j (pairs of k), then pre = b + Wᵀh (pairs of i). */
  const denseForward = () => {
    accumulate(dp / 2, D, x, L.wt, 8 * dp, true, zero, at(L.h));
    accumulate(Dp / 2, d, { ptr: i32Const(0), base: L.h }, L.wr, 8 * Dp, false, initB, at(L.pre));
  };
  /** For each nonzero x_j: h += x_j W_j and pre += x_j (WᵀW)_j, in memory from pre = b (one branch on x_j = 0 per j). */
  const gramForward = () => {
    each(Dp / 2, 16, (p, off) => [...p, ...p, ...v128Load(L.b + off), ...v128Store(L.pre + off)]);
    each(dp / 2, 16, (p, off) => [...p, ...v128Zero, ...v128Store(L.h + off)]);
    const term = (sAddr: Instr, sOff: number, wt: Instr, wtOff: number, gram: Instr, gramOff: number) => {
      ops.push(block, sAddr, f64Load(sOff), localTee(s), f64Const(0), f64Eq, brIf(0), localGet(s), f64x2Splat, localSet(sv));
      axpy(dp / 2, L.h, wt, wtOff);
      axpy(Dp / 2, L.pre, gram, gramOff);
      ops.push(end);
    };
    if (D * (dp + Dp) <= 8 * TERM_UNROLL)
      for (let j = 0; j < D; j++) term(localGet(xrow), 8 * j, i32Const(0), L.wt + 8 * dp * j, i32Const(0), L.gram + 8 * Dp * j);
    else {
      ops.push(localGet(xrow), localTee(sp), i32Const(8 * D), i32Add, localSet(stop), i32Const(L.wt), localSet(rp), i32Const(L.gram), localSet(rq), loop);
      term(localGet(sp), 0, localGet(rp), 0, localGet(rq), 0);
      ops.push(inc(rp, 8 * dp), inc(rq, 8 * Dp), ...loopWhile(sp, 8, localGet(stop)));
    }
  };
  /** loss += the D terms at `term`, one at a time. */
  const sumLoss = () => each(D, 8, (p, off) => [...localGet(loss), ...p, ...f64Load(L.term + off), ...f64Add, ...localSet(loss)]);
  /** The loop over the rows samples from byte xrow, Dp doubles each, around body(). */
  const overSamples = (rows: number, body: () => void) => {
    ops.push(block, localGet(rows), i32Eqz, brIf(0), loop, block);
    body();
    ops.push(end, inc(xrow, 8 * Dp), ...loopWhile(t, 1, localGet(rows)), end);
  };
  const locals = { t, xrow, nz, empty, sp, rp, o, loss, sv, a, pv, xv, iv, m, r, ir };
  return { ops, loc, ...locals, x, zero, at, accumulate, each, denseForward, gramForward, sumLoss, overSamples };
}

function lossGradKernel(D: number, d: number, L: ReluLayout): FunctionSpec {
  const { Dp, dp } = L;
  const P = { rows: 0, scale: 1 }; // (i32, f64)
  const c = sampleCode(D, d, L, 2);
  const { ops, xrow, nz, empty, sp, rp, loss, a, pv, xv, iv, m, r, ir } = c;
  const scaleV = c.loc.add(V128);
  const [hv, gv] = c.loc.many(V128, 2);
  const dq = c.loc.add(V128, CHUNK);
  const xq = c.loc.add(V128, CHUNK);
  // ∂W, ∂b = 0.
  ops.push(i32Const(L.gw), localSet(c.o), loop, localGet(c.o), v128Zero, v128Store(), ...loopWhile(c.o, 16, i32Const(L.misc)));
  ops.push(localGet(P.scale), f64x2Splat, localSet(scaleV), i32Const(L.x), localSet(xrow));
  c.overSamples(P.rows, () => {
    // The nonzero count; an all-zero sample is only counted (reluEmptySamples adds them).
    ops.push(i32Const(0), localSet(nz));
    c.each(D, 8, (_, off, xp) => [...localGet(nz), ...xp, ...f64Load(off), ...f64Const(0), ...f64Ne, ...i32Add, ...localSet(nz)]);
    ops.push(localGet(empty), localGet(nz), i32Eqz, i32Add, localSet(empty), localGet(nz), i32Eqz, brIf(0));
    // h and pre: through WᵀW when fewer than d features are nonzero, as reluLossAndGradient.
    if (d > 1) {
      ops.push(block, block, localGet(nz), i32Const(d), i32LtU, i32Eqz, brIf(0));
      c.gramForward();
      ops.push(br(1), end);
      c.denseForward();
      ops.push(end);
    } else c.denseForward();
    // δ = (scale · I r) · [pre > 0] with r = pre − x; ∂b += δ; the loss term I r · r, or I x · x.
    c.each(Dp / 2, 16, (p, off, xp) =>
      [
        [p, v128Load(L.pre + off), localSet(pv), xp, v128Load(off), localSet(xv), p, v128Load(L.imp + off), localSet(iv)],
        [localGet(pv), v128Zero, f64x2Gt, localSet(m), localGet(pv), localGet(xv), f64x2Sub, localSet(r), localGet(iv), localGet(r), f64x2Mul, localSet(ir)],
        [localGet(scaleV), localGet(ir), f64x2Mul, localGet(m), v128And, localSet(a), p, localGet(a), v128Store(L.delta + off)],
        [p, p, v128Load(L.gb + off), localGet(a), f64x2Add, v128Store(L.gb + off)],
        [p, localGet(ir), localGet(r), f64x2Mul, localGet(iv), localGet(xv), f64x2Mul, localGet(xv), f64x2Mul],
        [localGet(m), v128Bitselect, v128Store(L.term + off)],
      ].flat(2),
    );
    c.sumLoss();
    // W δ (pairs of k); then by chunks of pairs of j, ∂W_kj += h_k δ_j, then += (W δ)_k x_j.
    c.accumulate(dp / 2, D, { ptr: i32Const(0), base: L.delta }, L.wt, 8 * dp, false, c.zero, c.at(L.g));
    for (const [v0, K] of chunks(Dp / 2)) {
      for (let q = 0; q < K; q++)
        ops.push(i32Const(0), v128Load(L.delta + 16 * (v0 + q)), localSet(dq + q), localGet(xrow), v128Load(16 * (v0 + q)), localSet(xq + q));
      const row = (kAddr: Instr, kOff: number, rAddr: Instr, rOff: number) => {
        ops.push(kAddr, v128Load64Splat(L.h + kOff), localSet(hv), kAddr, v128Load64Splat(L.g + kOff), localSet(gv));
        for (let q = 0; q < K; q++) {
          const off = rOff + 16 * (v0 + q);
          ops.push(rAddr, rAddr, v128Load(off), localGet(hv), localGet(dq + q), f64x2Mul, f64x2Add);
          ops.push(localGet(gv), localGet(xq + q), f64x2Mul, f64x2Add, v128Store(off));
        }
      };
      if (d * K <= TERM_UNROLL) for (let k = 0; k < d; k++) row(i32Const(0), 8 * k, i32Const(0), L.gw + 8 * Dp * k);
      else {
        ops.push(i32Const(0), localSet(sp), i32Const(L.gw), localSet(rp), loop);
        row(localGet(sp), 0, localGet(rp), 0);
        ops.push(inc(rp, 8 * Dp), ...loopWhile(sp, 8, i32Const(8 * d)));
      }
    }
  });
  ops.push(i32Const(L.misc), localGet(empty), i32Store(16), localGet(loss));
  return { exportName: 'lossGrad', params: [I32, F64], results: [F64], locals: c.loc.runs, body: ops };
}

/** loss(x, rows): reluLoss's sum, h and pre as above (all x_j: a zero one adds ±0), terms I r · r with r = max(pre, 0) − x. */
function lossKernel(D: number, d: number, L: ReluLayout): FunctionSpec {
  const P = { x: 0, rows: 1 };
  const c = sampleCode(D, d, L, 2);
  const { ops, pv, xv, iv, r } = c;
  ops.push(localGet(P.x), localSet(c.xrow));
  c.overSamples(P.rows, () => {
    c.denseForward();
    c.each(L.Dp / 2, 16, (p, off, xp) =>
      [
        [p, v128Load(L.pre + off), localSet(pv), xp, v128Load(off), localSet(xv), p, v128Load(L.imp + off), localSet(iv)],
        [localGet(pv), v128Zero, f64x2Max, localGet(xv), f64x2Sub, localSet(r)],
        [p, localGet(iv), localGet(r), f64x2Mul, localGet(r), f64x2Mul, v128Store(L.term + off)],
      ].flat(2),
    );
    c.sumLoss();
  });
  ops.push(localGet(c.loss));
  return { exportName: 'loss', params: [I32, I32], results: [F64], locals: c.loc.runs, body: ops };
}

/**
 * sample(rows, S): sampleFeatureBatch into rows of Dp doubles from `x` (the padding untouched).
 * Per feature four sfc32 outputs, the activity test's two then the value's; x = value · [active]
 * (1 or 0; the value is finite and ≥ 0, so x is the value or +0, without a branch), where
 * active ⇔ u · 2⁻⁵³ ≥ S ⇔ u ≥ S · 2⁵³ (scaling by 2⁵³ is exact) for u = hi₂₇ · 2²⁶ + lo₂₆ < 2⁵³.
 */
function sampleKernel(D: number, L: ReluLayout): FunctionSpec {
  const P = { rows: 0, sparsity: 1 }; // (i32, f64)
  const loc = new Locals(2);
  const words = loc.many(I32, 4);
  const [a, b, c, ctr] = words;
  const [tt, hiA, loA, hiV, xp, jend, xend] = loc.many(I32, 7);
  const threshold = loc.add(F64);
  // sfc32: t = a + b + counter; counter += 1; a = b ^ b >>> 9; b = c + (c << 3); c = rotl(c, 21) + t; then t >>> shift.
  const next = (shift: number): Instr =>
    [
      [localGet(a), localGet(b), i32Add, localGet(ctr), i32Add, localSet(tt), inc(ctr, 1), localGet(b), localGet(b), i32Const(9), i32ShrU, i32Xor, localSet(a)],
      [localGet(c), localGet(c), i32Const(3), i32Shl, i32Add, localSet(b), localGet(c), i32Const(21), i32Rotl, localGet(tt), i32Add, localSet(c)],
      [localGet(tt), i32Const(shift), i32ShrU],
    ].flat(2);
  const integer = (hi: Instr, lo: Instr): Instr[] => [hi, f64ConvertI32U, f64Const(2 ** 26), f64Mul, lo, f64ConvertI32U, f64Add];
  const ops: Instr[] = words.flatMap((w, k) => [i32Const(L.misc), i32Load(4 * k), localSet(w)]);
  ops.push(localGet(P.sparsity), f64Const(2 ** 53), f64Mul, localSet(threshold));
  ops.push(i32Const(L.x), localTee(xp), localGet(P.rows), i32Const(8 * L.Dp), i32Mul, i32Add, localSet(xend));
  ops.push(block, localGet(P.rows), i32Eqz, brIf(0), loop, localGet(xp), i32Const(8 * D), i32Add, localSet(jend), loop);
  ops.push(next(5), localSet(hiA), next(6), localSet(loA), next(5), localSet(hiV));
  ops.push(localGet(xp), ...integer(localGet(hiV), next(6)), f64Const(2 ** -53), f64Mul); // the value
  ops.push(...integer(localGet(hiA), localGet(loA)), localGet(threshold), f64Ge, f64ConvertI32U, f64Mul, f64Store(), ...loopWhile(xp, 8, localGet(jend)));
  ops.push(localGet(jend), i32Const(8 * (L.Dp - D)), i32Add, localTee(xp), localGet(xend), i32LtU, brIf(0), end, end);
  ops.push(...words.flatMap((w, k) => [i32Const(L.misc), localGet(w), i32Store(4 * k)]));
  return { exportName: 'sample', params: [I32, F64], results: [], locals: loc.runs, body: ops };
}

/** The module for (D, d): exports lossGrad, loss and sample over memory e.m. */
export function reluModuleBytes(D: number, d: number): Uint8Array<ArrayBuffer> {
  const L = reluLayout(D, d);
  return moduleBytes({ memoryImport: { module: 'e', name: 'm', minPages: 1 }, functions: [lossGradKernel(D, d, L), lossKernel(D, d, L), sampleKernel(D, L)] });
}

const modules = new Map<string, WebAssembly.Module | null>();

/** The compiled module for (D, d) (cached), or null where WebAssembly SIMD is unavailable. */
export function reluModuleFor(D: number, d: number): WebAssembly.Module | null {
  const key = `${D},${d}`;
  let module = modules.get(key);
  if (module === undefined) {
    module = compileOrNull(reluModuleBytes(D, d));
    modules.set(key, module);
  }
  return module;
}
