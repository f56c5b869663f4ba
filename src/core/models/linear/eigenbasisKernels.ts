/**
 * The arithmetic of `eigenbasisGradientDescent` (eigenbasisTraining.ts): one gradient step in Σ's
 * eigenbasis, O(D d²), on a workspace that lives in typed arrays, in plain JavaScript
 * (eigenbasisKernelsJs.ts) or in a WebAssembly SIMD kernel assembled at run time
 * (eigenbasisKernelsWasm.ts). This file has the workspace's interface and the choice between them.
 *
 * Layout. Row i of the workspace W holds ã_i (row i of Ã, D × d) and then b̃_i (column i of B̃,
 * d × D), each padded to `dp` entries: W = [ã_0 | b̃_0 | ã_1 | b̃_1 | …], so every pass runs along
 * contiguous memory. N = B̃ΛB̃ᵀ and G = ÃᵀÃ (d × d, symmetric) are kept full with row stride dp.
 *
 * One step (docs/design.md §1; m_i = λ_i b̃_i, both gradients from the same iterate):
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
import { JsWorkspace } from './eigenbasisKernelsJs';
import { moduleFor, WasmWorkspace } from './eigenbasisKernelsWasm';

export { eigenbasisKernelsAvailable, eigenbasisModuleBytes } from './eigenbasisKernelsWasm';

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
