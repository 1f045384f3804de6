/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';

// Run from the repository root (`vitest run --project blocks`) or from blocks/, the project's
// root is this folder, for Vite, for Astro and so for the include globs.
const root = fileURLToPath(new URL('.', import.meta.url));

// Astro's Vite config compiles the .astro renderers, so tests render them with the container API
// as the site does. The dev toolbar is off so the markup carries no dev-only source annotations.
export default getViteConfig(
  {
    root,
    test: {
      name: 'blocks',
      root,
      include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    },
  },
  { root, devToolbar: { enabled: false }, logLevel: 'error' },
);
