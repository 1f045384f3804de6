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
      // The one setting the site refuses to start without (src/lib/config.ts).
      env: { SESSION_SECRET: 'unit-tests-session-secret-0123456789abcdef' },
      // The CMS client and the workspace rules are tested against the real CMS, booted in the test
      // process (cms/tests/helpers/test-strapi.ts). Strapi runs compiled JavaScript only: the CMS's
      // own global setup compiles it once before any file runs.
      globalSetup: ['../cms/tests/global-setup.ts'],
      // One Strapi per file, each in its own process; booting one (and its database) takes a while.
      pool: 'forks',
      hookTimeout: 180_000,
    },
  },
  { root },
);
