/// <reference lib="webworker" />
import { computeDetail } from './detailPipeline';
import { loadDigits } from './digitsLoader';
import { computeAll } from './pipeline';
import type { DetailContext, FromWorker, Stage, ToWorker } from './protocol';
import { warmUp } from './warmUp';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const PROGRESS_INTERVAL_MS = 50;
let context: DetailContext | null = null;

/**
 * Every ArrayBuffer under `value`, to transfer rather than copy. Results never alias WebAssembly
 * memory (core copies out of it), and the worker keeps nothing it posts, so every buffer can go.
 */
function buffers(value: unknown, out = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer) out.add(value.buffer);
  } else if (Array.isArray(value)) for (const v of value) buffers(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) buffers(v, out);
  return [...out];
}

// Before the first message is handled (it waits in the queue): see warmUp.ts. Only the compute
// worker: the detail worker's first jobs are small, and its warm-up would take a core from the page.
const warmUpMs = scope.name === 'lae-compute' ? warmUp() : 0;
performance.measure('worker:warm-up', { start: performance.now() - warmUpMs, duration: warmUpMs });

scope.onmessage = async (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  const post = (out: FromWorker, transfer: Transferable[] = []) => scope.postMessage(out, transfer);
  if (m.type === 'context') {
    context = m.context;
    return;
  }
  try {
    if (m.type === 'compute') {
      let lastPost = 0;
      const progress = (stage: Stage, fraction: number) => {
        const now = performance.now();
        if (now - lastPost > PROGRESS_INTERVAL_MS || fraction === 0) {
          lastPost = now;
          post({ type: 'progress', jobId: m.jobId, stage, fraction });
        }
      };
      const digits = m.params.data === 'digits' ? (await loadDigits(m.digitsUrls, (f) => progress('download', f))).pixels : null;
      const results = computeAll(m.params, progress, { custom: m.custom, digits }, (run) => post({ type: 'run', jobId: m.jobId, ...run }));
      post({ type: 'result', jobId: m.jobId, results }, buffers(results));
    } else {
      if (!context || context.id !== m.contextId) throw new Error('the results this detail belongs to are gone');
      const detail = computeDetail(context, m.I, m.path);
      // The detail's slice and checks are small; its buffers may be views of the context's, which must stay.
      post({ type: 'detail', jobId: m.jobId, detail }, detail.hessian ? buffers(detail.hessian) : []);
    }
  } catch (e) {
    post({ type: 'error', jobId: m.jobId, message: e instanceof Error ? e.message : String(e) });
  }
};
