import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['blocks/vitest.config.ts', 'cms/vitest.config.mts', 'site/vitest.config.ts', 'site/vitest.e2e.config.ts'],
  },
});
