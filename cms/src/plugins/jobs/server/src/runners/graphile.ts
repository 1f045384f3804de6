import type { Core } from '@strapi/strapi';
import { Logger, parseCronItems, run, runMigrations, type Runner as GraphileRunner, type RunnerOptions, type TaskList } from 'graphile-worker';
import type { Knex } from 'knex';
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { execute, errorMessage, type EnqueueSpec, type Registry, type Runner } from './runner';

/** graphile-worker's schema (its default), named in the SQL below and in triggers. */
export const SCHEMA = 'graphile_worker';

/**
 * The channel a trigger wakes a task on. A trigger must not call add_job itself: a keyed add_job
 * locks the one job row of that key until the writer's transaction commits, so every write to a
 * watched table would queue behind every other (and deadlock with writes that lock rows in the
 * other order). A NOTIFY takes no row lock, is delivered only if the transaction commits, and is
 * sent once per transaction however many rows fired.
 */
const WAKE_CHANNEL = 'futurenhs_jobs_wake';

/**
 * A literal for PostgreSQL SQL text without bindings: an E'' string, so a backslash means the same
 * whatever standard_conforming_strings says.
 */
function pgLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('jobs: a name or key may not contain NUL');
  return `E'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * graphile-worker logs every failure with the job itself (its payload) as metadata, and every
 * success at info. The handler wrapper (runner.ts) logs failures without the payload, so those are
 * dropped here; nothing else graphile-worker logs carries a payload, and only its message is kept.
 */
function strapiLogger(strapi: Core.Strapi): Logger {
  return new Logger(() => (level, message, meta) => {
    if (meta?.failure) return;
    if (level === 'error') strapi.log.error(`jobs (graphile-worker): ${message}`);
    else if (level === 'warning') strapi.log.warn(`jobs (graphile-worker): ${message}`);
    else strapi.log.debug(`jobs (graphile-worker): ${message}`);
  });
}

/**
 * graphile-worker in library mode on the CMS's PostgreSQL database, with its own small pool (it
 * holds one connection for LISTEN, and jobs must not starve the CMS's requests of connections).
 * Several CMS instances each run one: jobs are taken with SKIP LOCKED, so each runs once, and its
 * cron schedules each run once per tick across all of them.
 */
export function graphileRunner(strapi: Core.Strapi, registry: Registry, connection: PoolConfig, poolSize: number, concurrency: number): Runner {
  const pool = new Pool({ ...connection, max: poolSize });
  // An idle client's connection dropping must not crash the CMS; the next query reconnects.
  const connectionFailed = (error: Error) => strapi.log.warn(`jobs: a database connection failed: ${error.message}`);
  pool.on('error', connectionFailed);
  pool.on('connect', (client) => client.on('error', connectionFailed));
  const logger = strapiLogger(strapi);
  // graphile-worker reads a job's task from this object when the job runs, and the task names it
  // asks the database for on each fetch, so define() after start needs no restart.
  const taskList: TaskList = {};
  let runner: GraphileRunner | null = null;
  /** The schedules the current runner was started with. */
  let scheduledWith = '';
  let ended = false;
  /** The connection that LISTENs for triggers' wake-ups (see WAKE_CHANNEL). */
  let listener: PoolClient | null = null;
  /** Wake-ups heard and being turned into jobs. */
  const waking = new Set<Promise<unknown>>();

  async function listen(): Promise<void> {
    const client = await pool.connect();
    client.on('notification', (message) => {
      let wake: { task?: unknown; key?: unknown; maxAttempts?: unknown };
      try {
        wake = JSON.parse(message.payload ?? '');
      } catch {
        return;
      }
      if (typeof wake.task !== 'string' || typeof wake.key !== 'string') return;
      const adding = pool
        .query(`SELECT ${SCHEMA}.add_job($1::text, '{}'::json, max_attempts := $2::smallint, job_key := $3::text, job_key_mode := 'preserve_run_at')`, [
          wake.task,
          Number(wake.maxAttempts) || 25,
          wake.key,
        ])
        .catch((error: unknown) => strapi.log.warn(`jobs: could not wake ${wake.task}: ${errorMessage(error)}`))
        .finally(() => waking.delete(adding));
      waking.add(adding);
    });
    await client.query(`LISTEN ${WAKE_CHANNEL}`);
    listener = client;
  }

  function syncTasks(): void {
    for (const name of registry.definitions.keys()) {
      taskList[name] ??= (payload, helpers) => execute(strapi, registry, name, payload, helpers.job.attempts, helpers.job.max_attempts);
    }
  }

  const options = (): RunnerOptions => ({
    pgPool: pool,
    concurrency,
    logger,
    // Strapi handles the process's signals and stops us through the plugin's destroy.
    noHandleSignals: true,
    parsedCronItems: parseCronItems([...registry.schedules].map(([task, match]) => ({ task, match, identifier: task }))),
  });

  async function begin(): Promise<void> {
    syncTasks();
    // graphile-worker refuses to run with no task at all; the first define() starts it.
    if (Object.keys(taskList).length === 0 && registry.schedules.size === 0) return;
    scheduledWith = JSON.stringify([...registry.schedules]);
    runner = await run(options(), taskList);
    runner.promise.catch((error: unknown) => strapi.log.error(`jobs: the graphile-worker runner stopped: ${errorMessage(error)}`));
  }

  return {
    name: 'graphile-worker',

    async prepare() {
      // Before any other plugin's bootstrap, so their triggers can call graphile_worker.add_job.
      await runMigrations({ pgPool: pool, logger });
    },

    async start() {
      if (!ended && !runner) await begin();
      if (!ended && !listener) await listen();
    },

    async changed() {
      if (ended) return;
      if (!runner) return begin();
      syncTasks();
      // Its cron schedules are read once per run: a new schedule needs a new runner.
      if (JSON.stringify([...registry.schedules]) !== scheduledWith) {
        await runner.stop();
        runner = null;
        await begin();
      }
    },

    async stop() {
      if (ended) return;
      ended = true;
      const current = runner;
      runner = null;
      // A graceful stop: running jobs finish, then their locks are released.
      await current?.stop().catch((error: unknown) => strapi.log.warn(`jobs: stopping graphile-worker: ${errorMessage(error)}`));
      listener?.release();
      listener = null;
      await pool.end();
    },

    async enqueue(trx: Knex, spec: EnqueueSpec) {
      await trx.raw(`SELECT ${SCHEMA}.add_job(?::text, ?::json, run_at := ?::timestamptz, max_attempts := ?::smallint, job_key := ?::text, job_key_mode := 'preserve_run_at')`, [
        spec.name,
        JSON.stringify(spec.payload),
        spec.runAt ? spec.runAt.toISOString() : null,
        spec.maxAttempts,
        spec.key,
      ]);
    },

    // add_job notifies the listening runners when its transaction commits.
    wake() {},

    // Wakes the task through the listening runners (see WAKE_CHANNEL): what the job must do is
    // kept durably by the caller (an outbox), and a scheduled sweep catches a wake no one heard.
    triggerStatement(name, key, maxAttempts) {
      const payload = JSON.stringify({ task: name, key, maxAttempts: Math.trunc(maxAttempts) });
      return `PERFORM pg_notify(${pgLiteral(WAKE_CHANNEL)}, ${pgLiteral(payload)})`;
    },

    async backlog() {
      const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.jobs WHERE attempts < max_attempts OR locked_at IS NOT NULL`);
      return rows[0].n as number;
    },

    async busy(tasks) {
      // A wake-up committed before this call is heard by now (a round trip on the listening
      // connection delivers what was sent before it) and its job added: idle() cannot miss it.
      if (listener) await listener.query('SELECT 1');
      await Promise.all([...waking]);
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM ${SCHEMA}.jobs WHERE task_identifier = ANY($1::text[])
         AND (locked_at IS NOT NULL OR (attempts < max_attempts AND run_at <= now()))`,
        [tasks],
      );
      return rows[0].n as number;
    },
  };
}
