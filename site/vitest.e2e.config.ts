import { defineConfig } from 'vitest/config';

/**
 * Browser tests: the real stack (seeded CMS + built site as processes) driven by Debian's
 * Chromium through playwright-core, with axe-core on every page.
 */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
