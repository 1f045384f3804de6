import type { Core } from '@strapi/strapi';
import { parseCronItems, type ParsedCronItem } from 'graphile-worker';
import type { Knex } from 'knex';
import { backoffMs, DEFAULT_MAX_ATTEMPTS, errorMessage, execute, sqlLiteral, type EnqueueSpec, type Registry, type Runner } from './runner';

/** The queue's table, in the CMS's own SQLite database (so a job commits with the write that made it). */
export const TABLE = 'jobs_queue';
const POLL_MS = 200;
const MINUTE_MS = 60_000;

/** Now in epoch milliseconds, in SQLite's own clock, for a trigger's body. */
const SQL_NOW_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

interface ClaimedJob {
  id: number;
  task: string;
  payload: string;
  attempts: number;
  max_attempts: number;
}

/**
 * The same jobs as graphile-worker runs on PostgreSQL, for a CMS on SQLite (one process per
 * database file): a durable table polled every 200 ms and woken at once by an enqueue, retries with
 * graphile-worker's backoff, and cron patterns read by graphile-worker's own parser.
 *
 * A job's key is cleared when the job starts, as graphile-worker does for a running job: an enqueue
 * with that key while it runs adds a new job, since the running one may have read the world before
 * the change that enqueued again. So a trigger's `ON CONFLICT (key) DO NOTHING` only ever coalesces
 * with a job still waiting.
 */
export function inProcessRunner(strapi: Core.Strapi, registry: Registry, concurrency: number): Runner {
  const knex = () => strapi.db.connection as unknown as Knex;
  let stopping = true;
  let pollTimer: NodeJS.Timeout | undefined;
  let cronTimer: NodeJS.Timeout | undefined;
  let cronItems: ParsedCronItem[] = [];
  const running = new Set<Promise<void>>();
  let ticking: Promise<void> | null = null;
  let tickAgain = false;

  async function claim(tasks: string[]): Promise<ClaimedJob | undefined> {
    const now = Date.now();
    const rows = (await knex().raw(
      `UPDATE ${TABLE} SET locked_at = ?, attempts = attempts + 1, key = NULL
       WHERE id = (
         SELECT id FROM ${TABLE}
         WHERE locked_at IS NULL AND attempts < max_attempts AND run_at <= ? AND task IN (${tasks.map(() => '?').join(', ')})
         ORDER BY run_at, id LIMIT 1
       )
       RETURNING id, task, payload, attempts, max_attempts`,
      [now, now, ...tasks],
    )) as unknown as ClaimedJob[];
    return rows[0];
  }

  async function runJob(job: ClaimedJob): Promise<void> {
    try {
      await execute(strapi, registry, job.task, JSON.parse(job.payload), job.attempts, job.max_attempts);
      await knex().raw(`DELETE FROM ${TABLE} WHERE id = ?`, [job.id]);
    } catch (error) {
      // A job given up stays in the table (attempts = max_attempts) for an operator to read.
      await knex()
        .raw(`UPDATE ${TABLE} SET locked_at = NULL, last_error = ?, run_at = ? WHERE id = ?`, [errorMessage(error).slice(0, 2000), Date.now() + backoffMs(job.attempts), job.id])
        .catch((releaseError: unknown) => strapi.log.error(`jobs: could not release a failed "${job.task}" job: ${errorMessage(releaseError)}`));
    }
  }

  async function fill(): Promise<void> {
    do {
      tickAgain = false;
      const tasks = [...registry.definitions.keys()];
      while (!stopping && tasks.length > 0 && running.size < concurrency) {
        const job = await claim(tasks);
        if (!job) break;
        const done: Promise<void> = runJob(job).finally(() => {
          running.delete(done);
          tick();
        });
        running.add(done);
      }
    } while (tickAgain && !stopping);
  }

  function tick(): void {
    if (stopping) return;
    if (ticking) {
      tickAgain = true;
      return;
    }
    ticking = fill()
      .catch((error: unknown) => {
        strapi.log.error(`jobs: looking for due jobs failed: ${errorMessage(error)}`);
      })
      .finally(() => {
        ticking = null;
      });
  }

  function nextMinute(): void {
    cronTimer = setTimeout(fireCron, MINUTE_MS - (Date.now() % MINUTE_MS) + 10);
  }

  async function fireCron(): Promise<void> {
    const minute = new Date(Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS);
    const digest = { min: minute.getUTCMinutes(), hour: minute.getUTCHours(), date: minute.getUTCDate(), month: minute.getUTCMonth() + 1, dow: minute.getUTCDay() };
    for (const item of cronItems) {
      if (!item.match(digest)) continue;
      // Keyed like graphile-worker's cron, so a run still waiting (the CMS was busy) is not doubled.
      const spec = { name: item.task, payload: { _cron: { ts: minute.toISOString(), backfilled: false } }, key: `cron:${item.identifier}`, runAt: null, maxAttempts: registry.definitions.get(item.task)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS };
      await runner.enqueue(knex(), spec).catch((error: unknown) => strapi.log.error(`jobs: scheduling "${item.task}" failed: ${errorMessage(error)}`));
    }
    if (!stopping) {
      nextMinute();
      tick();
    }
  }

  function readSchedules(): void {
    cronItems = parseCronItems([...registry.schedules].map(([task, match]) => ({ task, match, identifier: task })));
  }

  const runner: Runner = {
    name: 'in-process',

    async prepare() {
      await knex().raw(`CREATE TABLE IF NOT EXISTS ${TABLE} (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        task TEXT NOT NULL,
        payload TEXT NOT NULL DEFAULT '{}',
        key TEXT UNIQUE,
        run_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER NOT NULL DEFAULT 25,
        locked_at INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL
      )`);
      await knex().raw(`CREATE INDEX IF NOT EXISTS ${TABLE}_due ON ${TABLE} (run_at, id) WHERE locked_at IS NULL`);
    },

    async start() {
      if (!stopping) return;
      // One process owns a SQLite file: a job still locked was cut short when it last stopped.
      await knex().raw(`UPDATE ${TABLE} SET locked_at = NULL WHERE locked_at IS NOT NULL`);
      stopping = false;
      readSchedules();
      pollTimer = setInterval(tick, POLL_MS);
      nextMinute();
      tick();
    },

    async changed() {
      readSchedules();
      tick();
    },

    async stop() {
      stopping = true;
      clearInterval(pollTimer);
      clearTimeout(cronTimer);
      await ticking;
      // Jobs already started finish (or fail and are retried after the next start).
      await Promise.allSettled([...running]);
    },

    async enqueue(trx, spec: EnqueueSpec) {
      const now = Date.now();
      // As graphile-worker's job_key_mode 'preserve_run_at': a waiting job with this key takes the
      // new payload and keeps its time; a retried one (attempts > 0) is due again now.
      await trx.raw(
        `INSERT INTO ${TABLE} (task, payload, key, run_at, max_attempts, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET task = excluded.task, payload = excluded.payload, max_attempts = excluded.max_attempts,
           run_at = CASE WHEN ${TABLE}.attempts = 0 THEN ${TABLE}.run_at ELSE excluded.run_at END, attempts = 0, last_error = NULL`,
        [spec.name, JSON.stringify(spec.payload), spec.key, spec.runAt ? spec.runAt.getTime() : now, spec.maxAttempts, now],
      );
    },

    wake() {
      tick();
    },

    triggerStatement(name, key, maxAttempts) {
      return `INSERT INTO ${TABLE} (task, payload, key, run_at, max_attempts, created_at) VALUES (${sqlLiteral(name)}, '{}', ${sqlLiteral(key)}, ${SQL_NOW_MS}, ${Math.trunc(maxAttempts)}, ${SQL_NOW_MS}) ON CONFLICT (key) DO NOTHING`;
    },

    async backlog() {
      const rows = (await knex().raw(`SELECT COUNT(*) AS n FROM ${TABLE} WHERE attempts < max_attempts OR locked_at IS NOT NULL`)) as unknown as { n: number }[];
      return Number(rows[0]?.n ?? 0);
    },

    async busy(tasks) {
      if (tasks.length === 0) return 0;
      const rows = (await knex().raw(
        `SELECT COUNT(*) AS n FROM ${TABLE} WHERE task IN (${tasks.map(() => '?').join(', ')})
         AND (locked_at IS NOT NULL OR (attempts < max_attempts AND run_at <= ?))`,
        [...tasks, Date.now()],
      )) as unknown as { n: number }[];
      return Number(rows[0]?.n ?? 0);
    },
  };
  return runner;
}
