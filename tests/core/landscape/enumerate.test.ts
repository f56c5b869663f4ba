import { describe, expect, it } from 'vitest';
import { inertiaFromClasses, spectrumClasses } from '../../../src/core/landscape/closedFormInertia';
import { criticalLoss, morseInertia } from '../../../src/core/landscape/criticalPoints';
import { findRow, tableRow, tableTransferables } from '../../../src/core/landscape/criticalPointTable';
import { enumerateCriticalPoints } from '../../../src/core/landscape/enumerate';
import { createRng } from '../../../src/core/random/random';
import { criticalPointTableSummary } from '../../../src/text/criticalPointTableSummary';

import { expectSameAsCriticalPoints, pascal, randomSpectrum, spectrum, testSpectra, τOf } from './spectra';

describe('enumerateCriticalPoints agrees with criticalPoints on every small case', () => {
  it('D ≤ 10, every d < D, full rank or not, on distinct, tied, near-tied, τ-chain, zero and all-zero spectra', () => {
    let cases = 0;
    for (let D = 1; D <= 10; D++)
      for (const { λ } of testSpectra(D))
        for (let d = 1; d < Math.max(D, 2); d++)
          for (const fullRankOnly of [false, true]) {
            const eigen = spectrum(λ);
            const τ = τOf(λ);
            const t = enumerateCriticalPoints(eigen.values, Math.min(d, D), τ, { fullRankOnly });
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
    const t = enumerateCriticalPoints(λ, 10, τOf(λ), { fullRankOnly: true });
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
    const t = enumerateCriticalPoints(λ, 9, τOf(λ));
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
    expect(criticalPointTableSummary(t)).toContain('All 155,382 critical points');
    // findRow inverts tableRow.
    for (const r of [0, 1, 17, 5000, 155_381]) expect(findRow(t, tableRow(t, r).I)).toBe(r);
    expect(findRow(t, [1, 1])).toBe(-1);
  });

  it('losses match criticalLoss and the closed form index on a sample of rows (D = 18)', () => {
    const λ = randomSpectrum(18, 3);
    const t = enumerateCriticalPoints(λ, 9, τOf(λ));
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
    const t = enumerateCriticalPoints(λ, 4, τOf(λ));
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
describe('progress and cancellation', () => {
  it('reports increasing fractions ending at 1 (complete listing and best-first)', () => {
    const λ = randomSpectrum(18, 5);
    for (const cap of [1e6, 1000]) {
      const seen: number[] = [];
      enumerateCriticalPoints(λ, 9, τOf(λ), { cap, onProgress: (f) => void seen.push(f) });
      expect(seen.length).toBeGreaterThan(1);
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
      expect(seen[seen.length - 1]).toBe(1);
    }
  });

  it('returning true cancels: a shorter table, complete = false, cancelled = true', () => {
    const λ = randomSpectrum(20, 6);
    let calls = 0;
    const t = enumerateCriticalPoints(λ, 10, τOf(λ), { onProgress: () => ++calls >= 2 });
    expect(t.cancelled).toBe(true);
    expect(t.complete).toBe(false);
    expect(t.count).toBeGreaterThan(0);
    expect(t.count).toBeLessThan(616_666);
    expect(t.loss.length).toBe(t.count);
    expect(t.offsets.length).toBe(t.count + 1);
    expect(t.rankStart[11]).toBe(t.count);
    expect(criticalPointTableSummary(t)).toMatch(/Cancelled/);
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
    const t2 = enumerateCriticalPoints(randomSpectrum(64, 1), 32, 0, { onProgress: () => ++calls2 >= 3 });
    expect(t2.cancelled).toBe(true);
    expect(t2.complete).toBe(false);
    expect(t2.count).toBeLessThan(1 + 64 + 31 * 2000);
  });
});
