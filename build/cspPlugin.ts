/**
 * The Content-Security-Policy of the built page (issue 6), injected at build time as the first
 * element of <head> in dist/index.html. The dev server does not get it (`apply: 'build'`): Vite's
 * dev client and React refresh need inline script and eval.
 *
 * It is as strict as the page allows. Everything starts from `default-src 'none'`; each source
 * below is one the page was shown to need: the production build was opened in Chromium with that
 * source removed, and the page then raised a `securitypolicyviolation` (and lost the feature named
 * in `why`). tests/e2e/hostile.test.ts checks that the page, a computation with D ≥ 32, a selected
 * critical point (KaTeX) and a PNG export of a plot raise no violation under this policy, and that
 * an injected inline script is refused.
 *
 * What a <meta> policy cannot do:
 * - `frame-ancestors` (and `report-uri`, `report-to`, `sandbox`) are ignored in a <meta> policy,
 *   with a console error, so framing (clickjacking) can only be forbidden by the host, with the
 *   HTTP header below (or `X-Frame-Options: DENY`).
 * - It does not reach the compute worker: a worker loaded from a URL takes its policy from its own
 *   HTTP response (CSP3 §"Initialize a global object's CSP list"; Chromium and WebKit do so), and a
 *   static file has none. That is why the page needs neither 'wasm-unsafe-eval' nor connect-src:
 *   the WebAssembly SIMD kernels (src/core/symmetricEigen.ts) are compiled and the digits asset is
 *   fetched only inside the worker. A host that sends the policy as a header covers the worker too,
 *   so the header adds exactly those two (see CSP_HEADER_DIRECTIVES).
 *
 * Not adopted: `require-trusted-types-for 'script'` (the Worker constructor would need a
 * TrustedScriptURL policy in src/worker/computeClient.ts; as it stands the page never starts).
 */
import type { Plugin } from 'vite';

export interface CspDirective {
  name: string;
  sources: string[];
  /** Why each source is there (copied into the README). */
  why: string;
}

/** sha-256 of the empty string: a <style> element with no text. */
const EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

export const CSP_DIRECTIVES: CspDirective[] = [
  {
    name: 'default-src',
    sources: ["'none'"],
    why: 'anything not listed below is refused (frames, media, manifests, fetch/XHR/WebSocket from the page: the page fetches nothing itself)',
  },
  {
    name: 'script-src',
    sources: ["'self'"],
    why: "the site's own script files only: no inline script, no eval / new Function, no WebAssembly compilation on the page",
  },
  {
    name: 'worker-src',
    sources: ["'self'"],
    why: 'the computation runs in a module worker built to a file of the site (no blob: or data: worker), and the offline service worker is one too',
  },
  { name: 'manifest-src', sources: ["'self'"], why: 'the web-app manifest (installable, offline: build/pwa.ts)' },
  {
    name: 'style-src',
    sources: ["'self'", "'unsafe-inline'"],
    why: "fallback for browsers without style-src-elem / style-src-attr (CSP3): the site's CSS files, plus Plotly's injected styles",
  },
  {
    name: 'style-src-elem',
    sources: ["'self'", EMPTY_STYLE_HASH],
    why:
      'the site\'s CSS files; the hash of the empty string admits Plotly\'s <style id="plotly.js-style-…"> elements, which it creates ' +
      'empty and fills through CSSOM (insertRule). A <style> element with any text in it is refused. Without it the modebar, hover ' +
      'labels and drag cursors lose their styling (style-src-elem violation from the Plotly chunk).',
  },
  {
    name: 'style-src-attr',
    sources: ["'unsafe-inline'"],
    why:
      'Plotly writes style="…" attributes on the SVG it draws (style-src-attr violation from the Plotly chunk without it). ' +
      'A style attribute cannot run script or select other elements.',
  },
  {
    name: 'img-src',
    sources: ["'self'", 'data:', 'blob:'],
    why:
      "'self': the favicon. data: Plotly draws heatmaps (Σ, the weight matrices) into a canvas and embeds it in the SVG as an " +
      '<image> with a data:image/png URL; without it those plots are blank. blob: the modebar\'s "Download plot as a png" loads the ' +
      "plot's SVG into an <img> through a blob: URL; without it no PNG is downloaded.",
  },
  { name: 'font-src', sources: ["'self'"], why: "KaTeX's fonts, files of the site (vite.config.ts keeps fonts out of data: URLs)" },
  { name: 'object-src', sources: ["'none'"], why: 'no plugins (already implied by default-src; stated for auditors)' },
  { name: 'base-uri', sources: ["'none'"], why: 'no <base> element may redirect the relative URLs of the build' },
  { name: 'form-action', sources: ["'none'"], why: 'the page submits no forms' },
];

/**
 * The same policy for a host that can send HTTP headers. A header also governs the compute worker
 * (served with the same header), which needs two more sources; and only a header can forbid framing.
 */
export const CSP_HEADER_DIRECTIVES: CspDirective[] = CSP_DIRECTIVES.map((d) =>
  d.name === 'script-src'
    ? {
        ...d,
        sources: [...d.sources, "'wasm-unsafe-eval'"],
        why:
          d.why.replace(', no WebAssembly compilation on the page', '') +
          ". 'wasm-unsafe-eval': the worker's eigensolver compiles the WebAssembly SIMD kernels it assembles from bytes " +
          '(src/core/symmetricEigen.ts); without it the solver silently falls back to plain JavaScript, 2–3× slower for D ≥ 32. ' +
          'It allows compiling WebAssembly, not JavaScript eval.',
      }
    : d,
).concat([
  { name: 'connect-src', sources: ["'self'"], why: 'the worker fetches the digits asset (digits/mnist-10k.*) from the site' },
  { name: 'frame-ancestors', sources: ["'none'"], why: 'no site may frame the explorer (clickjacking); header only' },
]);

/** A policy as one header / meta value. */
export function cspString(directives: CspDirective[] = CSP_DIRECTIVES): string {
  return directives.map((d) => `${d.name} ${d.sources.join(' ')}`).join('; ');
}

/** Directives a <meta> policy may not carry (browsers ignore them there, with a console error). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'report-to', 'sandbox']);

export function cspPlugin(directives: CspDirective[] = CSP_DIRECTIVES): Plugin {
  const bad = directives.filter((d) => HEADER_ONLY.has(d.name));
  if (bad.length) throw new Error(`cspPlugin: ${bad.map((d) => d.name).join(', ')} cannot be set by a <meta> policy`);
  return {
    name: 'lae-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: cspString(directives) }, injectTo: 'head-prepend' }],
    },
  };
}
