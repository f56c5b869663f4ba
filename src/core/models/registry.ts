/** The one table of models: id → implementation (src/core/models/model.ts). A new model adds a row. */
import { type LinearRecords, linearModel } from './linear/linearModel';
import type { LinearDetailOptions, LinearPointDetail } from './linear/pointDetail';
import type { LandscapeModelId, Model, ModelId } from './model';
import { tiedModel } from './tied/tiedModel';

/** What any model's runs record, its point detail and that detail's options (unions as models are added). */
export type ModelRecords = LinearRecords;
export type ModelPointDetail = LinearPointDetail;
export type ModelDetailOptions = LinearDetailOptions;

const MODELS: Record<LandscapeModelId, Model<ModelRecords, ModelPointDetail, ModelDetailOptions>> = {
  linear: linearModel,
  tied: tiedModel,
};

/**
 * A model trained by stochastic optimisation on freshly sampled data, with no landscape over Σ of
 * its own: the page draws it against `against`'s closed form on the same data and weighting (the
 * ReLU model of Toy Models of Superposition against the linear autoencoder, docs/design.md §7).
 */
export interface SampledModel {
  readonly id: ModelId;
  readonly title: string;
  readonly against: LandscapeModelId;
}

const SAMPLED: Partial<Record<ModelId, SampledModel>> = {
  relu: { id: 'relu', title: 'ReLU model of Toy Models of Superposition x ↦ ReLU(WᵀWx + b)', against: 'linear' },
};

/** The sampled model of this id, or null for a landscape model. */
export function sampledModel(id: ModelId): SampledModel | null {
  return SAMPLED[id] ?? null;
}

/** The landscape model of the page: the model itself, or the one a sampled model is drawn against. */
export function modelFor(id: ModelId): Model<ModelRecords, ModelPointDetail, ModelDetailOptions> {
  return MODELS[SAMPLED[id]?.against ?? (id as LandscapeModelId)];
}
