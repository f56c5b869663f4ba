/**
 * Weight decay and tied weights (issue 13, docs/design.md §5) against numpy: for the linear and the
 * tied model, wd ∈ {0, 0.1, 0.3}, on Gaussian, Iris and sparse data (each model × wd on a different
 * dataset, so every value of each factor is covered in six pages), the export's critical points
 * are critical in numpy with the inertia of a numerical Hessian equal to the app's closed form, a
 * random-start gradient-norm search finds no point the app does not list, every run replays to
 * 1e-9 and ends at the minimum with W's eigenvalues 1 − μ/λ_i (tests/reference/decayed_export.py).
 */
import { describe, expect, it } from 'vitest';
import { exportJson, openPage, plotData, settleAfter, waitForSettled } from './browser';
import { numpyCheck } from './numpyCheck';
import { builtSite } from './session';

const site = builtSite();
const RUNS = 'runs=2&steps=3000';

const CASES = [
  `?model=tied&data=gaussian&D=5&d=2&T=200&${RUNS}&lr=0.2`,
  `?model=tied&wd=0.1&data=iris&d=2&${RUNS}&lr=0.2&center=1`,
  `?model=tied&wd=0.3&data=sparse&D=6&d=3&T=2000&${RUNS}&lr=0.2`,
  `?wd=0.1&data=sparse&D=6&d=2&T=2000&${RUNS}`,
  `?wd=0.3&data=gaussian&D=6&d=2&T=200&${RUNS}`,
  `?wd=0.3&data=iris&d=3&${RUNS}&center=1`,
];

interface Exported {
  params: { model: string; wd: number; d: number };
  mu: number[];
  criticalPoints: { I: number[]; hessian?: { A: number[][]; B: number[][] } }[];
  trajectories: { A0: number[][]; B0: number[][]; final: { A: number[][]; B: number[][] } | null }[];
}

const transposed = (m: number[][]) => m[0].map((_, c) => m.map((row) => row[c]));

describe('weight decay and tied weights: the export checks out in numpy', () => {
  for (const url of CASES)
    it(url, async () => {
      const { page, errors } = await openPage(site.browser(), site.url() + url);
      expect(await waitForSettled(page, 100_000)).toBe('ready');
      const doc = (await exportJson(page)) as unknown as Exported;
      const tied = url.includes('model=tied');
      expect(doc.params.model).toBe(tied ? 'tied' : 'linear');
      // The header says which model and which law: Baldi–Hornik without decay, Kunin et al.'s shrunk projections with it.
      const decayed = url.includes('wd=');
      const law = decayed
        ? tied
          ? /BᵀBx.*2μ‖B‖².*shrunk projection.*Kunin/
          : /ABx.*μ\(‖A‖² \+ ‖B‖²\).*shrunk projection.*Kunin/
        : tied
          ? /BᵀBx.*projection onto eigenvectors/
          : /Baldi/;
      expect(await page.locator('.tagline').textContent()).toMatch(law);
      // Every exported matrix pair holds A and B; the tied model's A is Bᵀ exactly.
      const pairs = [
        ...doc.criticalPoints.flatMap((c) => (c.hessian ? [c.hessian] : [])),
        ...doc.trajectories.map((t) => ({ A: t.A0, B: t.B0 })),
        ...doc.trajectories.flatMap((t) => (t.final ? [t.final] : [])),
      ];
      expect(pairs.length).toBeGreaterThan(doc.criticalPoints.length);
      if (tied) for (const { A, B } of pairs) expect(A).toEqual(transposed(B));
      const report = numpyCheck(doc, { search: true });
      expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
      // The §5 checks ran (not the seed's), the search among them.
      expect(Object.keys(report.checks)).toEqual(
        expect.arrayContaining([
          'μ = wd · λ₁ on every unit',
          'inertia = numerical Hessian = §5 closed form',
          'a random-start search finds no unlisted critical point',
          'the found W has eigenvalues 1 − μ/λ_i (1e-6)',
        ]),
      );
      expect(errors).toEqual([]);
      await page.context().close();
    });

  it('a direction with λ_i ≤ μ is said to be no longer learned, and its points are gone', async () => {
    // Uncentred Iris: λ₁ dominates, so μ = 0.1 λ₁ exceeds λ₂, λ₃, λ₄; only ∅ and {1} are left.
    const { page, errors } = await openPage(site.browser(), `${site.url()}?data=iris&d=2&wd=0.1&runs=1&steps=200&cp=1`);
    expect(await waitForSettled(page, 100_000)).toBe('ready');
    const doc = (await exportJson(page)) as unknown as Exported;
    expect(doc.criticalPoints.map((c) => c.I)).toEqual([[1], []]);
    await expect.poll(() => page.getByText('u2 is no longer learned').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('the μ slider redraws the levels at once (no recomputation) and Apply makes it the landscape’s wd', async () => {
    // λ ∝ 2⁻ᵏ exactly: at μ = 0.3 λ₁ only u₁ and u₂ (λ₂ = 0.5 λ₁) are learnable, so 4 of the 16 sets are left.
    const { page, errors } = await openPage(site.browser(), `${site.url()}?data=gaussian&D=5&d=2&T=200&seed=2&spectrum=2^(-k)&exact=1&runs=1&steps=300`);
    expect(await waitForSettled(page)).toBe('ready');
    const markers = async () => (await plotData(page, 'levels')).at(-1) as { x: number[]; text: string[] } | undefined;
    await expect.poll(async () => (await markers())?.x.length).toBe(16);
    const inputs = await page.evaluate(() => document.documentElement.dataset.inputs);
    await page.locator('#decay-preview').fill('0.3');
    await expect.poll(async () => (await markers())?.text.slice().sort()).toEqual(['{1,2}', '{1}', '{2}', '{}']);
    expect((await markers())?.x).toEqual([0.3, 0.3, 0.3, 0.3]);
    // A preview is not an input: nothing was recomputed, the URL still has no wd.
    expect(await page.evaluate(() => document.documentElement.dataset.inputs)).toBe(inputs);
    expect(page.url()).not.toContain('wd=');
    expect(await settleAfter(page, () => page.getByRole('button', { name: 'Apply wd = 0.30' }).click())).toBe('ready');
    expect(page.url()).toContain('wd=0.3');
    const doc = (await exportJson(page)) as unknown as Exported & { eigenvalues: number[] };
    expect(doc.params.wd).toBe(0.3);
    expect(doc.criticalPoints.map((c) => c.I.join(',')).sort()).toEqual(['', '1', '1,2', '2']);
    expect(doc.mu).toEqual([0.3 * doc.eigenvalues[0], 0.3 * doc.eigenvalues[0]]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('ordered decay: points are assignments σ in the table, the detail and the URL, and each run’s units end on their eigenvectors', async () => {
    const bao = '?data=gaussian&D=5&d=3&T=200&seed=7&spectrum=2^(-k)&exact=1&wd=0.2&wdProfile=ordered&steps=10000&runs=4';
    const { page, errors } = await openPage(site.browser(), `${site.url()}${bao}&cp=2,1,0&run=2`);
    expect(await waitForSettled(page, 100_000)).toBe('ready');
    await expect.poll(() => page.getByRole('heading', { name: 'Critical point σ = (2,1,–) — a saddle of index 2' }).count()).toBe(1);
    expect(await page.locator('.tagline').textContent()).toMatch(/Σⱼ μⱼ\(‖aⱼ‖² \+ ‖bⱼ‖²\).*assignments.*Bao et al/);
    expect(await page.getByText('The numerical inertia equals the closed form.').count()).toBe(1);
    expect(await page.getByText('unit 3 (μ3 = 20): unused; it would grow along u3').count()).toBe(1);
    const grid = page.getByRole('grid', { name: /Critical points/ });
    expect(await grid.getByRole('columnheader', { name: 'σ (unit 1, 2, …)' }).count()).toBe(1);
    expect(await grid.locator('tr[aria-selected=true] td').first().textContent()).toBe('(2,1,–)');
    // The minimum row is σ = (1,2,3), and selecting it writes the assignment into the URL.
    const minimum = grid.locator('tr.minimum');
    expect(await minimum.locator('td').first().textContent()).toBe('(1,2,3)');
    expect(await settleAfter(page, () => minimum.click())).toBe('ready');
    expect(new URL(page.url()).searchParams.get('cp')).toBe('1,2,3');
    // Each unit's angle to its own eigenvector ends below 1e-3 degrees in the selected run.
    const angles = (await plotData(page, 'unitAngles')) as { y: number[]; name: string }[];
    expect(angles.map((t) => t.name)).toEqual(['unit 1 to u1', 'unit 2 to u2', 'unit 3 to u3']);
    for (const t of angles) expect(t.y.at(-1)).toBeLessThan(1e-3);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
