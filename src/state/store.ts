/**
 * The one store (zustand): the state of explorerState.ts and its actions. Inputs are parsed by the
 * URL codec, written to the URL (urlWriter.ts) and computed by the workers (jobs.ts); uploads are
 * uploads.ts's; the status is the ready signal's (readySignal.ts).
 */
import { create } from 'zustand';
import type { ExplorerState, StoreAccess } from './explorerState';
import { createJobs, needsCompute } from './jobs';
import { bindReadySignal as bind, deriveStatus } from './readySignal';
import { loadSpectrumCheck, spectrumCheck } from './spectrumCheck';
import { acceptUpload, customDataAtLoad } from './uploads';
import { formatValue, type ParamMessage, parseUrl, queryNeedsSpectrumCheck, serializeParams } from './urlCodec';
import { type ExplorerParams, URL_SCHEMA } from './urlSchema';
import { writeUrl } from './urlWriter';

export type { PlotId } from './explorerState';

export const useExplorer = create<ExplorerState>()((set, get) => {
  // One set per change: the patch and the status derived from the state it makes.
  const update = (patch: Partial<ExplorerState>) => set((s) => ({ ...patch, status: deriveStatus({ ...s, ...patch }) }));
  const access: StoreAccess = { get, set, update };
  const jobs = createJobs(access);

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

  /** An accepted input: the new state into the URL and the page; computed unless only the view changed. */
  const apply = (params: ExplorerParams, messages: ParamMessage[], notes: string[], force = false) => {
    const previous = get().resultsParams;
    const cpChanged = formatValue(params.cp) !== formatValue(get().params.cp);
    writeUrl(params);
    update({ params, messages, notes, inputs: get().inputs + 1, viewVersion: get().viewVersion + 1, ...(cpChanged ? { pathChoice: null } : {}) });
    if (force || needsCompute(params, previous) || get().error) jobs.start(params);
    else jobs.refreshDetail();
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
    resultsCustom: null,
    dataError: null,
    viewVersion: 0,
    plots: {},
    status: 'computing',
    inputs: 0,
    reveal: null,
    upTo: null,

    loadQuery(search) {
      withSpectrumCheck(search, () => {
        const { params, messages, notes } = parse(search);
        apply(params, messages, notes);
      });
    },

    async init(search, hash) {
      const loaded = await customDataAtLoad(search, hash);
      if (loaded.custom) set({ custom: loaded.custom });
      if (loaded.dataError) set({ dataError: loaded.dataError });
      await new Promise<void>((ready) => withSpectrumCheck(search, ready));
      const { params, messages, notes } = parse(search);
      apply(params, messages, [...notes, ...loaded.notes]);
    },

    async setCustomData(text, name) {
      const upload = await acceptUpload(text, name, window.location.hash);
      if (!upload.ok) {
        update({ dataError: upload.dataError });
        return;
      }
      set({ custom: upload.custom, dataError: null });
      const query = new URLSearchParams(serializeParams(get().params));
      query.set('data', 'custom');
      const { params, messages, notes } = parse(query.toString());
      writeUrl(params, upload.hash);
      apply(params, messages, upload.note ? [...notes, upload.note] : notes, true);
    },

    setParam(key, raw) {
      const queryWith = (params: ExplorerParams) => {
        const query = new URLSearchParams(serializeParams(params));
        if (raw === '') query.delete(key);
        else query.set(key, raw);
        // A new model starts from its own defaults where they differ (lr, steps: urlSchema's modelDefault).
        if (key === 'model' && raw !== params.model) for (const spec of URL_SCHEMA) if (spec.modelDefault) query.delete(spec.key);
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
      jobs.cancel();
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

    setUpTo(step) {
      // Not counted as an input and not a new view version: no plot redraws for it (the overlays do).
      if (step !== get().upTo) set({ upTo: step });
    },

    select(key, raw) {
      set({ reveal: raw === '' ? null : key });
      get().setParam(key, raw);
    },

    revealed() {
      if (get().reveal !== null) set({ reveal: null });
    },

    setPathChoice(choice) {
      update({ pathChoice: choice, inputs: get().inputs + 1 });
      jobs.refreshDetail();
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

/** <html data-status> and data-inputs follow the store (readySignal.ts). */
export function bindReadySignal(): void {
  bind(useExplorer);
}
