import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import supertest from 'supertest';
import { createThrowawayDatabase } from '../../../scripts/throwaway-database.ts';
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

export async function startTestCms(extraEnv: Record<string, string> = {}): Promise<TestCms> {
  const database = await createThrowawayDatabase('futurenhs_test');
  delete process.env.DATABASE_URL;
  delete process.env.DATABASE_FILENAME;
  Object.assign(process.env, database.env, database.env.DATABASE_URL ? { DATABASE_POOL_MIN: '0' } : {});
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
    // Without an SMTP server in the test, mail goes to a throwaway outbox, never the project's.
    EMAIL_OUTBOX_DIR: join(tmpdir(), `futurenhs-outbox-${process.pid}`),
    SMTP_HOST: '',
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
