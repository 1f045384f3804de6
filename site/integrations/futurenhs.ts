import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * Site-wide build wiring that is not a page:
 * - copies nhsuk-frontend's icons and images into public/assets, where its CSS expects them
 *   (`url("/assets/images/...")`), for dev and build alike (public/assets is not committed);
 * - routes whose paths start with "_" (Astro ignores such files under src/pages).
 */
export default function futurenhs(): AstroIntegration {
  return {
    name: 'futurenhs-site',
    hooks: {
      'astro:config:setup': ({ config, injectRoute, logger }) => {
        const require = createRequire(import.meta.url);

        const nhsukDist = dirname(require.resolve('nhsuk-frontend/package.json'));
        const source = join(nhsukDist, 'dist', 'nhsuk', 'assets');
        const target = join(fileURLToPath(config.publicDir), 'assets');
        if (!existsSync(source)) throw new Error(`nhsuk-frontend assets not found at ${source}`);
        mkdirSync(target, { recursive: true });
        cpSync(source, target, { recursive: true });
        logger.debug(`Copied nhsuk-frontend assets to ${target}`);

        injectRoute({ pattern: '/_health', entrypoint: new URL('../src/endpoints/health.ts', import.meta.url), prerender: false });
        injectRoute({
          pattern: '/_internal/revalidate',
          entrypoint: new URL('../src/endpoints/revalidate.ts', import.meta.url),
          prerender: false,
        });
      },
    },
  };
}
