import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compileHintsPlugin } from './build/compileHintsPlugin';
import { cspPlugin } from './build/cspPlugin';
import { offlinePlugin } from './build/pwa';

// base './' makes every asset path relative, so dist/ works from any static host and sub-path.
export default defineConfig({
  base: './',
  // cspPlugin: the Content-Security-Policy <meta> of the built index.html (not the dev server's).
  // compileHintsPlugin: V8 compiles the Plotly chunk eagerly off the main thread (see the plugin).
  // offlinePlugin: the service worker and web-app manifest (build/pwa.ts).
  plugins: [react(), cspPlugin(), compileHintsPlugin(/^plotlyBundle$/), offlinePlugin()],
  worker: { format: 'es' },
  // plotly.js's sources (our partial bundle, src/plots/plotlyBundle.ts) refer to Node's `global`.
  define: { global: 'globalThis' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    // Fonts stay files (never data: URLs, which Vite would make of KaTeX's smallest font), so the
    // CSP can say font-src 'self'. Other assets keep Vite's default rule.
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf|eot)$/i.test(file) ? false : undefined),
  },
});
