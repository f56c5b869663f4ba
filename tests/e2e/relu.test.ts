/**
 * The ReLU model on the page (docs/design.md §7): the production build trains it in the worker,
 * shows its panel (numbers table and figures) beside the linear landscape of the same sample,
 * exports `relu` (checked in numpy by tests/reference/check_export.py), and choosing the model in
 * the controls switches to its own keys and defaults.
 */
import { describe, expect, it } from 'vitest';
import { exportJson, openPage, plotData, settleAfter, waitForSettled } from './browser';
import { numpyCheck } from './numpyCheck';
import { builtSite } from './session';

const site = builtSite();

describe('the ReLU model on the page', () => {
  it('trains, is drawn against the exact linear baselines, and its export checks out in numpy', async () => {
    const url = '?model=relu&D=5&d=2&seed=1&sparsity=0.9&importance=0.9&runs=2&steps=2000';
    const { page, errors } = await openPage(site.browser(), site.url() + url);
    expect(await waitForSettled(page, 100_000)).toBe('ready');
    await expect(page.getByRole('heading', { name: /The ReLU model of Toy Models of Superposition/ }).isVisible()).resolves.toBe(true);
    // The header states this model's result, not the linear autoencoder's theorem.
    const tagline = await page.locator('.tagline').textContent();
    expect(tagline).toMatch(/ReLU\(WᵀWx \+ b\).*Elhage/);
    expect(tagline).not.toMatch(/Baldi|saddles/);
    for (const id of ['reluLoss', 'reluGram', 'reluBias', 'reluNorms', 'reluDimensionality', 'reluPlane'])
      expect((await plotData(page, id)).length, id).toBeGreaterThan(0);
    // The linear runs' loss plot gives way to the ReLU panel's.
    expect(await page.locator('[data-plot="loss"]').count()).toBe(0);
    // It has no weight decay: no decay panel.
    expect(await page.locator('#decay-title').count()).toBe(0);
    expect(await page.locator('[data-plot="levels"]').count()).toBe(0);
    const doc = (await exportJson(page)) as {
      params: { lr: number; steps: number };
      relu: { W: number[][]; runs: unknown[]; linearOptimumLoss: number; sampleLoss: number };
    };
    expect(doc.params).toMatchObject({ lr: 1e-3, steps: 2000 });
    expect(doc.relu.W).toHaveLength(2);
    expect(doc.relu.runs).toHaveLength(2);
    // The loss figure's baseline lines are the evaluation sample's exact linear losses.
    const traces = (await plotData(page, 'reluLoss')) as { name?: string; y?: number[] }[];
    const withBias = traces.find((t) => /with a bias/.test(t.name ?? ''));
    expect(withBias?.y?.[0]).toBeCloseTo((doc as unknown as { relu: { evaluationLinearOptimumLoss: number } }).relu.evaluationLinearOptimumLoss, 12);
    const report = numpyCheck(doc, { convergence: false });
    expect(report.failures, JSON.stringify(report.checks, null, 1)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('choosing relu in the controls shows its keys with its defaults (Adam’s absolute step 1e-3)', async () => {
    const { page, errors } = await openPage(site.browser(), `${site.url()}?D=5&d=2&runs=1&steps=200`);
    expect(await waitForSettled(page, 100_000)).toBe('ready');
    expect(await page.getByLabel('Model').inputValue()).toBe('linear');
    const state = await settleAfter(
      page,
      async () => {
        await page.getByLabel('Model').selectOption('relu');
      },
      110_000,
    );
    expect(state).toBe('ready');
    const query = new URL(page.url()).searchParams;
    expect([query.get('model'), query.get('lr'), query.get('steps'), query.get('optimizer'), query.has('data')]).toEqual([
      'relu',
      '0.001',
      '10000',
      'adam',
      false,
    ]);
    expect(await page.getByLabel('Optimiser').inputValue()).toBe('adam');
    expect(await page.getByLabel('Step size (absolute)').inputValue()).toBe('0.001');
    expect(await page.getByLabel('Dataset').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
