import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { loadPlotly } from './plots/loadPlotly';
import { bindReadySignal, useExplorer } from './state/store';
import './styles/layout.css';
import './styles/content.css';

bindReadySignal();
void useExplorer.getState().init(window.location.search, window.location.hash);

// A transition, so React renders the first view in slices of a few ms instead of one long task.
const root = createRoot(document.getElementById('root') as HTMLElement);
startTransition(() =>
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// Every view has plots: fetch Plotly while the worker computes the first results rather than after
// they arrive, a task after the first render so the controls and text paint first. (Warming Plotly
// up with throwaway figures in that window was measured and made things worse: it competes with
// the worker for this machine's two cores and adds long tasks of its own.)
setTimeout(() => void loadPlotly().catch(() => undefined), 0); // a failed load is reported by the plots
