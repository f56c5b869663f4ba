/**
 * Dense real matrices as row-major Float64Arrays. Small, allocation-conscious kernels used by
 * every other core module; nothing here knows about autoencoders.
 */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array; // data[r * cols + c]
}

export function zeros(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

export function fromRows(rows: number[][]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const m = zeros(r, c);
  rows.forEach((row, i) => {
    if (row.length !== c) throw new Error(`row ${i + 1} has ${row.length} entries, expected ${c}`);
    m.data.set(row, i * c);
  });
  return m;
}

export function toRows(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) out.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return out;
}

export function transpose(m: Matrix): Matrix {
  const t = zeros(m.cols, m.rows);
  for (let i = 0; i < m.rows; i++) for (let j = 0; j < m.cols; j++) t.data[j * m.rows + i] = m.data[i * m.cols + j];
  return t;
}

/** C = A · B (i-k-j loop order: contiguous inner loop over rows of B and C). */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new Error(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const c = zeros(a.rows, b.cols);
  const n = b.cols;
  for (let i = 0; i < a.rows; i++) {
    const ci = i * n;
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      const bk = k * n;
      for (let j = 0; j < n; j++) c.data[ci + j] += aik * b.data[bk + j];
    }
  }
  return c;
}

export function subtract(a: Matrix, b: Matrix): Matrix {
  const c = zeros(a.rows, a.cols);
  for (let i = 0; i < a.data.length; i++) c.data[i] = a.data[i] - b.data[i];
  return c;
}

/** a · b for two vectors of one length. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export function frobeniusNorm(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i] * a.data[i];
  return Math.sqrt(s);
}

export function trace(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.rows, a.cols); i++) s += a.data[i * a.cols + i];
  return s;
}

export function maxAbs(a: Matrix): number {
  let m = 0;
  for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(a.data[i]));
  return m;
}

/**
 * out[x·sx + y·sy] = Σ_k X_xk Y_yk (k ascending) for the rows x < nx of X (nx × n) and y < ny of Y
 * (ny × n): a product written as dot products of contiguous rows, two rows of each at a time so
 * that loads are shared. The strides place the result row- or column-major; with X = Y it is
 * exactly symmetric (both triangles sum the same products in the same order).
 */
export function rowDots(X: Float64Array, nx: number, Y: Float64Array, ny: number, n: number, out: Float64Array, sx: number, sy: number): void {
  for (let x = 0; x < nx; x += 2) {
    const two = x + 1 < nx;
    const x0 = x * n;
    const x1 = two ? x0 + n : x0;
    for (let y = 0; y < ny; y += 2) {
      const y0 = y * n;
      const y1 = y + 1 < ny ? y0 + n : y0;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < n; k++) {
        const a = X[x0 + k];
        const b = X[x1 + k];
        const p = Y[y0 + k];
        const q = Y[y1 + k];
        s00 += a * p;
        s01 += a * q;
        s10 += b * p;
        s11 += b * q;
      }
      out[x * sx + y * sy] = s00;
      if (y + 1 < ny) out[x * sx + (y + 1) * sy] = s01;
      if (two) {
        out[(x + 1) * sx + y * sy] = s10;
        if (y + 1 < ny) out[(x + 1) * sx + (y + 1) * sy] = s11;
      }
    }
  }
}
