/**
 * Table 3 of `npm run bench`: critical-point enumeration in points per second.
 * enumerateCriticalPoints (src/core/landscape/enumerate.ts: every index set I with its loss and
 * closed-form inertia into typed arrays) at (D, d) = (20, 10) and (18, 9), all ranks, full rank
 * only, and with tied eigenvalue pairs (class-based inertia); the one-object-per-point cross-check
 * criticalPoints (src/core/reference/criticalPointList.ts) at (18, 9) as context; and beyond the
 * cap of 10⁶ points (best-first lowest K per rank, exact counts, histogram) at (64, 32), (200, 20)
 * and, without BENCH_QUICK, (784, 100).
 */
import { diagnose } from '../src/core/landscape/diagnostics';
import { enumerateCriticalPoints } from '../src/core/landscape/enumerate';
import type { Eigen } from '../src/core/linalg/eigen';
import { eigenSymmetricFast } from '../src/core/linalg/symmetricEigen';
import { criticalPoints } from '../src/core/reference/criticalPointList';
import { bestOf, fmt, printTable, sigmaFor } from './common';

const WITHIN_CAP = [
  { D: 20, d: 10, fullRankOnly: false, tied: false, label: 'all ranks' },
  { D: 18, d: 9, fullRankOnly: false, tied: false, label: 'all ranks' },
  { D: 20, d: 10, fullRankOnly: true, tied: false, label: 'full rank only' },
  { D: 20, d: 10, fullRankOnly: false, tied: true, label: 'all ranks, tied pairs (class-based inertia)' },
  { D: 18, d: 9, fullRankOnly: false, tied: true, label: 'all ranks, tied pairs (class-based inertia)' },
];

/** The benchmarks' Σ's eigendecomposition; with tiedPairs, λ₂ₖ₊₁ := λ₂ₖ (ties the class-based inertia must handle). */
function eigenFor(D: number, tiedPairs = false): Eigen {
  const eigen = eigenSymmetricFast(sigmaFor(D));
  if (!tiedPairs) return eigen;
  const values = Float64Array.from(eigen.values, (_, i) => eigen.values[i - (i % 2)]);
  return { ...eigen, values };
}

function measureBeyond(D: number, d: number) {
  const eigen = eigenFor(D);
  const τ = diagnose(eigen).tolerance;
  const t0 = performance.now();
  const t = enumerateCriticalPoints(eigen.values, d, τ);
  const ms = performance.now() - t0;
  const { exact, counted } = t.histogram;
  const sampled = exact.filter((x, k) => !x && counted[k] > 0).length;
  return { D, d, ms, count: t.count, total: t.total, K: t.perRank, sampled, sampleN: Math.max(...counted.filter((_, k) => !exact[k])) };
}

export function measureEnumeration(quick: boolean) {
  const rows = WITHIN_CAP.map(({ D, d, fullRankOnly, tied, label }) => {
    const eigen = eigenFor(D, tied);
    const τ = diagnose(eigen).tolerance;
    let count = 0;
    const ms = bestOf(() => {
      count = enumerateCriticalPoints(eigen.values, d, τ, { fullRankOnly }).count;
    }, 5);
    return { D, d, label, count, ms };
  });
  const oldEigen = eigenFor(18);
  const oldTau = diagnose(oldEigen).tolerance;
  let oldCount = 0;
  const oldMs = bestOf(() => {
    oldCount = criticalPoints(oldEigen, 9, oldTau, { cap: 1e9 }).points.length;
  }, 1);
  const beyond = [{ D: 64, d: 32 }, { D: 200, d: 20 }, ...(quick ? [] : [{ D: 784, d: 100 }])].map(({ D, d }) => measureBeyond(D, d));
  return { rows, old: { count: oldCount, ms: oldMs }, beyond };
}

export type EnumerationResult = ReturnType<typeof measureEnumeration>;

/** Exact up to 21 digits, else d.dd × 10^k. */
function bigFmt(n: bigint): string {
  const digits = n.toString();
  return digits.length <= 21 ? n.toLocaleString('en') : `≈ ${digits[0]}.${digits.slice(1, 3)} × 10^${digits.length - 1}`;
}

export function printEnumeration({ rows, old, beyond }: EnumerationResult): void {
  console.log('\n3. Critical-point enumeration (enumerateCriticalPoints: every I with its loss and closed-form inertia into typed arrays; best of 5)');
  const perSecond = (count: number, ms: number) => fmt((count / ms) * 1000);
  printTable(
    ['D', 'd', 'what', 'points', 'ms', 'points/s'],
    [
      ...rows.map((r) => [r.D, r.d, r.label, r.count.toLocaleString('en'), fmt(r.ms), perSecond(r.count, r.ms)]),
      [
        18,
        9,
        'context: criticalPoints (one object per point, morseInertia), one run',
        old.count.toLocaleString('en'),
        fmt(old.ms),
        perSecond(old.count, old.ms),
      ],
    ],
  );
  console.log('\nBeyond the cap (10⁶): best-first lowest K per rank + exact counts + histogram (exact where C(D, k) fits, else sampled), one run');
  printTable(
    ['D', 'd', 'critical points', 'listed (K per rank)', 'sampled ranks × subsets', 'ms'],
    beyond.map((r) => [
      r.D,
      r.d,
      bigFmt(r.total),
      `${r.count.toLocaleString('en')} (${r.K?.toLocaleString('en')})`,
      `${r.sampled} × ${r.sampleN.toLocaleString('en')}`,
      fmt(r.ms),
    ]),
  );
}
