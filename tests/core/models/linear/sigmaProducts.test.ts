import { describe, expect, it } from 'vitest';
import { productsWithRows, productsWithRowsJs, productWithRows } from '../../../../src/core/models/linear/lossAndGradient';
import { sigmaProductsModuleBytes, sigmaProductsWasm } from '../../../../src/core/models/linear/sigmaProductsWasm';
import { createRng } from '../../../../src/core/random/random';

const random = (n: number, seed: number) => {
  const rng = createRng(seed, 0);
  return Float64Array.from({ length: n }, () => rng.normal());
};

/** X = S Uᵀ by the definition, in plain loops, summed over c in order (the reference for both kernels). */
function reference(S: Float64Array, U: Float64Array, D: number, d: number): Float64Array {
  const X = new Float64Array(D * d);
  for (let r = 0; r < D; r++) for (let h = 0; h < d; h++) for (let c = 0; c < D; c++) X[r * d + h] += S[r * D + c] * U[h * D + c];
  return X;
}

const maxRel = (a: Float64Array, b: Float64Array) => {
  let m = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    m = Math.max(m, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return m / scale;
};

describe('Σ-products kernel (X = S Uᵀ, Y = S Vᵀ)', () => {
  it('is WebAssembly SIMD under Node (so the unit tests below exercise it, not the fallback)', () => {
    expect(sigmaProductsWasm(4, 2)).not.toBeNull();
  });

  for (const [D, d] of [
    [1, 1],
    [2, 1],
    [3, 2],
    [8, 3],
    [20, 5],
    [33, 7],
  ] as const)
    it(`WebAssembly and JS agree with the definition to rounding at (D, d) = (${D}, ${d})`, () => {
      const S = random(D * D, D);
      const U = random(D * d, D + 1);
      const V = random(D * d, D + 2);
      const X = new Float64Array(D * d).fill(Number.NaN);
      const Y = new Float64Array(D * d).fill(Number.NaN);
      productsWithRows(S, U, V, X, Y, D, d);
      const Xjs = new Float64Array(D * d);
      const Yjs = new Float64Array(D * d);
      productsWithRowsJs(S, U, V, Xjs, Yjs, D, d);
      const eps = 4 * D * Number.EPSILON;
      expect(maxRel(X, reference(S, U, D, d))).toBeLessThan(eps);
      expect(maxRel(Y, reference(S, V, D, d))).toBeLessThan(eps);
      // The JS loop sums in the reference's order: bit for bit.
      expect(Array.from(Xjs)).toEqual(Array.from(reference(S, U, D, d)));
      const X1 = new Float64Array(D * d);
      productWithRows(S, U, X1, D, d);
      expect(Array.from(X1)).toEqual(Array.from(X));
    });

  it('re-reads S when the caller did not vouch for it, and keeps a vouched one only while it is the same array', () => {
    const D = 6;
    const d = 2;
    const S = random(D * D, 1);
    const U = random(D * d, 2);
    const X = new Float64Array(D * d);
    productWithRows(S, U, X, D, d);
    S[7] += 1; // a caller reusing its array: the next call must see the change
    productWithRows(S, U, X, D, d);
    expect(maxRel(X, reference(S, U, D, d))).toBeLessThan(1e-15 * D * 4);
    const fixed = random(D * D, 3);
    productWithRows(fixed, U, X, D, d, true);
    expect(maxRel(X, reference(fixed, U, D, d))).toBeLessThan(1e-15 * D * 4);
    const other = random(D * D, 4); // a different vouched array replaces it
    productWithRows(other, U, X, D, d, true);
    expect(maxRel(X, reference(other, U, D, d))).toBeLessThan(1e-15 * D * 4);
    productWithRows(S, U, X, D, d); // and an unvouched one in between is copied
    productWithRows(other, U, X, D, d, true);
    expect(maxRel(X, reference(other, U, D, d))).toBeLessThan(1e-15 * D * 4);
  });

  it('keeps at most four (D, d) kernels, and one evicted is rebuilt correctly', () => {
    const first = sigmaProductsWasm(5, 1);
    for (let D = 6; D < 11; D++) sigmaProductsWasm(D, 1);
    expect(sigmaProductsWasm(5, 1)).not.toBe(first);
    const S = random(25, 5);
    const U = random(5, 6);
    const X = new Float64Array(5);
    productWithRows(S, U, X, 5, 1);
    expect(maxRel(X, reference(S, U, 5, 1))).toBeLessThan(1e-14);
  });

  it('is a small module (a browser main thread compiles at most 4 kB synchronously)', () => {
    expect(sigmaProductsModuleBytes(200, 20).length).toBeLessThan(4096);
  });
});
