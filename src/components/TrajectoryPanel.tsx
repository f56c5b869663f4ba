import { useMemo } from 'react';
import { saxePlateauExit } from '../core/models/linear/trajectoryAnatomy';
import { anatomyFigure, anatomyKind, modesFigure, unitAnglesFigure } from '../plots/anatomyFigures';
import { useExplorer } from '../state/store';
import { pointName } from '../text/setName';
import { formatNumber } from './formatNumber';
import { PlotlyFigure } from './PlotlyFigure';
import { useReveal } from './useReveal';

/** Anatomy of one run: what it learns when, where it pauses, how balanced and aligned it is. */
export function TrajectoryPanel() {
  const results = useExplorer((s) => s.results);
  const selected = useExplorer((s) => s.params.run);
  const version = useExplorer((s) => s.viewVersion);
  const setParam = useExplorer((s) => s.setParam);
  const select = useExplorer((s) => s.select);
  const t = results?.trajectories[(selected ?? 1) - 1] ?? results?.trajectories[0];
  const d = results?.params.d ?? 1;
  useReveal('run', t?.run ?? null, 'anatomy-title');
  const kind = results ? anatomyKind(results) : 'seed';
  const points = results?.table.points ?? 'sets';
  const figures = useMemo(
    () =>
      results && t
        ? {
            modes: modesFigure(t, results.eigenvalues, d, kind),
            anatomy: anatomyFigure(t, d, kind),
            units: points === 'assignments' ? unitAnglesFigure(t, d) : null,
          }
        : null,
    [results, t, d, kind, points],
  );
  if (!results || !t || !figures) return null;
  const first = t.records.balancedness[0] ?? null;
  const lastB = t.records.balancedness[t.records.balancedness.length - 1] ?? null;
  const drift = `this one went from ${formatNumber(first, 2)} to ${formatNumber(lastB, 2)}`;
  const exits = Array.from({ length: d }, (_, i) => saxePlateauExit(t.records.initialStrength[i], results.eigenvalues[i], t.eta));
  return (
    <section className="panel wide" aria-labelledby="anatomy-title">
      <div className="panel-head">
        <h2 id="anatomy-title">Anatomy of run {t.run}</h2>
        <label className="inline">
          run{' '}
          <select value={t.run} onChange={(e) => setParam('run', e.target.value)} aria-label="Run to inspect">
            {results.trajectories.map((r) => (
              <option key={r.run} value={r.run}>
                {r.run}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="visited">
        <strong>Critical points visited</strong>{' '}
        {points === 'sets' ? (
          <>
            (nearest by the closed form I = {'{'}i : P<sub>ii</sub> &gt; ½{'}'}, checked at every step):{' '}
          </>
        ) : (
          <>(nearest assignment: unit j on the u_i where (u_iᵀa_j)(b_ju_i)/(1 − μ_j/λ_i) is largest and above ½, checked at every step): </>
        )}
        {t.visited.map((v, k) => (
          <span key={v.step}>
            {k > 0 && ' → '}
            <button type="button" className="link-button" onClick={() => select('cp', v.I.join(','))}>
              {pointName(points, v.I)}
            </button>{' '}
            <small>(step {v.step})</small>
          </span>
        ))}
      </p>
      {kind === 'seed' && (
        <p className="explain">
          Saxe et al. (2014): from a small balanced start, mode i follows a sigmoid and leaves its plateau near t½ = ln((1 − p₀)/p₀)/(4ηλ
          <sub>i</sub>): {exits.map((e, i) => `mode ${i + 1} ≈ ${e === null ? '—' : formatNumber(e, 3)}`).join(', ')} steps (dotted lines). The balancedness
          ‖AᵀA − BBᵀ‖ is conserved exactly by gradient flow, the limit of vanishing steps; a finite step of size η changes it by O(η²), so a run drifts: {drift}
          .
        </p>
      )}
      {kind === 'decayed' && (
        <p className="explain">
          Saxe et al.’s sigmoid is derived without decay, so it is not drawn. With weight decay the balancedness is no longer conserved: gradient flow gives
          d(AᵀA − BBᵀ)/dt = −4μ(AᵀA − BBᵀ), so it dies away like e<sup>−4μt</sup> and every critical point has A = Bᵀ: {drift}.
        </p>
      )}
      {kind === 'tied' && (
        <p className="explain">
          With tied weights A = Bᵀ, so AᵀA − BBᵀ is 0 at every step and the seed’s balancedness says nothing; recorded instead is ‖BBᵀ − I‖, how far the hidden
          units are from orthonormal (0 at an undecayed full-rank critical point; under decay BBᵀ tends to diag(1 − μ/λ_i), not I): {drift}. Saxe et al.’s
          sigmoid is the untied model’s and is not drawn.
        </p>
      )}
      {figures.units && (
        <p className="explain">
          Ordered decay gives unit j its own μ_j, so the minimum puts unit j on u_j: PCA’s axes themselves, not just their span. Only the small differences μ_j
          − μ_j′ rotate the units apart, so the angles below fall to 0 one unit at a time, long after the loss has flattened.
        </p>
      )}
      <div className="plots">
        <PlotlyFigure id="modes" figure={figures.modes} version={version} label="Learned fraction of each eigendirection over steps" height={340} />
        <PlotlyFigure id="anatomy" figure={figures.anatomy} version={version} label="Principal angles and balancedness over steps" height={340} />
        {figures.units && (
          <PlotlyFigure
            id="unitAngles"
            figure={figures.units}
            version={version}
            label="Each hidden unit’s angle to its own eigenvector over steps"
            height={340}
          />
        )}
      </div>
    </section>
  );
}
