/** The ready signal of docs/design.md §3: the page's status, derived from the state and mirrored onto <html>. */

import type { Results } from '../worker/protocol';
import { beyondSeed } from './beyondSeed';
import { BASE_PLOTS, type ExplorerState, type Status } from './explorerState';

type StatusInputs = Pick<ExplorerState, 'running' | 'detailRunning' | 'error' | 'results' | 'viewVersion' | 'plots'>;

/** `computing` while any work runs or a plot has not drawn the current view; `error` when the state failed; else `ready`. */
export function deriveStatus(s: StatusInputs): Status {
  if (s.running || s.detailRunning) return 'computing';
  if (s.error) return 'error';
  if (!s.results) return 'computing';
  const drawn = (v: number | undefined) => v === s.viewVersion;
  // The loss slice is the seed's maths (μ = 0, untied): under decay or tied weights no contour is expected (LandscapePanel says so).
  // Without gradient-descent runs (the ReLU model's page: its runs are its own panel's) there is no run anatomy either.
  const noRuns = s.results.trajectories.length === 0;
  // The ReLU model's page draws its own loss curves (ReluPanel) instead of the linear runs' loss plot.
  const relu = s.results.relu !== null;
  const expected = BASE_PLOTS.filter(
    (id) => !(id === 'contour' && beyondSeed(s.results as Results)) && !(noRuns && (id === 'modes' || id === 'anatomy')) && !(relu && id === 'loss'),
  );
  return expected.every((id) => drawn(s.plots[id])) && Object.values(s.plots).every(drawn) ? 'ready' : 'computing';
}

/**
 * Mirror the status onto <html data-status> for people and scripts waiting for the page, and the
 * count of applied inputs onto data-inputs (set first, so the two never disagree in between).
 */
export function bindReadySignal(store: { getState(): ExplorerState; subscribe(listener: (state: ExplorerState, prev: ExplorerState) => void): unknown }): void {
  const root = document.documentElement;
  const apply = (s: ExplorerState) => {
    root.setAttribute('data-inputs', String(s.inputs));
    root.setAttribute('data-status', s.status);
  };
  apply(store.getState());
  store.subscribe((state, prev) => {
    if (state.status !== prev.status || state.inputs !== prev.inputs) apply(state);
  });
}
