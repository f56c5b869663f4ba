/**
 * On-demand work for one selected critical point, generic over the model: its loss and closed-form
 * inertia, the exact Hessian at a representative in a random gauge (where the model's Hessian scope
 * allows) with its inertia against the closed form, and the model's own detail (the linear model:
 * W_I, Proposition-1 residuals, descent directions, a path to a neighbour, the slice). Pure, like
 * pipeline.ts.
 */
import { inertiaFromEigenvalues, symmetricEigenvalues } from '../core/landscape/inertia';
import type { ClosedFormCriticalSet, Landscape, Model } from '../core/models/model';
import { modelFor } from '../core/models/registry';
import { createRng, streamForGauge } from '../core/random/random';
import type { DetailContext, DetailResults, HessianResult, PathChoice } from './protocol';

function closedFormSet(model: Model): ClosedFormCriticalSet {
  if (!model.criticalSet) throw new Error(`the ${model.title} has no closed-form critical set`);
  return model.criticalSet;
}

/** Critical point I's representative in its own random gauge: stream (seed, streamForGauge(I)), docs/design.md §3. */
function gaugedRepresentative(set: ClosedFormCriticalSet, land: Landscape, I: number[], seed: number): Float64Array {
  return set.representative(land, I, createRng(seed, streamForGauge(I)));
}

/** The exact Hessian at a random-gauge representative of I (1-based), its eigenvalues and inertia against the closed form. */
export function hessianAt(model: Model, land: Landscape, I: number[], seed: number): HessianResult {
  const set = closedFormSet(model);
  const theta = gaugedRepresentative(set, land, I, seed);
  const eigenvalues = symmetricEigenvalues(model.hessian(land, theta));
  const counts = inertiaFromEigenvalues(eigenvalues, land.τ);
  const closed = set.inertia(land, I);
  const agrees = counts.negative === closed.index && counts.zero === closed.zeros && counts.positive === closed.positive;
  return { ...counts, eigenvalues, theta, agrees };
}

export function computeDetail(context: DetailContext, I: number[], path: PathChoice | null): DetailResults {
  const model = modelFor(context.model);
  const set = closedFormSet(model);
  const land: Landscape = { sigma: context.sigma, eigen: context.eigen, d: context.d, τ: context.τ, μ: context.μ };
  const hessian = model.hessianScope(land.eigen.D, land.d) === 'closedFormOnly' ? null : hessianAt(model, land, I, context.seed);
  const θ = hessian?.theta ?? gaugedRepresentative(set, land, I, context.seed);
  return {
    I,
    loss: set.loss(land, I),
    closed: set.inertia(land, I),
    hessian,
    gauge: set.gauge(land),
    ...model.pointDetail(land, I, θ, { path, runs: context.runs }),
  };
}
