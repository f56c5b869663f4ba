import type { ReactNode } from 'react';
import type { ModelId } from '../core/models/model';
import type { ExplorerParams } from '../state/urlSchema';

type Setting = Pick<ExplorerParams, 'wd' | 'wdProfile'>;

/** What the page's model says in one sentence (docs/design.md §1, §5, §7): one row per model. */
const TAGLINES: Record<ModelId, (p: Setting) => ReactNode> = {
  linear: (p) =>
    p.wd === 0 ? (
      <>
        Every critical point of L(A, B) = Σ<sub>t</sub> ‖x<sub>t</sub> − ABx<sub>t</sub>‖² is a projection onto eigenvectors of Σ; all but one are saddles
        (Baldi &amp; Hornik, 1989).
      </>
    ) : (
      decayed(['L(A, B) = Σₜ ‖xₜ − ABxₜ‖² + μ(‖A‖² + ‖B‖²)', 'L(A, B) = Σₜ ‖xₜ − ABxₜ‖² + Σⱼ μⱼ(‖aⱼ‖² + ‖bⱼ‖²)'], p)
    ),
  tied: (p) =>
    p.wd === 0 ? (
      <>The tied autoencoder x ↦ BᵀBx (A = Bᵀ) has the untied one’s critical points: every one a projection onto eigenvectors of Σ, all but one saddles.</>
    ) : (
      decayed(['L(B) = Σₜ ‖xₜ − BᵀBxₜ‖² + 2μ‖B‖²', 'L(B) = Σₜ ‖xₜ − BᵀBxₜ‖² + 2Σⱼ μⱼ‖bⱼ‖²'], p)
    ),
  relu: () => (
    <>
      x′ = ReLU(WᵀWx + b) trained with Adam on sparse features: with enough sparsity it stores more features than dimensions and beats every linear autoencoder
      on the same data (Elhage et al., 2022).
    </>
  ),
};

/** §5's weight-decayed critical points, uniform (Kunin et al. 2019) or ordered (Bao et al. 2020). */
function decayed([uniform, ordered]: [string, string], p: Setting): ReactNode {
  return p.wdProfile === 'ordered' ? (
    <>
      With a penalty μ<sub>j</sub> per hidden unit, {ordered} has as critical points the assignments of hidden units to eigenvectors (unit j on u<sub>σ(j)</sub>{' '}
      with λ<sub>σ(j)</sub> &gt; μ<sub>j</sub>, or unused); the one minimum puts unit j on u<sub>j</sub> (Bao et al., 2020).
    </>
  ) : (
    <>
      With weight decay, every critical point of {uniform} is a shrunk projection W = Σ<sub>i∈I</sub> (1 − μ/λ<sub>i</sub>) u<sub>i</sub>u<sub>i</sub>ᵀ; all but
      one are saddles (Kunin et al., 2019).
    </>
  );
}

export function ModelTagline({ params }: { params: Setting & { model: ModelId } }) {
  return <p className="tagline">{TAGLINES[params.model](params)}</p>;
}
