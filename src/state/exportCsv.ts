import { type CriticalPointTable, tableRow } from '../core/landscape/criticalPointTable';

/** "Export CSV": one row per listed critical point, lowest loss first (I 1-based, space-separated in its cell). */
export function criticalPointsCsv(table: CriticalPointTable, order: Uint32Array): string {
  const lines = ['I,rank,loss,index,zeros,positive'];
  for (const r of order) {
    const c = tableRow(table, r);
    lines.push(`"${c.I.join(' ')}",${c.I.length},${c.loss},${c.index},${c.zeros},${c.positive}`);
  }
  return `${lines.join('\n')}\n`;
}
