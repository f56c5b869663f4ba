import type { ExplorerParams } from '../state/urlSchema';
import type { Results, Stage } from './pipeline';

export type ToWorker = { type: 'compute'; jobId: number; params: ExplorerParams };

export type FromWorker =
  | { type: 'progress'; jobId: number; stage: Stage; fraction: number }
  | { type: 'result'; jobId: number; results: Results }
  | { type: 'error'; jobId: number; message: string };
