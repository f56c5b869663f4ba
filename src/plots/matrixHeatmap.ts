import type { Matrix } from '../core/linalg/matrix';

/** A heatmap trace of a matrix on a diverging scale centred at 0, row 1 at the top. */
export function matrixHeatmapTrace(
  m: Matrix,
  name: string,
  axes: { xaxis?: string; yaxis?: string } = {},
  showscale = true,
  range?: number,
): Record<string, unknown> {
  const z: number[][] = [];
  let maxAbs = 0;
  for (let r = 0; r < m.rows; r++) {
    const row = Array.from(m.data.subarray(r * m.cols, (r + 1) * m.cols));
    for (const v of row) maxAbs = Math.max(maxAbs, Math.abs(v));
    z.push(row);
  }
  return {
    type: 'heatmap',
    z,
    x: Array.from({ length: m.cols }, (_, i) => i + 1),
    y: Array.from({ length: m.rows }, (_, i) => i + 1),
    colorscale: 'RdBu',
    reversescale: true,
    zmin: -(range ?? maxAbs) || -1,
    zmax: range ?? maxAbs ?? 1,
    showscale,
    name,
    hovertemplate: `${name}[%{y}, %{x}] = %{z:.6g}<extra></extra>`,
    ...axes,
  };
}
