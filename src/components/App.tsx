import { useEffect, useState } from 'react';
import { sampledModel } from '../core/models/registry';
import { useExplorer } from '../state/store';
import { Alerts } from './Alerts';
import { CriticalPointPanel } from './CriticalPointPanel';
import { CriticalPointTable } from './CriticalPointTable';
import { DataControls } from './controls/DataControls';
import { FinderControls } from './controls/FinderControls';
import { ModelControls } from './controls/ModelControls';
import { ReluControls } from './controls/ReluControls';
import { TrainingControls } from './controls/TrainingControls';
import { ViewControls } from './controls/ViewControls';
import { DecayPanel } from './DecayPanel';
import { FindersPanel } from './FindersPanel';
import { Header } from './Header';
import { LandscapePanel } from './LandscapePanel';
import { PanelBoundary } from './PanelBoundary';
import { PlotPanels } from './PlotPanels';
import { PresetGallery } from './PresetGallery';
import { ProgressBar } from './ProgressBar';
import { ReluPanel } from './ReluPanel';
import { RunsTable } from './RunsTable';
import { TourPanel } from './TourPanel';
import { TrajectoryPanel } from './TrajectoryPanel';

export function App() {
  const present = useExplorer((s) => s.params.present);
  const touring = useExplorer((s) => s.params.tour !== null);
  const setParam = useExplorer((s) => s.setParam);
  const sampled = useExplorer((s) => sampledModel(s.params.model) !== null);
  // On a narrow screen (and while the tour is docked beside the plots) the controls fold away
  // behind a button, so the first plot is on the first screen.
  const [controlsOpen, setControlsOpen] = useState(false);
  useEffect(() => {
    document.body.classList.toggle('present', present);
    if (!present) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setParam('present', '0');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [present, setParam]);
  return (
    <div className={`app${touring ? ' touring' : ''}`}>
      <Header controlsOpen={controlsOpen} onToggleControls={() => setControlsOpen(!controlsOpen)} />
      <div className="layout">
        {!present && (
          <aside id="controls" className={`controls${controlsOpen ? ' open' : ''}`} aria-label="Controls">
            <PresetGallery />
            {sampled ? (
              <>
                <ModelControls />
                <ReluControls />
              </>
            ) : (
              <>
                <DataControls />
                <ModelControls />
                <TrainingControls />
                <FinderControls />
              </>
            )}
            <ViewControls />
          </aside>
        )}
        <main>
          <Alerts />
          <ProgressBar />
          <PanelBoundary name="ReLU model">
            <ReluPanel />
          </PanelBoundary>
          <PanelBoundary name="plots">
            <PlotPanels />
          </PanelBoundary>
          <PanelBoundary name="critical point">
            <CriticalPointPanel />
          </PanelBoundary>
          <PanelBoundary name="weight decay">
            <DecayPanel />
          </PanelBoundary>
          <PanelBoundary name="finders">
            <FindersPanel />
          </PanelBoundary>
          <PanelBoundary name="slice">
            <LandscapePanel />
          </PanelBoundary>
          <PanelBoundary name="runs">
            <RunsTable />
          </PanelBoundary>
          <PanelBoundary name="trajectory">
            <TrajectoryPanel />
          </PanelBoundary>
          <PanelBoundary name="critical points table">
            <CriticalPointTable />
          </PanelBoundary>
          <footer className="footer">
            Losses are sums over samples unless “mean” is chosen; τ = 10⁻⁹λ₁ decides what is tied or zero. Export JSON gives every number above, with the URL
            that reproduces it.
          </footer>
        </main>
        <PanelBoundary name="tour">
          <TourPanel />
        </PanelBoundary>
      </div>
    </div>
  );
}
