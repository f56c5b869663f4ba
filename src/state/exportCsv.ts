import type { CriticalPoint } from '../core/criticalPoints';

/** "Export CSV": one row per listed critical point (I 1-based, space-separated inside the cell). */
export function criticalPointsCsv(points: CriticalPoint[]): string {
  const lines = ['I,rank,loss,index,zeros,positive'];
  for (const c of points) lines.push(`"${c.I.join(' ')}",${c.I.length},${c.loss},${c.index},${c.zeros},${c.positive}`);
  return `${lines.join('\n')}\n`;
}
