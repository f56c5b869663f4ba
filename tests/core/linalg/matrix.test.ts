import { describe, expect, it } from 'vitest';
import { rowDots, transpose } from '../../../src/core/linalg/matrix';
import { createRng } from '../../../src/core/random/random';

describe('rowDots: out[x·sx + y·sy] = Σ_k X_xk Y_yk', () => {
  const rng = createRng(7, 0);
  const random = (n: number) => Float64Array.from({ length: n }, () => rng.uniform() - 0.5);

  it('equals the naive dot products for odd and even row counts, in row- and column-major placement', () => {
    for (const [nx, ny, n] of [
      [1, 1, 1],
      [3, 5, 7],
      [4, 2, 6],
      [5, 5, 3],
    ]) {
      const X = random(nx * n);
      const Y = random(ny * n);
      const rowMajor = new Float64Array(nx * ny);
      const colMajor = new Float64Array(nx * ny);
      rowDots(X, nx, Y, ny, n, rowMajor, ny, 1);
      rowDots(X, nx, Y, ny, n, colMajor, 1, nx);
      for (let x = 0; x < nx; x++)
        for (let y = 0; y < ny; y++) {
          let s = 0;
          for (let k = 0; k < n; k++) s += X[x * n + k] * Y[y * n + k];
          expect(rowMajor[x * ny + y]).toBe(s); // same products, same order: equal to the bit
          expect(colMajor[y * nx + x]).toBe(s);
        }
    }
  });

  it('with X = Y the result is exactly symmetric (a Gram matrix)', () => {
    const d = 5;
    const X = random(d * 9);
    const G = new Float64Array(d * d);
    rowDots(X, d, X, d, 9, G, d, 1);
    expect(Array.from(G)).toEqual(Array.from(transpose({ rows: d, cols: d, data: G }).data));
  });
});
