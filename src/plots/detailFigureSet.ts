import type { Matrix } from '../core/linalg/matrix';
import { type ParameterBlock, unpackBlocks } from '../core/models/model';
import type { DetailResults } from '../worker/protocol';
import { hessianFigure, pathFigure, representativeFigure, wMatrixFigure } from './detailFigures';
import type { Figure } from './types';

/** The linear model's (A, B) side by side. */
const representative = ({ A, B }: Record<string, Matrix>) => representativeFigure(A, B);

/** The detail panel's figures for one selected point. */
export function detailFigures(
  detail: DetailResults,
  blocks: ParameterBlock[],
  τ: number,
  scale: number,
): { w: Figure; hessian: Figure | null; path: Figure | null; representative: Figure | null } {
  return {
    w: wMatrixFigure(detail.W, detail.I),
    hessian: detail.hessian ? hessianFigure(detail, τ) : null,
    path: detail.path ? pathFigure(detail, scale) : null,
    representative: detail.hessian ? representative(unpackBlocks(blocks, detail.hessian.theta)) : null,
  };
}
