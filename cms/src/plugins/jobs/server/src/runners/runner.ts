import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';

export type Handler<Payload = unknown> = (payload: Payload, context: { attempt: number }) => Promise<void>;

export interface Definition {
  handler: Handler;
  maxAttempts: number;
}

/** What define() and schedule() collected; the runners read it when a job is due, so it may grow after start. */
export interface Registry {
  definitions: Map<string, Definition>;
  /** Task name → cron pattern. */
  schedules: Map<string, string>;
}

export interface EnqueueSpec {
  name: string;
  payload: object;
  key: string | null;
  runAt: Date | null;
  maxAttempts: number;
}

/** One backend: graphile-worker on PostgreSQL, the in-process runner on SQLite. */
export interface Runner {
  readonly name: 'graphile-worker' | 'in-process';
  /** Creates what the queue keeps in the database; at bootstrap, so triggers can name it. */
  prepare(): Promise<void>;
  /** Starts running due jobs (never called when JOBS_DISABLED is true). */
  start(): Promise<void>;
  /** define() or schedule() after start. */
  changed(): Promise<void>;
  stop(): Promise<void>;
  /** Stores a job through `trx`, so it is kept or dropped with the caller's transaction. */
  enqueue(trx: Knex, spec: EnqueueSpec): Promise<void>;
  /** A job was just committed: look for it now rather than at the next poll. */
  wake(): void;
  triggerStatement(name: string, key: string, maxAttempts: number): string;
  /** Jobs not given up: waiting (now or later) or running. */
  backlog(): Promise<number>;
  /** Jobs of these tasks due now or running. */
  busy(tasks: string[]): Promise<number>;
}

/** As graphile-worker's own default, so a job behaves alike on both backends. */
export const DEFAULT_MAX_ATTEMPTS = 25;

/** graphile-worker's backoff (its fail_job): e^min(attempts, 10) seconds, ~2.7 s after the first failure up to ~6 h. */
export function backoffMs(attempts: number): number {
  return Math.round(Math.exp(Math.min(attempts, 10)) * 1000);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a job's handler and logs its failure by task name, attempt and error message only: a
 * payload may name a person (an email's recipient), so no log line carries it.
 */
export async function execute(strapi: Core.Strapi, registry: Registry, name: string, payload: unknown, attempt: number, maxAttempts: number): Promise<void> {
  const definition = registry.definitions.get(name);
  if (!definition) throw new Error(`No handler is defined for the job "${name}"`);
  try {
    await definition.handler(payload, { attempt });
  } catch (error) {
    const outcome = attempt >= maxAttempts ? 'given up' : 'will be retried';
    strapi.log.error(`jobs: "${name}" failed (attempt ${attempt} of ${maxAttempts}, ${outcome}): ${errorMessage(error)}`);
    throw error;
  }
}

/**
 * A string literal for SQL text that cannot take bindings (a trigger's body). Quotes are doubled;
 * NUL cannot be stored by either database, so it is refused.
 */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('jobs: a name or key may not contain NUL');
  return `'${value.replace(/'/g, "''")}'`;
}
