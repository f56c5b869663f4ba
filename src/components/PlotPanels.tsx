import { useCallback, useMemo } from 'react';
import { tableRow } from '../core/landscape/criticalPointTable';
import { histogramFigure } from '../plots/histogramFigure';
import { indexFigure } from '../plots/indexFigure';
import { hasWebGL } from '../plots/loadPlotly';
import { lossFigure } from '../plots/lossFigure';
import { lossScale } from '../plots/lossScale';
import { sigmaFigure } from '../plots/sigmaFigure';
import { spectrumFigure } from '../plots/spectrumFigure';
import { useExplorer } from '../state/store';
import { criticalPointTableSummary } from '../text/criticalPointTableSummary';
import { AnimationControls } from './AnimationControls';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { IndexCaption, LossLevelsCaption } from './PlotCaptions';
import { PlotlyFigure } from './PlotlyFigure';
import { useStableLandscape } from './useStableLandscape';

/** The four figures, each beside the sentence that says which piece of the maths it shows. */
export function PlotPanels() {
  const results = useExplorer((s) => s.results);
  const params = useExplorer((s) => s.params);
  const version = useExplorer((s) => s.viewVersion);
  const select = useExplorer((s) => s.select);
  const cpKey = params.cp?.join(',') ?? '';
  const cp = useMemo(() => (cpKey ? cpKey.split(',').map(Number) : null), [cpKey]);
  const d = results?.params.d ?? 1;
  const scale = results ? lossScale(params, results.T) : 1;
  const animationSteps = useMemo(() => results?.trajectories[0]?.step.filter((s) => s >= 1) ?? [], [results]);
  // Builders, not figures: each runs in its plot's draw task (PlotlyFigure), not in this render.
  // Each is memoised on what it reads, so a plot whose figure did not change is not redrawn: the
  // landscape's figures on `landscape` (kept when only the runs changed), the loss on the runs.
  const landscape = useStableLandscape(results);
  const spectrum = useMemo(
    () => (landscape ? () => spectrumFigure(landscape, { d, norm: params.norm, cp: null, run: null }) : null),
    [landscape, d, params.norm],
  );
  const sigma = useMemo(() => (landscape ? () => sigmaFigure(landscape, { d, norm: params.norm, cp: null, run: null }) : null), [landscape, d, params.norm]);
  const index = useMemo(
    () => (landscape ? () => indexFigure(landscape, { d, norm: params.norm, cp, run: null }, hasWebGL()) : null),
    [landscape, d, params.norm, cp],
  );
  const histogram = useMemo(
    () => (landscape && !landscape.table.complete ? () => histogramFigure(landscape, { d, norm: params.norm, cp, run: null }) : null),
    [landscape, d, params.norm, cp],
  );
  const loss = useMemo(
    () => (results ? () => lossFigure(results, { d, norm: params.norm, cp: null, run: params.run }) : null),
    [results, d, params.norm, params.run],
  );
  // customdata is "i,j,…" or, on plots with too many points to label, a table row.
  const selectPoint = useCallback(
    (customdata: unknown) => {
      const table = useExplorer.getState().results?.table;
      if (typeof customdata === 'number' && table) select('cp', tableRow(table, customdata).I.join(','));
      else select('cp', String(customdata));
    },
    [select],
  );
  if (!spectrum || !sigma || !index || !loss) return <div className="placeholder">Computing the first results…</div>;
  return (
    <div className="plots">
      {/* The ReLU model's runs are drawn in its own panel, over these same levels. */}
      {!results?.relu && (
        <section className="panel wide" aria-labelledby="loss-title">
          <h2 id="loss-title">Gradient descent falls through the saddles</h2>
          <LossLevelsCaption results={results} scale={scale} />
          {animationSteps.length > 1 && <AnimationControls steps={animationSteps} />}
          <PlotlyFigure
            id="loss"
            figure={loss}
            version={version}
            label="Loss against step for every run, over the critical loss levels"
            height={470}
            presentFill={300}
            onPointClick={selectPoint}
          />
        </section>
      )}
      <section className="panel" aria-labelledby="index-title">
        <h2 id="index-title">Loss against Morse index</h2>
        <IndexCaption results={results} />
        <PlotlyFigure id="index" figure={index} version={version} label="Loss against Morse index for every critical point" onPointClick={selectPoint} />
      </section>
      {histogram && (
        <section className="panel" aria-labelledby="histogram-title">
          <h2 id="histogram-title">All {BigInt(results?.criticalPointsTotal ?? '0').toLocaleString('en')} critical points</h2>
          <p className="explain">
            {results ? criticalPointTableSummary(results.table) : ''} In the plot, sampled ranks are multiplied by that weight, so every bar estimates a count.
          </p>
          <PlotlyFigure id="histogram" figure={histogram} version={version} label="Histogram of the losses of all critical points by rank" />
        </section>
      )}
      <section className="panel" aria-labelledby="spectrum-title">
        <h2 id="spectrum-title">Eigenvalues of Σ</h2>
        <p className="explain">
          Σ = UΛUᵀ. The global minimum projects onto the top d eigenvectors (Eckart–Young–Mirsky); the gaps between λ’s set how long each plateau lasts.
        </p>
        <PlotlyFigure id="spectrum" figure={spectrum} version={version} label="Bar chart of the eigenvalues of Sigma" />
      </section>
      <section className="panel" aria-labelledby="sigma-title">
        <h2 id="sigma-title">The second-moment matrix Σ</h2>
        <p className="explain">
          The loss depends on the data only through Σ = XᵀX = Σ<sub>t</sub> x<sub>t</sub>x<sub>t</sub>ᵀ, uncentred unless “centre” is on.
        </p>
        <PlotlyFigure id="sigma" figure={sigma} version={version} label="Heatmap of Sigma" />
      </section>
      <DiagnosticsPanel />
    </div>
  );
}
