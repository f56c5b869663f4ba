/** One critical point W_I = U_I U_Iᵀ (docs/design.md §1). */
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

/**
 * Hessian inertia at W_I by the general closed form of docs/design.md §1, with the one tolerance τ
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
