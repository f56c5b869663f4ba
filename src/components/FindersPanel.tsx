import { useMemo } from 'react';
import { FINDER_METHODS } from '../core/finders/finderRun';
import { findersBiasFigure, findersCutoffFigure, findersLossFigure, findersTraceFigure, METHOD_NAMES } from '../plots/findersFigures';
import { useExplorer } from '../state/store';
import { formatNumber } from './formatNumber';
import { PlotlyFigure } from './PlotlyFigure';
import { ScrollRegion } from './ScrollRegion';

/**
 * Frye et al.'s experiment on this landscape (docs/design.md §6): the finders' end points against
 * the closed form, their bias, the cutoff figure and their convergence. Clicking a found point opens
 * its analytic match in the detail panel.
 */
export function FindersPanel() {
  const results = useExplorer((s) => s.results);
  const norm = useExplorer((s) => s.params.norm);
  const version = useExplorer((s) => s.viewVersion);
  const select = useExplorer((s) => s.select);
  const figures = useMemo(() => {
    if (!results?.finders) return null;
    const r = { ...results, finders: results.finders };
    return {
      loss: () => findersLossFigure(r, { norm }),
      bias: () => findersBiasFigure(r),
      cutoff: () => findersCutoffFigure(r),
      trace: () => findersTraceFigure(r),
    };
  }, [results, norm]);
  if (!results?.finders || !figures) return null;
  const { runs, params } = results.finders;
  const rows = FINDER_METHODS.filter((m) => params.methods.includes(m)).map((m) => {
    const mine = runs.filter((f) => f.method === m);
    return {
      m,
      runs: mine.length,
      critical: mine.filter((f) => f.verdict === 'critical').length,
      agree: mine.filter((f) => f.agrees).length,
      wrong: mine.filter((f) => f.verdict === 'critical' && !f.agrees).length,
      flat: mine.filter((f) => f.verdict === 'gradient-flat').length,
      unknown: mine.filter((f) => f.index === null).length,
    };
  });
  const lanczos = runs.filter((f) => f.lanczos !== null);
  return (
    <section className="panel wide" aria-labelledby="finders-title">
      <h2 id="finders-title">Numerical critical-point finders against the closed form</h2>
      <p className="explain">
        Researchers find the critical points of networks without a closed form by running finders; Frye et al. (2019) ran them on exactly this model and found
        them biased, and loose cutoffs accepting points that are not critical. Here each finder ran {params.iterations} iterations from {params.starts}{' '}
        {params.from === 'both' ? 'starts (half along the runs, half random)' : params.from === 'trajectory' ? 'starts along the runs' : 'random starts'}; a run
        is called critical when ‖∇L‖²/λ₁² ≤ {formatNumber(params.cutoff, 1)}, and it agrees when its loss is L(I) of its nearest analytic point (to 1e-8 · tr Σ)
        and its numerical Morse index is index(I).{' '}
        {lanczos.length > 0 &&
          `With ${runs[0].θ.length} parameters the index is block Lanczos's (up to 600 Hessian-vector products; a lower bound until it converges): it converged on ${lanczos.filter((f) => f.lanczos?.converged).length} of ${lanczos.length} end points, and a run whose index is unknown cannot agree.`}
      </p>
      <ScrollRegion label="Finders: verdicts per method">
        <table className="numbers compact">
          <thead>
            <tr>
              <th scope="col">method</th>
              <th scope="col">runs</th>
              <th scope="col">critical</th>
              <th scope="col">agree</th>
              <th scope="col">critical, not agreeing</th>
              <th scope="col">gradient-flat</th>
              {lanczos.length > 0 && <th scope="col">index unknown</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.m}>
                <th scope="row">{METHOD_NAMES[r.m]}</th>
                <td>{r.runs}</td>
                <td>{r.critical}</td>
                <td>{r.agree}</td>
                <td>{r.wrong}</td>
                <td>{r.flat}</td>
                {lanczos.length > 0 && <td>{r.unknown}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <div className="plots">
        <PlotlyFigure
          id="findersLoss"
          figure={figures.loss}
          version={version}
          label="Loss against Morse index: analytic points hollow, the finders' end points filled"
          onPointClick={(c) => typeof c === 'string' && select('cp', c)}
        />
        <PlotlyFigure id="findersBias" figure={figures.bias} version={version} label="Analytic critical points per index against the distinct points found" />
        <PlotlyFigure id="findersCutoff" figure={figures.cutoff} version={version} label="Share of right verdicts as the cutoff sweeps" />
        <PlotlyFigure id="findersTrace" figure={figures.trace} version={version} label="Squared gradient norm per iteration of every finder run" />
      </div>
    </section>
  );
}
