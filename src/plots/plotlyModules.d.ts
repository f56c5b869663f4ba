// plotly.js's trace modules under src/ ship without typings; the bundle only registers them.
declare module 'plotly.js/src/traces/scattergl/strict' {
  const trace: unknown;
  export default trace;
}
