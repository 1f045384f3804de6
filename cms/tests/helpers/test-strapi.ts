import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import supertest from 'supertest';
import { inject } from 'vitest';
import { createThrowawayDatabase, templateState } from '../../../scripts/throwaway-database.ts';
import { bootStrapi, stopStrapi } from '../../seed/boot-strapi.ts';

/**
 * Boots the real CMS in this test process against a throwaway database: a temporary SQLite
 * file by default, or a PostgreSQL database when TEST_DATABASE_URL is set. On PostgreSQL that
 * database is a copy of one the CMS has already started on once (the global setup's template,
 * see tests/global-setup.ts), unless the test asks for a fresh one.
 */
export interface TestCms {
  strapi: Core.Strapi;
  http: ReturnType<typeof supertest>;
  /** The site's API token, as the site would send it. */
  siteToken: string;
  stop(): Promise<void>;
}

export interface TestCmsOptions {
  /**
   * An empty database, as on a platform's very first start, rather than a copy of the template.
   * For tests of what happens on a first start only.
   */
  fresh?: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL template database of this run, if the global setup makes one. */
    cmsTemplateDatabase?: string;
  }
}

/**
 * Settings the CMS acts on at its first start only (it keeps what they gave in the database): a
 * test that sets one needs a database that has never started, or the template's value would stand.
 */
const FIRST_START_ONLY = ['ALLOWED_EMAIL_DOMAINS'];

const secret = () => randomBytes(16).toString('hex');

/**
 * The environment the test CMS runs with, with new secrets each time. The template is built with
 * the same (tests/global-setup.ts), so a copy differs from a fresh database only by what the
 * template's start left there, which every start re-asserts or which depends on no setting.
 */
export function testCmsEnvironment(extraEnv: Record<string, string> = {}): { siteToken: string; env: Record<string, string> } {
  const siteToken = `test-site-token-${secret()}`;
  return {
    siteToken,
    env: {
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
    },
  };
}

/** Points this process at a database: what the CMS's config/database.ts reads. */
export function useDatabase(env: { DATABASE_URL?: string; DATABASE_FILENAME?: string }): void {
  delete process.env.DATABASE_URL;
  delete process.env.DATABASE_FILENAME;
  Object.assign(process.env, env, env.DATABASE_URL ? { DATABASE_POOL_MIN: '0' } : {});
}

/**
 * The run's template, once it is ready (the global setup builds it while other work starts).
 * Undefined when there is none (SQLite, a run too small to be worth one, or its build failed: then
 * the test starts on an empty database, as it did before there were templates).
 */
async function readyTemplate(serverUrl: string): Promise<string | undefined> {
  let name: string | undefined;
  try {
    name = inject('cmsTemplateDatabase');
  } catch {
    // Not in a Vitest worker (a script): no template.
    return undefined;
  }
  if (!name) return undefined;
  const deadline = Date.now() + 150_000;
  for (;;) {
    const state = await templateState(serverUrl, name);
    if (state === 'ready') return name;
    if (state === 'gone' || Date.now() > deadline) {
      console.warn(`The template database ${name} is ${state === 'gone' ? 'missing (its build failed?)' : 'still not ready'}: this test file starts on an empty database`);
      return undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function startTestCms(extraEnv: Record<string, string> = {}, options: TestCmsOptions = {}): Promise<TestCms> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const fresh = options.fresh || FIRST_START_ONLY.some((name) => name in extraEnv);
  const template = serverUrl && !fresh ? await readyTemplate(serverUrl) : undefined;
  const database = await createThrowawayDatabase('futurenhs_test', serverUrl, { template });
  useDatabase(database.env);
  const { siteToken, env } = testCmsEnvironment(extraEnv);
  Object.assign(process.env, env);
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
