import { describe, expect, it } from 'vitest';
import { criticalLoss, morseInertia } from '../../../src/core/landscape/criticalPoints';
import {
  type CriticalPointTable,
  enumerateCriticalPoints,
  findRow,
  inertiaFromClasses,
  spectrumClasses,
  tableRow,
  tableTransferables,
} from '../../../src/core/landscape/enumerate';
import type { Eigen } from '../../../src/core/linalg/eigen';
import { createRng } from '../../../src/core/random/random';
import { criticalPoints } from '../../../src/core/reference/criticalPointList';

/** An Eigen with the given (descending) spectrum; U = I (the enumerator only reads λ). */
function spectrum(values: number[]): Eigen {
  const D = values.length;
  const data = new Float64Array(D * D);
  for (let i = 0; i < D; i++) data[i * D + i] = 1;
  return { D, values: Float64Array.from(values), U: { rows: D, cols: D, data } };
}

const τOf = (λ: number[]) => 1e-9 * Math.max(λ[0], 0);

/** C(n, k) from Pascal's triangle, independently of src. */
function pascal(n: number): bigint[] {
  let row = [1n];
  for (let i = 1; i <= n; i++) {
    const next = [1n];
    for (let j = 1; j < i; j++) next.push(row[j - 1] + row[j]);
    next.push(1n);
    row = next;
  }
  return row;
}

function randomSpectrum(D: number, seed: number): number[] {
  const rng = createRng(seed, 7);
  return Array.from({ length: D }, () => 0.01 + 10 * rng.uniform()).sort((a, b) => b - a);
}

/** The spectra used for the agreement tests: distinct, exactly tied, tied within τ, τ-chains, zeros, all zero. */
function testSpectra(D: number): { name: string; λ: number[] }[] {
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

function expectSameAsCriticalPoints(t: CriticalPointTable, eigen: Eigen, d: number, τ: number, fullRankOnly: boolean) {
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

describe('enumerateCriticalPoints agrees with criticalPoints on every small case', () => {
  it('D ≤ 10, every d < D, full rank or not, on distinct, tied, near-tied, τ-chain, zero and all-zero spectra', () => {
    let cases = 0;
    for (let D = 1; D <= 10; D++)
      for (const { λ } of testSpectra(D))
        for (let d = 1; d < Math.max(D, 2); d++)
          for (const fullRankOnly of [false, true]) {
            const eigen = spectrum(λ);
            const τ = τOf(λ);
            const t = enumerateCriticalPoints(eigen, Math.min(d, D), τ, { fullRankOnly });
            expectSameAsCriticalPoints(t, eigen, Math.min(d, D), τ, fullRankOnly);
            cases++;
          }
    expect(cases).toBeGreaterThan(700);
  });

  it('the distinct spectrum takes the running-sum path and the tied/zero spectra the class-based one', () => {
    const [distinct, tied, , , zeros] = testSpectra(8);
    expect(spectrumClasses(distinct.λ, τOf(distinct.λ)).simple).toBe(true);
    expect(spectrumClasses(tied.λ, τOf(tied.λ)).simple).toBe(false);
    expect(spectrumClasses(zeros.λ, τOf(zeros.λ)).simple).toBe(false);
  });

  it('inertiaFromClasses equals morseInertia on random subsets of random spectra with ties and zeros (D ≤ 40)', () => {
    const rng = createRng(5, 1);
    const out = new Int32Array(2);
    for (let trial = 0; trial < 3000; trial++) {
      const D = 1 + Math.floor(rng.uniform() * 40);
      const levels = 1 + Math.floor(rng.uniform() * D);
      const level = () => {
        const u = rng.uniform();
        if (u < 0.2) return 0;
        if (u < 0.35) return 1 + 1e-10 * rng.uniform(); // tied with λ₁ = 1 within τ
        if (u < 0.6) return 2.5e-9 * rng.uniform(); // around τ: zero or not, tied with zeros or not
        if (u < 0.65) return -3e-9 * rng.uniform(); // rounding below zero, even by more than τ
        return rng.uniform();
      };
      const pool = [1, ...Array.from({ length: levels }, level)];
      const λ = Array.from({ length: D }, (_, i) => (i === 0 ? 1 : pool[Math.floor(rng.uniform() * pool.length)])).sort((a, b) => b - a);
      const τ = τOf(λ);
      const d = 1 + Math.floor(rng.uniform() * D);
      const k = Math.floor(rng.uniform() * (d + 1));
      const I: number[] = [];
      const perm = Array.from({ length: D }, (_, i) => i).sort(() => rng.uniform() - 0.5);
      for (let m = 0; m < Math.min(k, D); m++) I.push(perm[m]);
      I.sort((a, b) => a - b);
      inertiaFromClasses(spectrumClasses(λ, τ), I, I.length, d, out);
      const ref = morseInertia(λ, I, d, τ);
      expect([out[0], out[1]]).toEqual([ref.index, ref.zeros]);
    }
  });

  it('rejects an unsorted spectrum', () => {
    expect(() => spectrumClasses([1, 2], 0)).toThrow(/sorted/);
  });
});

describe('counts (BigInt) and complete listings', () => {
  it('D = 20, d = 10, full rank only: all C(20, 10) = 184,756 listed', () => {
    const λ = randomSpectrum(20, 1);
    const t = enumerateCriticalPoints(spectrum(λ), 10, τOf(λ), { fullRankOnly: true });
    expect(t.total).toBe(184_756n);
    expect(t.count).toBe(184_756);
    expect(t.complete).toBe(true);
    expect(t.rankStart[10]).toBe(0);
    expect(t.rankStart[11]).toBe(184_756);
    expect(t.offsets[t.count]).toBe(184_756 * 10);
    // Global minimum first lexicographically, index 0; the histogram counts every point once.
    expect(tableRow(t, 0)).toMatchObject({ I: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], index: 0, zeros: 100 });
    expect(t.histogram.counts.reduce((a, b) => a + b, 0)).toBe(184_756);
    expect(t.histogram.exact[10]).toBe(true);
    expect(t.histogram.exact[9]).toBe(false); // rank not included
    expect(t.histogram.counted[9]).toBe(0);
  });

  it('D = 18, d = 9: Σ_{k≤9} C(18, k) = 155,382 listed, with exact per-rank counts and an exact histogram', () => {
    const λ = randomSpectrum(18, 2);
    const t = enumerateCriticalPoints(spectrum(λ), 9, τOf(λ));
    const row = pascal(18);
    expect(t.total).toBe(155_382n);
    expect(t.count).toBe(155_382);
    expect(t.totalPerRank).toEqual(row.slice(0, 10));
    for (let k = 0; k <= 9; k++) {
      expect(BigInt(t.rankStart[k + 1] - t.rankStart[k])).toBe(row[k]);
      let c = 0;
      for (let b = 0; b < t.histogram.bins; b++) c += t.histogram.counts[k * t.histogram.bins + b];
      expect(c).toBe(Number(row[k]));
    }
    // Histogram bins hold the listed losses.
    const { edges, bins, counts } = t.histogram;
    const mine = new Float64Array((9 + 1) * bins);
    for (let r = 0; r < t.count; r++) {
      const k = t.offsets[r + 1] - t.offsets[r];
      let b = 0;
      while (b < bins - 1 && t.loss[r] >= edges[b + 1]) b++;
      mine[k * bins + b]++;
    }
    let off = 0;
    for (let i = 0; i < mine.length; i++) off += Math.abs(mine[i] - counts[i]);
    expect(off).toBeLessThanOrEqual(4); // a loss exactly on an edge may land either side by rounding
    expect(t.description).toContain('All 155,382 critical points');
    // findRow inverts tableRow.
    for (const r of [0, 1, 17, 5000, 155_381]) expect(findRow(t, tableRow(t, r).I)).toBe(r);
    expect(findRow(t, [1, 1])).toBe(-1);
  });

  it('losses match criticalLoss and the closed form index on a sample of rows (D = 18)', () => {
    const λ = randomSpectrum(18, 3);
    const t = enumerateCriticalPoints(spectrum(λ), 9, τOf(λ));
    const tr = λ.reduce((a, b) => a + b, 0);
    for (let r = 0; r < t.count; r += 997) {
      const p = tableRow(t, r);
      const I0 = p.I.map((i) => i - 1);
      expect(Math.abs(p.loss - criticalLoss(λ, I0))).toBeLessThan(1e-13 * tr);
      const m = morseInertia(λ, I0, 9, τOf(λ));
      expect([p.index, p.zeros, p.positive]).toEqual([m.index, m.zeros, m.positive]);
    }
  });

  it('table buffers are distinct and transferable', () => {
    const λ = randomSpectrum(10, 4);
    const t = enumerateCriticalPoints(spectrum(λ), 4, τOf(λ));
    const bufs = tableTransferables(t);
    expect(new Set(bufs).size).toBe(bufs.length);
    const copy = structuredClone(t, { transfer: bufs });
    expect(copy.count).toBe(386);
    expect(copy.total).toBe(386n);
  });
});

/**
 * Brute force, independently of src: per rank, every k-subset as a bitmask (Gosper's hack), its
 * loss Σ_{j∉I} λ_j summed directly, sorted ascending; the lowest K with I (1-based) as keys.
 */
function bruteLowest(λ: number[], k: number, K: number): { loss: number; key: string }[] {
  const D = λ.length;
  const masks: number[] = [];
  const losses: number[] = [];
  if (k === 0) {
    masks.push(0);
  } else {
    let v = (1 << k) - 1;
    while (v < 1 << D) {
      masks.push(v);
      const t = (v | (v - 1)) + 1;
      v = t | ((((t & -t) / (v & -v)) >> 1) - 1);
    }
  }
  for (const mask of masks) {
    let loss = 0;
    for (let j = D - 1; j >= 0; j--) if (!(mask & (1 << j))) loss += λ[j];
    losses.push(loss);
  }
  const order = masks.map((_, i) => i).sort((a, b) => losses[a] - losses[b]);
  return order.slice(0, K).map((i) => {
    const I: number[] = [];
    for (let j = 0; j < D; j++) if (masks[i] & (1 << j)) I.push(j + 1);
    return { loss: losses[i], key: I.join(',') };
  });
}

function expectBestFirstMatchesBrute(t: CriticalPointTable, λ: number[], d: number, K: number) {
  const tr = λ.reduce((a, b) => a + b, 0);
  const τ = τOf(λ);
  const bad: string[] = [];
  for (let k = 0; k <= d; k++) {
    const brute = bruteLowest(λ, k, K);
    const a = t.rankStart[k];
    const b = t.rankStart[k + 1];
    expect(b - a).toBe(brute.length);
    const seen = new Set<string>();
    for (let r = a; r < b; r++) {
      const p = tableRow(t, r);
      const I0 = p.I.map((i) => i - 1);
      if (p.I.length !== k) bad.push(`row ${r}: |I| = ${p.I.length}, rank ${k}`);
      // Ascending loss (to rounding), the right loss for this I, the (r − a)-th lowest loss of the rank.
      if (r > a && p.loss < t.loss[r - 1] - 1e-13 * tr) bad.push(`row ${r}: loss decreases`);
      if (!(Math.abs(p.loss - criticalLoss(λ, I0)) < 1e-13 * tr)) bad.push(`row ${r}: loss ${p.loss} vs criticalLoss`);
      if (!(Math.abs(p.loss - brute[r - a].loss) < 1e-13 * tr)) bad.push(`row ${r}: loss ${p.loss} vs brute ${brute[r - a].loss}`);
      const m = morseInertia(λ, I0, d, τ);
      if (p.index !== m.index || p.zeros !== m.zeros || p.positive !== m.positive) bad.push(`row ${r}: inertia`);
      seen.add(p.I.join(','));
    }
    expect(seen.size).toBe(b - a); // each subset once
    // Same sets wherever the loss is not tied with the K-th (random spectra: everywhere).
    const kth = brute[brute.length - 1].loss;
    for (const x of brute) if (x.loss < kth - 1e-12 * tr && !seen.has(x.key)) bad.push(`rank ${k}: {${x.key}} missing`);
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

describe('beyond the cap: best-first lowest K per rank', () => {
  it('equals the brute-force sorted lowest K for D = 16 … 20 (d = D/2, K = 2000)', () => {
    for (let D = 16; D <= 20; D++) {
      const λ = randomSpectrum(D, 10 + D);
      const d = Math.floor(D / 2);
      const t = enumerateCriticalPoints(spectrum(λ), d, τOf(λ), { cap: 1000, perRank: 2000, sampleSize: 2000 });
      expect(t.order).toBe('bestFirst');
      expect(t.complete).toBe(false);
      expect(t.perRank).toBe(2000);
      expectBestFirstMatchesBrute(t, λ, d, 2000);
      expect(t.totalPerRank).toEqual(pascal(D).slice(0, d + 1));
    }
  }, 60_000);

  it('also on tied and zero spectra (D = 12, every d, K = 50), saddles and ties included', () => {
    for (const { λ } of testSpectra(12).filter((s) => s.name !== 'all zero'))
      for (let d = 1; d < 12; d++) {
        const t = enumerateCriticalPoints(spectrum(λ), d, τOf(λ), { cap: 10, perRank: 50, sampleSize: 500 });
        const tr = λ.reduce((a, b) => a + b, 0);
        for (let k = 0; k <= d; k++) {
          const brute = bruteLowest(λ, k, 50);
          const a = t.rankStart[k];
          expect(t.rankStart[k + 1] - a).toBe(brute.length);
          for (let r = a; r < t.rankStart[k + 1]; r++) {
            const p = tableRow(t, r);
            const I0 = p.I.map((i) => i - 1);
            expect(Math.abs(p.loss - brute[r - a].loss)).toBeLessThanOrEqual(1e-13 * tr);
            const m = morseInertia(λ, I0, d, τOf(λ));
            expect([p.index, p.zeros, p.positive]).toEqual([m.index, m.zeros, m.positive]);
          }
        }
      }
  });

  it('full rank only lists rank d alone', () => {
    const λ = randomSpectrum(16, 3);
    const t = enumerateCriticalPoints(spectrum(λ), 8, τOf(λ), { fullRankOnly: true, cap: 100, perRank: 300 });
    expect(t.count).toBe(300);
    expect(t.rankStart[8]).toBe(0);
    expect(t.rankStart[9]).toBe(300);
    expect(t.total).toBe(12_870n);
    expect(tableRow(t, 0)).toMatchObject({ I: [1, 2, 3, 4, 5, 6, 7, 8], index: 0 });
    expect(bruteLowest(λ, 8, 300).map((x) => x.key)).toEqual(Array.from({ length: 300 }, (_, r) => tableRow(t, r).I.join(',')));
  });

  it('D = 64, d = 32 works without enumerating everything: exact counts past 2⁵³, K per rank, histogram labelled', () => {
    const λ = randomSpectrum(64, 64);
    const t = enumerateCriticalPoints(spectrum(λ), 32, τOf(λ), { perRank: 2000 });
    const row = pascal(64);
    const expected = row.slice(0, 33).reduce((a, b) => a + b, 0n);
    expect(t.total).toBe(expected);
    expect(t.total).toBe(2n ** 63n + row[32] / 2n);
    expect(t.totalPerRank[32]).toBe(1_832_624_140_942_590_534n);
    expect(t.order).toBe('bestFirst');
    expect(t.rankStart[1] - t.rankStart[0]).toBe(1);
    expect(t.rankStart[2] - t.rankStart[1]).toBe(64);
    expect(t.rankStart[33] - t.rankStart[32]).toBe(2000);
    expect(t.count).toBe(1 + 64 + 31 * 2000);
    const best = tableRow(t, t.rankStart[32]);
    expect(best.I).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    expect(best.index).toBe(0);
    // Every other full-rank point listed is a saddle; the ∅ point has loss tr Σ.
    for (let r = t.rankStart[32] + 1; r < t.rankStart[33]; r++) expect(t.index[r]).toBeGreaterThan(0);
    // Histogram: ranks 0–4 exact (1 + 64 + 2016 + 41,664 + 635,376 ≤ 10⁶), the rest sampled.
    const h = t.histogram;
    expect(h.exact.slice(0, 5)).toEqual([true, true, true, true, true]);
    expect(h.exact[5]).toBe(false);
    for (let k = 0; k <= 32; k++) {
      let c = 0;
      for (let b = 0; b < h.bins; b++) c += h.counts[k * h.bins + b];
      expect(c).toBe(h.exact[k] ? Number(row[k]) : h.counted[k]);
    }
    expect(h.counted[32]).toBeGreaterThanOrEqual(1000);
    expect(t.description).toMatch(/2,000 lowest-loss/);
    expect(t.description).toMatch(/ranks 0–4/);
    expect(t.description).toMatch(/ranks 5–32, counts in a uniform random sample/);
  }, 120_000);

  it('beyond the cap, the exact histogram ranks (also k > D/2, counted over the complement) hold every subset in its bin', () => {
    const λ = randomSpectrum(14, 21);
    const d = 13;
    const t = enumerateCriticalPoints(spectrum(λ), d, τOf(λ), { cap: 500, perRank: 5, sampleSize: 300, bins: 37 });
    const h = t.histogram;
    // Smallest ranks first while Σ C(14, k) ≤ 500: k = 0, 13, 1, 12, 2, 11 (1 + 14 + 14 + 91 + 91 + 364 = 575 > 500, so not 11).
    expect(h.exact.map((x, k) => (x ? k : -1)).filter((k) => k >= 0)).toEqual([0, 1, 2, 12, 13]);
    for (const k of [0, 1, 2, 12, 13]) {
      const mine = new Float64Array(h.bins);
      for (const x of bruteLowest(λ, k, Infinity)) {
        let b = 0;
        while (b < h.bins - 1 && x.loss >= h.edges[b + 1]) b++;
        mine[b]++;
      }
      let off = 0;
      for (let b = 0; b < h.bins; b++) off += Math.abs(mine[b] - h.counts[k * h.bins + b]);
      expect(off).toBeLessThanOrEqual(2);
      expect(h.counted[k]).toBe(Number(pascal(14)[k]));
      expect(h.weight[k]).toBe(1);
    }
    for (const k of [3, 7, 11]) {
      expect(h.exact[k]).toBe(false);
      expect(h.counted[k]).toBe(300);
      expect(h.weight[k]).toBeCloseTo(Number(pascal(14)[k]) / 300, 12);
    }
    expect(t.description).toMatch(/ranks 0–2, 12–13/);
    expect(t.description).toMatch(/ranks 3–11, counts in a uniform random sample of 300 subsets per rank \(seed 0\)/);
  });

  it('the sampled histogram is a fair sample: mean loss of rank k matches the exact mean (D = 30, k = 15)', () => {
    const λ = randomSpectrum(30, 9);
    const t = enumerateCriticalPoints(spectrum(λ), 15, τOf(λ), { cap: 1000, perRank: 10, sampleSize: 50_000, bins: 400 });
    const h = t.histogram;
    expect(h.exact[15]).toBe(false);
    let s = 0;
    for (let b = 0; b < h.bins; b++) s += h.counts[15 * h.bins + b] * 0.5 * (h.edges[b] + h.edges[b + 1]);
    const meanSample = s / h.counted[15];
    const tr = λ.reduce((a, b) => a + b, 0);
    const meanExact = tr * (1 - 15 / 30); // E Σ_{j∉I} λ_j = (D − k)/D · tr Σ
    expect(Math.abs(meanSample - meanExact)).toBeLessThan(0.01 * tr);
    // Seeded: the same seed gives the same histogram; another seed a different one.
    const again = enumerateCriticalPoints(spectrum(λ), 15, τOf(λ), { cap: 1000, perRank: 10, sampleSize: 50_000, bins: 400 });
    expect(again.histogram.counts).toEqual(h.counts);
    const other = enumerateCriticalPoints(spectrum(λ), 15, τOf(λ), { cap: 1000, perRank: 10, sampleSize: 50_000, bins: 400, seed: 9 });
    expect(other.histogram.counts).not.toEqual(h.counts);
  });
});

describe('progress and cancellation', () => {
  it('reports increasing fractions ending at 1 (complete listing and best-first)', () => {
    const λ = randomSpectrum(18, 5);
    for (const cap of [1e6, 1000]) {
      const seen: number[] = [];
      enumerateCriticalPoints(spectrum(λ), 9, τOf(λ), { cap, onProgress: (f) => void seen.push(f) });
      expect(seen.length).toBeGreaterThan(1);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
      expect(seen[seen.length - 1]).toBe(1);
    }
  });

  it('returning true cancels: a shorter table, complete = false, cancelled = true', () => {
    const λ = randomSpectrum(20, 6);
    let calls = 0;
    const t = enumerateCriticalPoints(spectrum(λ), 10, τOf(λ), { onProgress: () => ++calls >= 2 });
    expect(t.cancelled).toBe(true);
    expect(t.complete).toBe(false);
    expect(t.count).toBeGreaterThan(0);
    expect(t.count).toBeLessThan(616_666);
    expect(t.loss.length).toBe(t.count);
    expect(t.offsets.length).toBe(t.count + 1);
    expect(t.rankStart[11]).toBe(t.count);
    expect(t.description).toMatch(/Cancelled/);
    // The rows that are there are right: ∅, {1}, …, in order, with their losses.
    expect(tableRow(t, 0).I).toEqual([]);
    expect(tableRow(t, 1).I).toEqual([1]);
    const tr = λ.reduce((a, b) => a + b, 0);
    for (const r of [2, Math.floor(t.count / 2), t.count - 1])
      expect(
        Math.abs(
          t.loss[r] -
            criticalLoss(
              λ,
              tableRow(t, r).I.map((i) => i - 1),
            ),
        ),
      ).toBeLessThan(1e-13 * tr);

    let calls2 = 0;
    const t2 = enumerateCriticalPoints(spectrum(randomSpectrum(64, 1)), 32, 0, { onProgress: () => ++calls2 >= 3 });
    expect(t2.cancelled).toBe(true);
    expect(t2.complete).toBe(false);
    expect(t2.count).toBeLessThan(1 + 64 + 31 * 2000);
  });
});
