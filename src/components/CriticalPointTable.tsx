import { useMemo, useState } from 'react';
import { formatI } from '../plots/lossFigure';
import { lossScale } from '../plots/lossScale';
import { useExplorer } from '../state/store';
import { formatNumber } from './formatNumber';

const PAGE = 200;

/** Every listed critical point, lowest loss first, with what the closed form says about it. */
export function CriticalPointTable() {
  const results = useExplorer((s) => s.results);
  const params = useExplorer((s) => s.params);
  const setParam = useExplorer((s) => s.setParam);
  const [shown, setShown] = useState(PAGE);
  const sorted = useMemo(() => (results ? [...results.criticalPoints].sort((a, b) => a.loss - b.loss || a.index - b.index) : []), [results]);
  if (!results) return null;
  const scale = lossScale(params, results.T);
  const d = results.params.d;
  const minima = sorted.filter((c) => c.index === 0).length;
  const selectedKey = params.cp ? formatI(params.cp) : null;
  const r = results.restriction;
  return (
    <section className="panel" aria-labelledby="cp-title">
      <h2 id="cp-title">Critical points W_I = U_I U_Iᵀ</h2>
      <p>
        <strong>{BigInt(results.criticalPointsTotal).toLocaleString('en')}</strong> critical points with{' '}
        {results.params.fullRank ? `|I| = d = ${d}` : `|I| ≤ d = ${d}`}
        {r === null ? ', all listed' : `; ${sorted.length.toLocaleString('en')} listed`}: {minima} with Morse index 0 and{' '}
        {sorted.length - minima} saddles{r === null ? '' : ' among those listed'}.
      </p>
      {r?.kind === 'topEigenvectors' && (
        <p role="status" className="warn">
          Too many to list: shown are all I ⊆ {'{1..'}
          {r.m}
          {'}'}, the points built from the top {r.m} eigenvectors (they include the global minimum and the saddle-to-saddle path).
        </p>
      )}
      {r?.kind === 'chainAndSwaps' && (
        <p role="status" className="warn">
          Too many to list: shown are the chain ∅ ⊂ {'{1}'} ⊂ … ⊂ {'{1..d}'} and every point one swap away from the global minimum.
        </p>
      )}
      <div className="table-scroll">
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">I</th>
              <th scope="col">|I|</th>
              <th scope="col">loss L(I)</th>
              <th scope="col">Morse index</th>
              <th scope="col">zero</th>
              <th scope="col">positive</th>
              <th scope="col">kind</th>
            </tr>
          </thead>
          <tbody>
            {sorted.slice(0, shown).map((c) => {
              const key = formatI(c.I);
              const isMin = c.I.length === d && c.I.every((i, m) => i === m + 1);
              return (
                <tr
                  key={key}
                  className={key === selectedKey ? 'selected' : isMin ? 'minimum' : undefined}
                  onClick={() => setParam('cp', c.I.length ? c.I.join(',') : '')}
                >
                  <td>{key === '{}' ? '∅' : key}</td>
                  <td>{c.I.length}</td>
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
      {sorted.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE * 5)}>
          Show {Math.min(PAGE * 5, sorted.length - shown)} more of {sorted.length - shown}
        </button>
      )}
    </section>
  );
}
