import { describe, expect, it } from 'vitest';
import { compiledKernels, kernelModuleBytes, type WasmRun } from '../../../src/core/linalg/eigenKernels';
import { applyRotations } from '../../../src/core/linalg/implicitQl';
import { eigenSymmetricFast, symmetricEigenKernels } from '../../../src/core/linalg/symmetricEigen';
import { mat, maxAbsDiff, nmul, ntrans, testNormals, testRng } from '../../helpers';

/** Σ = XᵀX for a T × D matrix of test normals. */
function gram(seed: number, T: number, D: number): number[][] {
  const z = testNormals(seed, T * D);
  const X = Array.from({ length: T }, (_, t) => z.slice(t * D, (t + 1) * D));
  return nmul(ntrans(X), X);
}

const WASM = symmetricEigenKernels() === 'wasm-simd';

describe('the WebAssembly SIMD kernels of eigenSymmetricFast', () => {
  it('their module validates (Node 20 has WebAssembly SIMD), imports one memory e.m and exports rot, acc, tri', () => {
    const bytes = kernelModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(symmetricEigenKernels()).toBe('wasm-simd');
    const m = compiledKernels();
    expect(m).toBeInstanceOf(WebAssembly.Module);
    expect(compiledKernels()).toBe(m); // compiled once
    expect(WebAssembly.Module.imports(m as WebAssembly.Module)).toEqual([{ module: 'e', name: 'm', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(m as WebAssembly.Module).map((e) => `${e.kind} ${e.name}`)).toEqual(['function rot', 'function acc', 'function tri']);
  });

  it.runIf(WASM).each([
    [9, 0, 7],
    [10, 2, 8],
    [17, 0, 15],
    [24, 5, 22],
    [24, 3, 5],
  ])('rot + the JS remainder = applyRotations bit for bit (n = %i, rotations of rows (i, i+1), i = %i … %i)', (n, l, top) => {
    const ws = n + (n & 1);
    const offCs = 8 * n * ws;
    const offSn = offCs + 8 * n;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const { rot } = new WebAssembly.Instance(compiledKernels() as WebAssembly.Module, { e: { m: memory } }).exports as unknown as Pick<WasmRun, 'rot'>;
    const w = new Float64Array(memory.buffer, 0, n * ws);
    const cs = new Float64Array(memory.buffer, offCs, n);
    const sn = new Float64Array(memory.buffer, offSn, n);
    const u = testRng(n * 31 + l);
    for (let r = 0; r < n; r++) for (let k = 0; k < n; k++) w[r * ws + k] = 2 * u() - 1;
    for (let i = 0; i < n; i++) {
      const t = 2 * Math.PI * u();
      cs[i] = Math.cos(t);
      sn[i] = Math.sin(t);
    }
    const before = w.slice();
    const js = w.slice();
    applyRotations(js, n, ws, l, top, cs, sn);
    const next = rot(0, ws, l, top + 1, offCs, offSn);
    expect(next).toBe(l + ((top - l + 1) % 4) - 1); // four rotations per pass while i − 3 ≥ l
    applyRotations(w, n, ws, l, next, cs, sn);
    for (let r = 0; r < n; r++) expect(Array.from(w.subarray(r * ws, r * ws + n))).toEqual(Array.from(js.subarray(r * ws, r * ws + n)));
    expect(maxAbsDiff(js, before)).toBeGreaterThan(0.1); // the rotations did something
  });
});

describe('eigenSymmetricFast: kernel sets', () => {
  it.runIf(WASM)('JS and WebAssembly kernels agree to rounding (D = 33, 64, 101) and "auto" equals one of them', () => {
    for (const D of [33, 64, 101]) {
      const S = mat(gram(500 + D, 2 * D, D));
      const js = eigenSymmetricFast(S, { kernels: 'js' });
      const wasm = eigenSymmetricFast(S, { kernels: 'wasm' });
      const auto = eigenSymmetricFast(S);
      expect(maxAbsDiff(js.values, wasm.values)).toBeLessThan(1e-13 * js.values[0]);
      expect(maxAbsDiff(js.U, wasm.U)).toBeLessThan(1e-9);
      expect(Array.from(auto.U.data)).toEqual(Array.from(wasm.U.data));
    }
  });

  it('below D = 32 "auto" uses the JS kernels (bit-identical results)', () => {
    const S = mat(gram(3, 40, 20));
    expect(Array.from(eigenSymmetricFast(S).U.data)).toEqual(Array.from(eigenSymmetricFast(S, { kernels: 'js' }).U.data));
  });
});
