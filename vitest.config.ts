import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['blocks/vitest.config.ts', 'cms/vitest.config.mts', 'site/vitest.config.ts', 'site/vitest.e2e.config.ts'],
    // Two at a time, whatever the machine: on CI's 2 cores Vitest's default is one, so the CMS's
    // test files and the browser tests (each project one file at a time, see their configs)
    // queued behind each other. They share no port, database or Redis key, and each spends much
    // of its time waiting on another process (PostgreSQL, Chromium, the stack).
    maxWorkers: 2,
  },
});
