import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import pg from 'pg';
import supertest from 'supertest';
import { bootStrapi, stopStrapi } from '../../seed/boot-strapi.ts';

/**
 * Boots the real CMS in this test process against a throwaway database: a temporary SQLite
 * file by default, or a fresh PostgreSQL database when TEST_DATABASE_URL is set.
 */
export interface TestCms {
  strapi: Core.Strapi;
  http: ReturnType<typeof supertest>;
  /** The site's API token, as the site would send it. */
  siteToken: string;
  stop(): Promise<void>;
}

const secret = () => randomBytes(16).toString('hex');

async function throwawayDatabase(): Promise<{ configure(): void; drop(): Promise<void> }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const folder = mkdtempSync(join(tmpdir(), 'futurenhs-cms-test-'));
    return {
      configure: () => {
        delete process.env.DATABASE_URL;
        process.env.DATABASE_FILENAME = join(folder, 'test.db');
      },
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const name = `futurenhs_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    configure: () => {
      process.env.DATABASE_URL = url.toString();
      process.env.DATABASE_POOL_MIN = '0';
    },
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function startTestCms(extraEnv: Record<string, string> = {}): Promise<TestCms> {
  const database = await throwawayDatabase();
  database.configure();
  const siteToken = `test-site-token-${secret()}`;
  Object.assign(process.env, {
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    CMS_API_TOKEN: siteToken,
    PREVIEW_SECRET: 'test-preview-secret',
    NODE_ENV: 'test',
    ...extraEnv,
  });
  const strapi = await bootStrapi({ mountServer: true, logLevel: 'error' });
  return {
    strapi,
    http: supertest(strapi.server.httpServer),
    siteToken,
    stop: async () => {
      await stopStrapi(strapi);
      await database.drop();
    },
  };
}
