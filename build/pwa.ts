/**
 * Offline (vite-plugin-pwa, Workbox): after one visit online the whole explorer works without a
 * network. The service worker precaches the app shell, every lazily loaded chunk (the spectrum
 * checker, KaTeX and its fonts, Plotly) and the icons; the MNIST digits (7.8 MB) are cached the
 * first time they are fetched. Any query string is served the one index.html (the state lives in
 * the URL, not in separate pages). The registration is a script file (no inline script under the
 * page's Content-Security-Policy).
 */
import { VitePWA } from 'vite-plugin-pwa';

export function offlinePlugin() {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: 'script',
    includeAssets: ['favicon.svg', 'icons/*.png'],
    manifest: {
      name: 'Linear-autoencoder loss landscape',
      short_name: 'LAE landscape',
      description: 'Every critical point of a linear autoencoder: losses, saddle indices and gradient descent through them.',
      start_url: '.',
      scope: '.',
      display: 'standalone',
      background_color: '#f4f6f9',
      theme_color: '#0072b2',
      icons: [
        { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // A new version takes over at once, and the first visit is served offline-ready without a reload.
      skipWaiting: true,
      clientsClaim: true,
      globPatterns: ['**/*.{js,css,html,woff2,woff,ttf,svg,png,webmanifest}'],
      globIgnores: ['digits/**'],
      // Plotly's chunk is 1.7 MB, past Workbox's default limit of 2 MiB only with room to spare.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      // ?D=8&d=3… is the same page: every query string gets the precached index.html.
      ignoreURLParametersMatching: [/.*/],
      navigateFallback: 'index.html',
      runtimeCaching: [
        {
          urlPattern: ({ url }) => url.pathname.includes('/digits/'),
          handler: 'CacheFirst',
          options: { cacheName: 'lae-digits', cacheableResponse: { statuses: [200] } },
        },
      ],
    },
  });
}
