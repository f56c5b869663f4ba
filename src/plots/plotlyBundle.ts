/**
 * Our partial Plotly bundle: the core (which includes `scatter`) plus exactly the traces the
 * figures use. It replaces the 4.8 MB full build and the prebuilt cartesian bundle, which lacks
 * `scattergl` (WebGL scatter, for plots with 10⁴–10⁶ critical points).
 */

import bar from 'plotly.js/lib/bar';
import contour from 'plotly.js/lib/contour';
import core from 'plotly.js/lib/core';
import heatmap from 'plotly.js/lib/heatmap';
// The strict variant draws with precompiled regl shaders-code instead of `new Function`, so the
// page's Content-Security-Policy needs no 'unsafe-eval'.
import scattergl from 'plotly.js/src/traces/scattergl/strict';

import type { PlotlyApi } from './plotly';

// plotly.js's own typings describe the full build; we use the small API declared in plotly.d.ts.
const Plotly = core as unknown as PlotlyApi;
Plotly.register([bar, heatmap, contour, scattergl]);

export default Plotly;
