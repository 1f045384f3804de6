import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { compileCms } from '../../scripts/stack.ts';
import { createEmptyDatabase, databaseUrl, dropDatabase, markAsTemplate, throwawayName } from '../../scripts/throwaway-database.ts';

/**
 * Strapi runs compiled JavaScript only: compile the CMS and its local plugins once before any
 * test boots it (the same step the browser tests and the benchmark use).
 *
 * On PostgreSQL, also a template database for the run: the CMS's first start on an empty database
 * (its schema, roles, permissions, search tables, graphile-worker's schema) takes ~10 s longer
 * than a start on one that has them, and a copy of a database takes under a second. It is built
 * once, in a process of its own, while the first tests start; each test file's CMS then starts on
 * a copy (cms/tests/helpers/test-strapi.ts). Shared by the projects of one run (the site's tests
 * boot the CMS too) and dropped when the last of them ends.
 */

const thisFile = fileURLToPath(import.meta.url);
const TEMPLATE_FLAG = '--build-template';

/** Below this many files booting the CMS, building the template costs more than it saves. */
const WORTH_A_TEMPLATE = 3;

interface Template {
  name: string;
  /** Settles when the template is ready or has failed (then it is dropped: tests start fresh). */
  built: Promise<void>;
  child?: ChildProcess;
  users: number;
}

// The projects of one run load this module each on its own: what they share lives on globalThis.
const templateKey = Symbol.for('futurenhs.cms-template-database');
const holder = globalThis as { [templateKey]?: Template };

/**
 * Whether this run boots the CMS in enough test files for a template to pay for itself.
 * TEST_DATABASE_TEMPLATE=on or off decides instead (to measure, or to rule the template out).
 */
function worthATemplate(project: TestProject): boolean {
  if (process.env.TEST_DATABASE_TEMPLATE === 'on') return true;
  if (process.env.TEST_DATABASE_TEMPLATE === 'off') return false;
  const paths = project.vitest.state.getPaths();
  // Unknown (no list of files given to the global setup): assume a full run.
  if (paths.length === 0) return true;
  let booting = 0;
  for (const path of paths) {
    try {
      if (readFileSync(path, 'utf8').includes('startTestCms(')) booting += 1;
    } catch {
      // Not a file of ours to read: it boots nothing.
    }
  }
  return booting >= WORTH_A_TEMPLATE;
}

function buildTemplate(serverUrl: string): Template {
  const template: Template = { name: throwawayName('futurenhs_template'), built: Promise.resolve(), users: 0 };
  let output = '';
  template.built = (async () => {
    await createEmptyDatabase(serverUrl, template.name);
    const child = spawn(process.execPath, [thisFile, TEMPLATE_FLAG, template.name], { env: { ...process.env, TEST_DATABASE_URL: serverUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    template.child = child;
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== 0) throw new Error(`its process exited with ${code}`);
    await markAsTemplate(serverUrl, template.name);
  })().catch(async (error: unknown) => {
    console.warn(`The CMS's template database could not be built (${(error as Error).message}); every test file starts on an empty database.\n${output.slice(-4000)}`);
    await dropDatabase(serverUrl, template.name).catch(() => undefined);
  });
  return template;
}

export default function setup(project: TestProject) {
  compileCms();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl || (!holder[templateKey] && !worthATemplate(project))) return;
  const template = (holder[templateKey] ??= buildTemplate(serverUrl));
  template.users += 1;
  project.provide('cmsTemplateDatabase', template.name);
  return async () => {
    template.users -= 1;
    if (template.users > 0) return;
    delete holder[templateKey];
    // A run cut short while it builds: it is not waited for.
    template.child?.kill('SIGKILL');
    await template.built;
    await dropDatabase(serverUrl, template.name);
  };
}

/**
 * In the template's own process: starts the CMS on the empty database exactly as a test does, lets
 * every plugin's start finish and its background jobs (the search index's first fill among them)
 * run, stops it, then takes out of the queue what a test's CMS must not inherit.
 */
async function bootTemplate(name: string): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const { testCmsEnvironment, useDatabase } = await import('./helpers/test-strapi.ts');
  const { bootStrapi, stopStrapi } = await import('../seed/boot-strapi.ts');
  const { default: pg } = await import('pg');
  useDatabase({ DATABASE_URL: databaseUrl(serverUrl, name) });
  Object.assign(process.env, testCmsEnvironment().env);
  const strapi = await bootStrapi({ mountServer: true, logLevel: 'error' });
  const jobs = strapi.plugin('jobs').service('jobs') as { idle(timeoutMs?: number): Promise<void> };
  // Jobs start once Strapi has finished loading; until then those enqueued at start count as due.
  await jobs.idle(120_000);
  await stopStrapi(strapi);

  const client = new pg.Client({ connectionString: databaseUrl(serverUrl, name) });
  await client.connect();
  try {
    // The jobs a start enqueues (the drain, the fill) have run; what is left is bookkeeping a
    // fresh database has none of: finished or scheduled jobs, and the cron's last run.
    await client.query('DELETE FROM graphile_worker._private_jobs');
    await client.query('DELETE FROM graphile_worker._private_job_queues');
    await client.query('DELETE FROM graphile_worker._private_known_crontabs');
    const { rows } = await client.query('SELECT count(*)::int AS n FROM search_outbox');
    if (rows[0].n !== 0) throw new Error(`the search outbox still holds ${rows[0].n} rows`);
  } finally {
    await client.end();
  }
}

if (import.meta.main && process.argv[2] === TEMPLATE_FLAG) {
  try {
    await bootTemplate(process.argv[3]);
    // Strapi keeps timers (cron, session store) alive: the process ends with its connections closed.
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
