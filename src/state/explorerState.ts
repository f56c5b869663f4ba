/** The shape of the one store (store.ts): the state, its actions, and the plots the ready signal waits for. */
import type { DetailResults, PathChoice, Results, Stage } from '../worker/protocol';
import type { StoredCustomData } from './customDataStore';
import type { ParamMessage } from './urlCodec';
import type { ExplorerParams, ParamKey } from './urlSchema';

/** Plots always on the page once there are results; others (the detail panel's) register when mounted. */
export const BASE_PLOTS = ['spectrum', 'loss', 'index', 'sigma', 'contour', 'modes', 'anatomy'] as const;
export type PlotId =
  | (typeof BASE_PLOTS)[number]
  | 'wMatrix'
  | 'representative'
  | 'hessian'
  | 'path'
  | 'histogram'
  | 'levels'
  | 'unitAngles'
  | 'findersLoss'
  | 'findersBias'
  | 'findersCutoff'
  | 'findersTrace'
  | 'reluLoss'
  | 'reluGram'
  | 'reluBias'
  | 'reluNorms'
  | 'reluDimensionality'
  | 'reluPlane'
  | 'reluPhase';

export type Status = 'computing' | 'ready' | 'error';

interface LiveRun {
  run: number;
  step: number[];
  loss: number[];
  done: boolean;
}

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
  liveRuns: LiveRun[];
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
  /** The uploaded table the results on screen were computed from (null: they are not of uploaded data). */
  resultsCustom: StoredCustomData | null;
  /** Why the last upload was refused (the previous data stays). */
  dataError: string | null;
  /** Bumped on every change that plots must redraw for. */
  viewVersion: number;
  /** Mounted plots and the view version each last drew. */
  plots: Partial<Record<PlotId, number>>;
  status: Status;
  /**
   * How many inputs (a URL, a control, a preset, an upload, a cancel, a path choice) have been
   * applied so far; on <html data-inputs>, so a script can wait for the work of its own input.
   */
  inputs: number;
  /**
   * The step the scrubber shows (Play, or dragged), or null for the whole runs. View state of the
   * results on screen, not of the URL; time-linked plots draw it as an overlay (plots/playhead.ts).
   */
  upTo: number | null;
  /** A point or run just selected by the user, whose panel scrolls into view once it shows it (then null). */
  reveal: 'cp' | 'run' | null;

  /** Set one key from a control; an invalid value is rejected with a message, state kept. */
  setParam(key: ParamKey, raw: string): void;
  /** Replace the whole state from a query string (page load, presets). */
  loadQuery(search: string): void;
  /** Page load: custom data from the fragment or IndexedDB first, then the query. */
  init(search: string, hash: string): Promise<void>;
  /** Parse an uploaded or pasted table; on success it becomes data=custom, else dataError says why. */
  setCustomData(text: string, name: string): Promise<void>;
  cancel(): void;
  /** Show the runs up to a step (null: all of them). */
  setUpTo(step: number | null): void;
  /** Select a critical point (cp, "1,3") or a run (run, "2") from a table, a plot or a link, and bring its panel into view. */
  select(key: 'cp' | 'run', raw: string): void;
  /** The selected panel is in view. */
  revealed(): void;
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

/** How the store's parts change it: `update` also re-derives the status. */
export interface StoreAccess {
  get(): ExplorerState;
  set(patch: Partial<ExplorerState>): void;
  update(patch: Partial<ExplorerState>): void;
}
