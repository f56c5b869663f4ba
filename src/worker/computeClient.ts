import type { ExplorerParams } from '../state/urlSchema';
import type { Results, Stage } from './pipeline';
import type { FromWorker } from './protocol';

export interface JobHandlers {
  onProgress(stage: Stage, fraction: number): void;
  onResult(results: Results): void;
  onError(message: string): void;
}

/**
 * Runs one job at a time in a Web Worker. Starting a job while another runs terminates the
 * worker (the only way to stop a synchronous computation at once) and starts a fresh one;
 * messages carry the job id, so anything from superseded work is dropped.
 */
export class ComputeClient {
  private worker: Worker | null = null;
  private busy = false;
  private current = 0;

  run(jobId: number, params: ExplorerParams, handlers: JobHandlers): void {
    if (this.busy) this.cancel();
    const worker = this.ensureWorker();
    this.current = jobId;
    this.busy = true;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.jobId !== this.current) return;
      if (m.type === 'progress') handlers.onProgress(m.stage, m.fraction);
      else {
        this.busy = false;
        if (m.type === 'result') handlers.onResult(m.results);
        else handlers.onError(m.message);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.busy = false;
      this.worker?.terminate();
      this.worker = null;
      handlers.onError(`the computation stopped unexpectedly: ${event.message || 'worker error'}`);
    };
    worker.postMessage({ type: 'compute', jobId, params });
  }

  /** Stops running work now; its results will never arrive. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.busy = false;
    this.current = -1;
  }

  private ensureWorker(): Worker {
    if (!this.worker) this.worker = new Worker(new URL('./computeWorker.ts', import.meta.url), { type: 'module', name: 'lae-compute' });
    return this.worker;
  }
}
