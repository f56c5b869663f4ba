import { useEffect, useMemo, useState } from 'react';
import { minimumAgreement } from '../core/models/linear/minimumAgreement';
import { namedMatrices } from '../core/models/model';
import { decayLevelsFigure } from '../plots/decayLevelsFigure';
import { lossScale } from '../plots/lossScale';
import { useExplorer } from '../state/store';
import { formatNumber } from './formatNumber';
import { PlotlyFigure } from './PlotlyFigure';
import { ScrollRegion } from './ScrollRegion';

/** Runs whose final W is set against the closed form (each costs O(D²d)). */
const AGREEMENT_RUNS = 4;

/**
 * Weight decay (docs/design.md §5): the critical loss levels as μ grows, with a slider that
 * previews a μ and applies it, and the minimum's W = Σ (1 − μ/λ_i) u_i u_iᵀ against what gradient
 * descent found.
 */
export function DecayPanel() {
  const results = useExplorer((s) => s.results);
  const params = useExplorer((s) => s.params);
  const version = useExplorer((s) => s.viewVersion);
  const setParam = useExplorer((s) => s.setParam);
  const applied = results?.params.wd ?? 0;
  const [preview, setPreview] = useState(applied);
  useEffect(() => setPreview(applied), [applied]);
  const scale = results ? lossScale(params, results.T) : 1;
  const λ = results?.eigenvalues;
  const ordered = results?.table.points === 'assignments';
  const figure = useMemo(
    () =>
      results && λ && λ[0] > 0 && !ordered
        ? () => decayLevelsFigure({ λ, d: results.params.d, parameters: results.model.parameterCount, preview, applied, scale, norm: params.norm })
        : null,
    [results, λ, preview, applied, scale, params.norm, ordered],
  );
  const agreement = useMemo(() => {
    if (!results || !(results.eigenvalues[0] > 0)) return null;
    return results.trajectories.slice(0, AGREEMENT_RUNS).flatMap((t) => {
      if (!t.final) return [];
      const { A, B } = namedMatrices(results.model.blocks, results.model.transposes, t.final);
      return [{ run: t.run, ...minimumAgreement(results.eigenvalues, results.U, A, B, results.μ) }];
    });
  }, [results]);
  // A sampled model (the ReLU model) has no weight decay; its landscape here is only the linear one it is drawn against.
  if (!results || !(results.eigenvalues[0] > 0) || results.relu) return null;
  const μ = results.μ[0] ?? 0;
  return (
    <section className="panel wide" aria-labelledby="decay-title">
      <h2 id="decay-title">{ordered ? 'Ordered weight decay: PCA axis by axis' : 'Weight decay: the levels split, shrink and fall away'}</h2>
      {ordered && (
        <p className="explain">
          Ordered decay (Bao et al. 2020) gives hidden unit j its own μ<sub>j</sub> = wd · λ₁ · j/d. The units are no longer interchangeable: a critical point
          is an assignment σ of units to eigenvectors, L(σ) = Σ<sub>i unassigned</sub> λ<sub>i</sub> + Σ<sub>j used</sub> (2μ<sub>j</sub> − μ<sub>j</sub>²/λ
          <sub>σ(j)</sub>), and the one minimum puts unit j on u<sub>j</sub> — the eigenvectors themselves, not only their span. The slider sets wd for this
          profile (the levels figure is the uniform profile’s); each run’s units turning onto their eigenvectors are in the run’s anatomy.
        </p>
      )}
      <p className="explain" hidden={ordered}>
        With decay μ(‖A‖² + ‖B‖²) (Kunin et al. 2019) the critical points keep their eigenvectors but not their losses: L(I) = Σ<sub>i∉I</sub> λ<sub>i</sub> + Σ
        <sub>i∈I</sub> (2μ − μ²/λ<sub>i</sub>). Sets of equal Σλ<sub>i</sub> split apart, and each level ends when μ reaches its smallest λ<sub>i</sub>: that
        direction is no longer learned and the point merges into its neighbour. Drag to preview a μ; apply it to recompute the landscape and the runs.
      </p>
      <div className="decay-slider">
        <label htmlFor="decay-preview">μ / λ₁ preview</label>
        <input
          id="decay-preview"
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={preview}
          onChange={(e) => setPreview(Number(e.currentTarget.value))}
          aria-valuetext={`μ = ${preview.toFixed(2)} λ₁`}
        />
        <output htmlFor="decay-preview">{preview.toFixed(2)}</output>
        <button type="button" disabled={preview === applied} onClick={() => setParam('wd', preview === 0 ? '' : String(preview))}>
          Apply wd = {preview.toFixed(2)}
        </button>
      </div>
      {figure && <PlotlyFigure id="levels" figure={figure} version={version} label="Critical loss levels against the weight decay mu" height={420} />}
      {agreement && agreement.length > 0 && (
        <>
          <h3>The minimum’s W against gradient descent</h3>
          <p className="explain">
            The closed form W* = Σ<sub>i≤{agreement[0].i.length}</sub> (1 − μ{ordered ? <sub>i</sub> : ''}/λ<sub>i</sub>) u<sub>i</sub>u<sub>i</sub>ᵀ
            {μ === 0 ? ' (μ = 0: the projection)' : ''} beside u<sub>i</sub>ᵀWu<sub>i</sub> for each run’s final W = AB, and ‖W − W*‖ / ‖W*‖ (0 when W has W*’s
            eigenvalues and eigenvectors).
          </p>
          <ScrollRegion label="The minimum’s W: closed form and each run">
            <table className="numbers compact">
              <thead>
                <tr>
                  <th scope="col">u_i</th>
                  <th scope="col">{ordered ? '1 − μ_i/λ_i' : '1 − μ/λ_i'}</th>
                  {agreement.map((a) => (
                    <th scope="col" key={a.run}>
                      run {a.run}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {agreement[0].i.map((i, n) => (
                  <tr key={i}>
                    <th scope="row">u{i}</th>
                    <td>{formatNumber(agreement[0].closed[n], 8)}</td>
                    {agreement.map((a) => (
                      <td key={a.run}>{formatNumber(a.found[n], 8)}</td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">‖W − W*‖ / ‖W*‖</th>
                  <td>0</td>
                  {agreement.map((a) => (
                    <td key={a.run}>{formatNumber(a.relativeError, 2)}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
