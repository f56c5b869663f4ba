import { describe, expect, it } from 'vitest';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, adamState, adamStep, gradientDescentStep } from '../../../../src/core/models/relu/optimizers';
import { reluLossAndGradient, reluWorkspace } from '../../../../src/core/models/relu/reluLoss';

describe('optimisers on θ = [W, b] (PyTorch’s Adam; gradient descent)', () => {
  it('PyTorch’s constants: β1 = 0.9, β2 = 0.999, ε = 1e-8', () => {
    expect([ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON]).toEqual([0.9, 0.999, 1e-8]);
  });

  it('one Adam step on D = 2, d = 1, batch 2, by hand', () => {
    // θ = (W₁, W₂, b₁, b₂) = (1, 0.5, 0, −0.75), I = (1, 0.5), x₁ = (1, 0), x₂ = (0.5, 1): the
    // loss test's example, g = (0.75, 0.5, 0.5, 0). At t = 1, m = 0.1 g, v = 0.001 g², so
    // m̂ = m / 0.1 = g and v̂ = v / 0.001 = g²: each coordinate moves by lr · g / (|g| + ε), and
    // b₂ (g = 0) not at all.
    const theta = Float64Array.from([1, 0.5, 0, -0.75]);
    const ws = reluWorkspace(2, 1);
    reluLossAndGradient(theta.subarray(0, 2), theta.subarray(2), Float64Array.from([1, 0.5]), Float64Array.from([1, 0, 0.5, 1]), 2, ws);
    expect(Array.from(ws.grad)).toEqual([0.75, 0.5, 0.5, 0]);
    const state = adamState(4);
    adamStep(theta, ws.grad, state, 0.1);
    expect(state.t).toBe(1);
    const expected = [1 - (0.1 * 0.75) / (0.75 + 1e-8), 0.5 - (0.1 * 0.5) / (0.5 + 1e-8), 0 - (0.1 * 0.5) / (0.5 + 1e-8), -0.75];
    for (let i = 0; i < 4; i++) expect(theta[i]).toBeCloseTo(expected[i], 15);
    expect(theta[0]).toBeCloseTo(0.9000000013333332, 15);
    for (let i = 0; i < 4; i++) expect(state.m[i]).toBeCloseTo([0.075, 0.05, 0.05, 0][i], 15);
    for (let i = 0; i < 4; i++) expect(state.v[i]).toBeCloseTo([0.0005625, 0.00025, 0.00025, 0][i], 17);

    // Step 2 with g₂ = (−0.3, 0.15, −0.125, 0), W₁ written out:
    // m = 0.9 · 0.075 + 0.1 · (−0.3) = 0.0375, v = 0.999 · 0.0005625 + 0.001 · 0.09 = 0.0006519375,
    // m̂ = 0.0375 / (1 − 0.81) = 0.19736842105263158, v̂ = 0.0006519375 / (1 − 0.998001) = 0.326131815907954,
    // W₁ = 0.9000000013333332 − 0.1 · 0.19736842105263158 / (√0.326131815907954 + 1e-8) = 0.86543942…
    adamStep(theta, Float64Array.from([-0.3, 0.15, -0.125, 0]), state, 0.1);
    expect(state.t).toBe(2);
    expect(state.m[0]).toBeCloseTo(0.0375, 15);
    expect(state.v[0]).toBeCloseTo(0.0006519375, 15);
    expect(theta[0]).toBeCloseTo(0.9000000013333332 - (0.1 * 0.19736842105263158) / (Math.sqrt(0.326131815907954) + 1e-8), 14);
    expect(theta[0]).toBeCloseTo(0.86543942, 8);
    expect(theta[3]).toBe(-0.75);
  });

  it('Adam’s bias correction: a constant gradient moves every coordinate by lr · sign(g) per step (to ε)', () => {
    const theta = Float64Array.from([0, 0, 0]);
    const state = adamState(3);
    const g = Float64Array.from([2, -0.5, 1e3]);
    for (let t = 0; t < 5; t++) adamStep(theta, g, state, 0.01);
    for (let i = 0; i < 3; i++) expect(theta[i]).toBeCloseTo(-0.05 * Math.sign(g[i]), 8);
  });

  it('gradient descent: θ ← θ − lr · g', () => {
    const theta = Float64Array.from([1, -2, 0.5]);
    gradientDescentStep(theta, Float64Array.from([0.5, 1, -4]), 0.1);
    expect(Array.from(theta)).toEqual([1 - 0.05, -2 - 0.1, 0.5 + 0.4]);
  });
});
