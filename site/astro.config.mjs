// @ts-check
import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import futurenhs from './integrations/futurenhs.ts';

export default defineConfig({
  output: 'server',
  server: { host: process.env.HOST ?? '0.0.0.0', port: Number(process.env.PORT ?? 4321) },
  // Served by server.mjs, which sends the build's static files itself and gives Astro every other request.
  adapter: node({ mode: 'middleware' }),
  integrations: [futurenhs()],
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  build: {
    // The CSP allows styles from 'self' only: no <style> blocks in pages.
    inlineStylesheets: 'never',
  },
  security: {
    // Replaced by src/middleware/origin-check.ts: the same rule, but bearer-authenticated
    // endpoints (the CMS's POST /_internal/revalidate) are exempt.
    checkOrigin: false,
  },
  vite: {
    server: {
      // `astro dev`: the documents' live connection reaches the CMS through the site's origin, as
      // server.mjs forwards it in production (collaboration-proxy.mjs).
      proxy: {
        '/collaboration': { target: process.env.CMS_URL || 'http://127.0.0.1:1337', ws: true, changeOrigin: true },
      },
    },
    build: {
      // Never inline scripts or assets as data: URIs or inline <script>: the CSP forbids inline scripts.
      assetsInlineLimit: 0,
    },
  },
});
