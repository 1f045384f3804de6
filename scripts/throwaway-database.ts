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

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createThrowawayDatabase(prefix: string, serverUrl = process.env.TEST_DATABASE_URL): Promise<ThrowawayDatabase> {
  if (!serverUrl) {
    const folder = mkdtempSync(join(tmpdir(), `${prefix}-`));
    return { env: { DATABASE_FILENAME: join(folder, 'data.db') }, drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `${prefix.replace(/\W/g, '_')}_${Date.now()}_${randomBytes(3).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
