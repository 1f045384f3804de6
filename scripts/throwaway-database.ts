/**
 * A database that exists for one test file or one stack run: a temporary SQLite file, or a fresh
 * PostgreSQL database on the server TEST_DATABASE_URL names. `env` is what the CMS must be given.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ThrowawayDatabase {
  env: { DATABASE_URL?: string; DATABASE_FILENAME?: string };
  drop(): Promise<void>;
}

export interface ThrowawayOptions {
  /**
   * PostgreSQL only: a template database (see markAsTemplate) to copy instead of starting empty.
   * A copy takes well under a second, where a first boot of the CMS builds its schema for ~10 s.
   */
  template?: string;
}

/** Runs statements one after another on one connection to the server (its maintenance database). */
async function onServer<T = unknown>(serverUrl: string, sql: string | string[], values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    let rows: T[] = [];
    for (const statement of Array.isArray(sql) ? sql : [sql]) rows = (await client.query(statement, values)).rows as T[];
    return rows;
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the server `serverUrl` names. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A name PostgreSQL takes unquoted: what createThrowawayDatabase makes, and nothing a caller could inject. */
function checkName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a database name made by these helpers: ${JSON.stringify(name)}`);
  return name;
}

export const throwawayName = (prefix: string) => `${prefix.replace(/\W/g, '_').toLowerCase()}_${Date.now()}_${randomBytes(3).toString('hex')}`;

const OBJECT_IN_USE = '55006';

/**
 * CREATE DATABASE ... TEMPLATE fails while any session is connected to the template (a backend
 * of a process that just ended may take a moment to go), so it is tried again for a few seconds.
 */
async function copyDatabase(serverUrl: string, name: string, template: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    try {
      await onServer(serverUrl, `CREATE DATABASE ${checkName(name)} TEMPLATE ${checkName(template)}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== OBJECT_IN_USE || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

export async function createThrowawayDatabase(prefix: string, serverUrl = process.env.TEST_DATABASE_URL, options: ThrowawayOptions = {}): Promise<ThrowawayDatabase> {
  if (!serverUrl) {
    const folder = mkdtempSync(join(tmpdir(), `${prefix}-`));
    return { env: { DATABASE_FILENAME: join(folder, 'data.db') }, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = throwawayName(prefix);
  if (options.template) await copyDatabase(serverUrl, name, options.template);
  else await onServer(serverUrl, `CREATE DATABASE ${name}`);
  return { env: { DATABASE_URL: databaseUrl(serverUrl, name) }, drop: () => dropDatabase(serverUrl, name) };
}

/** Drops a database made here, a template too, ending any session still connected to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  checkName(name);
  // A template cannot be dropped until it is one no longer (a no-op for any other database).
  await onServer(serverUrl, [
    `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_database WHERE datname = '${name}') THEN ALTER DATABASE ${name} IS_TEMPLATE false; END IF; END $$`,
    `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
  ]);
}

/**
 * Marks a database as a template once no session is connected to it (those of a process that has
 * just ended may take a moment to go), so that copies can be made of it and nothing can connect
 * to it any more: what the copies start from cannot change under them.
 */
export async function markAsTemplate(serverUrl: string, name: string, timeoutMs = 10_000): Promise<void> {
  checkName(name);
  await onServer(serverUrl, `ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
  const deadline = Date.now() + timeoutMs;
  const sessions = async () =>
    Number((await onServer<{ n: number }>(serverUrl, 'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]))[0].n);
  while ((await sessions()) > 0) {
    if (Date.now() > deadline) throw new Error(`The template database ${name} still has sessions connected after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await onServer(serverUrl, `ALTER DATABASE ${name} IS_TEMPLATE true`);
}

/**
 * The state of a template database: 'ready' once marked, 'building' while it exists unmarked,
 * 'gone' if it does not exist (its build failed, or the run that made it has ended).
 */
export async function templateState(serverUrl: string, name: string): Promise<'ready' | 'building' | 'gone'> {
  const rows = await onServer<{ datistemplate: boolean }>(serverUrl, 'SELECT datistemplate FROM pg_database WHERE datname = $1', [checkName(name)]);
  if (rows.length === 0) return 'gone';
  return rows[0].datistemplate ? 'ready' : 'building';
}

/** Creates an empty database named `name` (the template's, before the CMS boots on it). */
export async function createEmptyDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, `CREATE DATABASE ${checkName(name)}`);
  return databaseUrl(serverUrl, name);
}
