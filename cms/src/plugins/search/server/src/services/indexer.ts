import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import type { SearchDocument, SearchEngine } from '../engines/engine';
import { CASE_STUDY_UID, PAGE_UID, TOPIC_UID, USER_UID, WORKSPACE_UID, COMMENT_UID, DISCUSSION_UID, FILE_ITEM_UID } from '../constants';
import { DOCUMENT_TYPES, documentsService, type DocumentType, type Scope } from './documents';
import { linkOf, tableOf } from './documents-sources';
import { jobs as jobsOf } from '../../../../jobs/server/src/contract';
import { DRAIN_JOB, OUTBOX_TABLE, dialectOf, installOutbox, type OutboxKind, type OutboxRow } from './outbox';

/**
 * Keeps the index in step with content (docs/search.md#outbox). The drain job takes
 * outbox rows oldest first, rebuilds what each names and deletes exactly the rows it handled; a
 * failure leaves them for the job's retry. `reindex` compares the whole database with the index
 * and mends the difference, without ever emptying the index, so it is safe while the site serves.
 */

/** Outbox rows a drain takes at once. */
const DRAIN_BATCH = 100;
/** Rows read per query when a change touches many documents (a workspace's visibility, an author's name). */
const CHUNK = 200;
const REINDEX_BATCH = 500;
const SCAN_BATCH = 2000;

const SWEEP_JOB = 'search.sweep';
const STORE_KEY = 'last-reindex';

function engineOf(strapi: Core.Strapi): SearchEngine {
  const engines = strapi.plugin('search').service('engines') as { engine(): SearchEngine };
  return engines.engine();
}

export interface DrainResult {
  /** Outbox rows handled and deleted. */
  rows: number;
  upserted: number;
  removed: number;
}

export interface TypeCounts {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface ReindexReport {
  startedAt: string;
  finishedAt: string;
  types: Record<DocumentType, TypeCounts>;
}

export interface ReindexProgress {
  type: DocumentType;
  /** Rows of this type read so far. */
  done: number;
  /** Rows of this type in the database (about: it may change while the reindex runs). */
  total: number;
}

export function indexer(strapi: Core.Strapi, engine: SearchEngine = engineOf(strapi)) {
  const documents = documentsService({ strapi });
  const knex = () => strapi.db.connection;

  /** Writes what a change came to: upserts in one call, removals in another. */
  class Changes {
    upserts = new Map<string, SearchDocument>();
    removals = new Set<string>();
    upsert(document: SearchDocument) {
      this.removals.delete(document.id);
      this.upserts.set(document.id, document);
    }
    remove(id: string) {
      this.upserts.delete(id);
      this.removals.add(id);
    }
    async flush(totals: { upserted: number; removed: number }) {
      if (this.upserts.size) await engine.upsert([...this.upserts.values()]);
      if (this.removals.size) await engine.remove([...this.removals]);
      totals.upserted += this.upserts.size;
      totals.removed += this.removals.size;
      this.upserts.clear();
      this.removals.clear();
    }
  }

  async function one(changes: Changes, type: DocumentType, ref: string) {
    const document = await documents.buildOne(type, ref);
    if (document) changes.upsert(document);
    else changes.remove(`${type}:${ref}`);
  }

  /** Every document of a type within a scope, rebuilt in chunks (each chunk written before the next is read). */
  async function scoped(changes: Changes, totals: DrainResult, type: DocumentType, scope: Scope) {
    let after: number | null = null;
    do {
      const batch = await documents.build(type, after, CHUNK, scope);
      for (const document of batch.documents) changes.upsert(document);
      for (const id of batch.absent) changes.remove(id);
      await changes.flush(totals);
      after = batch.next;
    } while (after !== null);
  }

  /** What one outbox (kind, ref) comes to in the index. */
  async function apply(kind: OutboxKind, ref: string, changes: Changes, totals: DrainResult) {
    switch (kind) {
      case 'workspace':
      case 'person':
      case 'comment':
      case 'file':
        return one(changes, kind, ref);
      case 'page':
      case 'discussion':
      case 'case-study':
        // Its comments share its fate (unpublished, deleted) and its address.
        await one(changes, kind, ref);
        await changes.flush(totals);
        return scoped(changes, totals, 'comment', { subject: { type: kind, ref } });
      case 'author': {
        await one(changes, 'person', ref);
        await changes.flush(totals);
        const authorId = Number(ref);
        if (!Number.isFinite(authorId)) return;
        await scoped(changes, totals, 'discussion', { authorId });
        await scoped(changes, totals, 'file', { authorId });
        return scoped(changes, totals, 'comment', { authorId });
      }
      case 'topic': {
        const topics = tableOf(strapi, TOPIC_UID);
        const studies = tableOf(strapi, CASE_STUDY_UID);
        const link = linkOf(strapi, CASE_STUDY_UID, 'topics');
        const rows = (await knex()(link.table)
          .distinct(`${studies.name}.${studies.column('documentId')} as ref`)
          .join(studies.name, `${studies.name}.id`, `${link.table}.${link.from}`)
          .join(topics.name, `${topics.name}.id`, `${link.table}.${link.to}`)
          .where(`${topics.name}.${topics.column('documentId')}`, ref)) as { ref: string }[];
        for (const row of rows) await one(changes, 'case-study', row.ref);
        return;
      }
      case 'workspace-access': {
        await one(changes, 'workspace', ref);
        await changes.flush(totals);
        const workspace = (await strapi.db.query(WORKSPACE_UID).findOne({ select: ['id'], where: { documentId: ref } })) as { id: number } | null;
        if (!workspace) return;
        for (const type of ['page', 'discussion', 'comment', 'file', 'person'] as const) await scoped(changes, totals, type, { workspaceId: workspace.id });
        return;
      }
      default: {
        // Every kind is handled above: a new one fails to compile here until it is.
        const unhandled: never = kind;
        throw new Error(`search: no rule for outbox kind ${String(unhandled)}`);
      }
    }
  }

  /**
   * One batch of the outbox. Batches run one at a time across instances: two drains building the
   * same document at once could write an older state after a newer one. On PostgreSQL a
   * transaction-scoped advisory lock orders them and the rows stay locked (FOR UPDATE SKIP LOCKED)
   * until handled; on SQLite one process holds the database, batches are chained in it, and its
   * single connection stays free for the engine's writes.
   */
  /** Runs `task` in turn with the drain's batches (the same advisory lock on PostgreSQL, the same chain on SQLite). */
  async function exclusive<T>(task: () => Promise<T>): Promise<T> {
    if (dialectOf(strapi) !== 'postgres') return serially(strapi, task);
    return knex().transaction(async (trx) => {
      await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('${DRAIN_JOB}'))`);
      return task();
    });
  }

  async function drainBatch(totals: DrainResult): Promise<number> {
    const postgres = dialectOf(strapi) === 'postgres';
    const trx: Knex | Knex.Transaction = postgres ? await knex().transaction() : knex();
    try {
      if (postgres) await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('${DRAIN_JOB}'))`);
      const query = trx(OUTBOX_TABLE).select('id', 'kind', 'ref').orderBy('id', 'asc').limit(DRAIN_BATCH);
      const rows = ((await (postgres ? query.forUpdate().skipLocked() : query)) as OutboxRow[]).map((row) => ({ ...row, id: Number(row.id) }));
      if (!rows.length) {
        if (postgres) await (trx as Knex.Transaction).commit();
        return 0;
      }
      const groups = new Map<string, { kind: OutboxKind; ref: string; ids: number[] }>();
      for (const row of rows) {
        const key = `${row.kind}\u0000${row.ref}`;
        const group = groups.get(key) ?? { kind: row.kind, ref: row.ref, ids: [] };
        group.ids.push(row.id);
        groups.set(key, group);
      }
      const done: number[] = [];
      let failure: unknown = null;
      const changes = new Changes();
      for (const group of groups.values()) {
        try {
          await apply(group.kind, group.ref, changes, totals);
          await changes.flush(totals);
          done.push(...group.ids);
        } catch (error) {
          failure ??= error;
          changes.upserts.clear();
          changes.removals.clear();
        }
      }
      // Exactly the rows handled: one written meanwhile for the same ref stays for the next batch.
      for (let start = 0; start < done.length; start += 500) await trx(OUTBOX_TABLE).whereIn('id', done.slice(start, start + 500)).delete();
      if (postgres) await (trx as Knex.Transaction).commit();
      totals.rows += done.length;
      if (failure) throw failure;
      return rows.length;
    } catch (error) {
      if (postgres && !(trx as Knex.Transaction).isCompleted()) await (trx as Knex.Transaction).rollback();
      throw error;
    }
  }

  return {
    /** Handles every outbox row there is (the drain job's handler; tests call it directly). */
    async drain(): Promise<DrainResult> {
      const totals: DrainResult = { rows: 0, upserted: 0, removed: 0 };
      while ((await serially(strapi, () => drainBatch(totals))) > 0);
      return totals;
    },

    /**
     * The database and the index compared type by type: what is missing or differs is written,
     * what should not be there is removed. The index is never emptied, so searches go on meanwhile.
     */
    async reindex(options: { onProgress?: (progress: ReindexProgress) => void } = {}): Promise<ReindexReport> {
      const startedAt = new Date().toISOString();
      const types = {} as Record<DocumentType, TypeCounts>;
      for (const type of DOCUMENT_TYPES) {
        const counts: TypeCounts = { added: 0, updated: 0, removed: 0, unchanged: 0 };
        types[type] = counts;
        // The index's side: ids and hashes (scan is in id order, a string order the database's
        // numeric ids do not share, so it is held whole for the comparison).
        const indexed = new Map<string, string>();
        let cursor: string | null = null;
        for (;;) {
          const page = await engine.scan(type, cursor, SCAN_BATCH);
          for (const entry of page) indexed.set(entry.id, entry.hash);
          if (page.length < SCAN_BATCH) break;
          cursor = page[page.length - 1].id;
        }
        const total = await rowCount(type);
        let done = 0;
        options.onProgress?.({ type, done, total });
        let after: number | null = null;
        do {
          // Built and written in turn with the drain's batches: a state read here is never written after a newer one.
          const batch = await exclusive(async () => {
            const built = await documents.build(type, after, REINDEX_BATCH);
            const writes: SearchDocument[] = [];
            for (const document of built.documents) {
              const hash = indexed.get(document.id);
              indexed.delete(document.id);
              if (hash === undefined) counts.added += 1;
              else if (hash !== document.hash) counts.updated += 1;
              else {
                counts.unchanged += 1;
                continue;
              }
              writes.push(document);
            }
            if (writes.length) await engine.upsert(writes);
            return built;
          });
          done += batch.documents.length + batch.absent.length;
          options.onProgress?.({ type, done: Math.min(done, Math.max(total, done)), total: Math.max(total, done) });
          after = batch.next;
        } while (after !== null);
        // Indexed but not met in the database: looked up once more (the drain may have indexed it
        // since the walk passed it), then removed.
        const orphans = [...indexed.keys()];
        for (let start = 0; start < orphans.length; start += REINDEX_BATCH) {
          await exclusive(async () => {
            const gone: string[] = [];
            for (const id of orphans.slice(start, start + REINDEX_BATCH)) {
              const document = await documents.buildOne(type, id.slice(type.length + 1));
              if (document) {
                await engine.upsert([document]);
                counts.updated += 1;
              } else gone.push(id);
            }
            if (gone.length) await engine.remove(gone);
            counts.removed += gone.length;
          });
        }
      }
      const report: ReindexReport = { startedAt, finishedAt: new Date().toISOString(), types };
      await store(strapi).set({ key: STORE_KEY, value: report });
      return report;
    },
  };

  async function rowCount(type: DocumentType): Promise<number> {
    // Typed by the document types, so a new type cannot be forgotten here.
    const sources: Record<DocumentType, string> = {
      workspace: WORKSPACE_UID,
      page: PAGE_UID,
      discussion: DISCUSSION_UID,
      comment: COMMENT_UID,
      file: FILE_ITEM_UID,
      'case-study': CASE_STUDY_UID,
      person: USER_UID,
    };
    const uid = sources[type];
    const where = type === 'page' || type === 'case-study' ? { publishedAt: { $notNull: true } } : {};
    return Number(await strapi.db.query(uid).count({ where }));
  }
}

/** The batch this process is running, per CMS: the next waits for it. */
const chains = new WeakMap<Core.Strapi, Promise<unknown>>();

function serially<T>(strapi: Core.Strapi, task: () => Promise<T>): Promise<T> {
  const run = (chains.get(strapi) ?? Promise.resolve()).then(task, task);
  chains.set(strapi, run.catch(() => undefined));
  return run;
}

const store = (strapi: Core.Strapi) => strapi.store({ type: 'plugin', name: 'search' });

/** The last reindex's report (time and counts per type), or null before the first. */
export async function lastReindex(strapi: Core.Strapi): Promise<ReindexReport | null> {
  return ((await store(strapi).get({ key: STORE_KEY })) as ReindexReport | null) ?? null;
}

/**
 * The plugin's bootstrap calls this after the engine is prepared: the outbox and its triggers,
 * the drain job (woken by the triggers), a sweep every minute for anything a wake missed, and one
 * drain at start for what a crash left behind.
 */
export async function installIndexing(strapi: Core.Strapi): Promise<void> {
  const jobs = jobsOf(strapi);
  jobs.define(DRAIN_JOB, async () => {
    await indexer(strapi).drain();
  });
  jobs.define(SWEEP_JOB, async () => {
    if (await hasBacklog(strapi)) await jobs.enqueue(DRAIN_JOB, {}, { key: DRAIN_JOB });
  });
  // After define(): the trigger's statement carries the task's settings.
  await installOutbox(strapi, jobs.enqueueFromTrigger(DRAIN_JOB, DRAIN_JOB));
  jobs.schedule(SWEEP_JOB, '* * * * *');
  // What a crash left in the outbox is indexed at start (the job runs once jobs start, not now).
  await jobs.enqueue(DRAIN_JOB, {}, { key: DRAIN_JOB });
}

async function hasBacklog(strapi: Core.Strapi): Promise<boolean> {
  return Boolean(await strapi.db.connection(OUTBOX_TABLE).first('id'));
}

export const indexerService = ({ strapi }: { strapi: Core.Strapi }) => ({
  drain: () => indexer(strapi).drain(),
  reindex: (options?: { onProgress?: (progress: ReindexProgress) => void }) => indexer(strapi).reindex(options),
  lastReindex: () => lastReindex(strapi),
});
