import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import knex, { type Knex } from 'knex';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../../scripts/throwaway-database.ts';
import type { SearchEngine } from '../src/plugins/search/server/src/engines/engine.ts';
import { parseQuery } from '../src/plugins/search/server/src/engines/parse-query.ts';

/**
 * The crash test: the CMS is killed (SIGKILL) after a content write is committed and before it is
 * indexed (its jobs are disabled, so nothing indexes it), then started again as usual, and the
 * change becomes searchable with no manual reindex: the outbox row written with the change is
 * still there and the restarted CMS drains it.
 */
const cmsDir = resolve(__dirname, '..');
const bootModule = pathToFileURL(join(cmsDir, 'seed', 'boot-strapi.ts')).href;

// The CMS as a process of its own: booted as it serves, it writes when asked, then idles until killed.
const childScript = `
import { bootStrapi } from ${JSON.stringify(bootModule)};
const strapi = await bootStrapi({ mountServer: true, logLevel: 'error' });
if (process.env.CRASH_WRITE) {
  const workspace = await strapi.documents('api::workspace.workspace').create({
    data: { title: 'Ptarmigan recovery', slug: 'ptarmigan-recovery', summary: process.env.CRASH_WRITE, visibility: 'open' },
  });
  console.log('WRITTEN ' + workspace.documentId);
}
console.log('READY');
setInterval(() => {}, 1 << 30);
`;

let database: ThrowawayDatabase;
let reader: Knex;
let engine: SearchEngine;
const children: ChildProcess[] = [];
const secret = () => randomBytes(16).toString('hex');
let env: Record<string, string>;

function startCms(extra: Record<string, string>): Promise<{ child: ChildProcess; lines: string[] }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', childScript], {
    cwd: cmsDir,
    env: { ...process.env, ...env, ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const lines: string[] = [];
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += String(chunk)));
  return new Promise((resolveStart, reject) => {
    child.stdout!.on('data', (chunk) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      if (lines.includes('READY')) resolveStart({ child, lines });
    });
    child.on('exit', (code, signal) => reject(new Error(`The CMS ended before it was ready (${code ?? signal}): ${errors.slice(-2000)}`)));
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once('exit', () => done());
    child.kill('SIGKILL');
  });
}

const everyone = { audiences: ['public', 'signed-in'] as ('public' | 'signed-in')[], workspaceIds: [], withheldIds: [], withheldWorkspaceIds: [] };

async function findIds(word: string): Promise<string[]> {
  const result = await engine.search({ query: parseQuery(word), readable: everyone, filters: {}, page: 1, pageSize: 10 });
  return result.hits.map((hit) => hit.id);
}

beforeAll(async () => {
  database = await createThrowawayDatabase('futurenhs_search_crash');
  env = {
    ...(database.env as Record<string, string>),
    DATABASE_POOL_MIN: '0',
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    CMS_API_TOKEN: `test-site-token-${secret()}`,
    PREVIEW_SECRET: 'test-preview-secret',
    NODE_ENV: 'test',
    EMAIL_OUTBOX_DIR: join(tmpdir(), `futurenhs-outbox-${process.pid}`),
    SMTP_HOST: '',
    SITE_REVALIDATION: 'off',
  };
  // Exactly one database for the child, whatever this process inherited.
  if (database.env.DATABASE_URL) env.DATABASE_FILENAME = '';
  else env.DATABASE_URL = '';
  reader = database.env.DATABASE_URL
    ? knex({ client: 'pg', connection: database.env.DATABASE_URL, pool: { min: 0, max: 2 } })
    : knex({ client: 'better-sqlite3', connection: { filename: database.env.DATABASE_FILENAME! }, useNullAsDefault: true });
  const file = database.env.DATABASE_URL ? 'postgres' : 'sqlite';
  const module = (await import(`../src/plugins/search/server/src/engines/${file}.ts`)) as Record<string, (knex: Knex) => SearchEngine>;
  engine = module[`${file}Engine`](reader);
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) await killHard(child);
  await reader?.destroy();
  await database?.drop();
});

it('a change written just before a crash is searchable after the restart, with no reindex', async () => {
  // First start: the schema, the outbox and its triggers are made.
  const first = await startCms({ JOBS_DISABLED: 'true', CRASH_WRITE: 'Written just before the grebe crash' });
  const written = first.lines.find((line) => line.startsWith('WRITTEN '));
  expect(written).toBeDefined();
  const documentId = written!.slice('WRITTEN '.length);
  await killHard(first.child);

  // The write and its outbox row were committed together; nothing indexed it.
  const pending = await reader('search_outbox').select('kind', 'ref');
  expect(pending).toContainEqual({ kind: 'workspace', ref: documentId });
  expect(await findIds('grebe')).toEqual([]);

  // Restarted as usual (jobs on): the outbox is drained without anyone asking.
  const second = await startCms({});
  let ids: string[] = [];
  for (let attempt = 0; attempt < 120 && !ids.length; attempt++) {
    ids = await findIds('grebe');
    if (!ids.length) await new Promise((wait) => setTimeout(wait, 500));
  }
  expect(ids).toEqual([`workspace:${documentId}`]);
  const left = await reader('search_outbox').where({ ref: documentId });
  expect(left).toEqual([]);
  await killHard(second.child);
}, 300_000);
