import type { Core } from '@strapi/strapi';
import type { JobsService } from './services/jobs';

/**
 * What other plugins may use of this one: background jobs that are stored with the change that
 * asks for them, survive a crash, and run once across CMS instances (graphile-worker on
 * PostgreSQL; the same handlers in-process on SQLite). See the plugin's README.
 */
export interface JobsApi {
  /**
   * Registers a task's code. Call it from your plugin's register() or bootstrap(): jobs start
   * running once every plugin has bootstrapped. Defining later (a test) works too.
   * `maxAttempts` (default 25) is the default for jobs of this task enqueued afterwards.
   */
  define<Payload = unknown>(name: string, handler: (payload: Payload, context: { attempt: number }) => Promise<void>, options?: { maxAttempts?: number }): void;
  /**
   * Adds a job; resolves once it is stored. Inside `strapi.db.transaction(cb)` it is stored in that
   * transaction (kept or dropped with it). `key`: while a job with this key waits, enqueueing again
   * updates that job (its payload; it keeps its time) instead of adding one; a job already running
   * has lost its key, so a change made while it runs gets a new job. `runAt` delays it.
   */
  enqueue(name: string, payload?: object, options?: { key?: string; runAt?: Date; maxAttempts?: number }): Promise<void>;
  /**
   * One SQL statement, for this database, without its final semicolon, to put in a trigger's body:
   * it wakes `name` (keyed by `key`, empty payload, coalescing as `enqueue` does) once the writer's
   * transaction commits. PostgreSQL: a `PERFORM pg_notify(...)` that the running instances turn
   * into a keyed job (a trigger that added the job itself would lock its row for the length of
   * every writer's transaction); SQLite: an `INSERT ... ON CONFLICT (key) DO NOTHING` for a
   * `CREATE TRIGGER ... BEGIN ...; END`. A wake is not durable on PostgreSQL when no instance runs
   * jobs: keep what the job must do in a table of your own and schedule a sweep. Call it after
   * define(name) so the task's maxAttempts is written into it.
   */
  enqueueFromTrigger(name: string, key: string): string;
  /** Runs `name` on a cron schedule (UTC, graphile-worker's crontab syntax), once across instances. */
  schedule(name: string, cron: string): void;
  /** Jobs waiting (now or later) or running, of every task: not those given up. */
  backlog(): Promise<number>;
  /**
   * Resolves when no job of a task defined here is due now or running (a job waiting to be
   * retried later does not count); rejects after `timeoutMs` (default 10 s). For tests.
   */
  idle(timeoutMs?: number): Promise<void>;
  /** Which runner: 'graphile-worker' or 'in-process'. */
  readonly runner: string;
}

export function jobs(strapi: Core.Strapi): JobsApi {
  // Typed by the service itself: the compiler checks that it keeps this contract.
  const service: JobsService = strapi.plugin('jobs').service('jobs');
  return service;
}
