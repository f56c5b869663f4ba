/**
 * Colour-blind safe by construction: Okabe & Ito's categorical palette for runs and ranks, viridis
 * samples for the Morse index (ordered, readable in greyscale), and never colour alone: every run
 * also has its own dash pattern and marker, every rank |I| its own marker shape, and L* is black.
 * The global minimum's star is vermillion, which no index colour uses.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
export const GLOBAL_MIN_COLOUR = '#D55E00';
/** The line of L*, the global minimum's loss: black, heavier than the runs. */
export const MINIMUM_LINE = '#000000';

const RUN_DASHES = ['solid', 'dash', 'dot', 'dashdot', 'longdash', 'longdashdot'];
const RUN_SYMBOLS = ['circle', 'square', 'diamond', 'triangle-up', 'triangle-down', 'x', 'cross', 'pentagon'];
const RANK_SYMBOLS = ['circle', 'square', 'diamond', 'triangle-up', 'cross', 'x', 'triangle-down', 'pentagon', 'hexagon', 'star-square'];

/** Run r's (0-based) dash pattern: with its colour, no two of the first six runs look alike in any colour vision. */
export function runDash(run: number): string {
  return RUN_DASHES[run % RUN_DASHES.length];
}

/** Run r's (0-based) marker shape. */
export function runSymbol(run: number): string {
  return RUN_SYMBOLS[run % RUN_SYMBOLS.length];
}

/** Rank k's marker shape (|I| = k). */
export function rankSymbol(k: number): string {
  return RANK_SYMBOLS[k % RANK_SYMBOLS.length];
}

const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** At most this many colours for the Morse index in a key: few enough to tell apart and to list. */
const INDEX_BINS = 6;

export interface IndexBin {
  lo: number;
  hi: number;
  colour: string;
}

/** The Morse indices 0..maxIndex in at most six contiguous ranges, each with its viridis colour (0 darkest). */
export function indexBins(maxIndex: number): IndexBin[] {
  const n = Math.min(INDEX_BINS, maxIndex + 1);
  return Array.from({ length: n }, (_, b) => {
    const lo = Math.ceil((b * (maxIndex + 1)) / n);
    const hi = Math.ceil(((b + 1) * (maxIndex + 1)) / n) - 1;
    return { lo, hi, colour: VIRIDIS[n === 1 ? 0 : Math.round((b * (VIRIDIS.length - 1)) / (n - 1))] };
  });
}

/** The bin of `index` among indexBins(maxIndex). */
export function indexBin(index: number, maxIndex: number): number {
  const n = Math.min(INDEX_BINS, maxIndex + 1);
  return Math.min(n - 1, Math.floor((index * n) / (maxIndex + 1)));
}

export function runColour(run: number): string {
  return OKABE_ITO[run % (OKABE_ITO.length - 1)];
}

export const VIRIDIS_SCALE: [number, string][] = VIRIDIS.map((c, i) => [i / (VIRIDIS.length - 1), c]);
