/**
 * Where the exact Hessian (n = 2Dd parameters) is computed: for every critical point when
 * n ≤ ALL_POINTS, for the selected point on demand when n ≤ ON_DEMAND, and never above (the page
 * then shows the closed form alone and says so).
 */
export const HESSIAN_ALL_POINTS_MAX = 64;
export const HESSIAN_ON_DEMAND_MAX = 600;

export type HessianPolicy = 'allPoints' | 'onDemand' | 'closedFormOnly';

export function hessianPolicy(D: number, d: number): HessianPolicy {
  const n = 2 * D * d;
  if (n <= HESSIAN_ALL_POINTS_MAX) return 'allPoints';
  if (n <= HESSIAN_ON_DEMAND_MAX) return 'onDemand';
  return 'closedFormOnly';
}
