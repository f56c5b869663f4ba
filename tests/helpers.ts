/**
 * Small, deliberately naive reference routines for the unit tests. They are written from the
 * definitions (triple loops, full D × D matrices) so that they share no code with src/core.
 */
import { readFileSync } from 'node:fs';
import type { Matrix } from '../src/core/linalg/matrix';

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

/** Row-major Matrix from nested arrays (independent of src/core/matrix.fromRows). */
export function mat(rows: number[][]): Matrix {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0].length;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) data[i * c + j] = rows[i][j];
  return { rows: r, cols: c, data };
}

export function toNested(m: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < m.cols; j++) row.push(m.data[i * m.cols + j]);
    out.push(row);
  }
  return out;
}

export function nmul(a: number[][], b: number[][]): number[][] {
  const n = a.length;
  const k = b.length;
  const m = b[0]?.length ?? 0;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let q = 0; q < k; q++) s += a[i][q] * b[q][j];
      row.push(s);
    }
    out.push(row);
  }
  return out;
}

export function ntrans(a: number[][]): number[][] {
  const r = a.length;
  const c = a[0]?.length ?? 0;
  const out: number[][] = [];
  for (let j = 0; j < c; j++) {
    const row: number[] = [];
    for (let i = 0; i < r; i++) row.push(a[i][j]);
    out.push(row);
  }
  return out;
}

export function eye(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function nsub(a: number[][], b: number[][]): number[][] {
  return a.map((row, i) => row.map((x, j) => x - b[i][j]));
}

/** max |a − b| over all entries; the shapes must agree. */
export function maxAbsDiff(a: number[][] | Matrix | ArrayLike<number>, b: number[][] | Matrix | ArrayLike<number>): number {
  const flat = (x: number[][] | Matrix | ArrayLike<number>): number[] => {
    if (Array.isArray(x) && Array.isArray(x[0])) return (x as number[][]).flat();
    if ((x as Matrix).data instanceof Float64Array && typeof (x as Matrix).rows === 'number') return Array.from((x as Matrix).data);
    return Array.from(x as ArrayLike<number>);
  };
  const fa = flat(a);
  const fb = flat(b);
  if (fa.length !== fb.length) throw new Error(`shape mismatch: ${fa.length} vs ${fb.length} entries`);
  let m = 0;
  for (let i = 0; i < fa.length; i++) m = Math.max(m, Math.abs(fa[i] - fb[i]));
  return m;
}

export function maxAbs(a: number[][]): number {
  let m = 0;
  for (const row of a) for (const x of row) m = Math.max(m, Math.abs(x));
  return m;
}

/** L = Σ_t ‖x_t − W x_t‖², straight from the definition. */
export function naiveDataLoss(X: number[][], W: number[][]): number {
  let loss = 0;
  for (const x of X) {
    for (let r = 0; r < x.length; r++) {
      let wx = 0;
      for (let c = 0; c < x.length; c++) wx += W[r][c] * x[c];
      loss += (x[r] - wx) ** 2;
    }
  }
  return loss;
}

function ntrace(a: number[][]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i][i];
  return s;
}

/** L(A, B) = tr((I − AB) Σ (I − AB)ᵀ) with full D × D products. */
export function naiveLoss(S: number[][], A: number[][], B: number[][]): number {
  const E = nsub(eye(S.length), nmul(A, B));
  return ntrace(nmul(nmul(E, S), ntrans(E)));
}

/** Mulberry32: a test-only PRNG, independent of src/core/random, for making inputs. */
export function testRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Approximately standard-normal values from testRng (sum of 12 uniforms − 6). */
export function testNormals(seed: number, n: number): number[] {
  const u = testRng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = -6;
    for (let j = 0; j < 12; j++) s += u();
    out.push(s);
  }
  return out;
}

/** A T × D matrix of test normals with column scales. */
export function testData(seed: number, T: number, scales: number[]): number[][] {
  const z = testNormals(seed, T * scales.length);
  return Array.from({ length: T }, (_, t) => scales.map((s, k) => s * z[t * scales.length + k]));
}

/** Everything finite in a nested structure of plain objects, arrays and typed arrays. */
export function findNonFinite(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (value === null || typeof value !== 'object') return [];
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number | bigint>;
    const bad: string[] = [];
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i];
      if (typeof x === 'number' && !Number.isFinite(x)) bad.push(`${path}[${i}] = ${x}`);
    }
    return bad;
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findNonFinite(v, `${path}[${i}]`));
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => findNonFinite(v, `${path}.${k}`));
}

/** Σ = XᵀX for a T × D matrix of test normals. */
export function gram(seed: number, T: number, D: number): number[][] {
  const z = testNormals(seed, T * D);
  const X = Array.from({ length: T }, (_, t) => z.slice(t * D, (t + 1) * D));
  return nmul(ntrans(X), X);
}

/** A random symmetric (indefinite) matrix with entries in (−1, 1). */
export function randomSymmetric(seed: number, D: number): number[][] {
  const u = testRng(seed);
  const S = Array.from({ length: D }, () => new Array<number>(D).fill(0));
  for (let i = 0; i < D; i++) for (let j = 0; j <= i; j++) S[i][j] = S[j][i] = 2 * u() - 1;
  return S;
}

/**
 * Central differences of f at θ, one column per coordinate: J[i][j] = (f(θ + h e_j)_i − f(θ − h e_j)_i) / 2h,
 * row-major (outputs × θ.length). Of a loss (returned as [L]) it is the gradient; of a gradient, the Hessian.
 */
export function centralDifferences(f: (θ: Float64Array) => ArrayLike<number>, θ: Float64Array, h: number): Matrix {
  const n = θ.length;
  const columns: ArrayLike<number>[] = [];
  for (let j = 0; j < n; j++) {
    const up = Float64Array.from(θ);
    const down = Float64Array.from(θ);
    up[j] += h;
    down[j] -= h;
    const fu = f(up);
    const fd = f(down);
    columns.push(Array.from(fu, (v, i) => (v - fd[i]) / (2 * h)));
  }
  const rows = columns[0]?.length ?? 0;
  const data = new Float64Array(rows * n);
  columns.forEach((col, j) => {
    for (let i = 0; i < rows; i++) data[i * n + j] = col[i];
  });
  return { rows, cols: n, data };
}

/** (M + Mᵀ)/2 of a square M. */
export function symmetrisedMatrix(M: Matrix): Matrix {
  const n = M.rows;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = (M.data[i * n + j] + M.data[j * n + i]) / 2;
  return { rows: n, cols: n, data };
}
