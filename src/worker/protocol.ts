import type { Matrix } from '../core/linalg/matrix';
import type { ExplorerParams } from '../state/urlSchema';
import type { DetailRequest, DetailResults, PathChoice } from './detailPipeline';
import type { DigitsUrls } from './digitsLoader';
import type { Results, Stage } from './pipeline';

/** What a detail job needs from the main results; sent once per results, then referenced by id. */
export type DetailContext = Omit<DetailRequest, 'I' | 'path'> & { id: number };

export type ToWorker =
  | { type: 'compute'; jobId: number; params: ExplorerParams; custom: Matrix | null; digitsUrls: DigitsUrls }
  | { type: 'context'; context: DetailContext }
  | { type: 'detail'; jobId: number; contextId: number; I: number[]; path: PathChoice | null };

export type FromWorker =
  | { type: 'progress'; jobId: number; stage: Stage; fraction: number }
  | { type: 'run'; jobId: number; run: number; step: number[]; loss: number[]; done: boolean }
  | { type: 'result'; jobId: number; results: Results }
  | { type: 'detail'; jobId: number; detail: DetailResults }
  | { type: 'error'; jobId: number; message: string };
