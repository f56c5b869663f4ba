import { useMemo } from 'react';
import { REPRESENTED_NORM } from '../core/models/relu/reluMetrics';
import {
  reluBiasFigure,
  reluDimensionalityFigure,
  reluGramFigure,
  reluLossFigure,
  reluNormsFigure,
  reluPhaseFigure,
  reluPlaneFigure,
} from '../plots/reluFigures';
import { useExplorer } from '../state/store';
import { formatNumber } from './formatNumber';
import { PlotlyFigure } from './PlotlyFigure';
import { ScrollRegion } from './ScrollRegion';

const degrees = (radians: number) => (radians * 180) / Math.PI;

/** How close (degrees) every gap must be to 360°/k for the k represented features to be called a regular polygon. */
const REGULAR_TOLERANCE = 6;
const POLYGONS: Record<number, string> = { 2: 'an antipodal pair', 3: 'a triangle', 4: 'a square', 5: 'a pentagon', 6: 'a hexagon' };

/** d = 2: the shape the represented features make when their gaps are all near 360°/k, else null. */
function regularShape(gaps: number[]): string | null {
  const k = gaps.length;
  if (k < 2 || !gaps.every((g) => Math.abs(degrees(g) - 360 / k) <= REGULAR_TOLERANCE)) return null;
  return POLYGONS[k] ?? `a regular ${k}-gon`;
}

/**
 * The ReLU model of Toy Models of Superposition against the exact linear landscape of the same
 * sample (docs/design.md §7): the numbers, every run's loss over the linear baselines and critical
 * levels, the best run's WᵀW, b, feature norms and dimensionalities, its columns in the plane
 * (d = 2) and the phase diagram when asked for.
 */
export function ReluPanel() {
  const results = useExplorer((s) => s.results);
  const norm = useExplorer((s) => s.params.norm);
  const version = useExplorer((s) => s.viewVersion);
  const figures = useMemo(() => {
    if (!results?.relu) return null;
    const r = { ...results, relu: results.relu };
    return {
      loss: () => reluLossFigure(r, { norm }),
      gram: () => reluGramFigure(r),
      bias: () => reluBiasFigure(r),
      norms: () => reluNormsFigure(r),
      dimensionality: () => reluDimensionalityFigure(r),
      // Built here (both small): whether they exist decides whether their plots are mounted.
      plane: reluPlaneFigure(r),
      phase: reluPhaseFigure(r),
    };
  }, [results, norm]);
  if (!results?.relu || !figures) return null;
  const { relu, params } = results;
  const { D, d } = params;
  const unit = norm === 'sum' ? results.T : 1;
  const best = relu.runs[relu.best];
  const diverged = relu.runs.filter((r) => r.diverged).length;
  const represented = Array.from(relu.featureNorms).filter((n) => n > REPRESENTED_NORM).length;
  const ratio = best.finalLoss / relu.linearOptimumLoss;
  const shape = relu.angles ? regularShape(relu.angles.gaps) : null;
  const lossUnit = norm === 'sum' ? 'sum over the samples' : 'mean over the samples';
  const training = `${params.optimizer === 'adam' ? 'Adam' : 'gradient descent'} (step ${formatNumber(params.lr)}, ${params.steps.toLocaleString('en')} steps, a fresh batch of ${params.batch.toLocaleString('en')} samples each, W from the paper’s Xavier-normal start, b = 0)`;
  const scored = `scored on one fixed evaluation set of ${relu.evaluationRows.toLocaleString('en')} samples`;
  const runsSentence =
    relu.runs.length === 1
      ? `One run of ${training}, ${scored}, is drawn and shown below.`
      : `${relu.runs.length} runs of ${training}, ${scored}, are all drawn; the one with the lowest final loss${diverged > 0 ? ` among the ${relu.runs.length - diverged} that did not diverge (${diverged} did)` : ''} is kept, and the figures below show its W and b.`;
  return (
    <section className="panel wide" aria-labelledby="relu-title">
      <h2 id="relu-title">The ReLU model of Toy Models of Superposition against the exact linear landscape</h2>
      <p className="explain">
        Elhage et al. (2022) reconstruct x with x′ = ReLU(WᵀWx + b), W a d × D = {d} × {D} matrix whose column W<sub>i</sub> is feature i’s direction in the {d}{' '}
        hidden {d === 1 ? 'dimension' : 'dimensions'}, and b a bias per feature. Each of the {D} features is 0 with probability S ={' '}
        {formatNumber(params.sparsity)} and otherwise uniform on [0, 1]; feature i weighs I<sub>i</sub> = r<sup>i−1</sup> (r = {formatNumber(params.importance)}
        ) in the loss Σ<sub>i</sub> I<sub>i</sub> (x<sub>i</sub> − x′<sub>i</sub>)². {runsSentence} The linear lines are exact, not trained: the best linear
        autoencoder on the same sample and weighting with a bias (centred, = PCA) and without (the seed’s model), and faint, the loss levels L(I) of that
        model’s critical points. The kept run’s loss is {formatNumber(ratio, 3)} × the best linear one with a bias{ratio >= 1 ? ' (not below it)' : ''}
        {best.finalLoss < relu.linearNoBiasLoss ? ', and below every critical level of the linear model without one. ' : '. '}
        {represented} of the {D} features {represented === 1 ? 'is' : 'are'} represented (‖W<sub>i</sub>‖ &gt; ½)
        {represented > d
          ? `: more than the ${d} hidden ${d === 1 ? 'dimension' : 'dimensions'} can hold without overlap, so some interfere — superposition.`
          : `, no more than the ${d} hidden ${d === 1 ? 'dimension' : 'dimensions'}, as a linear model would.`}
        {relu.angles && relu.angles.gaps.length > 1 && (
          <>
            {' '}
            In the hidden plane the represented features sit {relu.angles.gaps.map((g) => `${degrees(g).toFixed(0)}°`).join(', ')} apart
            {shape ? `: ${shape}` : ''}.
          </>
        )}
        {relu.phase &&
          ' The phase diagram is a separate grid of trainings, as in the paper: 2 features in 1 dimension, feature 1 weighing 1 and feature 2 the ratio on its y axis, at each density 1 − S; each cell keeps the best of several runs and is named by which of ‖W₁‖, ‖W₂‖ exceed ½.'}
      </p>
      <ScrollRegion label="The ReLU model's numbers against the linear autoencoder">
        <table className="numbers compact wrap-labels">
          <thead>
            <tr>
              <th scope="col">quantity</th>
              <th scope="col">value</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                ReLU model, final loss of the kept run (run {best.run}; {lossUnit})
              </th>
              <td>{formatNumber(best.finalLoss * unit)}</td>
            </tr>
            <tr>
              <th scope="row">best linear AE with a bias (PCA)</th>
              <td>{formatNumber(relu.linearOptimumLoss * unit)}</td>
            </tr>
            <tr>
              <th scope="row">best linear AE without a bias</th>
              <td>{formatNumber(relu.linearNoBiasLoss * unit)}</td>
            </tr>
            <tr>
              <th scope="row">ReLU / linear with a bias</th>
              <td>{formatNumber(ratio, 4)}</td>
            </tr>
            <tr>
              <th scope="row">
                represented features (‖W<sub>i</sub>‖ &gt; ½)
              </th>
              <td>
                {represented} of {D}
              </td>
            </tr>
            {relu.angles && (
              <>
                <tr>
                  <th scope="row">represented features in angular order</th>
                  <td>{relu.angles.features.map((f) => f + 1).join(', ') || '—'}</td>
                </tr>
                <tr>
                  <th scope="row">angles between neighbours (degrees)</th>
                  <td>{relu.angles.gaps.length > 1 ? relu.angles.gaps.map((g) => degrees(g).toFixed(1)).join(', ') : '—'}</td>
                </tr>
              </>
            )}
          </tbody>
        </table>
      </ScrollRegion>
      <div className="plots">
        <PlotlyFigure
          id={'reluLoss'}
          figure={figures.loss}
          version={version}
          label="Loss of every ReLU run against step, over the best linear autoencoders with and without a bias and the linear critical levels"
        />
        <PlotlyFigure id={'reluGram'} figure={figures.gram} version={version} label="Heatmap of W transpose W of the kept run" height={420} />
        <PlotlyFigure id={'reluBias'} figure={figures.bias} version={version} label="Bias b per feature of the kept run" />
        <PlotlyFigure id={'reluNorms'} figure={figures.norms} version={version} label="Feature norms of the kept run, coloured by superposition" />
        <PlotlyFigure
          id={'reluDimensionality'}
          figure={figures.dimensionality}
          version={version}
          label="Feature dimensionality of the kept run, with the levels 1, 1/2 and 2/5"
        />
        {figures.plane && (
          <PlotlyFigure
            id={'reluPlane'}
            figure={figures.plane}
            version={version}
            label="The kept run's feature directions as arrows in the two-dimensional hidden plane"
            height={420}
          />
        )}
        {figures.phase && (
          <PlotlyFigure
            id={'reluPhase'}
            figure={figures.phase}
            version={version}
            label="Phase diagram of two features in one dimension over feature density and relative importance"
            height={420}
          />
        )}
      </div>
    </section>
  );
}
