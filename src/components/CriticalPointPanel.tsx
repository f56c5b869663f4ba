import { useMemo } from 'react';
import { findRow, minimumRow, tableRow } from '../core/landscape/criticalPointTable';
import { HESSIAN_ON_DEMAND_MAX } from '../core/models/model';
import { detailFigures } from '../plots/detailFigureSet';
import { lossScale } from '../plots/lossScale';
import { beyondSeed } from '../state/beyondSeed';
import { useExplorer } from '../state/store';
import { pointName, setName } from '../text/setName';
import { DecayedPointNotes } from './DecayedPointNotes';
import { Formula } from './Formula';
import { formatNumber } from './formatNumber';
import { OrderedPointNotes } from './OrderedPointNotes';
import { PlotlyFigure } from './PlotlyFigure';
import { useReveal } from './useReveal';

const setTex = (I: number[]) => (I.length ? `\\{${I.join(',')}\\}` : '\\varnothing');

/** Everything about the selected critical point W_I: formula, matrices, Hessian, checks, descent. */
export function CriticalPointPanel() {
  const results = useExplorer((s) => s.results);
  const params = useExplorer((s) => s.params);
  const detail = useExplorer((s) => s.detail);
  const version = useExplorer((s) => s.viewVersion);
  const setParam = useExplorer((s) => s.setParam);
  const setPathChoice = useExplorer((s) => s.setPathChoice);
  useReveal('cp', params.cp?.join(',') ?? null, 'cp-detail-title');
  const I = params.cp;
  const current = detail && I && detail.I.join(',') === I.join(',') ? detail : null;
  const figures = useMemo(() => {
    if (!results || !current) return null;
    return detailFigures(current, results.model, results.diagnostics.tolerance, lossScale(params, results.T), results.table.points);
  }, [results, current, params]);
  if (!results || !I) return null;
  const λ = results.eigenvalues;
  const scale = lossScale(params, results.T);
  const row = findRow(results.table, I);
  const point = row >= 0 ? tableRow(results.table, row) : null;
  const isMin = row >= 0 && row === minimumRow(results.table, results.globalMinimumLoss, results.diagnostics.tolerance);
  const sets = results.table.points === 'sets';
  const name = pointName(results.table.points, I);
  const { hessianScope, parameterCount: n } = results.model;
  const λtex = I.map((i) => `\\lambda_{${i}}`).join(' + ') || '0';
  const λvals = I.map((i) => formatNumber(λ[i - 1] * scale)).join(' + ') || '0';
  const tr = results.traceSigma * scale;
  const loss = (point?.loss ?? 0) * scale;
  const checks = current?.checks;
  const rel = (x: number) => (checks ? formatNumber(x / Math.max(checks.sigmaNorm, 1e-300), 2) : '—');
  return (
    <section className="panel detail" aria-labelledby="cp-detail-title">
      <div className="panel-head">
        <h2 id="cp-detail-title">
          Critical point {sets ? 'I' : 'σ'} = {name}{' '}
          {isMin ? '— the global minimum' : point?.index === 0 ? '— a minimum' : point ? `— a saddle of index ${point.index}` : ''}
        </h2>
        <button type="button" className="secondary" onClick={() => setParam('cp', '')}>
          Close
        </button>
      </div>
      {!sets && <OrderedPointNotes results={results} σ={I} scale={scale} loss={point?.loss ?? null} zeros={current?.hessian?.zero ?? point?.zeros ?? null} />}
      {sets && beyondSeed(results) && (
        <DecayedPointNotes results={results} I={I} scale={scale} loss={point?.loss ?? null} zeros={current?.hessian?.zero ?? point?.zeros ?? null} />
      )}
      {!beyondSeed(results) && (
        <p className="formula-line">
          <Formula
            display
            tex={`L(${setTex(I)}) = \\operatorname{tr}\\Sigma - (${λtex}) = ${formatNumber(tr)} - (${λvals}) = ${formatNumber(loss, 8)}`}
            fallback={`L(${setName(I)}) = tr Σ − (${λvals}) = ${formatNumber(tr)} − (${λvals}) = ${formatNumber(loss, 8)}`}
          />
        </p>
      )}
      {!current && <p className="muted">Computing the Hessian, the checks and the slices for {name}…</p>}
      {current && (
        <>
          <div className="detail-grid">
            <div>
              <h3>Morse index: closed form and numerical Hessian</h3>
              <table className="numbers compact">
                <thead>
                  <tr>
                    <th scope="col" />
                    <th scope="col">negative</th>
                    <th scope="col">zero</th>
                    <th scope="col">positive</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td>closed form</td>
                    <td>{current.closed.index}</td>
                    <td>{current.closed.zeros}</td>
                    <td>{current.closed.positive}</td>
                  </tr>
                  {current.hessian && (
                    <tr>
                      <td>
                        Hessian ({n} × {n})
                      </td>
                      <td>{current.hessian.negative}</td>
                      <td>{current.hessian.zero}</td>
                      <td>{current.hessian.positive}</td>
                    </tr>
                  )}
                </tbody>
              </table>
              {current.hessian && !current.hessian.agrees && (
                <p role="alert" className="alert error">
                  The numerical Hessian’s inertia disagrees with the closed form at {name}. Both are shown unchanged.
                </p>
              )}
              {current.hessian?.agrees && <p className="ok-line">The numerical inertia equals the closed form.</p>}
              {hessianScope === 'closedFormOnly' && (
                <p role="status" className="warn">
                  2Dd = {n} &gt; {HESSIAN_ON_DEMAND_MAX} parameters: the Hessian is not formed; the closed form alone is shown.
                </p>
              )}
              {hessianScope === 'onDemand' && <p className="muted">2Dd ≤ {HESSIAN_ON_DEMAND_MAX}: the Hessian is computed for the selected point only.</p>}
              {current.checks && (
                <>
                  <h3>Proposition 1 at the representative</h3>
                  <table className="numbers compact">
                    <tbody>
                      <tr>
                        <td>‖AB − (AB)ᵀ‖ (symmetric)</td>
                        <td>{formatNumber(current.checks.symmetric, 2)}</td>
                      </tr>
                      <tr>
                        <td>‖(AB)² − AB‖ (idempotent)</td>
                        <td>{formatNumber(current.checks?.idempotent, 2)}</td>
                      </tr>
                      <tr>
                        <td>‖ABΣ − ΣAB‖ / ‖Σ‖ (commutes with Σ)</td>
                        <td>{rel(current.checks?.commutes)}</td>
                      </tr>
                      <tr>
                        <td>‖ABΣ − W_IΣ‖ / ‖Σ‖ (on the range of Σ)</td>
                        <td>{rel(current.checks?.onRange)}</td>
                      </tr>
                      <tr>
                        <td>‖∇L‖ / ‖Σ‖ (critical)</td>
                        <td>{rel(current.checks?.gradient)}</td>
                      </tr>
                    </tbody>
                  </table>
                  {!results.diagnostics.invertible && (
                    <p className="muted">Σ is singular: W is determined only on its range, so the range check is the one that must vanish.</p>
                  )}
                </>
              )}
            </div>
            {current.checks && (
              <div>
                <h3>Descent directions ({current.directions.length})</h3>
                {current.directions.length === 0 ? (
                  <p>None: every direction is flat or uphill — this is {isMin ? 'the global minimum' : 'a minimum'}.</p>
                ) : (
                  <ul className="directions">
                    {current.directions.slice(0, 12).map((dir) => (
                      <li key={dir.kind === 'rotate' ? `r${dir.i}-${dir.j}` : `g${dir.j}`}>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setPathChoice(dir.kind === 'rotate' ? { kind: 'rotate', i: dir.i, j: dir.j } : { kind: 'grow', j: dir.j })}
                        >
                          {dir.kind === 'rotate'
                            ? `rotating u${dir.i} toward u${dir.j} lowers the loss by (λ${dir.j} − λ${dir.i}) sin²θ = ${formatNumber(dir.drop * scale, 4)} sin²θ`
                            : `a free hidden unit learning u${dir.j} lowers the loss by up to λ${dir.j} = ${formatNumber(dir.drop * scale, 4)}`}
                        </button>
                      </li>
                    ))}
                    {current.directions.length > 12 && <li>… and {current.directions.length - 12} more</li>}
                  </ul>
                )}
                <p className="muted">
                  {current.directions.length > 0
                    ? 'Click a direction to draw the loss along it.'
                    : 'The path drawn below is the cheapest way out: uphill or flat.'}
                </p>
              </div>
            )}
          </div>
          {figures && (
            <div className="plots">
              {figures.path && (
                <PlotlyFigure id="path" figure={figures.path} version={version} label="Loss along a path to a neighbouring critical point" height={300} />
              )}
              {figures.hessian && (
                <PlotlyFigure id="hessian" figure={figures.hessian} version={version} label="Eigenvalues of the Hessian with the zero band" height={300} />
              )}
              <PlotlyFigure id="wMatrix" figure={figures.w} version={version} label="Heatmap of W_I" height={300} />
              {figures.representative && (
                <PlotlyFigure id="representative" figure={figures.representative} version={version} label="Heatmaps of A and B" height={300} />
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
