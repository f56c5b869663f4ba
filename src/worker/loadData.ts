/** The data matrix X (T × D, rows are samples) of a state: generated from the seed, or given (an upload, the digits asset). */
import { DIGIT_PIXELS, digitsMatrix, selectDigits } from '../core/data/digits';
import { gaussianData } from '../core/data/gaussian';
import { irisData } from '../core/data/iris';
import { sparseData } from '../core/data/sparse';
import { evaluateSpectrum } from '../core/data/spectrumExpression';
import type { Matrix } from '../core/linalg/matrix';
import type { ComputeParams } from './protocol';

/** Data that does not come from (params, seed) alone: an upload, or the fetched digits asset. */
export interface DataInputs {
  custom?: Matrix | null;
  digits?: Uint8Array | null;
}

export function loadData(p: ComputeParams, inputs: DataInputs = {}): Matrix {
  switch (p.data) {
    case 'gaussian': {
      const spectrum = evaluateSpectrum(p.spectrum, p.D);
      if (!spectrum.ok) throw new Error(`spectrum "${p.spectrum}": ${spectrum.message}`);
      return gaussianData({ D: p.D, T: p.T, seed: p.seed, variances: spectrum.variances, rotate: p.rotate, exact: p.exact });
    }
    case 'sparse':
      return sparseData({ D: p.D, T: p.T, seed: p.seed, sparsity: p.sparsity, importance: p.importance });
    case 'iris':
      return irisData();
    case 'digits': {
      if (!inputs.digits) throw new Error('the digits have not been loaded');
      const count = inputs.digits.length / DIGIT_PIXELS;
      return digitsMatrix(inputs.digits, selectDigits(count, Math.min(p.T, count), p.seed), p.pool);
    }
    case 'custom':
      if (!inputs.custom) throw new Error('there is no uploaded data: upload or paste a CSV table');
      return { rows: inputs.custom.rows, cols: inputs.custom.cols, data: Float64Array.from(inputs.custom.data) };
  }
}
