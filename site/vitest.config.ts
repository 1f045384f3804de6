import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';

// Astro's Vite config (so .astro components and astro:* modules resolve in tests), with the site's
// test project on top. The root is explicit: the root vitest.config.ts runs this project from the
// repository root, and Astro would otherwise look for its config and pages there.
const root = fileURLToPath(new URL('.', import.meta.url));

export default getViteConfig(
  {
    root,
    test: {
      name: 'site',
      include: ['src/**/*.test.ts', 'integrations/**/*.test.ts'],
      environment: 'node',
    },
  },
  { root },
);
