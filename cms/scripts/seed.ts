/**
 * `pnpm seed`: loads the demo content into the configured database (SQLite by default,
 * PostgreSQL with DATABASE_URL). Idempotent: run it as often as you like.
 */
import { existsSync } from 'node:fs';
import { bootStrapi, stopStrapi } from '../seed/boot-strapi.ts';
import { seedDemo } from '../seed/seed-demo.ts';

// The quick start keeps its secrets in the root .env; variables already set take precedence.
const rootEnv = new URL('../../.env', import.meta.url);
if (existsSync(rootEnv)) process.loadEnvFile(rootEnv);

const strapi = await bootStrapi();
try {
  await seedDemo(strapi, (message) => console.log(`  seed: ${message}`));
  console.log('Demo content is in place.');
} finally {
  await stopStrapi(strapi);
}
