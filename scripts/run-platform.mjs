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

const { result } = concurrently(
  [
    { name: 'cms', command: `pnpm --filter @futurenhs/cms ${mode === 'dev' ? 'develop' : 'start'}`, prefixColor: 'blue', env: { PORT: process.env.CMS_PORT ?? '1337' } },
    { name: 'site', command: `pnpm --filter @futurenhs/site ${mode}`, prefixColor: 'green', env: { PORT: process.env.SITE_PORT ?? '4321' } },
  ],
  { killOthersOn: ['failure', 'success'], cwd: root },
);
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
