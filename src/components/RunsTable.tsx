import { lossScale } from '../plots/lossScale';
import { runColour, runDash } from '../plots/palette';
import { useExplorer } from '../state/store';
import { setName } from '../text/setName';
import { formatNumber } from './formatNumber';
import { selectableRow } from './selectableRow';

/** Where each run ended and how far it still is from L* (not just whether it stopped). */
export function RunsTable() {
  const results = useExplorer((s) => s.results);
  const params = useExplorer((s) => s.params);
  const select = useExplorer((s) => s.select);
  if (!results || results.trajectories.length === 0) return null;
  const scale = lossScale(params, results.T);
  const λ = results.eigenvalues;
  const d = results.params.d;
  const eta = results.trajectories[0]?.eta;
  const gap = d < λ.length ? λ[d - 1] - λ[d] : 0;
  const settle = eta && gap > results.diagnostics.tolerance ? 1 / (eta * gap) : null;
  const Lstar = results.globalMinimumLoss;
  return (
    <section className="panel" aria-labelledby="runs-title">
      <h2 id="runs-title">Runs</h2>
      <p>
        η = lr/λ₁ = {formatNumber(eta ?? null)}. The last direction settles on the time scale 1/(η(λ<sub>d</sub> − λ<sub>d+1</sub>)) ≈{' '}
        {settle === null ? '∞ (λ_d = λ_d+1: no gap)' : `${formatNumber(settle, 3)} steps`}. L* = {formatNumber(Lstar * scale, 8)}.
      </p>
      <div className="table-scroll">
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA grid pattern, a data table whose rows are selected (aria-selected) from the keyboard */}
        <table className="numbers" role="grid" aria-label="Runs: Enter or Space opens a run's anatomy">
          <thead>
            <tr>
              <th scope="col">run</th>
              <th scope="col">steps</th>
              <th scope="col">final loss</th>
              <th scope="col">L − L*</th>
              <th scope="col">(L − L*)/tr Σ</th>
              <th scope="col">nearest W_I at the end</th>
              <th scope="col">status</th>
            </tr>
          </thead>
          <tbody>
            {results.trajectories.map((t) => {
              const last = t.loss[t.loss.length - 1];
              const relative = t.distanceToMinimum === null ? null : t.distanceToMinimum / results.traceSigma;
              const atMin = relative !== null && Math.abs(relative) < 1e-6;
              return (
                <tr
                  key={t.run}
                  className={params.run === t.run ? 'selected' : undefined}
                  aria-selected={params.run === t.run}
                  {...selectableRow(() => select('run', String(t.run)))}
                >
                  <td>
                    <RunSwatch run={t.run} /> {t.run}
                  </td>
                  <td>{t.step[t.step.length - 1] ?? 0}</td>
                  <td>{formatNumber(last === undefined ? null : last * scale, 8)}</td>
                  <td>{formatNumber(t.distanceToMinimum === null ? null : t.distanceToMinimum * scale, 3)}</td>
                  <td>{formatNumber(relative, 3)}</td>
                  <td>{t.finalI ? setName(t.finalI) : '—'}</td>
                  <td>{t.diverged ? `diverged at step ${t.divergedAtStep}` : atMin ? 'at L*' : 'still descending'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {results.trajectories.some((t) => t.diverged) && (
        <p role="status" className="warn">
          A run diverged: its loss exploded, so it was stopped. Near a balanced minimum the largest Hessian eigenvalue is 4λ₁, so gradient descent is stable for
          lr &lt; 0.5; a large init lowers that bound.
        </p>
      )}
    </section>
  );
}

/** Run r's colour and dash pattern, as in the plots. */
function RunSwatch({ run }: { run: number }) {
  const dash = { solid: '', dash: '6 3', dot: '2 2', dashdot: '6 2 2 2', longdash: '10 3', longdashdot: '10 2 2 2' }[runDash(run - 1)] ?? '';
  return (
    <svg className="run-swatch" width="28" height="10" aria-hidden="true">
      <line x1="1" y1="5" x2="27" y2="5" stroke={runColour(run - 1)} strokeWidth="3" strokeDasharray={dash} />
    </svg>
  );
}
