import { useMemo, useState } from 'react';
import { keyRank, minimumRow, tableRow } from '../core/landscape/criticalPointTable';
import { lossScale } from '../plots/lossScale';
import { useExplorer } from '../state/store';
import { criticalPointTableSummary } from '../text/criticalPointTableSummary';
import { pointName } from '../text/setName';
import { formatNumber } from './formatNumber';
import { selectableRow } from './selectableRow';

const PAGE = 200;

/** Every listed critical point, lowest loss first, with what the closed form says about it. */
export function CriticalPointTable() {
  const results = useExplorer((s) => s.results);
  const params = useExplorer((s) => s.params);
  const select = useExplorer((s) => s.select);
  const [shown, setShown] = useState(PAGE);
  const rows = useMemo(() => (results ? Array.from(results.order.subarray(0, shown), (r) => tableRow(results.table, r)) : []), [results, shown]);
  if (!results) return null;
  const t = results.table;
  const scale = lossScale(params, results.T);
  const d = results.params.d;
  let minima = 0;
  for (let r = 0; r < t.count; r++) if (t.index[r] === 0) minima++;
  const selectedKey = params.cp ? params.cp.join(',') : null;
  const sets = t.points === 'sets';
  const minRow = minimumRow(t, results.globalMinimumLoss, results.diagnostics.tolerance);
  const minKey = minRow >= 0 ? tableRow(t, minRow).I.join(',') : null;
  return (
    <section className="panel" aria-labelledby="cp-title">
      <h2 id="cp-title">{sets ? 'Critical points W_I = U_I U_Iᵀ' : 'Critical points: assignments σ of hidden units to eigenvectors'}</h2>
      <p>
        <strong>{t.total.toLocaleString('en')}</strong> critical points{' '}
        {sets
          ? `with ${t.fullRankOnly ? `|I| = d = ${d}` : `|I| ≤ d = ${d}`}`
          : `σ, unit j ↦ u_σ(j) with λ_σ(j) > μ_j or unused${t.fullRankOnly ? ', every unit used' : ''}`}
        {t.complete ? ', all listed' : `; ${t.count.toLocaleString('en')} listed`}: {minima} with Morse index 0 and {(t.count - minima).toLocaleString('en')}{' '}
        saddles{t.complete ? '' : ' among those listed'}.
      </p>
      {!t.complete && (
        <p role="status" className="warn">
          {criticalPointTableSummary(t)}
        </p>
      )}
      <div className="table-scroll">
        {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA grid pattern, a data table whose rows are selected (aria-selected) from the keyboard */}
        <table className="numbers" role="grid" aria-label="Critical points, lowest loss first: Enter or Space selects one">
          <thead>
            <tr>
              <th scope="col">{sets ? 'I' : 'σ (unit 1, 2, …)'}</th>
              <th scope="col">{sets ? '|I|' : 'units used'}</th>
              <th scope="col">{sets ? 'loss L(I)' : 'loss L(σ)'}</th>
              <th scope="col">Morse index</th>
              <th scope="col">zero</th>
              <th scope="col">positive</th>
              <th scope="col">kind</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const key = c.I.join(',');
              const isMin = key === minKey;
              return (
                <tr
                  key={key}
                  className={key === selectedKey ? 'selected' : isMin ? 'minimum' : undefined}
                  aria-selected={key === selectedKey}
                  {...selectableRow(() => select('cp', c.I.join(',')))}
                >
                  <td>{pointName(t.points, c.I)}</td>
                  <td>{keyRank(t.points, c.I)}</td>
                  <td>{formatNumber(c.loss * scale, 8)}</td>
                  <td>{c.index}</td>
                  <td>{c.zeros}</td>
                  <td>{c.positive}</td>
                  <td>{isMin ? 'global minimum' : c.index === 0 ? 'minimum (degenerate)' : 'saddle'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {t.count > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE * 5)}>
          Show {Math.min(PAGE * 5, t.count - shown).toLocaleString('en')} more of {(t.count - shown).toLocaleString('en')}
        </button>
      )}
    </section>
  );
}
