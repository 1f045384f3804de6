import type { ServerResponse } from 'node:http';
import type { Core } from '@strapi/strapi';

/**
 * Work that must not run while a visitor waits: mail, and whatever differs between an address
 * that has an account and one that has not. Sign-in, registration and forgotten-password answer
 * as soon as the work is queued, so their answer and its timing are the same whoever asked.
 *
 * In this process's memory: a job queued just before the process dies is lost (the visitor can
 * ask again), and stopping the CMS waits for queued jobs first.
 */
const CONCURRENCY = 2;
/** A mail server that refuses once is tried again a little later, then the job is given up and logged. */
const RETRY_DELAYS_MS = [1_000, 5_000];
const START_AFTER_RESPONSE_MS = 20;

interface Job {
  name: string;
  run: () => Promise<void>;
}

/** A job's key names what it changes (`account:<email>`), so a request about that can wait for it: `settled`. */
export interface JobOptions {
  /** The request whose response must be sent first. */
  after?: ServerResponse;
  key?: string;
}

export const queueService = ({ strapi }: { strapi: Core.Strapi }) => {
  const waiting: Job[] = [];
  let running = 0;
  /** Jobs waiting for their request's response to be sent. */
  let held = 0;
  let idleWaiters: (() => void)[] = [];
  /** Jobs not yet finished, by key, and who waits for them. */
  const keyed = new Map<string, { pending: number; waiters: (() => void)[] }>();

  function keyDone(key: string) {
    const entry = keyed.get(key);
    if (!entry) return;
    entry.pending -= 1;
    if (entry.pending > 0) return;
    keyed.delete(key);
    for (const resolve of entry.waiters) resolve();
  }

  async function attempt(job: Job) {
    for (let tries = 0; ; tries += 1) {
      try {
        await job.run();
        return;
      } catch (error) {
        if (tries >= RETRY_DELAYS_MS.length) {
          strapi.log.error(`accounts queue: "${job.name}" failed: ${(error as Error)?.message ?? error}`);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[tries]));
      }
    }
  }

  function pump() {
    while (running < CONCURRENCY && waiting.length > 0) {
      const job = waiting.shift()!;
      running += 1;
      // Never inside the caller's own call stack.
      setImmediate(() => {
        attempt(job).finally(() => {
          running -= 1;
          pump();
        });
      });
    }
    if (held === 0 && running === 0 && waiting.length === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  return {
    /**
     * Runs `run` outside the caller's request, once `after` (the request's response) has been
     * sent when given: work begun earlier would hold the event loop while the answer is still
     * being written, and so show in its timing. Failures are retried, then logged.
     */
    enqueue(name: string, run: () => Promise<void>, options: JobOptions = {}): void {
      const { after, key } = options;
      if (key !== undefined) {
        const entry = keyed.get(key) ?? { pending: 0, waiters: [] };
        entry.pending += 1;
        keyed.set(key, entry);
      }
      const job = key === undefined ? run : () => run().finally(() => keyDone(key));
      const start = () => {
        held -= 1;
        waiting.push({ name, run: job });
        pump();
      };
      held += 1;
      if (!after || after.writableFinished || after.destroyed) return start();
      let started = false;
      const once = () => {
        if (started) return;
        started = true;
        start();
      };
      // A moment after the last byte has gone: the work may hold the event loop (synchronous
      // SQLite, password hashing), and a reader of the answer in this same process (a test's
      // client) must have read it first, or the work shows in the timing it measures.
      const soon = () => setTimeout(once, START_AFTER_RESPONSE_MS);
      after.once('finish', soon);
      after.once('close', soon);
    },

    /**
     * Resolves once no job with this key is waiting or running (retries included): a sign-in just
     * after registering waits for the account to exist rather than be told the password is wrong.
     */
    settled(key: string): Promise<void> {
      const entry = keyed.get(key);
      if (!entry) return Promise.resolve();
      return new Promise((resolve) => entry.waiters.push(resolve));
    },

    /** Resolves once every queued job has finished (tests, and stopping the CMS). */
    idle(): Promise<void> {
      if (held === 0 && running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
};

export type QueueService = ReturnType<typeof queueService>;
