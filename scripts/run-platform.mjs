/**
 * `pnpm start` (built CMS and site) and `pnpm dev` (watch mode): both processes, one terminal.
 * Reads .env so the site and the CMS share their secrets.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import concurrently from 'concurrently';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
if (existsSync(join(root, '.env'))) process.loadEnvFile(join(root, '.env'));

// Each side finds the other on the chosen ports unless its address is configured outright.
const cmsPort = process.env.CMS_PORT ?? '1337';
const sitePort = process.env.SITE_PORT ?? '4321';
const siteUrl = process.env.SITE_URL ?? `http://localhost:${sitePort}`;
const cmsEnv = {
  PORT: cmsPort,
  SITE_URL: siteUrl,
  SITE_INTERNAL_URLS: process.env.SITE_INTERNAL_URLS ?? `http://127.0.0.1:${sitePort}`,
};
const siteEnv = {
  PORT: sitePort,
  // `pnpm dev` runs the Astro CLI, which would otherwise ask to send usage data.
  ASTRO_TELEMETRY_DISABLED: '1',
  SITE_URL: siteUrl,
  CMS_URL: process.env.CMS_URL ?? `http://127.0.0.1:${cmsPort}`,
  CMS_PUBLIC_URL: process.env.CMS_PUBLIC_URL ?? `http://localhost:${cmsPort}`,
};

const { result } = concurrently(
  [
    { name: 'cms', command: `pnpm --filter @futurenhs/cms ${mode === 'dev' ? 'develop' : 'start'}`, prefixColor: 'blue', env: cmsEnv },
    { name: 'site', command: `pnpm --filter @futurenhs/site ${mode}`, prefixColor: 'green', env: siteEnv },
  ],
  { killOthersOn: ['failure', 'success'], cwd: root },
);
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
