import { describe, expect, it } from 'vitest';
import { criticalLoss, morseInertia } from '../../../src/core/landscape/criticalPoints';
import { type CriticalPointTable, tableRow } from '../../../src/core/landscape/criticalPointTable';
import { enumerateCriticalPoints } from '../../../src/core/landscape/enumerate';
import { criticalPointTableSummary } from '../../../src/text/criticalPointTableSummary';

import { pascal, randomSpectrum, testSpectra, τOf } from './spectra';

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
      const t = enumerateCriticalPoints(λ, d, τOf(λ), { cap: 1000, perRank: 2000, sampleSize: 2000 });
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
        const t = enumerateCriticalPoints(λ, d, τOf(λ), { cap: 10, perRank: 50, sampleSize: 500 });
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
    const t = enumerateCriticalPoints(λ, 8, τOf(λ), { fullRankOnly: true, cap: 100, perRank: 300 });
    expect(t.count).toBe(300);
    expect(t.rankStart[8]).toBe(0);
    expect(t.rankStart[9]).toBe(300);
    expect(t.total).toBe(12_870n);
    expect(tableRow(t, 0)).toMatchObject({ I: [1, 2, 3, 4, 5, 6, 7, 8], index: 0 });
    expect(bruteLowest(λ, 8, 300).map((x) => x.key)).toEqual(Array.from({ length: 300 }, (_, r) => tableRow(t, r).I.join(',')));
  });

  it('D = 64, d = 32 works without enumerating everything: exact counts past 2⁵³, K per rank, histogram labelled', () => {
    const λ = randomSpectrum(64, 64);
    const t = enumerateCriticalPoints(λ, 32, τOf(λ), { perRank: 2000 });
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
    expect(criticalPointTableSummary(t)).toMatch(/2,000 lowest-loss/);
    expect(criticalPointTableSummary(t)).toMatch(/ranks 0–4/);
    expect(criticalPointTableSummary(t)).toMatch(/ranks 5–32, counts in a uniform random sample/);
  }, 120_000);

  it('beyond the cap, the exact histogram ranks (also k > D/2, counted over the complement) hold every subset in its bin', () => {
    const λ = randomSpectrum(14, 21);
    const d = 13;
    const t = enumerateCriticalPoints(λ, d, τOf(λ), { cap: 500, perRank: 5, sampleSize: 300, bins: 37 });
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
    expect(criticalPointTableSummary(t)).toMatch(/ranks 0–2, 12–13/);
    expect(criticalPointTableSummary(t)).toMatch(/ranks 3–11, counts in a uniform random sample of 300 subsets per rank \(seed 0\)/);
  });

  it('the sampled histogram is a fair sample: mean loss of rank k matches the exact mean (D = 30, k = 15)', () => {
    const λ = randomSpectrum(30, 9);
    const t = enumerateCriticalPoints(λ, 15, τOf(λ), { cap: 1000, perRank: 10, sampleSize: 50_000, bins: 400 });
    const h = t.histogram;
    expect(h.exact[15]).toBe(false);
    let s = 0;
    for (let b = 0; b < h.bins; b++) s += h.counts[15 * h.bins + b] * 0.5 * (h.edges[b] + h.edges[b + 1]);
    const meanSample = s / h.counted[15];
    const tr = λ.reduce((a, b) => a + b, 0);
    const meanExact = tr * (1 - 15 / 30); // E Σ_{j∉I} λ_j = (D − k)/D · tr Σ
    expect(Math.abs(meanSample - meanExact)).toBeLessThan(0.01 * tr);
    // Seeded: the same seed gives the same histogram; another seed a different one.
    const again = enumerateCriticalPoints(λ, 15, τOf(λ), { cap: 1000, perRank: 10, sampleSize: 50_000, bins: 400 });
    expect(again.histogram.counts).toEqual(h.counts);
    const other = enumerateCriticalPoints(λ, 15, τOf(λ), { cap: 1000, perRank: 10, sampleSize: 50_000, bins: 400, seed: 9 });
    expect(other.histogram.counts).not.toEqual(h.counts);
  });
});
