/** Spectra and checks shared by the enumeration tests. */
import { expect } from 'vitest';
import { type CriticalPointTable, tableRow } from '../../../src/core/landscape/criticalPointTable';
import type { Eigen } from '../../../src/core/linalg/eigen';
import { createRng } from '../../../src/core/random/random';
import { criticalPoints } from '../../../src/core/reference/criticalPointList';

export function spectrum(values: number[]): Eigen {
  const D = values.length;
  const data = new Float64Array(D * D);
  for (let i = 0; i < D; i++) data[i * D + i] = 1;
  return { D, values: Float64Array.from(values), U: { rows: D, cols: D, data } };
}

export const τOf = (λ: number[]) => 1e-9 * Math.max(λ[0], 0);

/** C(n, k) from Pascal's triangle, independently of src. */
export function pascal(n: number): bigint[] {
  let row = [1n];
  for (let i = 1; i <= n; i++) {
    const next = [1n];
    for (let j = 1; j < i; j++) next.push(row[j - 1] + row[j]);
    next.push(1n);
    row = next;
  }
  return row;
}

export function randomSpectrum(D: number, seed: number): number[] {
  const rng = createRng(seed, 7);
  return Array.from({ length: D }, () => 0.01 + 10 * rng.uniform()).sort((a, b) => b - a);
}

/** The spectra used for the agreement tests: distinct, exactly tied, tied within τ, τ-chains, zeros, all zero. */
export function testSpectra(D: number): { name: string; λ: number[] }[] {
  const distinct = Array.from({ length: D }, (_, i) => 2 ** -i * (1 + 0.1 * Math.sin(i)));
  const rng = createRng(D, 3);
  const tiedPool = [5, 3, 3, 2];
  const tied = Array.from({ length: D }, () => tiedPool[Math.floor(rng.uniform() * tiedPool.length)]).sort((a, b) => b - a);
  const nearTies = distinct.map((x, i) => (i % 3 === 1 ? distinct[i - 1] * (1 - 3e-10) : x)).sort((a, b) => b - a);
  // λ_i − λ_{i+1} = 0.6 τ: neighbours tied, second neighbours not (the tie relation is not transitive).
  const chain = Array.from({ length: D }, (_, i) => 1 - i * 0.6e-9);
  const zerosTail = distinct.map((x, i) => (i >= D - Math.max(1, Math.floor(D / 3)) ? 0 : x));
  const tinyNegative = zerosTail.map((x) => (x === 0 ? -1e-18 : x));
  const tiedAndZero = tied.map((x, i) => (i >= D - 2 ? 0 : x)).sort((a, b) => b - a);
  const allZero = Array.from({ length: D }, () => 0);
  // Eigenvalues around τ = 1e-9 · λ₁: nonzero ones tied with zero ones, zero ones that differ.
  const nearTauPool = [1, 0.5, 2.1e-9, 1.6e-9, 1.3e-9, 0.9e-9, 0.6e-9, 0.2e-9, 0];
  const nearTau = [1, ...Array.from({ length: D - 1 }, (_, i) => nearTauPool[1 + ((i * 5) % (nearTauPool.length - 1))])].sort((a, b) => b - a);
  return [
    { name: 'distinct', λ: distinct },
    { name: 'tied', λ: tied },
    { name: 'tied within τ', λ: nearTies },
    { name: 'τ-chain', λ: chain },
    { name: 'zeros', λ: zerosTail },
    { name: 'tiny negative zeros', λ: tinyNegative },
    { name: 'tied and zero', λ: tiedAndZero },
    { name: 'all zero', λ: allZero },
    { name: 'near τ', λ: nearTau },
  ];
}

export function expectSameAsCriticalPoints(t: CriticalPointTable, eigen: Eigen, d: number, τ: number, fullRankOnly: boolean) {
  const ref = criticalPoints(eigen, d, τ, { fullRankOnly, cap: 1e9 });
  expect(t.complete).toBe(true);
  expect(t.order).toBe('lexicographic');
  expect(t.count).toBe(ref.points.length);
  expect(t.total).toBe(ref.total);
  const scale = Math.max(
    1e-300,
    eigen.values.reduce((s, x) => s + Math.abs(x), 0),
  );
  // Collect disagreements and compare once (thousands of expect calls are slow).
  const bad: string[] = [];
  ref.points.forEach((p, r) => {
    const row = tableRow(t, r);
    if (row.I.join(',') !== p.I.join(',')) bad.push(`row ${r}: I ${row.I} vs ${p.I}`);
    if (!(Math.abs(row.loss - p.loss) <= 1e-13 * scale)) bad.push(`row ${r}: loss ${row.loss} vs ${p.loss}`);
    if (row.index !== p.index || row.zeros !== p.zeros || row.positive !== p.positive)
      bad.push(`row ${r} I = {${p.I}}: inertia ${[row.index, row.zeros, row.positive]} vs ${[p.index, p.zeros, p.positive]}`);
  });
  expect(bad.slice(0, 5)).toEqual([]);
}
