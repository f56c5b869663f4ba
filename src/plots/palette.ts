/**
 * Colour-blind-safe colours: Okabe & Ito's categorical palette for runs, and viridis samples for
 * the Morse index (ordered, readable in greyscale). The global minimum gets vermillion, which no
 * index colour uses.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const GLOBAL_MIN_COLOUR = '#D55E00';

const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** Colour for a Morse index on a scale 0..maxIndex (0 = darkest). */
export function indexColour(index: number, maxIndex: number): string {
  if (maxIndex <= 0) return VIRIDIS[0];
  const t = Math.min(1, Math.max(0, index / maxIndex));
  return VIRIDIS[Math.round(t * (VIRIDIS.length - 1))];
}

export function runColour(run: number): string {
  return OKABE_ITO[run % (OKABE_ITO.length - 1)];
}

export const VIRIDIS_SCALE: [number, string][] = VIRIDIS.map((c, i) => [i / (VIRIDIS.length - 1), c]);
