import { create } from 'zustand';
import { parseCsv } from '../core/data/csv';
import { DIGITS_ASSET } from '../core/data/digits';
import { ComputeClient } from '../worker/computeClient';
import type { DetailResults, PathChoice } from '../worker/detailPipeline';
import type { Results, Stage } from '../worker/pipeline';
import { decodeFragment, encodeFragment } from './customDataFragment';
import { loadCustomData, type StoredCustomData, saveCustomData } from './customDataStore';
import { loadSpectrumCheck, spectrumCheck } from './spectrumCheck';
import { formatValue, type ParamMessage, parseUrl, queryNeedsSpectrumCheck, serializeParams } from './urlCodec';
import type { ExplorerParams, ParamKey } from './urlSchema';

/** Keys that only change how results are shown; changing them never recomputes the results. */
export const VIEW_KEYS: ReadonlySet<ParamKey> = new Set<ParamKey>(['norm', 'cp', 'run', 'tour', 'present']);

/** Plots always on the page once there are results; others (the detail panel's) register when mounted. */
export const BASE_PLOTS = ['spectrum', 'loss', 'index', 'sigma', 'contour', 'modes', 'anatomy'] as const;
export type PlotId = (typeof BASE_PLOTS)[number] | 'wMatrix' | 'representative' | 'hessian' | 'path' | 'histogram';

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
  /** Each run's loss curve so far while the job trains (a running run's is replaced as it grows). */
  liveRuns: { run: number; step: number[]; loss: number[]; done: boolean }[];
  error: string | null;
  /** On-demand work for the focused critical point (the selected one, or the default saddle). */
  detail: DetailResults | null;
  detailKey: string | null;
  detailRunning: boolean;
  detailError: string | null;
  /** The path drawn from the selected point (null: the steepest descent direction). */
  pathChoice: PathChoice | null;
  /** Uploaded or pasted data (data=custom), kept in IndexedDB and, when small, in the URL fragment. */
  custom: StoredCustomData | null;
  /** Why the last upload was refused (the previous data stays). */
  dataError: string | null;
  /** Bumped on every change that plots must redraw for. */
  viewVersion: number;
  /** Mounted plots and the view version each last drew. */
  plots: Partial<Record<PlotId, number>>;
  status: Status;
  /**
   * How many inputs (a URL, a control, a preset, an upload, a cancel) have been applied so far; on
   * <html data-inputs>, so that a script can wait for the work of its own input (ready signal).
   */
  inputs: number;

  /** Set one key from a control; an invalid value is rejected with a message, state kept. */
  setParam(key: ParamKey, raw: string): void;
  /** Replace the whole state from a query string (page load, presets). */
  loadQuery(search: string): void;
  /** Page load: custom data from the fragment or IndexedDB first, then the query. */
  init(search: string, hash: string): Promise<void>;
  /** Parse an uploaded or pasted table; on success it becomes data=custom, else dataError says why. */
  setCustomData(text: string, name: string): Promise<void>;
  cancel(): void;
  setPathChoice(choice: PathChoice | null): void;
  registerPlot(plot: PlotId): void;
  unregisterPlot(plot: PlotId): void;
  markRendered(plot: PlotId, version: number): void;
  /** A plot that could not be drawn makes the state as a whole an error. */
  plotFailed(plot: PlotId, message: string): void;
  /** A panel that threw while rendering (caught by its boundary). */
  panelFailed(panel: string, message: string): void;
  dismissMessage(index: number): void;
}

const computeClient = new ComputeClient();
const detailClient = new ComputeClient();
let detailJobs = 0;

type StatusInputs = Pick<ExplorerState, 'running' | 'detailRunning' | 'error' | 'results' | 'viewVersion' | 'plots'>;

function deriveStatus(s: StatusInputs): Status {
  if (s.running || s.detailRunning) return 'computing';
  if (s.error) return 'error';
  if (!s.results) return 'computing';
  const drawn = (v: number | undefined) => v === s.viewVersion;
  return BASE_PLOTS.every((id) => drawn(s.plots[id])) && Object.values(s.plots).every(drawn) ? 'ready' : 'computing';
}

function writeUrl(params: ExplorerParams, hash = typeof window === 'undefined' ? '' : window.location.hash): void {
  if (typeof window === 'undefined') return;
  window.history.replaceState(null, '', `${window.location.pathname}${serializeParams(params)}${hash}`);
}

/** The asset URLs are resolved here: the worker resolves relative URLs against its own script. */
function digitsUrls() {
  const base = typeof document === 'undefined' ? 'http://localhost/' : document.baseURI;
  return { bin: new URL(DIGITS_ASSET.bin, base).href, manifest: new URL(DIGITS_ASSET.manifest, base).href };
}

/** The fragment without any data= part. */
function hashWithoutData(hash: string): string {
  const rest = hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part && !part.startsWith('data='));
  return rest.length ? `#${rest.join('&')}` : '';
}

function needsCompute(a: ExplorerParams, b: ExplorerParams | null): boolean {
  if (!b) return true;
  return (Object.keys(a) as ParamKey[]).some((k) => !VIEW_KEYS.has(k) && formatValue(a[k]) !== formatValue(b[k]));
}

/** The critical point the detail work is about: the selected one, else the saddle {1..d−1} next to the minimum. */
export function focusPoint(params: ExplorerParams, d: number): number[] {
  return params.cp ?? Array.from({ length: Math.max(0, d - 1) }, (_, k) => k + 1);
}

export const useExplorer = create<ExplorerState>()((set, get) => {
  const update = (patch: Partial<ExplorerState>) => {
    set(patch);
    set({ status: deriveStatus(get()) });
  };

  /** Starts the detail job for the focused point unless its answer is already on screen. */
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
    computeClient.run(
      { type: 'compute', jobId, params, custom: params.data === 'custom' ? (get().custom?.X ?? null) : null, digitsUrls: digitsUrls() },
      {
        onMessage: (m) => {
          if (m.type === 'progress') set({ progress: { stage: m.stage, fraction: m.fraction } });
          if (m.type === 'run')
            set({
              liveRuns: [...get().liveRuns.filter((r) => r.run !== m.run), { run: m.run, step: m.step, loss: m.loss, done: m.done }].sort(
                (a, b) => a.run - b.run,
              ),
            });
          if (m.type !== 'result') return;
          const r = m.results;
          detailClient.setContext({
            type: 'context',
            context: {
              id: jobId,
              sigma: r.sigma,
              eigen: { D: r.D, values: r.eigenvalues, U: r.U },
              d: r.params.d,
              τ: r.diagnostics.tolerance,
              seed: r.params.seed,
              runs: r.trajectories.flatMap((t) => (t.snapshots ? [{ run: t.run, snapshots: t.snapshots }] : [])),
            },
          });
          update({ results: r, resultsParams: params, running: false, progress: null, pathChoice: null, viewVersion: get().viewVersion + 1 });
          refreshDetail();
        },
        onError: (message) => update({ running: false, progress: null, error: message }),
      },
    );
  };

  const parse = (search: string) => parseUrl(search, { custom: get().custom?.X ?? null, evaluateSpectrum: spectrumCheck() });
  /**
   * Runs `then` once the spectrum checker is loaded if `search` carries a spectrum other than the
   * default (at once otherwise). A failed load leaves the checker missing: parsing then refuses the
   * expression with a message and keeps the default.
   */
  const withSpectrumCheck = (search: string, then: () => void): void => {
    if (!queryNeedsSpectrumCheck(search) || spectrumCheck()) then();
    else loadSpectrumCheck().then(then, then);
  };

  const apply = (params: ExplorerParams, messages: ParamMessage[], notes: string[], force = false) => {
    const previous = get().resultsParams;
    const cpChanged = formatValue(params.cp) !== formatValue(get().params.cp);
    writeUrl(params);
    update({ params, messages, notes, inputs: get().inputs + 1, viewVersion: get().viewVersion + 1, ...(cpChanged ? { pathChoice: null } : {}) });
    if (force || needsCompute(params, previous) || get().error) start(params);
    else refreshDetail();
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
    liveRuns: [],
    error: null,
    detail: null,
    detailKey: null,
    detailRunning: false,
    detailError: null,
    pathChoice: null,
    custom: null,
    dataError: null,
    viewVersion: 0,
    plots: {},
    status: 'computing',
    inputs: 0,

    loadQuery(search) {
      withSpectrumCheck(search, () => {
        const { params, messages, notes } = parse(search);
        apply(params, messages, notes);
      });
    },

    async init(search, hash) {
      const decoded = await decodeFragment(hash);
      const extra: string[] = [];
      if (decoded?.ok) {
        const custom = { X: decoded.X, name: 'data from the link', header: null };
        set({ custom });
        saveCustomData(custom).catch(() => undefined);
      } else {
        if (decoded && !decoded.ok) set({ dataError: decoded.message });
        if (new URLSearchParams(search).get('data') === 'custom') {
          const stored = await loadCustomData().catch(() => null);
          if (stored) set({ custom: stored });
          else extra.push('This link asks for uploaded data, but none is stored in this browser and the link does not carry it: upload or paste a CSV table.');
        }
      }
      await new Promise<void>((ready) => withSpectrumCheck(search, ready));
      const { params, messages, notes } = parse(search);
      apply(params, messages, [...notes, ...extra]);
    },

    async setCustomData(text, name) {
      const parsed = parseCsv(text);
      if (!parsed.ok) {
        update({ dataError: `${name}: ${parsed.message}` });
        return;
      }
      if (parsed.X.cols > 1024) {
        update({ dataError: `${name}: ${parsed.X.cols} columns; D may be at most 1024` });
        return;
      }
      const custom = { X: parsed.X, name, header: parsed.header };
      let note: string | null = null;
      try {
        await saveCustomData(custom);
      } catch (e) {
        note = `The data could not be stored in this browser (${(e as Error).message}); it will not survive a reload.`;
      }
      const fragment = await encodeFragment(parsed.X);
      const hash = fragment
        ? `${hashWithoutData(window.location.hash)}${hashWithoutData(window.location.hash) ? '&' : '#'}${fragment.replace(/^#/, '')}`
        : hashWithoutData(window.location.hash);
      if (!fragment)
        note ??= `This table has ${parsed.X.rows * parsed.X.cols} numbers, more than the 2,000 a link can carry: a copied link reopens it only in this browser.`;
      set({ custom, dataError: null });
      const query = new URLSearchParams(serializeParams(get().params));
      query.set('data', 'custom');
      const { params, messages, notes } = parse(query.toString());
      writeUrl(params, hash);
      apply(params, messages, note ? [...notes, note] : notes, true);
    },

    setParam(key, raw) {
      const queryWith = (params: ExplorerParams) => {
        const query = new URLSearchParams(serializeParams(params));
        if (raw === '') query.delete(key);
        else query.set(key, raw);
        return query.toString();
      };
      // The state is read again once the checker is in: another change may have come meanwhile.
      withSpectrumCheck(queryWith(get().params), () => {
        const current = get().params;
        const parsed = parse(queryWith(current));
        const rejected = parsed.messages.find((m) => m.key === key);
        if (rejected) {
          // Keep the previous good state; say what was refused.
          update({ messages: [{ ...rejected, used: formatValue(current[key]) }] });
          return;
        }
        apply(parsed.params, parsed.messages, parsed.notes);
      });
    },

    cancel() {
      if (!get().running) return;
      computeClient.cancel();
      const previous = get().resultsParams;
      if (previous) {
        // Cancelling returns to the state whose results are on screen, so page and URL agree.
        writeUrl(previous);
        update({
          params: previous,
          inputs: get().inputs + 1,
          running: false,
          progress: null,
          notes: ['The computation was cancelled; showing the previous state again.'],
          viewVersion: get().viewVersion + 1,
        });
      } else update({ inputs: get().inputs + 1, running: false, progress: null, error: 'The computation was cancelled before any result.' });
    },

    setPathChoice(choice) {
      update({ pathChoice: choice, inputs: get().inputs + 1 });
      refreshDetail();
    },

    registerPlot(plot) {
      update({ plots: { ...get().plots, [plot]: -1 } });
    },

    unregisterPlot(plot) {
      const plots = { ...get().plots };
      delete plots[plot];
      update({ plots });
    },

    markRendered(plot, version) {
      if (version !== get().viewVersion || !(plot in get().plots)) return;
      update({ plots: { ...get().plots, [plot]: version } });
    },

    plotFailed(plot, message) {
      update({ error: `The ${plot} plot could not be drawn: ${message}` });
    },

    panelFailed(panel, message) {
      update({ error: `The ${panel} panel failed: ${message}` });
    },

    dismissMessage(index) {
      update({ messages: get().messages.filter((_, i) => i !== index) });
    },
  };
});

/**
 * Mirror the status onto <html data-status> for people and scripts waiting for the page, and the
 * count of applied inputs onto data-inputs (set first, so the two never disagree in between).
 */
export function bindReadySignal(): void {
  const root = document.documentElement;
  const apply = (s: ExplorerState) => {
    root.setAttribute('data-inputs', String(s.inputs));
    root.setAttribute('data-status', s.status);
  };
  apply(useExplorer.getState());
  useExplorer.subscribe((state, prev) => {
    if (state.status !== prev.status || state.inputs !== prev.inputs) apply(state);
  });
}
