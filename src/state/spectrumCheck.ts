import type { SpectrumResult } from '../core/data/spectrumExpression';

/**
 * The spectrum-expression checker for the page, loaded on first need. It is mathjs's parser
 * (≈ 95 KB of the 184 KB gzip the page used to load first), and most views never meet a spectrum
 * expression other than the default, which needs no check; the store loads it before parsing a
 * query that carries another one.
 */
export type SpectrumEvaluator = (expression: string, D: number) => SpectrumResult;

let evaluator: SpectrumEvaluator | null = null;
let loading: Promise<SpectrumEvaluator> | null = null;

export function loadSpectrumCheck(): Promise<SpectrumEvaluator> {
  loading ??= import('../core/data/spectrumExpression').then(
    (m) => (evaluator = m.evaluateSpectrum),
    (e: unknown) => {
      loading = null; // a later attempt may succeed
      throw e;
    },
  );
  return loading;
}

/** The checker if it is loaded, else null. */
export function spectrumCheck(): SpectrumEvaluator | null {
  return evaluator;
}
