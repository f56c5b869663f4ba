import { useMemo } from 'react';
import { saxePlateauExit } from '../core/models/linear/trajectoryAnatomy';
import { anatomyFigure, modesFigure } from '../plots/anatomyFigures';
import { useExplorer } from '../state/store';
import { setName } from '../text/setName';
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
  const figures = useMemo(() => (results && t ? { modes: modesFigure(t, results.eigenvalues, d), anatomy: anatomyFigure(t, d) } : null), [results, t, d]);
  if (!results || !t || !figures) return null;
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
        <strong>Critical points visited</strong> (nearest by the closed form I = {'{'}i : P<sub>ii</sub> &gt; ½{'}'}, checked at every step):{' '}
        {t.visited.map((v, k) => (
          <span key={v.step}>
            {k > 0 && ' → '}
            <button type="button" className="link-button" onClick={() => select('cp', v.I.join(','))}>
              {setName(v.I)}
            </button>{' '}
            <small>(step {v.step})</small>
          </span>
        ))}
      </p>
      <p className="explain">
        Saxe et al. (2014): from a small balanced start, mode i follows a sigmoid and leaves its plateau near t½ = ln((1 − p₀)/p₀)/(4ηλ
        <sub>i</sub>): {exits.map((e, i) => `mode ${i + 1} ≈ ${e === null ? '—' : formatNumber(e, 3)}`).join(', ')} steps (dotted lines). The balancedness ‖AᵀA
        − BBᵀ‖ is conserved exactly by gradient flow, the limit of vanishing steps; a finite step of size η changes it by O(η²), so a run drifts: this one went
        from {formatNumber(t.records.balancedness[0] ?? null, 2)} to {formatNumber(t.records.balancedness[t.records.balancedness.length - 1] ?? null, 2)}.
      </p>
      <div className="plots">
        <PlotlyFigure id="modes" figure={figures.modes} version={version} label="Learned fraction of each eigendirection over steps" height={340} />
        <PlotlyFigure id="anatomy" figure={figures.anatomy} version={version} label="Principal angles and balancedness over steps" height={340} />
      </div>
    </section>
  );
}
