// plotly.js 3's modules ship without typings (4.x added them, but requires Node ≥ 22 to build);
// the bundle only registers them, through the small API declared in plotly.d.ts.
declare module 'plotly.js/lib/core' {
  const core: unknown;
  export default core;
}
declare module 'plotly.js/lib/bar' {
  const trace: unknown;
  export default trace;
}
declare module 'plotly.js/lib/contour' {
  const trace: unknown;
  export default trace;
}
declare module 'plotly.js/lib/heatmap' {
  const trace: unknown;
  export default trace;
}
declare module 'plotly.js/src/traces/scattergl/strict' {
  const trace: unknown;
  export default trace;
}
