/**
 * The ReLU model's URL (docs/design.md §7): its own defaults for lr (an absolute Adam step), steps
 * and the loss unit; the dataset, decay, initial-weight and finder keys neither read nor written;
 * its optimiser, batch and phase keys written only for it; D up to 200; the work limit in its own
 * units (runs · steps · batch · D · d); and the store's model switch resets the per-model keys.
 */
import { describe, expect, it } from 'vitest';
import { parseUrl, serializeParams } from '../../src/state/urlCodec';
import { defaultParams } from '../../src/state/urlSchema';

describe('model=relu in the URL', () => {
  it('reads lr as Adam’s absolute step (default 1e-3), steps default 10⁴, losses as means', () => {
    const { params, messages } = parseUrl('?model=relu');
    expect(messages).toEqual([]);
    expect([params.lr, params.steps, params.norm, params.optimizer, params.batch, params.phase]).toEqual([1e-3, 10_000, 'mean', 'adam', 1024, false]);
    // The linear model keeps its own defaults.
    const linear = parseUrl('?model=linear').params;
    expect([linear.lr, linear.steps, linear.norm]).toEqual([0.2, 1000, 'sum']);
    expect(defaultParams().lr).toBe(0.2);
  });

  it('writes the keys that apply to it, and none of the dataset’s, decay’s, initial weights’ or finders’', () => {
    const { params } = parseUrl('?model=relu&D=5&d=2&sparsity=0.95&importance=0.9&runs=3&data=iris&wd=0.3&finders=gnm&init=0.5&center=1');
    const query = new URLSearchParams(serializeParams(params));
    expect([...query.keys()]).toEqual([
      'v',
      'model',
      'D',
      'd',
      'seed',
      'sparsity',
      'importance',
      'lr',
      'steps',
      'runs',
      'optimizer',
      'batch',
      'phase',
      'norm',
      'fullRank',
    ]);
    // iris would fix D = 4: not for relu, which samples its own features.
    expect(params.D).toBe(5);
    // The round trip is the same state.
    expect(parseUrl(serializeParams(params)).params).toMatchObject({ model: 'relu', D: 5, d: 2, sparsity: 0.95, importance: 0.9, runs: 3, lr: 1e-3 });
    // And the linear model's URL never gains the ReLU keys.
    expect(serializeParams(defaultParams())).not.toMatch(/optimizer|batch|phase/);
  });

  it('bounds D by 200 for relu and refuses a bad optimiser or batch with a message, keeping the default', () => {
    expect(parseUrl('?model=relu&D=500').messages.map((m) => m.key)).toEqual(['D']);
    expect(parseUrl('?D=500').messages).toEqual([]);
    const bad = parseUrl('?model=relu&optimizer=sgd&batch=0');
    expect(bad.messages.map((m) => [m.key, m.used])).toEqual([
      ['optimizer', 'adam'],
      ['batch', '1024'],
    ]);
  });

  it('limits runs · steps · batch · D · d, reducing steps with a message that says so', () => {
    const { params, messages } = parseUrl('?model=relu&D=100&d=50&runs=4&steps=100000&batch=4096');
    const m = messages.find((x) => x.key === 'steps');
    expect(m?.reason).toMatch(/runs · steps · batch · D · d may be at most 1\.2e\+9 for relu/);
    expect(params.runs * params.steps * params.batch * params.D * params.d).toBeLessThanOrEqual(1.2e9);
    expect(params.steps).toBeGreaterThan(0);
  });
});
