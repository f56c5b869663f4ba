import type { FromWorker, ToWorker } from './protocol';

export interface JobHandlers {
  onMessage(m: Exclude<FromWorker, { type: 'error' }>): void;
  onError(message: string): void;
}

/** How long after a job ends the spare is started (the page has drawn the results by then). */
const SPARE_DELAY_MS = 2000;

/**
 * One Web Worker running the explorer's jobs. Messages carry a job id and anything from a
 * superseded job is dropped. `run` with `supersede` terminates a busy worker first (the only way
 * to stop a synchronous computation at once) and starts a fresh one; detail jobs are short and
 * simply queue behind each other, keeping the worker and its context.
 *
 * A compute worker warms itself up as it starts (warmUp.ts), so workers are started before they are needed:
 * `prestart` while the page loads, and, with `keepSpare`, a spare a little after a job has finished,
 * which takes over when the next job supersedes a busy worker (a fresh worker would start cold).
 */
export class ComputeClient {
  private worker: Worker | null = null;
  private spare: Worker | null = null;
  private busy = false;
  private current = -1;
  private lastContext: Extract<ToWorker, { type: 'context' }> | null = null;
  private spareTimer: ReturnType<typeof setTimeout> | null = null;

  /** `name` names the worker (a compute worker warms up as it starts, a detail worker does not: warmUp.ts). */
  constructor(
    private readonly name: 'lae-compute' | 'lae-detail',
    private readonly keepSpare = false,
  ) {}

  /** Starts the worker now (it warms up) instead of at the first job. */
  prestart(): void {
    if (typeof Worker !== 'undefined') this.ensureWorker();
  }

  run(message: Extract<ToWorker, { jobId: number }>, handlers: JobHandlers, supersede = true): void {
    if (this.busy && supersede) this.cancel();
    const worker = this.ensureWorker();
    this.current = message.jobId;
    this.busy = true;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.jobId !== this.current) return;
      if (m.type !== 'progress' && m.type !== 'run') {
        this.busy = false;
        if (this.keepSpare && !this.spare && this.spareTimer === null)
          // Later, not now: the page is drawing these results, and the spare's warm-up would take a core from it.
          this.spareTimer = setTimeout(() => {
            this.spareTimer = null;
            if (!this.spare) this.spare = this.spawn();
          }, SPARE_DELAY_MS);
      }
      if (m.type === 'error') handlers.onError(m.message);
      else handlers.onMessage(m);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.busy = false;
      this.worker?.terminate();
      this.worker = null;
      handlers.onError(`the computation stopped unexpectedly: ${event.message || 'worker error'}`);
    };
    worker.postMessage(message);
  }

  /** Context for later detail jobs; kept and re-sent if the worker has to be restarted. */
  setContext(message: Extract<ToWorker, { type: 'context' }>): void {
    const existed = this.worker !== null;
    this.lastContext = message;
    const worker = this.ensureWorker(); // a new worker receives lastContext as it starts
    if (existed) worker.postMessage(message);
  }

  /** Stops running work now; its results will never arrive. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.busy = false;
    this.current = -1;
  }

  private spawn(): Worker {
    return new Worker(new URL('./computeWorker.ts', import.meta.url), { type: 'module', name: this.name });
  }

  private ensureWorker(): Worker {
    if (!this.worker) {
      this.worker = this.spare ?? this.spawn();
      this.spare = null;
      if (this.lastContext) this.worker.postMessage(this.lastContext);
    }
    return this.worker;
  }
}
