import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' makes every asset path relative, so dist/ works from any static host and sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  // plotly.js's sources (our partial bundle, src/plots/plotlyBundle.ts) refer to Node's `global`.
  define: { global: 'globalThis' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
});
