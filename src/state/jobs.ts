/**
 * The store's work in the workers: the computation for a state (one worker, superseded by the next
 * state) and the on-demand detail of the focused critical point (a second worker, which keeps the
 * results it works on as its context). Results of superseded work are dropped by job id.
 */
import { DIGITS_ASSET } from '../core/data/digits';
import { ComputeClient } from '../worker/computeClient';
import type { DetailContext, Results } from '../worker/protocol';
import type { StoreAccess } from './explorerState';
import { formatValue } from './urlCodec';
import { computeParams, type ExplorerParams, type ParamKey, VIEW_KEYS } from './urlSchema';

/** The critical point the detail work is about: the selected one, else the saddle {1..d−1} next to the minimum. */
function focusPoint(params: ExplorerParams, d: number): number[] {
  return params.cp ?? Array.from({ length: Math.max(0, d - 1) }, (_, k) => k + 1);
}

/** Whether `a` needs a computation of its own, or only a new view of `b`'s results. */
export function needsCompute(a: ExplorerParams, b: ExplorerParams | null): boolean {
  if (!b) return true;
  return (Object.keys(a) as ParamKey[]).some((k) => !VIEW_KEYS.has(k) && formatValue(a[k]) !== formatValue(b[k]));
}

/** The asset URLs are resolved here: the worker resolves relative URLs against its own script. */
function digitsUrls() {
  const base = typeof document === 'undefined' ? 'http://localhost/' : document.baseURI;
  return { bin: new URL(DIGITS_ASSET.bin, base).href, manifest: new URL(DIGITS_ASSET.manifest, base).href };
}

/** What the detail worker keeps of new results, to answer later detail jobs without the main worker. */
function detailContext(id: number, r: Results): DetailContext {
  return {
    id,
    model: r.model.id,
    sigma: r.sigma,
    eigen: { D: r.D, values: r.eigenvalues, U: r.U },
    d: r.params.d,
    τ: r.diagnostics.tolerance,
    μ: r.μ,
    seed: r.params.seed,
    runs: r.trajectories.flatMap((t) => (t.records.snapshots ? [{ run: t.run, snapshots: t.records.snapshots }] : [])),
  };
}

export interface Jobs {
  /** Computes `params` (cancelling any computation still running); its results then refresh the detail. */
  start(params: ExplorerParams): void;
  /** Starts the detail job for the focused point unless its answer is already on screen. */
  refreshDetail(): void;
  /** Stops the running computation now; its results will never arrive. */
  cancel(): void;
}

export function createJobs({ get, set, update }: StoreAccess): Jobs {
  // A spare for the computations (an input supersedes a busy one); detail jobs queue instead.
  const computeClient = new ComputeClient('lae-compute', true);
  const detailClient = new ComputeClient('lae-detail');
  // Both workers start now, while the page loads, not at the first job; the compute worker warms up (warmUp.ts).
  computeClient.prestart();
  detailClient.prestart();
  let detailJobs = 0;

  const refreshDetail = () => {
    const { results, params, pathChoice } = get();
    if (!results) return;
    const I = focusPoint(params, results.params.d);
    const key = JSON.stringify([get().jobId, I, pathChoice]);
    if (key === get().detailKey) return;
    const jobId = ++detailJobs;
    update({ detailKey: key, detailRunning: true, detailError: null });
    detailClient.run(
      { type: 'detail', jobId, contextId: get().jobId, I, path: pathChoice },
      {
        onMessage: (m) => {
          if (m.type !== 'detail' || get().detailKey !== key) return;
          update({ detail: m.detail, detailRunning: false, viewVersion: get().viewVersion + 1 });
        },
        onError: (message) => {
          if (get().detailKey === key) update({ detailRunning: false, detailError: message });
        },
      },
      false,
    );
  };

  const start = (params: ExplorerParams) => {
    const jobId = get().jobId + 1;
    update({ jobId, running: true, progress: { stage: 'data', fraction: 0 }, liveRuns: [], error: null });
    const custom = params.data === 'custom' ? (get().custom?.X ?? null) : null;
    computeClient.run(
      { type: 'compute', jobId, params: computeParams(params), custom, digitsUrls: digitsUrls() },
      {
        onMessage: (m) => {
          if (m.type === 'progress') set({ progress: { stage: m.stage, fraction: m.fraction } });
          if (m.type === 'run') {
            const others = get().liveRuns.filter((r) => r.run !== m.run);
            set({ liveRuns: [...others, { run: m.run, step: m.step, loss: m.loss, done: m.done }].sort((a, b) => a.run - b.run) });
          }
          if (m.type !== 'result') return;
          detailClient.setContext({ type: 'context', context: detailContext(jobId, m.results) });
          update({
            results: m.results,
            resultsParams: params,
            resultsCustom: params.data === 'custom' ? get().custom : null,
            running: false,
            progress: null,
            pathChoice: null,
            upTo: null,
            viewVersion: get().viewVersion + 1,
          });
          refreshDetail();
        },
        onError: (message) => update({ running: false, progress: null, error: message }),
      },
    );
  };

  return { start, refreshDetail, cancel: () => computeClient.cancel() };
}
