/**
 * The numpy reference checks itself: tests/reference/test_relu_export.py builds ReLU exports in
 * numpy and holds that check_export.py passes a right one and fails each perturbed number
 * (sampleLoss, both linear baselines, feature norms), so a checker that cannot fail is caught.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('the numpy reference’s self-test', () => {
  it('test_relu_export.py passes the right export and fails the perturbed ones', () => {
    const out = execFileSync(process.env.PYTHON ?? 'python3', ['tests/reference/test_relu_export.py'], { encoding: 'utf8' });
    expect(out.trim().split('\n').at(-1)).toBe('OK');
    expect(out).toMatch(/exit 1/);
  });
});
