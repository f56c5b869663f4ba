/** Named scenarios: one click, one URL, one line of what to notice (on the page) and two sentences more (its tooltip). */
export interface Preset {
  id: string;
  name: string;
  query: string;
  /** What to look at, in one short line shown under the link. */
  notice: string;
  description: string;
}

export const PRESETS: Preset[] = [
  {
    id: 'baldi-hornik',
    name: 'Baldi–Hornik in 3 → 1',
    query: '?data=gaussian&D=3&d=1&T=300&seed=2&spectrum=3^(-k)&steps=400&runs=4&init=0.001',
    notice: 'four critical points, one minimum; every run waits at the origin first.',
    description: 'Three inputs, one hidden unit: four critical points, one minimum and three saddles. Every run pauses near the origin, then rotates onto u₁.',
  },
  {
    id: 'saddle-to-saddle',
    name: 'Saddle to saddle (small init)',
    query: '?data=gaussian&D=8&d=4&T=1000&seed=3&spectrum=2^(-k)&init=0.00001&steps=3000&runs=4',
    notice: 'the runs rest on ∅, {1}, {1,2}, {1,2,3} in turn, each plateau longer.',
    description:
      'From a tiny start gradient descent visits ∅ → {1} → {1,2} → … → {1..4}, pausing at each loss level. The plateaus lengthen as the eigenvalues shrink.',
  },
  {
    id: 'repeated',
    name: 'Repeated eigenvalues',
    query: '?data=gaussian&D=6&d=3&T=120&seed=4&spectrum=1/floor((k%2B1)/2)&exact=1&steps=2000&runs=4&cp=1,2,4',
    notice: 'two minima of equal loss, and an extra zero in the Hessian.',
    description:
      'Σ has λ₃ = λ₄ exactly, so {1,2,3} and {1,2,4} have the same loss and index 0: a circle of equivalent minima. The Hessian gains a zero for the tied pair across the edge of I.',
  },
  {
    id: 'singular',
    name: 'Singular Σ (T < D)',
    query: '?data=gaussian&D=6&d=2&T=3&seed=5&spectrum=2^(-k)&steps=2000&runs=4&cp=1,3',
    notice: 'rank 3, zero eigenvalues, W pinned down only on the range of Σ.',
    description:
      'Three samples in six dimensions: Σ has rank 3 and three zero eigenvalues. The dropped directions are free, so W is fixed only on the range of Σ and the Hessian has extra zeros.',
  },
  {
    id: 'sparse',
    name: 'Sparse features',
    query: '?data=sparse&D=8&d=3&T=2000&seed=6&sparsity=0.8&importance=0.7&steps=3000&runs=4',
    notice: 'the top directions are learned; nothing is superposed.',
    description:
      'The Toy Models of Superposition data: rare features weighted by importance rᶦ⁻¹. A linear autoencoder keeps the top eigen-directions and cannot superpose features.',
  },
  {
    id: 'kunin',
    name: 'Weight decay (Kunin)',
    query: '?data=gaussian&D=6&d=3&T=200&seed=7&spectrum=2^(-k)&exact=1&wd=0.2&steps=4000&runs=4',
    notice: 'u₄…u₆ are no longer learned; W shrinks to eigenvalues 1 − μ/λᵢ.',
    description:
      'Weight decay μ = 0.2 λ₁: directions with λᵢ ≤ μ are never learned, so only 8 critical points are left, and the minimum is W = Σ (1 − μ/λᵢ) uᵢuᵢᵀ, no longer a projection. Drag the μ slider to watch the levels split and fall away.',
  },
  {
    id: 'tied',
    name: 'Tied weights',
    query: '?model=tied&data=gaussian&D=5&d=2&T=200&seed=2&spectrum=2^(-k)&exact=1&lr=0.2&steps=2000&runs=4',
    notice: 'A = Bᵀ: half the parameters, the same points, O(d) zeros only.',
    description:
      'The Toy Models of Superposition parameterisation x ↦ BᵀBx: the same critical points and Morse indices with half the parameters, but only rotations of the hidden units are left as symmetry, so the Hessian has fewer zeros. It is stable only for lr < 0.25.',
  },
  {
    id: 'bao',
    name: 'Ordered decay (Bao)',
    query: '?data=gaussian&D=5&d=3&T=200&seed=7&spectrum=2^(-k)&exact=1&wd=0.2&wdProfile=ordered&steps=10000&runs=4',
    notice: 'unit j ends on u_j: the eigenvectors themselves, one unit at a time.',
    description:
      'Ordered decay μ_j = 0.2 λ₁ · j/3 gives each hidden unit its own penalty, so the units are no longer interchangeable: the 47 critical points are assignments of units to eigenvectors, none has a zero Hessian eigenvalue, and the one minimum puts unit j on u_j. Open a run’s anatomy to watch each unit turn onto its eigenvector.',
  },
  {
    id: 'tms-dense',
    name: 'ReLU: 5 features in 2 dims, dense',
    query: '?model=relu&D=5&d=2&seed=1&sparsity=0&importance=0.9&runs=3',
    notice: 'two features, orthogonal, like PCA; the loss equals the best linear one.',
    description:
      'Toy Models of Superposition’s ReLU model on dense features (S = 0): it keeps the two most important features at right angles and drops the rest, exactly what the best linear autoencoder (PCA) does, at the same loss.',
  },
  {
    id: 'tms-pentagon',
    name: 'ReLU: superposition (pentagon)',
    query: '?model=relu&D=5&d=2&seed=1&sparsity=0.95&importance=0.9&runs=3',
    notice: 'all five features in two dimensions, 72° apart: below every linear critical point.',
    description:
      'At sparsity 0.95 the ReLU model stores all five features in a two-dimensional hidden space, as a pentagon, and its loss falls far below the best linear autoencoder’s: superposition, which no linear critical point can reach.',
  },
  {
    id: 'tms-phase',
    name: 'ReLU: phase diagram (2 → 1)',
    query: '?model=relu&D=2&d=1&seed=1&sparsity=0.9&importance=1&runs=3&phase=1',
    notice: 'feature 2 ignored, given the dimension, or superposed, by density and importance.',
    description:
      'The paper’s phase diagram for two features in one dimension: a grid of trainings over feature density and the second feature’s relative importance, each cell coloured by whether feature 2 is not represented, gets the dimension, or shares it antipodally with feature 1.',
  },
  {
    id: 'digits',
    name: 'MNIST digits',
    query: '?data=digits&T=1000&pool=2&d=4&seed=1&steps=2000&runs=2&init=0.001',
    notice: 'u₁ is the mean digit; the last directions are learned slowly.',
    description:
      'A thousand handwritten digits at 14 × 14 pixels: the first eigenvector is close to the mean image. Gradient descent learns the top four directions one after another, the last ones slowly because their gaps are small.',
  },
  {
    id: 'iris',
    name: 'Iris',
    query: '?data=iris&d=2&seed=1&steps=3000&runs=4&center=1',
    notice: 'centred data, so this is PCA; two directions explain almost all.',
    description: 'Fisher’s 150 flowers, centred: PCA by gradient descent. Two directions keep almost all of the variance.',
  },
];
