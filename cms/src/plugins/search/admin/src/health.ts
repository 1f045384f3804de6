import { SEARCH_TYPES, SEARCH_TYPE_LABELS, type SearchType } from '@futurenhs/contract';

/**
 * The search plugin's index health as `GET /search/health` answers it (server/src/routes), and
 * how the admin page words it. Read tolerantly: the page shows what the answer holds, so a field
 * added or renamed on the server degrades to "not reported" rather than a blank page.
 */

export interface ReindexCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface SearchHealth {
  engine: string;
  documents: Record<string, number>;
  totalDocuments: number;
  sizeBytes: number | null;
  outbox: { pending: number; oldestAt: string | null };
  jobs: { runner: string | null; backlog: number | null };
  lastReindex: LastReindex | null;
}

export interface LastReindex {
  at: string | null;
  durationMs: number | null;
  /** Per document type (rows in the order of SEARCH_TYPES, then any other type). */
  counts: Array<{ type: string; counts: Partial<ReindexCounts> }>;
}

export const REINDEX_COUNT_KEYS = ['added', 'updated', 'removed', 'unchanged'] as const;

type Loose = Record<string, unknown>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = <T>(value: unknown, fallback: T): number | T => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const stringOr = <T>(value: unknown, fallback: T): string | T => (typeof value === 'string' && value !== '' ? value : fallback);
const timeOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : time;
};

/** Known types first, in the contract's order, then whatever else the index holds (a file type, later). */
function orderedTypes(keys: Iterable<string>): string[] {
  const present = new Set(keys);
  return [...SEARCH_TYPES.filter((type) => present.has(type)), ...[...present].filter((type) => !(SEARCH_TYPES as readonly string[]).includes(type)).sort()];
}

/** The answer's `data`, in the shape the page draws; `null` when it is not a health answer at all. */
export function readHealth(answer: unknown): SearchHealth | null {
  const data = isObject(answer) && isObject(answer.data) ? answer.data : null;
  if (!data) return null;

  const documents: Record<string, number> = {};
  // Every type the platform indexes has a row, even when the index holds none of it.
  for (const type of SEARCH_TYPES) documents[type] = 0;
  if (isObject(data.documents)) {
    for (const [type, count] of Object.entries(data.documents)) documents[type] = numberOr(count, 0);
  }
  const counted = Object.values(documents).reduce((sum, count) => sum + count, 0);

  const outbox = isObject(data.outbox) ? data.outbox : {};
  const jobs = isObject(data.jobs) ? data.jobs : {};
  return {
    engine: stringOr(data.engine, 'unknown'),
    documents: Object.fromEntries(orderedTypes(Object.keys(documents)).map((type) => [type, documents[type]])),
    totalDocuments: numberOr(data.totalDocuments, counted),
    sizeBytes: numberOr(data.sizeBytes, null),
    outbox: { pending: numberOr(outbox.pending, 0), oldestAt: stringOr(outbox.oldestAt, null) },
    jobs: { runner: stringOr(jobs.runner, null), backlog: numberOr(jobs.backlog, null) },
    lastReindex: readLastReindex(data.lastReindex),
  };
}

/**
 * The indexer stores a report as { startedAt, finishedAt, types } (server/src/services/indexer.ts);
 * the route may pass it on as { at, durationMs, counts }. Either is read.
 */
function readLastReindex(value: unknown): LastReindex | null {
  if (!isObject(value)) return null;
  const started = timeOf(value.startedAt);
  const finished = timeOf(value.finishedAt);
  const at = stringOr(value.at, null) ?? stringOr(value.finishedAt, null) ?? stringOr(value.startedAt, null);
  const durationMs = numberOr(value.durationMs, started !== null && finished !== null ? Math.max(0, finished - started) : null);
  const perType = isObject(value.counts) ? value.counts : isObject(value.types) ? value.types : {};
  const counts = orderedTypes(Object.keys(perType)).map((type) => {
    const entry = isObject(perType[type]) ? (perType[type] as Loose) : {};
    const row: Partial<ReindexCounts> = {};
    for (const key of REINDEX_COUNT_KEYS) {
      const count = numberOr(entry[key], null);
      if (count !== null) row[key] = count;
    }
    return { type, counts: row };
  });
  return { at, durationMs, counts };
}

export function typeLabel(type: string): string {
  return type in SEARCH_TYPE_LABELS ? SEARCH_TYPE_LABELS[type as SearchType].many : type;
}

const ENGINE_NAMES: Record<string, string> = {
  postgres: 'PostgreSQL full-text search',
  sqlite: 'SQLite FTS5',
  meilisearch: 'Meilisearch',
};

export function engineName(engine: string): string {
  return ENGINE_NAMES[engine] ?? engine;
}

const RUNNER_NAMES: Record<string, string> = {
  'graphile-worker': 'graphile-worker (PostgreSQL job queue)',
  'in-process': 'in-process runner',
};

export function runnerName(runner: string | null): string {
  return runner === null ? 'not reported' : (RUNNER_NAMES[runner] ?? runner);
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;

/** How long from `from` to `now`, in words: "less than a minute", "3 minutes", "2 hours", "5 days". */
export function ageInWords(from: string | null, now: number = Date.now()): string | null {
  const time = timeOf(from);
  if (time === null) return null;
  const seconds = Math.max(0, Math.floor((now - time) / 1000));
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

/** A run's length: "850 ms", "12.3 s", "4 min 5 s". */
export function durationInWords(ms: number | null): string {
  if (ms === null) return 'not reported';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "not reported" when the engine cannot say (Meilisearch without stats rights, say). */
export function sizeInWords(bytes: number | null): string {
  if (bytes === null) return 'not reported';
  if (bytes < 1000) return plural(bytes, 'byte');
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat('en-GB', { style: 'unit', unit: BYTE_UNITS[unit], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

export function countInWords(count: number): string {
  return new Intl.NumberFormat('en-GB').format(count);
}

/** The outbox line: "Empty", or "12 changes waiting; the oldest for 3 minutes". */
export function outboxInWords(outbox: SearchHealth['outbox'], now: number = Date.now()): string {
  if (outbox.pending === 0) return 'Empty: every change is in the index';
  const waiting = `${countInWords(outbox.pending)} ${outbox.pending === 1 ? 'change' : 'changes'} waiting`;
  const age = ageInWords(outbox.oldestAt, now);
  return age ? `${waiting}; the oldest for ${age}` : waiting;
}

/** A moment as the admin reads it: "6 Dec 2026, 15:00:00 (3 minutes ago)". */
export function momentInWords(at: string | null, now: number = Date.now(), timeZone?: string): string {
  const time = timeOf(at);
  if (time === null) return 'not reported';
  const formatted = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(time);
  const age = ageInWords(at, now);
  return age === 'less than a minute' ? `${formatted} (just now)` : `${formatted} (${age} ago)`;
}
