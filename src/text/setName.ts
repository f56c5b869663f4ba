/** A critical point's set I (1-based eigen-indices) as the page writes it: {1,3}, or ∅ for the empty set. */
export const setName = (I: readonly number[]): string => (I.length ? `{${I.join(',')}}` : '∅');

/**
 * A critical point's key as the page writes it: a set I as setName does, or under the ordered decay
 * profile an assignment σ, unit by unit (its eigen-index, – when unused): (2,1,–).
 */
export const pointName = (points: 'sets' | 'assignments', key: readonly number[]): string =>
  points === 'sets' ? setName(key) : `(${key.map((i) => (i === 0 ? '–' : String(i))).join(',')})`;
