import { create } from 'zustand';
import { ComputeClient } from '../worker/computeClient';
import type { Results, Stage } from '../worker/pipeline';
import { formatValue, parseUrl, serializeParams, type ParamMessage } from './urlCodec';
import type { ExplorerParams, ParamKey } from './urlSchema';

/** Keys that only change how results are shown; changing them never recomputes. */
export const VIEW_KEYS: ReadonlySet<ParamKey> = new Set<ParamKey>(['norm', 'cp', 'run', 'tour', 'present']);

/** The plots that must report "rendered" before the page is ready. */
export const PLOT_IDS = ['spectrum', 'loss', 'index', 'sigma'] as const;
export type PlotId = (typeof PLOT_IDS)[number];

export type Status = 'computing' | 'ready' | 'error';

export interface ExplorerState {
  params: ExplorerParams;
  /** Rejected input (role="alert"). */
  messages: ParamMessage[];
  /** Advisory notes about the input (role="status"). */
  notes: string[];
  /** Results shown on the page: the last good ones (kept when later work fails). */
  results: Results | null;
  /** Parameters of the results on screen. */
  resultsParams: ExplorerParams | null;
  jobId: number;
  running: boolean;
  progress: { stage: Stage; fraction: number } | null;
  error: string | null;
  /** Bumped on every change that plots must redraw for. */
  viewVersion: number;
  rendered: Partial<Record<PlotId, number>>;
  status: Status;

  /** Set one key from a control; an invalid value is rejected with a message, state kept. */
  setParam(key: ParamKey, raw: string): void;
  /** Replace the whole state from a query string (page load, presets). */
  loadQuery(search: string): void;
  cancel(): void;
  markRendered(plot: PlotId, version: number): void;
  /** A plot that could not be drawn makes the state as a whole an error. */
  plotFailed(plot: PlotId, message: string): void;
  dismissMessage(index: number): void;
}

const client = new ComputeClient();

function deriveStatus(s: Pick<ExplorerState, 'running' | 'error' | 'results' | 'viewVersion' | 'rendered'>): Status {
  if (s.running) return 'computing';
  if (s.error) return 'error';
  if (!s.results) return 'computing';
  return PLOT_IDS.every((id) => s.rendered[id] === s.viewVersion) ? 'ready' : 'computing';
}

function writeUrl(params: ExplorerParams): void {
  if (typeof window === 'undefined') return;
  const url = `${window.location.pathname}${serializeParams(params)}${window.location.hash}`;
  window.history.replaceState(null, '', url);
}

function needsCompute(a: ExplorerParams, b: ExplorerParams | null): boolean {
  if (!b) return true;
  return (Object.keys(a) as ParamKey[]).some((k) => !VIEW_KEYS.has(k) && formatValue(a[k]) !== formatValue(b[k]));
}

export const useExplorer = create<ExplorerState>()((set, get) => {
  const update = (patch: Partial<ExplorerState>) => {
    set(patch);
    set({ status: deriveStatus(get()) });
  };

  const start = (params: ExplorerParams) => {
    const jobId = get().jobId + 1;
    update({ jobId, running: true, progress: { stage: 'data', fraction: 0 }, error: null });
    client.run(jobId, params, {
      onProgress: (stage, fraction) => set({ progress: { stage, fraction } }),
      onResult: (results) => {
        update({
          results,
          resultsParams: params,
          running: false,
          progress: null,
          viewVersion: get().viewVersion + 1,
        });
      },
      onError: (message) => update({ running: false, progress: null, error: message }),
    });
  };

  const apply = (params: ExplorerParams, messages: ParamMessage[], notes: string[]) => {
    const previous = get().resultsParams;
    writeUrl(params);
    update({ params, messages, notes, viewVersion: get().viewVersion + 1 });
    if (needsCompute(params, previous) || get().error) start(params);
  };

  return {
    params: parseUrl('').params,
    messages: [],
    notes: [],
    results: null,
    resultsParams: null,
    jobId: 0,
    running: false,
    progress: null,
    error: null,
    viewVersion: 0,
    rendered: {},
    status: 'computing',

    loadQuery(search) {
      const { params, messages, notes } = parseUrl(search);
      apply(params, messages, notes);
    },

    setParam(key, raw) {
      const current = get().params;
      const query = new URLSearchParams(serializeParams(current));
      if (raw === '') query.delete(key);
      else query.set(key, raw);
      const parsed = parseUrl(query.toString());
      const rejected = parsed.messages.find((m) => m.key === key);
      if (rejected) {
        // Keep the previous good state; say what was refused.
        update({ messages: [{ ...rejected, used: formatValue(current[key]) }] });
        return;
      }
      apply(parsed.params, parsed.messages, parsed.notes);
    },

    cancel() {
      if (!get().running) return;
      client.cancel();
      const previous = get().resultsParams;
      if (previous) {
        // Cancelling returns to the state whose results are on screen, so page and URL agree.
        writeUrl(previous);
        update({
          params: previous,
          running: false,
          progress: null,
          notes: ['The computation was cancelled; showing the previous state again.'],
          viewVersion: get().viewVersion + 1,
        });
      } else update({ running: false, progress: null, error: 'The computation was cancelled before any result.' });
    },

    markRendered(plot, version) {
      if (version !== get().viewVersion) return;
      update({ rendered: { ...get().rendered, [plot]: version } });
    },

    plotFailed(plot, message) {
      update({ error: `The ${plot} plot could not be drawn: ${message}` });
    },

    dismissMessage(index) {
      update({ messages: get().messages.filter((_, i) => i !== index) });
    },
  };
});

/** Mirror the status onto <html data-status> for people and scripts waiting for the page. */
export function bindReadySignal(): void {
  const apply = (s: Status) => document.documentElement.setAttribute('data-status', s);
  apply(useExplorer.getState().status);
  useExplorer.subscribe((state, prev) => {
    if (state.status !== prev.status) apply(state.status);
  });
}
