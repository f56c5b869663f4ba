import type { Matrix } from '../core/linalg/matrix';
import type { DetailResults } from '../worker/detailPipeline';
import { hessianFigure, pathFigure, representativeFigure, wMatrixFigure } from './detailFigures';
import type { Figure } from './types';

/** The detail panel's figures for one selected point. */
export function detailFigures(
  detail: DetailResults,
  W: Matrix,
  τ: number,
  scale: number,
): { w: Figure; hessian: Figure | null; path: Figure | null; representative: Figure | null } {
  return {
    w: wMatrixFigure(W, detail.I),
    hessian: detail.hessian ? hessianFigure(detail, τ) : null,
    path: detail.path ? pathFigure(detail, scale) : null,
    representative: detail.hessian ? representativeFigure(detail.hessian.A, detail.hessian.B) : null,
  };
}
