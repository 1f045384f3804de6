/**
 * `pnpm seed`: loads the demo content into the configured database (SQLite by default,
 * PostgreSQL with DATABASE_URL). Idempotent: run it as often as you like.
 */
import { existsSync } from 'node:fs';
import { BULK_LOAD_FINISHED, revalidateSite } from '../src/bootstrap/site-revalidation.ts';
import { bootStrapi } from '../seed/boot-strapi.ts';
import { seedDemo } from '../seed/seed-demo.ts';

// The quick start keeps its secrets in the root .env; variables already set take precedence.
const rootEnv = new URL('../../.env', import.meta.url);
if (existsSync(rootEnv)) process.loadEnvFile(rootEnv);

// One revalidation at the end instead of one per write.
process.env.SITE_REVALIDATION = 'off';
const strapi = await bootStrapi();
try {
  await seedDemo(strapi, (message) => console.log(`  seed: ${message}`));
  console.log('Demo content is in place.');
  await revalidateSite(strapi, BULK_LOAD_FINISHED);
} finally {
  // Strapi keeps timers (cron, session store) alive: a script ends with it, explicitly.
  await strapi.destroy();
}
process.exit(0);
