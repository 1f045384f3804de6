import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Core } from '@strapi/strapi';

export const cmsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// Strapi's ESM build fails to load under plain Node ("Directory import 'lodash/fp'"); its CommonJS build works.
const require = createRequire(import.meta.url);

export interface BootOptions {
  /** Serve HTTP (mounts the routes); false for scripts that only use the document service. */
  mountServer?: boolean;
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
}

/** Loads the compiled CMS (dist/) in this process. Run `pnpm --filter @futurenhs/cms compile` first. */
export async function bootStrapi({ mountServer = false, logLevel = 'warn' }: BootOptions = {}): Promise<Core.Strapi> {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const { createStrapi } = require('@strapi/strapi');
  const strapi: Core.Strapi = createStrapi({
    appDir: cmsDir,
    distDir: resolve(cmsDir, 'dist'),
    autoReload: false,
    serveAdminPanel: false,
  });
  strapi.log.level = logLevel;
  await strapi.load();
  if (mountServer) strapi.server.mount();
  return strapi;
}

interface ConnectionPool {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/**
 * Waits (up to a few seconds) for queries still running after their request answered: the
 * admin's content-manager, for one, records content history in the background. Destroying the
 * pool under them fails them with "aborted".
 */
async function databaseIdle(strapi: Core.Strapi, timeoutMs = 5000): Promise<void> {
  const pool = (strapi.db.connection as unknown as { client: { pool?: ConnectionPool } }).client.pool;
  const started = Date.now();
  while (pool && pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Closes the HTTP server and the database without strapi.destroy(): that one calls
 * process.removeAllListeners(), which kills test workers.
 */
export async function stopStrapi(strapi: Core.Strapi): Promise<void> {
  await strapi.server.destroy().catch(() => undefined);
  await databaseIdle(strapi);
  await strapi.db.destroy();
  delete (globalThis as { strapi?: unknown }).strapi;
}
