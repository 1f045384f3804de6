import type { Core } from '@strapi/strapi';
import { parseCronItems } from 'graphile-worker';
import type { Knex } from 'knex';
import type { PoolConfig } from 'pg';
import { graphileRunner } from '../runners/graphile';
import { inProcessRunner } from '../runners/in-process';
import { DEFAULT_MAX_ATTEMPTS, errorMessage, type Handler, type Registry, type Runner } from '../runners/runner';

const IDLE_POLL_MS = 25;
const LOADED_POLL_MS = 20;

function positiveInt(value: string | undefined, fallback: number): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed > 0 ? parsed : fallback;
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name.trim() === '') throw new Error('jobs: a job needs a name');
}

export const jobsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const registry: Registry = { definitions: new Map(), schedules: new Map() };
  let runner: Runner | null = null;
  /** Whether the runner was started (after every plugin bootstrapped, unless JOBS_DISABLED). */
  let started = false;
  let loadedWatch: NodeJS.Timeout | undefined;
  // Starting, changing and stopping the runner happen one after another, never interleaved.
  let lifecycle: Promise<unknown> = Promise.resolve();
  const inTurn = (step: () => Promise<void>): Promise<void> => {
    const next = lifecycle.then(step).catch((error: unknown) => {
      strapi.log.error(`jobs: ${errorMessage(error)}`);
    });
    lifecycle = next;
    return next;
  };

  function client(): string {
    return String((strapi.db?.config as { connection?: { client?: string } } | undefined)?.connection?.client ?? strapi.config.get('database.connection.client'));
  }

  function current(): Runner {
    if (!runner) throw new Error('jobs: used before the jobs plugin bootstrapped (it must come first in config/plugins.ts)');
    return runner;
  }

  function changed(): void {
    if (started) void inTurn(() => current().changed());
  }

  return {
    get runner(): string {
      if (runner) return runner.name;
      return client() === 'postgres' ? 'graphile-worker' : 'in-process';
    },

    define<Payload = unknown>(name: string, handler: Handler<Payload>, options: { maxAttempts?: number } = {}): void {
      checkName(name);
      registry.definitions.set(name, { handler: handler as Handler, maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS });
      changed();
    },

    async enqueue(name: string, payload: object = {}, options: { key?: string; runAt?: Date; maxAttempts?: number } = {}): Promise<void> {
      checkName(name);
      const queue = current();
      const spec = {
        name,
        payload,
        key: options.key ?? null,
        runAt: options.runAt ?? null,
        maxAttempts: options.maxAttempts ?? registry.definitions.get(name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      };
      // Joins the caller's strapi.db.transaction when there is one, so the job is stored (or
      // dropped) with the change that asked for it; otherwise it is a transaction of its own.
      await strapi.db.transaction(async ({ trx, onCommit }) => {
        await queue.enqueue(trx as unknown as Knex, spec);
        onCommit(() => queue.wake());
      });
    },

    enqueueFromTrigger(name: string, key: string): string {
      checkName(name);
      checkName(key);
      return current().triggerStatement(name, key, registry.definitions.get(name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    },

    schedule(name: string, cron: string): void {
      checkName(name);
      // Parsed now, so a wrong pattern fails the plugin that gave it, at start-up.
      parseCronItems([{ task: name, match: cron, identifier: name }]);
      registry.schedules.set(name, cron);
      changed();
    },

    backlog(): Promise<number> {
      return current().backlog();
    },

    async idle(timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if ((await current().busy([...registry.definitions.keys()])) === 0) return;
        if (Date.now() >= deadline) throw new Error(`jobs: jobs were still due or running after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, IDLE_POLL_MS));
      }
    },

    /** At the plugin's bootstrap: the queue's tables, then the runner once every plugin has bootstrapped. */
    async setUp(): Promise<void> {
      const concurrency = positiveInt(process.env.JOBS_CONCURRENCY, 2);
      const kind = client();
      if (kind === 'postgres') {
        const config = (strapi.db.config as { connection: { connection: PoolConfig | string } }).connection.connection;
        const connection: PoolConfig = typeof config === 'string' ? { connectionString: config } : config;
        runner = graphileRunner(strapi, registry, connection, positiveInt(process.env.JOBS_POOL_SIZE, concurrency + 3), concurrency);
      } else if (kind === 'sqlite' || kind === 'better-sqlite3') {
        runner = inProcessRunner(strapi, registry, concurrency);
      } else {
        throw new Error(`jobs: no job runner for the database client "${kind}" (PostgreSQL or SQLite)`);
      }
      await runner.prepare();
      if (process.env.JOBS_DISABLED === 'true') {
        strapi.log.info('jobs: JOBS_DISABLED is true; this instance adds jobs but does not run them');
        return;
      }
      // Strapi has no hook after the last plugin's bootstrap; it marks itself loaded right after.
      // Handlers defined in other plugins' bootstrap must exist before the first job runs.
      loadedWatch = setInterval(() => {
        if (!strapi.isLoaded) return;
        clearInterval(loadedWatch);
        void inTurn(async () => {
          if (!runner) return;
          started = true;
          await runner.start();
        });
      }, LOADED_POLL_MS);
      // A boot that fails before loading must not be kept alive by this watch.
      loadedWatch.unref();
    },

    /** Stops running jobs (those already started finish first) and closes the runner's connections. */
    tearDown(): Promise<void> {
      clearInterval(loadedWatch);
      return inTurn(async () => {
        const stopping = runner;
        started = false;
        await stopping?.stop();
      });
    },
  };
};

export type JobsService = ReturnType<typeof jobsService>;
