import type { Eigen } from '../linalg/eigen';
import { type Matrix, zeros } from '../linalg/matrix';

/** One critical point W_I = U_I U_Iᵀ (design.md §1). */
export interface CriticalPoint {
  /** I as 1-based ascending eigen-indices. */
  I: number[];
  /** L(I) = tr Σ − Σ_{i∈I} λ_i (sum over samples). */
  loss: number;
  /** Morse index by the closed form: number of negative Hessian eigenvalues. */
  index: number;
  /** Hessian zero eigenvalues by the closed form. */
  zeros: number;
  /** Hessian positive eigenvalues by the closed form: 2Dd − index − zeros. */
  positive: number;
}

/** Binomial coefficient C(n, k) exactly. */
export function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  k = Math.min(k, n - k);
  let c = 1n;
  for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
  return c;
}

/** Σ_{k=0..d} C(D, k) critical points, or C(D, d) when only full rank is asked; exact (BigInt). */
export function criticalPointCount(D: number, d: number, fullRankOnly = false): bigint {
  if (fullRankOnly) return binomial(D, d);
  let total = 0n;
  for (let k = 0; k <= d; k++) total += binomial(D, k);
  return total;
}

/**
 * Advances the k-subset J of {0..n−1} (ascending) to its lexicographic successor in place;
 * returns the first position that changed, or −1 after the last subset.
 */
export function nextSubset(J: { [i: number]: number }, n: number, k: number): number {
  let p = k - 1;
  while (p >= 0 && J[p] === n - k + p) p--;
  if (p < 0) return -1;
  J[p]++;
  for (let q = p + 1; q < k; q++) J[q] = J[q - 1] + 1;
  return p;
}

/** Every I ⊆ {0..n−1} with |I| = k, lexicographic, 0-based. */
export function* subsetsOfSize(n: number, k: number): Generator<number[]> {
  if (k > n || k < 0) return;
  const I = Array.from({ length: k }, (_, i) => i);
  do yield I.slice();
  while (nextSubset(I, n, k) >= 0);
}

/** Every I ⊆ {0..n−1} with |I| ≤ d (or = d), by size then lexicographically, 0-based. */
export function* enumerateSubsets(n: number, d: number, fullRankOnly = false): Generator<number[]> {
  for (let k = fullRankOnly ? d : 0; k <= d; k++) yield* subsetsOfSize(n, k);
}

/**
 * Hessian inertia at W_I by the general closed form of design.md §1, with the one tolerance τ
 * deciding "tied" (|λ_i − λ_j| ≤ τ) and "zero" (λ ≤ τ). `I` is 0-based; λ sorted descending.
 */
export function morseInertia(λ: ArrayLike<number>, I: number[], d: number, τ: number): { index: number; zeros: number; positive: number } {
  const D = λ.length;
  const k = I.length;
  const inI = new Uint8Array(D);
  for (const i of I) inI[i] = 1;
  const isZero = (x: number) => x <= τ;
  let index = 0;
  let zeroCount = k * (2 * d - k); // the GL(d) orbit of W_I
  for (const i of I) {
    if (isZero(λ[i])) zeroCount += k; // k · #{i ∈ I : λ_i = 0}
    for (let j = 0; j < D; j++) {
      if (inI[j]) continue;
      // The 2 × 2 block [[2λ_i, −2λ_j], [−2λ_j, 2λ_j]] of the pair (i ∈ I, j ∉ I).
      if (isZero(λ[i]) && isZero(λ[j])) zeroCount += 2;
      else if (λ[j] - λ[i] > τ)
        index += 1; // rotating u_i toward a larger u_j lowers L
      else if (Math.abs(λ[i] - λ[j]) <= τ || isZero(λ[j])) zeroCount += 1;
    }
  }
  // Each unused hidden unit with each j ∉ I: the block [[0, −2λ_j], [−2λ_j, 0]].
  for (let j = 0; j < D; j++) {
    if (inI[j]) continue;
    if (isZero(λ[j])) zeroCount += 2 * (d - k);
    else index += d - k;
  }
  return { index, zeros: zeroCount, positive: 2 * D * d - index - zeroCount };
}

/**
 * L(I) = tr Σ − Σ_{i∈I} λ_i, evaluated as Σ_{i∉I} λ_i: equal in exact arithmetic (tr Σ = Σ λ),
 * and free of the cancellation that would swamp a small L* next to a large tr Σ.
 */
export function criticalLoss(λ: ArrayLike<number>, I: number[]): number {
  const inI = new Uint8Array(λ.length);
  for (const i of I) inI[i] = 1;
  let loss = 0;
  for (let j = 0; j < λ.length; j++) if (!inI[j]) loss += λ[j];
  return loss;
}

/** The global minimum's loss L* = Σ_{i>d} λ_i (Eckart–Young–Mirsky). */
export function globalMinimumLoss(λ: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let i = d; i < λ.length; i++) s += λ[i];
  return s;
}

export const LIST_CAP = 50_000;

export interface CriticalPointList {
  points: CriticalPoint[];
  /** Every critical point with |I| ≤ d (or = d with fullRankOnly), counted exactly. */
  total: bigint;
  /** How the list was restricted when the total passes LIST_CAP; null when it is complete. */
  restriction: null | { kind: 'topEigenvectors'; m: number } | { kind: 'chainAndSwaps' };
}

function pointFor(λ: Float64Array, I0: number[], d: number, τ: number): CriticalPoint {
  return { I: I0.map((i) => i + 1), loss: criticalLoss(λ, I0), ...morseInertia(λ, I0, d, τ) };
}

/**
 * Every critical point W_I = U_I U_Iᵀ with |I| ≤ d, its loss and Morse index (design.md §1).
 * Past LIST_CAP the list keeps every I ⊆ {1..m} for the largest m that fits (these include the
 * global minimum and the saddle-to-saddle chain); if even m = d does not fit, it keeps the chain
 * ∅ ⊂ {1} ⊂ … ⊂ {1..d} and every one-swap neighbour of {1..d}. `restriction` says which.
 */
export function criticalPoints(eigen: Eigen, d: number, τ: number, opts: { fullRankOnly?: boolean; cap?: number } = {}): CriticalPointList {
  const fullRankOnly = opts.fullRankOnly ?? false;
  const cap = BigInt(opts.cap ?? LIST_CAP);
  const λ = eigen.values;
  const D = λ.length;
  const total = criticalPointCount(D, d, fullRankOnly);
  const points: CriticalPoint[] = [];
  if (total <= cap) {
    for (const I of enumerateSubsets(D, d, fullRankOnly)) points.push(pointFor(λ, I, d, τ));
    return { points, total, restriction: null };
  }
  let m = d;
  while (m + 1 <= D && criticalPointCount(m + 1, d, fullRankOnly) <= cap) m++;
  if (criticalPointCount(m, d, fullRankOnly) <= cap) {
    for (const I of enumerateSubsets(m, d, fullRankOnly)) points.push(pointFor(λ, I, d, τ));
    return { points, total, restriction: { kind: 'topEigenvectors', m } };
  }
  const top = Array.from({ length: d }, (_, i) => i);
  if (!fullRankOnly) for (let k = 0; k < d; k++) points.push(pointFor(λ, top.slice(0, k), d, τ));
  points.push(pointFor(λ, top, d, τ));
  for (let out = 0; out < d; out++)
    for (let j = d; j < D; j++) {
      const I = top.filter((i) => i !== out).concat(j);
      points.push(pointFor(λ, I, d, τ));
    }
  return { points, total, restriction: { kind: 'chainAndSwaps' } };
}

/** W_I = U_I U_Iᵀ, the orthogonal projection onto span{u_i : i ∈ I} (I 1-based). */
export function projection(eigen: Eigen, I: number[]): Matrix {
  const { D, U } = eigen;
  const W = zeros(D, D);
  for (const i1 of I) {
    const i = i1 - 1;
    for (let r = 0; r < D; r++) {
      const ur = U.data[r * D + i];
      if (ur === 0) continue;
      for (let c = 0; c < D; c++) W.data[r * D + c] += ur * U.data[c * D + i];
    }
  }
  return W;
}

/** The canonical representative A = [U_I, 0] (D × d), B = [U_Iᵀ; 0] (d × D) (I 1-based). */
export function canonicalRepresentative(eigen: Eigen, I: number[], d: number): { A: Matrix; B: Matrix } {
  const { D, U } = eigen;
  const A = zeros(D, d);
  const B = zeros(d, D);
  I.forEach((i1, col) => {
    for (let r = 0; r < D; r++) {
      const u = U.data[r * D + (i1 - 1)];
      A.data[r * d + col] = u;
      B.data[col * D + r] = u;
    }
  });
  return { A, B };
}
