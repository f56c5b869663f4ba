import type { ViewOptions } from './types';

/** The `norm` key: losses are sums over samples; "mean" divides by T for display only. */
export function lossScale(params: Pick<ViewOptions, 'norm'>, T: number): number {
  return params.norm === 'mean' ? 1 / T : 1;
}

export function lossLabel(params: Pick<ViewOptions, 'norm'>): string {
  return params.norm === 'mean' ? 'loss (mean over samples)' : 'loss (sum over samples)';
}
