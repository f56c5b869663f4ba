/** The one table of models: id → implementation (src/core/models/model.ts). A new model adds a row. */
import { type LinearRecords, linearModel } from './linear/linearModel';
import type { LinearDetailOptions, LinearPointDetail } from './linear/pointDetail';
import type { Model, ModelId } from './model';
import { tiedModel } from './tied/tiedModel';

/** What any model's runs record, its point detail and that detail's options (unions as models are added). */
export type ModelRecords = LinearRecords;
export type ModelPointDetail = LinearPointDetail;
export type ModelDetailOptions = LinearDetailOptions;

const MODELS: Record<ModelId, Model<ModelRecords, ModelPointDetail, ModelDetailOptions>> = {
  linear: linearModel,
  tied: tiedModel,
};

export function modelFor(id: ModelId): Model<ModelRecords, ModelPointDetail, ModelDetailOptions> {
  return MODELS[id];
}
