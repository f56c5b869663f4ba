import { useEffect } from 'react';
import { useExplorer } from '../state/store';
import { Alerts } from './Alerts';
import { CriticalPointPanel } from './CriticalPointPanel';
import { CriticalPointTable } from './CriticalPointTable';
import { DataControls } from './controls/DataControls';
import { ModelControls } from './controls/ModelControls';
import { TrainingControls } from './controls/TrainingControls';
import { ViewControls } from './controls/ViewControls';
import { Header } from './Header';
import { LandscapePanel } from './LandscapePanel';
import { PanelBoundary } from './PanelBoundary';
import { PlotPanels } from './PlotPanels';
import { PresetGallery } from './PresetGallery';
import { ProgressBar } from './ProgressBar';
import { RunsTable } from './RunsTable';
import { TourPanel } from './TourPanel';
import { TrajectoryPanel } from './TrajectoryPanel';

export function App() {
  const present = useExplorer((s) => s.params.present);
  const setParam = useExplorer((s) => s.setParam);
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
    <div className="app">
      <Header />
      <PanelBoundary name="tour">
        <TourPanel />
      </PanelBoundary>
      <div className="layout">
        {!present && (
          <aside className="controls" aria-label="Controls">
            <PresetGallery />
            <DataControls />
            <ModelControls />
            <TrainingControls />
            <ViewControls />
          </aside>
        )}
        <main>
          <Alerts />
          <ProgressBar />
          <PanelBoundary name="plots">
            <PlotPanels />
          </PanelBoundary>
          <PanelBoundary name="critical point">
            <CriticalPointPanel />
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
      </div>
    </div>
  );
}
