import { findRow, tableRow } from '../core/landscape/criticalPointTable';
import { topSet } from '../plots/lossFigure';
import { setName } from '../text/setName';
import type { Results } from '../worker/protocol';
import { formatNumber } from './formatNumber';

/** One step of the guided tour: words, a formula filled with the live numbers, and the panel it is about. */
export interface TourStep {
  title: string;
  text: string;
  tex: string;
  /** Plain-text reading of `tex` (fallback and screen readers). */
  plain: string;
  /** id of the heading of the panel to highlight. */
  target: string;
}

const f = (x: number, digits = 5) => formatNumber(x, digits);
const set = (I: number[]) => (I.length ? `\\{${I.join(',')}\\}` : '\\varnothing');

/** The tour: Σ, its eigendecomposition, Proposition 1, Corollary 2, the Morse index, gradient descent. */
export function tourSteps(r: Results): TourStep[] {
  const { D, T } = r;
  const d = r.params.d;
  const λ = Array.from(r.eigenvalues);
  const top = Array.from({ length: d }, (_, k) => k + 1);
  const saddle = top.slice(0, d - 1).concat(d + 1 <= D ? [d + 1] : []);
  const saddleRow = findRow(r.table, saddle);
  const saddlePoint = saddleRow >= 0 ? tableRow(r.table, saddleRow) : null;
  const run = r.trajectories[0];
  const visited = run ? run.visited.map((v) => setName(v.I)).join(' → ') : '';
  const λlist = λ
    .slice(0, Math.min(D, 4))
    .map((v, i) => `\\lambda_{${i + 1}} = ${f(v)}`)
    .join(',\\ ');
  return [
    {
      title: '1. The data enter only through Σ',
      text: `${T} samples x_t in ${D} dimensions. The loss L(A, B) = Σ_t ‖x_t − ABx_t‖² can be rewritten so that the data appear only through the second-moment matrix Σ (the heatmap).`,
      tex: `L(A,B) = \\operatorname{tr}\\big((I - AB)\\,\\Sigma\\,(I - AB)^\\top\\big),\\qquad \\Sigma = X^\\top X,\\quad \\operatorname{tr}\\Sigma = ${f(r.traceSigma)}`,
      plain: `L(A,B) = tr((I − AB) Σ (I − AB)ᵀ), Σ = XᵀX, tr Σ = ${f(r.traceSigma)}`,
      target: 'sigma-title',
    },
    {
      title: '2. Eigendecomposition',
      text: 'Σ is symmetric and positive semi-definite, so it has orthonormal eigenvectors u_i and eigenvalues λ₁ ≥ … ≥ λ_D ≥ 0 (the bars). Every critical point of the autoencoder is built from these eigenvectors.',
      tex: `\\Sigma = U\\Lambda U^\\top,\\quad ${λlist}${D > 4 ? ',\\ \\dots' : ''}`,
      plain: `Σ = UΛUᵀ, λ = ${λ
        .slice(0, 4)
        .map((v) => f(v))
        .join(', ')}${D > 4 ? ', …' : ''}`,
      target: 'spectrum-title',
    },
    {
      title: '3. Proposition 1: every critical point is a projection',
      text: `For each set I of at most d = ${d} eigenvectors, W = AB = U_I U_Iᵀ is critical, and there are no others (Σ invertible, eigenvalues distinct). Here that makes ${BigInt(r.criticalPointsTotal).toLocaleString('en')} critical points, each a dot in the plot.`,
      tex: `W_I = U_I U_I^\\top,\\qquad L(I) = \\operatorname{tr}\\Sigma - \\sum_{i\\in I}\\lambda_i,\\qquad \\#\\{I\\} = \\sum_{k=0}^{${d}}\\binom{${D}}{k} = ${r.criticalPointsTotal}`,
      plain: `W_I = U_I U_Iᵀ, L(I) = tr Σ − Σ_{i∈I} λ_i, count = ${r.criticalPointsTotal}`,
      target: 'index-title',
    },
    {
      title: '4. Corollary 2: the global minimum (Eckart–Young–Mirsky)',
      text: `The lowest loss keeps the d largest eigenvalues: I = ${topSet(d)}, the star. Its loss is what the top-${d} projection cannot explain.`,
      tex: `L^* = L(${set(top)}) = \\sum_{i>${d}} \\lambda_i = ${f(r.globalMinimumLoss, 8)}`,
      plain: `L* = Σ_{i>${d}} λ_i = ${f(r.globalMinimumLoss, 8)}`,
      target: 'index-title',
    },
    {
      title: '5. The Morse index: why the others are saddles',
      text: `At W_I, rotating a kept u_i toward a dropped u_j with λ_j > λ_i lowers the loss, and so does giving a free hidden unit any dropped direction. Counting these gives the Morse index; only I = ${topSet(d)} has none.${saddlePoint ? ` For example I = {${saddle.join(',')}} has index ${saddlePoint.index}.` : ''}`,
      tex: `\\operatorname{index}(I) = \\#\\{(i\\in I, j\\notin I) : \\lambda_j > \\lambda_i\\} + (d - |I|)\\,\\#\\{j \\notin I : \\lambda_j > 0\\}${saddlePoint ? `,\\qquad \\operatorname{index}(${set(saddle)}) = ${saddlePoint.index}` : ''}`,
      plain: `index(I) = #{(i ∈ I, j ∉ I): λ_j > λ_i} + (d − |I|)·#{j ∉ I: λ_j > 0}`,
      target: 'index-title',
    },
    {
      title: '6. Gradient descent goes saddle to saddle',
      text: `From a small start, each run sits near the origin, then escapes along u₁, pauses at the saddle {1}, escapes along u₂, … The first run visited ${visited}. Each plateau is a critical loss level.`,
      tex: `A \\leftarrow A + 2\\eta\\,(I - AB)\\Sigma B^\\top,\\quad B \\leftarrow B + 2\\eta\\,A^\\top (I - AB)\\Sigma,\\quad \\eta = \\frac{${r.params.lr}}{\\lambda_1} = ${f(run?.eta ?? 0)}`,
      plain: `A ← A + 2η(I − AB)ΣBᵀ, B ← B + 2ηAᵀ(I − AB)Σ, η = lr/λ₁ = ${f(run?.eta ?? 0)}`,
      target: 'loss-title',
    },
    {
      title: '7. The surface between the saddles',
      text: 'A slice of the loss through the origin, a saddle and the global minimum, with the runs projected onto it: they leave the origin, bend near the saddle and settle at the minimum. Click any critical point to move the slice.',
      // Relations (=, ∝, ⊥) between short pieces, so the line can break inside the tour's card.
      tex: `\\theta(s,t) = \\theta_0 + s\\,e_1 + t\\,e_2,\\qquad \\theta_0 = 0,\\quad e_1 \\propto \\theta_{\\text{saddle}},\\quad e_2 \\perp e_1 \\text{ in the plane of } \\theta_{\\min}`,
      plain: 'θ(s, t) = θ₀ + s e₁ + t e₂ through origin, saddle and minimum',
      target: 'slice-title',
    },
  ];
}
