import { useCallback, useMemo } from 'react';
import { contourFigure, landmarkLabel } from '../plots/contourFigure';
import { lossScale } from '../plots/lossScale';
import { useExplorer } from '../state/store';
import { PlotlyFigure } from './PlotlyFigure';

/** The 2-D slice of the loss through the origin, the focused saddle and the global minimum. */
export function LandscapePanel() {
  const results = useExplorer((s) => s.results);
  const detail = useExplorer((s) => s.detail);
  const norm = useExplorer((s) => s.params.norm);
  const cp = useExplorer((s) => s.params.cp);
  const version = useExplorer((s) => s.viewVersion);
  const detailError = useExplorer((s) => s.detailError);
  const figure = useMemo(
    () =>
      results && detail?.slice?.z.length ? contourFigure(detail.slice, lossScale({ norm }, results.T), (run) => results.trajectories[run - 1]?.step) : null,
    [results, detail, norm],
  );
  const selectPoint = useExplorer((s) => s.select);
  const select = useCallback((customdata: unknown) => selectPoint('cp', String(customdata)), [selectPoint]);
  if (!results) return null;
  const landmark = detail?.slice?.landmarks[1];
  const saddle = landmark ? landmarkLabel(landmark) : '';
  const substitute = detail?.slice?.substitute;
  return (
    <section className="panel wide" aria-labelledby="slice-title">
      <h2 id="slice-title">The loss surface between the origin, a saddle and the minimum</h2>
      <p className="explain">
        The plane in parameter space (A, B) through A = B = 0, the canonical representative of the {cp ? 'selected' : 'default'} {saddle}, and the global
        minimum. Each run is first aligned to the minimum’s gauge (the orthogonal Procrustes rotation of its hidden units that best matches its final A to [U
        <sub>1..d</sub>, 0]; AB and the loss are unchanged) and then projected onto the plane, so a path is a shadow of a walk in {results.model.parameterCount}{' '}
        dimensions. Select another critical point to move the plane.
      </p>
      {substitute && (
        <p role="status" className="warn">
          {`{${substitute.requested.join(',')}}`} lies on the line through the origin and the minimum, so the plane uses the saddle{' '}
          {`{${substitute.used.join(',')}}`} instead.
        </p>
      )}
      {detail?.slice?.degenerate && (
        <p role="status" className="warn">
          No plane: the three points are collinear.
        </p>
      )}
      {detailError && (
        <p role="alert" className="alert error">
          The slice could not be computed: {detailError}
        </p>
      )}
      {figure ? (
        <PlotlyFigure
          id="contour"
          figure={figure}
          version={version}
          label="Contour plot of the loss on a plane in parameter space, with projected runs"
          height={460}
          onPointClick={select}
        />
      ) : detail && !detail.slice ? (
        <p className="muted">
          No slice for the {results.model.title}
          {results.μ.some((m) => m !== 0) ? ' under weight decay' : ''}: the slice through the origin, a saddle and the minimum is drawn for the seed’s model (μ
          = 0, untied) only.
        </p>
      ) : (
        <p className="muted">Computing the slice…</p>
      )}
    </section>
  );
}
