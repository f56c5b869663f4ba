/// <reference lib="webworker" />

import { tableTransferables } from '../core/landscape/criticalPointTable';
import { computeDetail, type DetailResults } from './detailPipeline';
import { loadDigits } from './digitsLoader';
import { computeAll, type Results, type Stage } from './pipeline';
import type { DetailContext, FromWorker, ToWorker } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const PROGRESS_INTERVAL_MS = 50;
let context: DetailContext | null = null;

function collect(buffers: Set<ArrayBuffer>, a: { buffer: ArrayBufferLike } | null | undefined): void {
  if (a && a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
}

/** Every ArrayBuffer in the results, transferred rather than copied. */
function resultBuffers(r: Results): ArrayBuffer[] {
  const b = new Set<ArrayBuffer>();
  for (const a of [r.X?.data, r.sigma.data, r.U.data, r.eigenvalues, r.order]) collect(b, a);
  for (const buffer of tableTransferables(r.table)) b.add(buffer);
  for (const h of r.hessians ?? []) for (const a of [h.eigenvalues, h.A.data, h.B.data]) collect(b, a);
  for (const t of r.trajectories) {
    for (const a of [t.A0.data, t.B0.data, t.final?.A.data, t.final?.B.data, t.initialStrength]) collect(b, a);
    for (const a of [...t.learned, ...t.angles]) collect(b, a);
  }
  // Snapshots are copied, not transferred: the main thread sends them back as the detail context.
  return [...b];
}

function detailBuffers(r: DetailResults): ArrayBuffer[] {
  const b = new Set<ArrayBuffer>();
  if (r.hessian) for (const a of [r.hessian.eigenvalues, r.hessian.A.data, r.hessian.B.data]) collect(b, a);
  return [...b];
}

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
      post({ type: 'result', jobId: m.jobId, results }, resultBuffers(results));
    } else {
      if (!context || context.id !== m.contextId) throw new Error('the results this detail belongs to are gone');
      const detail = computeDetail({ ...context, I: m.I, path: m.path });
      post({ type: 'detail', jobId: m.jobId, detail }, detailBuffers(detail));
    }
  } catch (e) {
    post({ type: 'error', jobId: m.jobId, message: e instanceof Error ? e.message : String(e) });
  }
};
