import type { Results } from '../worker/protocol';
import { Formula } from './Formula';
import { formatNumber } from './formatNumber';

/**
 * What the detail panel says about an assignment σ under the ordered decay profile (docs/design.md
 * §5, μ_j = wd · λ₁ · j/d): the loss by its closed form, each unit's eigenvector and shrink factor
 * 1 − μ_j/λ_σ(j), what an unused unit could still learn, and why the Hessian has no zero eigenvalue.
 */
export function OrderedPointNotes({
  results,
  σ,
  scale,
  loss,
  zeros,
}: {
  results: Results;
  σ: number[];
  scale: number;
  loss: number | null;
  zeros: number | null;
}) {
  const λ = results.eigenvalues;
  const μ = results.μ;
  const tied = results.model.id === 'tied';
  const shown = loss === null ? 'not listed' : formatNumber(loss * scale, 8);
  // An unused unit j grows along any free u_i with λ_i > μ_j (one of §5's index terms): list them.
  const free = (m: number) => Array.from(λ, (_, i) => i + 1).filter((i) => λ[i - 1] > m && !σ.includes(i));
  return (
    <div className="decayed-notes">
      <p className="formula-line">
        <Formula
          display
          tex={`L(\\sigma) = \\sum_{i\\ \\text{unassigned}}\\lambda_i + \\sum_{j\\ \\text{used}}\\Big(2\\mu_j - \\frac{\\mu_j^2}{\\lambda_{\\sigma(j)}}\\Big) = ${shown}`}
          fallback={`L(σ) = Σ_{i unassigned} λ_i + Σ_{j used} (2μ_j − μ_j²/λ_σ(j)) = ${shown}`}
        />
      </p>
      <ul className="unit-list">
        {σ.map((i, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one item per hidden unit, in unit order
          <li key={j}>
            unit {j + 1} (μ{j + 1} = {formatNumber(μ[j] * scale, 4)}):{' '}
            {i === 0
              ? free(μ[j]).length
                ? `unused; it would grow along ${free(μ[j])
                    .slice(0, 4)
                    .map((l) => `u${l}`)
                    .join(', ')}${free(μ[j]).length > 4 ? ', …' : ''} (λ > μ${j + 1})`
                : `unused; no free direction has λ > μ${j + 1}, so it learns nothing`
              : `on u${i}, a${j + 1} = b${j + 1}ᵀ = √(1 − μ${j + 1}/λ${i}) u${i}, W’s eigenvalue ${formatNumber(1 - μ[j] / λ[i - 1], 6)}`}
          </li>
        ))}
      </ul>
      <p>
        Symmetry of the hidden units: GL(d) → {tied ? 'O(d) (A = Bᵀ)' : 'O(d) (the decay)'} → none: distinct penalties μ_j make each unit’s place matter, so
        only a sign per unit is left and the Hessian has no zero eigenvalue{zeros !== null && ` (its zero count here: ${zeros})`}. The one minimum puts unit j
        on u_j: PCA itself, axis by axis.
      </p>
      <p className="muted">
        Proposition 1’s residuals, the descent directions, the path to a neighbour and the loss slice are the seed’s μ = 0 untied maths and are not drawn here.
      </p>
    </div>
  );
}
