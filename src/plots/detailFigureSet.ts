import type { Matrix } from '../core/linalg/matrix';
import { namedMatrices } from '../core/models/model';
import type { DetailResults, ModelSummary } from '../worker/protocol';
import { hessianFigure, pathFigure, representativeFigure, wMatrixFigure } from './detailFigures';
import type { Figure } from './types';

/** The representative's A and B side by side (the tied model's A = Bᵀ among them, docs/design.md §5). */
const representative = ({ A, B }: Record<string, Matrix>, title: string) => representativeFigure(A, B, title);

/** The detail panel's figures for one selected point. */
export function detailFigures(
  detail: DetailResults,
  model: ModelSummary,
  τ: number,
  scale: number,
  points: 'sets' | 'assignments',
): { w: Figure; hessian: Figure | null; path: Figure | null; representative: Figure | null } {
  return {
    // Proposition 1's checks exist exactly for the seed's maths (pointDetail.ts), where W is the projection W_I.
    w: wMatrixFigure(detail.W, detail.I, points, detail.checks !== null),
    hessian: detail.hessian ? hessianFigure(detail, τ) : null,
    path: detail.path ? pathFigure(detail, scale) : null,
    representative: detail.hessian ? representative(namedMatrices(model.blocks, model.transposes, detail.hessian.theta), detail.gauge) : null,
  };
}
