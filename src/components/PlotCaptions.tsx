import type { Results } from '../worker/protocol';
import { formatNumber } from './formatNumber';

/**
 * The loss and index plots' captions: each states the closed form the plotted levels come from
 * (docs/design.md §1 for the seed, §5 under uniform or ordered decay), so the words match the numbers.
 */
export function LossLevelsCaption({ results, scale }: { results: Results | null; scale: number }) {
  const μ = results?.μ ?? new Float64Array(0);
  const ordered = results?.table.points === 'assignments';
  const decayed = μ.some((m) => m > 0);
  const μd = μ[μ.length - 1] ?? 0;
  return (
    <p className="explain">
      Each curve is one run of full-batch gradient descent from a small random start (each its own colour and dash). The horizontal lines are the losses{' '}
      {ordered ? (
        <>
          L(σ) = Σ<sub>i unassigned</sub> λ<sub>i</sub> + Σ<sub>j used</sub> (2μ<sub>j</sub> − μ<sub>j</sub>²/λ<sub>σ(j)</sub>) (ordered decay μ<sub>j</sub> ={' '}
          {formatNumber(μd * scale, 4)} · j/d, docs/design.md §5)
        </>
      ) : decayed ? (
        <>
          L(I) = Σ<sub>i∉I</sub> λ<sub>i</sub> + Σ<sub>i∈I</sub> (2μ − μ²/λ<sub>i</sub>) (weight decay μ = {formatNumber((μ[0] ?? 0) * scale, 4)},
          docs/design.md §5)
        </>
      ) : (
        <>
          L(I) = tr Σ − Σ<sub>i∈I</sub> λ<sub>i</sub>
        </>
      )}{' '}
      of the critical points, coloured by Morse index (the key is below the plot): solid and labelled where a run passed, dotted elsewhere; the thick black line
      is the global minimum L*{decayed ? '' : ' = Σ_{i>d} λ_i'}.{' '}
      {ordered
        ? 'A label (2,1,–) puts unit 1 on u₂, unit 2 on u₁ and leaves unit 3 unused. Runs pause on saddle levels, and some swap units late, before reaching L* with unit j on u_j.'
        : 'Runs pause on saddle levels (∅ → {1} → {1,2} → …) before reaching L*.'}
    </p>
  );
}

export function IndexCaption({ results }: { results: Results | null }) {
  if (results?.table.points === 'assignments')
    return (
      <p className="explain">
        Under ordered decay the Morse index of σ counts, for each used unit j, the free directions with λ above λ<sub>σ(j)</sub>; each pair of used units whose
        penalties and eigenvalues are in opposite orders (a swap lowers the loss); and, for each unused unit, the free directions with λ &gt; μ<sub>j</sub> and
        the costlier units it could take over from. No zero eigenvalues: the units are no longer interchangeable. Only the star has index 0.
      </p>
    );
  const decayed = results?.μ.some((m) => m > 0) ?? false;
  return (
    <p className="explain">
      The Morse index counts descent directions: index(I) = #{'{'}(i ∈ I, j ∉ I): λ<sub>j</sub> &gt; λ<sub>i</sub>
      {'}'} + (d − |I|)·#
      {'{'}j ∉ I: λ<sub>j</sub> &gt; {decayed ? 'μ' : '0'}
      {'}'}. Only the star has none.
    </p>
  );
}
