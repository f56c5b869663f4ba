/**
 * The results' notes (why a value is null or was left out, docs/design.md §3: `notes`) and the tied
 * eigenvalues, in words for the page; the export keeps the notes' paths as they are.
 */

/** A note as a sentence: which quantity it is about, then why. */
export function noteSentence(note: { path: string; reason: string }): string {
  const { path, reason } = note;
  const run = /^trajectories\[(\d+)\]\.final$/.exec(path);
  if (run) return `Run ${Number(run[1]) + 1}: ${reason}.`;
  const loss = /^trajectories\[(\d+)\]\.loss\[(\d+)\]$/.exec(path);
  if (loss) return `Run ${Number(loss[1]) + 1}, recorded loss ${Number(loss[2]) + 1}: ${reason}.`;
  switch (path) {
    case 'X':
      return `The data matrix X is left out of the export: ${reason}.`;
    case 'diagnostics.conditionNumber':
      return `No condition number: ${reason}.`;
    case 'diagnostics.minRelativeGap':
      return `No relative gap: ${reason}.`;
    case 'trajectories':
      return `Runs: ${reason}.`;
    case 'criticalPoints':
      return reason;
    default:
      return `${path}: ${reason}.`;
  }
}

/**
 * Tied neighbours (i, i+1) as runs of equal eigenvalues: [[1,2],[2,3],[5,6]] → "λ1 = λ2 = λ3, λ5 = λ6",
 * at most `most` runs written out (then "and N more").
 */
export function tiedRuns(pairs: [number, number][], most = 6): string {
  const runs: [number, number][] = [];
  for (const [i, j] of pairs) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i) last[1] = j;
    else runs.push([i, j]);
  }
  const text = runs
    .slice(0, most)
    .map(([a, b]) => (b - a === 1 ? `λ${a} = λ${b}` : b - a === 2 ? `λ${a} = λ${a + 1} = λ${b}` : `λ${a} = … = λ${b} (${b - a + 1} equal)`));
  return runs.length > most ? `${text.join(', ')} and ${runs.length - most} more runs of ties` : text.join(', ');
}
