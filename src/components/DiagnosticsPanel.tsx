import { useExplorer } from '../state/store';
import { noteSentence, tiedRuns } from '../text/notes';
import { formatNumber } from './formatNumber';

/** The theorem's assumptions (Σ invertible, eigenvalues distinct), checked with the one τ. */
export function DiagnosticsPanel() {
  const results = useExplorer((s) => s.results);
  if (!results) return null;
  const { diagnostics: g, D, T } = results;
  return (
    <section className="panel" aria-labelledby="diag-title">
      <h2 id="diag-title">Σ and the theorem’s assumptions</h2>
      <dl className="facts">
        <dt>samples × dimensions</dt>
        <dd>
          T = {T}, D = {D}
        </dd>
        <dt>tr Σ = ‖X‖²</dt>
        <dd>{formatNumber(results.traceSigma)}</dd>
        <dt>tolerance τ = 10⁻⁹ λ₁</dt>
        <dd>{formatNumber(g.tolerance)}</dd>
        <dt>rank of Σ</dt>
        <dd>
          {g.rank} of {D}
        </dd>
        <dt>condition λ₁/λ_D</dt>
        <dd>{g.conditionNumber === null ? '∞ (Σ is singular)' : formatNumber(g.conditionNumber)}</dd>
        <dt>min gap (λᵢ − λᵢ₊₁)/λ₁</dt>
        <dd>{formatNumber(g.minRelativeGap)}</dd>
      </dl>
      {results.notes.length > 0 && (
        <ul role="status" className="warn notes">
          {results.notes.map((n) => (
            <li key={`${n.path}:${n.reason}`}>{noteSentence(n)}</li>
          ))}
        </ul>
      )}
      {results.params.data === 'sparse' && (
        <p className="explain">
          <strong>Sparse features.</strong> Scaling feature i by √importance<sub>i</sub> turns the Toy Models of Superposition’s importance-weighted loss into
          this plain loss by an invertible change of variables S: the same critical points, losses and Morse indices, but not the same gradient-descent paths,
          and in the original features the solutions are oblique, S⁻¹W<sub>I</sub>S. A linear autoencoder cannot show superposition: that needs the paper’s tied
          weights and ReLU.
        </p>
      )}
      {results.params.data === 'digits' && (
        <p className="explain">
          {T} MNIST digits chosen by a seeded permutation, {D === 196 ? '2 × 2-pooled to 14 × 14 pixels' : 'all 28 × 28 pixels'}, values in [0, 1]. Uncentred,
          u₁ is close to the mean image.
        </p>
      )}
      <div role="status" className={g.invertible && g.distinct ? 'ok' : 'warn'}>
        {g.invertible && g.distinct ? (
          <p>
            Both assumptions of Baldi &amp; Hornik hold: Σ is invertible and its eigenvalues are distinct. So every critical point is a projection W<sub>I</sub>{' '}
            = U<sub>I</sub>U<sub>I</sub>ᵀ onto eigenvectors, and only I = {'{1..d}'} is a minimum.
          </p>
        ) : (
          <>
            {!g.invertible && (
              <p>
                <strong>Σ is singular</strong> (rank {g.rank} &lt; D = {D}
                {T < D ? `, because T = ${T} < D` : ''}). A zero eigenvalue makes its direction free: W is only determined on the range of Σ, and the Hessian
                gains zero eigenvalues (the closed form counts them).
              </p>
            )}
            {!g.distinct && (
              <p>
                <strong>Tied eigenvalues</strong> ({tiedRuns(g.tiedPairs)} to τ). A tie across the edge of I makes a circle of equivalent critical points
                (rotate within the tied eigenspace) and turns that pair’s descent direction into a flat one.
              </p>
            )}
          </>
        )}
      </div>
    </section>
  );
}
