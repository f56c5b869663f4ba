import { beyondSeed } from '../state/beyondSeed';
import type { Results } from '../worker/protocol';
import { Formula } from './Formula';
import { formatNumber } from './formatNumber';

const setTex = (I: number[]) => (I.length ? `\\{${I.join(',')}\\}` : '\\varnothing');
const setName = (I: number[]) => `{${I.join(',')}}`;

/** The symmetry of the hidden units and the dimension of its orbit at a point of rank k (docs/design.md §5). */
function symmetryOf(results: Pick<Results, 'μ' | 'model'>, d: number, k: number): { group: string; dimension: number } {
  if (!beyondSeed(results)) return { group: 'GL(d)', dimension: k * (2 * d - k) };
  return { group: 'O(d)', dimension: (d * (d - 1)) / 2 - ((d - k) * (d - k - 1)) / 2 };
}

/**
 * What the detail panel says about a critical point under weight decay or tied weights, where W is
 * no longer a projection: the loss by §5's closed form, W's eigenvalues 1 − μ/λ_i, the directions
 * that can no longer be learned, and the symmetry behind the Hessian's zero count.
 */
export function DecayedPointNotes({
  results,
  I,
  scale,
  loss,
  zeros,
}: {
  results: Results;
  I: number[];
  scale: number;
  /** L(I) from the model's critical set (the table), null while I is not listed. */
  loss: number | null;
  zeros: number | null;
}) {
  const λ = results.eigenvalues;
  const μ = results.μ[0] ?? 0;
  const d = results.params.d;
  const inI = new Set(I);
  const out = Array.from({ length: λ.length }, (_, i) => i + 1).filter((i) => !inI.has(i));
  const lost = out.filter((i) => !(λ[i - 1] > μ));
  const sym = symmetryOf(results, d, I.length);
  const tied = results.model.id === 'tied';
  return (
    <div className="decayed-notes">
      <p className="formula-line">
        <Formula
          display
          tex={`L(${setTex(I)}) = \\sum_{i\\notin I}\\lambda_i + \\sum_{i\\in I}\\Big(2\\mu - \\frac{\\mu^2}{\\lambda_i}\\Big) = ${loss === null ? '\\text{not listed}' : formatNumber(loss * scale, 8)},\\quad \\mu = ${formatNumber(μ * scale, 4)}`}
          fallback={`L(${setName(I)}) = Σ_{i∉I} λ_i + Σ_{i∈I} (2μ − μ²/λ_i) = ${loss === null ? 'not listed' : formatNumber(loss * scale, 8)}, μ = ${formatNumber(μ * scale, 4)}`}
        />
      </p>
      <p>
        {μ > 0 ? (
          <>
            Weight decay shrinks W: W = Σ<sub>i∈I</sub> (1 − μ/λ<sub>i</sub>) u<sub>i</sub>u<sub>i</sub>ᵀ is no longer a projection; its eigenvalues here are{' '}
            {I.length ? I.map((i) => `${formatNumber(1 - μ / λ[i - 1], 6)} (u${i})`).join(', ') : 'all 0'}. The decay balances the layers: A = Bᵀ at every
            critical point.
          </>
        ) : (
          <>Tied weights (A = Bᵀ) at μ = 0: W = U_I U_Iᵀ, the seed’s projection, reached with half the parameters.</>
        )}
      </p>
      {lost.length > 0 && (
        <p role="status" className="warn">
          {lost.map((i) => `u${i} is no longer learned: λ${i} = ${formatNumber(λ[i - 1] * scale, 4)} ≤ μ`).join('; ')}.
        </p>
      )}
      <p>
        Symmetry of the hidden units: {tied || μ > 0 ? 'GL(d) → O(d)' : 'GL(d)'} (
        {tied ? 'A = Bᵀ leaves only rotations' : 'the decay ‖A‖² + ‖B‖² is kept only by rotations'}); its orbit through this point has dimension {sym.dimension}
        {zeros !== null && `, the Hessian’s zero count ${zeros}`}.
      </p>
      <p className="muted">
        Proposition 1’s residuals, the descent directions, the path to a neighbour and the loss slice are the seed’s μ = 0 untied maths and are not drawn here.
      </p>
    </div>
  );
}
