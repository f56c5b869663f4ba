/** Axis helpers shared by the figures. */

/**
 * Ticks for a log axis of steps up to `steps`: 1, 2, 5, 10, 20, 50, … and, when `withZero`, step 0
 * drawn at x = 0.5 and labelled "0" (a log axis has no 0; without the label, Plotly would write a
 * lone "5" for 0.5 left of the 1). plots/adapt.ts keeps only the decades on a narrow plot.
 */
export function logStepTicks(steps: number, withZero = false): { tickvals: number[]; ticktext: string[] } {
  const tickvals: number[] = withZero ? [0.5] : [];
  const ticktext: string[] = withZero ? ['0'] : [];
  for (let decade = 1; decade <= Math.max(1, steps); decade *= 10)
    for (const m of [1, 2, 5]) {
      const v = m * decade;
      if (v > steps) break;
      tickvals.push(v);
      ticktext.push(v >= 1e6 ? `${v / 1e6}M` : v >= 1e4 ? `${v / 1e3}k` : String(v));
    }
  return { tickvals, ticktext };
}
