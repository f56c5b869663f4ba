/** A critical point's set I (1-based eigen-indices) as the page writes it: {1,3}, or ∅ for the empty set. */
export const setName = (I: readonly number[]): string => (I.length ? `{${I.join(',')}}` : '∅');
