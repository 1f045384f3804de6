import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { PoolConfig } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootStrapi, stopStrapi } from '../seed/boot-strapi.ts';
import { jobs, type JobsApi } from '../src/plugins/jobs/server/src/contract.ts';
import { graphileRunner } from '../src/plugins/jobs/server/src/runners/graphile.ts';
import { inProcessRunner } from '../src/plugins/jobs/server/src/runners/in-process.ts';
import type { Registry, Runner } from '../src/plugins/jobs/server/src/runners/runner.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The jobs plugin on the real CMS and its database: graphile-worker on PostgreSQL
 * (TEST_DATABASE_URL), the in-process runner on SQLite. Tasks are defined here after boot, as a
 * plugin may define them late; every wait is on a job's own signal or on idle(), never a sleep.
 */

/** A promise and its resolver, for "this job ran". */
function signal<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/**
 * Puts this process's Date back by `offsetMs`, still ticking in real time, until the returned
 * function is called. (Vitest's fake Date advances in steps from a timer, so it falls behind on a
 * busy machine.)
 */
function putClockBack(offsetMs: number): () => void {
  const RealDate = Date;
  class EarlierDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() - offsetMs);
      else super(...(args as [string | number | Date]));
    }

    static override now(): number {
      return RealDate.now() - offsetMs;
    }
  }
  globalThis.Date = EarlierDate as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
  };
}

/**
 * What strapi.destroy() would also have ended, and stopStrapi does not (see seed/boot-strapi.ts):
 * Strapi's cron timers, and admin's permission registries, which live in its modules rather than
 * the Strapi instance, so a second boot in this process would find them full.
 */
async function endWhatStopStrapiLeaves(strapi: Core.Strapi): Promise<void> {
  strapi.cron.destroy();
  const permission = strapi.service('admin::permission') as { conditionProvider: { clear(): Promise<void> }; actionProvider: { clear(): Promise<void> } };
  await permission.conditionProvider.clear();
  await permission.actionProvider.clear();
}

describe('jobs', () => {
  /** The first boot, which enqueued without running jobs; its database serves the second. */
  let first: TestCms;
  let strapi: Core.Strapi;
  let api: JobsApi;
  let backlogBefore = 0;
  let backlogWhenStopped = 0;
  const knex = () => strapi.db.connection as unknown as Knex;

  beforeAll(async () => {
    first = await startTestCms({ JOBS_DISABLED: 'true' });
    backlogBefore = await jobs(first.strapi).backlog();
    await jobs(first.strapi).enqueue('test.durable', { note: 'kept' });
    backlogWhenStopped = await jobs(first.strapi).backlog();
    // Stopped without dropping its database, then booted again on it, running jobs this time.
    await stopStrapi(first.strapi);
    await endWhatStopStrapiLeaves(first.strapi);
    delete process.env.JOBS_DISABLED;
    strapi = await bootStrapi({ mountServer: true, logLevel: 'error' });
    api = jobs(strapi);
  });

  afterAll(async () => {
    delete process.env.JOBS_DISABLED;
    if (strapi) await stopStrapi(strapi);
    await first?.stop();
  });

  it('keeps a job enqueued by an instance that does not run jobs, and runs it after a restart', async () => {
    expect(backlogWhenStopped).toBe(backlogBefore + 1);
    const ran = signal<unknown>();
    api.define('test.durable', async (payload) => ran.resolve(payload));
    expect(await ran.promise).toEqual({ note: 'kept' });
    await api.idle();
  });

  it('runs on the runner for its database', () => {
    expect(api.runner).toBe(onPostgres() ? 'graphile-worker' : 'in-process');
  });

  it('runs a job with its payload', async () => {
    const ran = signal<unknown>();
    api.define<{ greeting: string }>('test.echo', async (payload, { attempt }) => {
      expect(attempt).toBe(1);
      ran.resolve(payload);
    });
    await api.enqueue('test.echo', { greeting: 'hello' });
    expect(await ran.promise).toEqual({ greeting: 'hello' });
    await api.idle();
  });

  it('retries a failing job, which then succeeds', async () => {
    const attempts: number[] = [];
    const succeeded = signal();
    api.define('test.flaky', async (_payload, { attempt }) => {
      attempts.push(attempt);
      if (attempt < 2) throw new Error('not yet (expected by the test)');
      succeeded.resolve();
    });
    await api.enqueue('test.flaky');
    await succeeded.promise;
    await api.idle();
    expect(attempts).toEqual([1, 2]);
  });

  it('coalesces jobs with the same key while one waits', async () => {
    const payloads: unknown[] = [];
    const ran = signal();
    api.define('test.keyed', async (payload) => {
      payloads.push(payload);
      ran.resolve();
    });
    await api.idle();
    const before = await api.backlog();
    // A little in the future, so all three are enqueued while the first still waits.
    const runAt = new Date(Date.now() + 1500);
    for (const n of [1, 2, 3]) await api.enqueue('test.keyed', { n }, { key: 'test-keyed', runAt });
    expect(await api.backlog()).toBe(before + 1);
    await ran.promise;
    await api.idle();
    // One run, with the newest payload.
    expect(payloads).toEqual([{ n: 3 }]);
  });

  it('runs a job a database trigger enqueued, once for one transaction of changes', async () => {
    const runs: unknown[] = [];
    const ran = signal();
    api.define('test.trigger', async (payload) => {
      runs.push(payload);
      ran.resolve();
    });
    // A quote in the key shows the statement quotes what it is given.
    const statement = api.enqueueFromTrigger('test.trigger', "items' key");
    await knex().raw('CREATE TABLE jobs_test_items (id integer PRIMARY KEY, title text)');
    if (onPostgres()) {
      await knex().raw(`CREATE FUNCTION jobs_test_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${statement}; RETURN NEW; END $$`);
      await knex().raw('CREATE TRIGGER jobs_test_items_changed AFTER INSERT ON jobs_test_items FOR EACH ROW EXECUTE FUNCTION jobs_test_enqueue()');
    } else {
      await knex().raw(`CREATE TRIGGER jobs_test_items_changed AFTER INSERT ON jobs_test_items BEGIN ${statement}; END`);
    }
    await knex().raw("INSERT INTO jobs_test_items (id, title) VALUES (1, 'one'), (2, 'two')");
    await ran.promise;
    await api.idle();
    expect(runs).toEqual([{}]);
  });

  it('never runs a job whose transaction rolled back, and runs one whose transaction committed', async () => {
    let rolledBackRan = false;
    const committed = signal();
    api.define('test.rolled-back', async () => {
      rolledBackRan = true;
    });
    api.define('test.committed', async () => committed.resolve());
    await expect(
      strapi.db.transaction(async () => {
        await api.enqueue('test.rolled-back');
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await strapi.db.transaction(async () => {
      await api.enqueue('test.committed');
    });
    await committed.promise;
    // idle() counts every defined task's due jobs: a stored rolled-back job would be run first.
    await api.idle();
    expect(rolledBackRan).toBe(false);
  });

  it('counts waiting jobs in backlog() and waits for running ones in idle()', async () => {
    let finished = false;
    const started = signal();
    const release = signal();
    api.define('test.later', async () => undefined);
    api.define('test.slow', async () => {
      started.resolve();
      await release.promise;
      finished = true;
    });
    const before = await api.backlog();
    await api.enqueue('test.later', {}, { runAt: new Date(Date.now() + 60 * 60_000) });
    expect(await api.backlog()).toBe(before + 1);
    // A job due later is not work to wait for.
    await api.idle();

    await api.enqueue('test.slow');
    await started.promise;
    expect(await api.backlog()).toBe(before + 2);
    const idle = api.idle();
    release.resolve();
    await idle;
    expect(finished).toBe(true);
    expect(await api.backlog()).toBe(before + 1);
  });

  it('runs each job once with two runners on the same database', async () => {
    const runsOf = new Map<number, number>();
    const count = async (payload: { n: number }) => {
      // Each job takes a moment, so both runners are busy at once.
      await new Promise((resolve) => setTimeout(resolve, 20));
      runsOf.set(payload.n, (runsOf.get(payload.n) ?? 0) + 1);
    };
    api.define<{ n: number }>('test.once', count);
    const registry: Registry = { definitions: new Map([['test.once', { handler: count as never, maxAttempts: 25 }]]), schedules: new Map() };
    let second: Runner;
    if (onPostgres()) {
      const connection = (strapi.db.config as unknown as { connection: { connection: PoolConfig } }).connection.connection;
      second = graphileRunner(strapi, registry, connection, 4, 2);
    } else {
      second = inProcessRunner(strapi, registry, 2);
    }
    await second.prepare();
    await second.start();
    try {
      const jobCount = 30;
      for (let n = 0; n < jobCount; n += 1) await api.enqueue('test.once', { n });
      second.wake();
      await api.idle(30_000);
      expect(runsOf.size).toBe(jobCount);
      expect([...runsOf.values()].every((runs) => runs === 1)).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('rejects a cron pattern it cannot read', () => {
    expect(() => api.schedule('test.cron', 'not a pattern')).toThrow();
  });

  // Last: from here on a job runs every minute. The cron fires when the clock begins a minute, up
  // to a minute away: this process's clock (Date only; timers keep real time) is put back to five
  // seconds before the minute now under way, so the real cron (its timer, its match, its scheduling)
  // fires within seconds rather than half a minute on average, for a minute the database's clock
  // has reached, so its job is due at once. graphile-worker's cron reads the clock when its runner
  // restarts for the new schedule: should that take longer than the margin, the job runs a minute
  // later, as the timeout allows. The in-process runner (SQLite) armed its timer at start, so it
  // waits for the real minute.
  it('runs a scheduled job', async () => {
    const ran = signal<unknown>();
    api.define('test.every-minute', async (payload) => ran.resolve(payload));
    const restoreClock = putClockBack((Date.now() % 60_000) + 5_000);
    try {
      api.schedule('test.every-minute', '* * * * *');
      // A run on the minute's tick, not one made up for a minute missed (backfilled).
      expect(await ran.promise).toMatchObject({ _cron: { backfilled: false } });
    } finally {
      restoreClock();
    }
  }, 90_000);
});
