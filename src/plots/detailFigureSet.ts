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
): { w: Figure; hessian: Figure | null; path: Figure | null; representative: Figure | null } {
  return {
    w: wMatrixFigure(detail.W, detail.I),
    hessian: detail.hessian ? hessianFigure(detail, τ) : null,
    path: detail.path ? pathFigure(detail, scale) : null,
    representative: detail.hessian ? representative(namedMatrices(model.blocks, model.transposes, detail.hessian.theta), detail.gauge) : null,
  };
}
