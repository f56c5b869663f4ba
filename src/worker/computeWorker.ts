/// <reference lib="webworker" />
import { computeAll, type Results } from './pipeline';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const PROGRESS_INTERVAL_MS = 50;

/** Every ArrayBuffer in the results, transferred rather than copied. */
function transferables(r: Results): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: { buffer: ArrayBufferLike } | null | undefined) => {
    if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  };
  add(r.X?.data);
  add(r.sigma.data);
  add(r.U.data);
  add(r.eigenvalues);
  for (const t of r.trajectories) {
    add(t.A0.data);
    add(t.B0.data);
    add(t.final?.A.data);
    add(t.final?.B.data);
    for (const l of t.learned) add(l);
  }
  return [...buffers];
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const { jobId, params } = event.data;
  let lastPost = 0;
  const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
  try {
    const results = computeAll(params, (stage, fraction) => {
      const now = performance.now();
      if (now - lastPost > PROGRESS_INTERVAL_MS || fraction === 0) {
        lastPost = now;
        post({ type: 'progress', jobId, stage, fraction });
      }
    });
    post({ type: 'result', jobId, results }, transferables(results));
  } catch (e) {
    post({ type: 'error', jobId, message: e instanceof Error ? e.message : String(e) });
  }
};
