import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { CASE_STUDY_UID, COMMENT_UID, DISCUSSION_UID, FILE_ITEM_UID, FILE_VERSION_UID, MEMBERSHIP_UID, PAGE_UID, TOPIC_UID, USER_UID, WORKSPACE_UID } from '../constants';
import { DOCUMENT_TYPES } from './documents';
import { linkOf, tableOf } from './documents-sources';

/**
 * The search outbox (docs/search.md#outbox): database triggers on the content tables
 * write one row per changed thing in the same transaction as the change, whoever writes it (the
 * document service, the admin panel, raw SQL in a plugin), and wake the drain job. A crash after
 * the write loses nothing: the row stays until the drain has indexed it.
 */
export const OUTBOX_TABLE = 'search_outbox';
export const DRAIN_JOB = 'search.drain';

/**
 * What an outbox row names. Document types by their ref; `workspace-access`: a workspace whose
 * visibility or address changed (every document of it is rebuilt); `author`: a person whose name,
 * job title or organisation changed (their profile and every post naming them); `topic`: its case
 * studies.
 */
export const OUTBOX_KINDS = [...DOCUMENT_TYPES, 'workspace-access', 'author', 'topic'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export interface OutboxRow {
  id: number;
  kind: OutboxKind;
  ref: string;
}

type Dialect = 'postgres' | 'sqlite';
type Event = 'INSERT' | 'UPDATE' | 'DELETE';

interface TriggerSpec {
  name: string;
  table: string;
  event: Event;
  /** UPDATE: only when one of these columns changes. */
  columns?: string[];
  kind: OutboxKind;
  /** A SELECT giving one column `ref` (no row, or a null ref: nothing is written), over `row` (NEW or OLD). */
  source: (row: 'NEW' | 'OLD') => string;
  /** Only rows for which this holds (e.g. published versions: drafts are never indexed). */
  only?: (row: 'NEW' | 'OLD') => string;
}

export function dialectOf(strapi: Core.Strapi): Dialect {
  const client = String((strapi.db.connection as unknown as { client: { config: { client: string } } }).client.config.client);
  return /pg|postgres/.test(client) ? 'postgres' : 'sqlite';
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The triggers, with the real table and column names Strapi gave the content types. */
export function triggerSpecs(strapi: Core.Strapi): TriggerSpec[] {
  const specs: TriggerSpec[] = [];
  const direct = (column: string) => (row: 'NEW' | 'OLD') => `SELECT ${row}.${quote(column)} AS ref`;
  const lookUp = (table: string, column: string, key: string, foreign: string, extra = '') => (row: 'NEW' | 'OLD') =>
    `SELECT ${quote(column)} AS ref FROM ${quote(table)} WHERE ${quote(key)} = ${row}.${quote(foreign)}${extra}`;
  /** INSERT and DELETE always, UPDATE of the columns that change what is indexed. */
  const rowTriggers = (uid: string, prefix: string, kind: OutboxKind, refAttribute: string, attributes: string[], only?: (row: 'NEW' | 'OLD') => string) => {
    const table = tableOf(strapi, uid);
    const source = direct(table.column(refAttribute));
    specs.push({ name: `${prefix}_ins`, table: table.name, event: 'INSERT', kind, source, only });
    specs.push({ name: `${prefix}_del`, table: table.name, event: 'DELETE', kind, source, only });
    specs.push({ name: `${prefix}_upd`, table: table.name, event: 'UPDATE', columns: attributes.map(table.column), kind, source, only });
  };
  /** Draft & publish: a draft's writes change nothing searchable (publishing inserts the published row, unpublishing deletes it). */
  const published = (uid: string) => (row: 'NEW' | 'OLD') => `${row}.${quote(tableOf(strapi, uid).column('publishedAt'))} IS NOT NULL`;
  /** A link table's rows coming and going: the owner named through a lookup. */
  const linkTriggers = (prefix: string, table: string, kind: OutboxKind, source: (row: 'NEW' | 'OLD') => string) => {
    specs.push({ name: `${prefix}_ins`, table, event: 'INSERT', kind, source });
    specs.push({ name: `${prefix}_del`, table, event: 'DELETE', kind, source });
  };

  const workspaces = tableOf(strapi, WORKSPACE_UID);
  specs.push({ name: 'workspace_ins', table: workspaces.name, event: 'INSERT', kind: 'workspace', source: direct(workspaces.column('documentId')) });
  specs.push({ name: 'workspace_del', table: workspaces.name, event: 'DELETE', kind: 'workspace', source: direct(workspaces.column('documentId')) });
  specs.push({ name: 'workspace_upd', table: workspaces.name, event: 'UPDATE', columns: ['title', 'summary'].map(workspaces.column), kind: 'workspace', source: direct(workspaces.column('documentId')) });
  // Its visibility decides who reads everything in it; its slug is in every address of it.
  specs.push({ name: 'workspace_access', table: workspaces.name, event: 'UPDATE', columns: ['visibility', 'slug'].map(workspaces.column), kind: 'workspace-access', source: direct(workspaces.column('documentId')) });

  const pages = tableOf(strapi, PAGE_UID);
  rowTriggers(PAGE_UID, 'page', 'page', 'documentId', ['title', 'slug', 'isHome', 'publishedAt'], published(PAGE_UID));
  const pageWorkspace = linkOf(strapi, PAGE_UID, 'workspace');
  const publishedPage = ` AND ${quote(pages.column('publishedAt'))} IS NOT NULL`;
  linkTriggers('page_workspace', pageWorkspace.table, 'page', lookUp(pages.name, pages.column('documentId'), 'id', pageWorkspace.from, publishedPage));
  // Blocks are components, kept in their own tables: a published page's blocks change by its components' links.
  const pageBlocks = linkOf(strapi, PAGE_UID, 'blocks');
  linkTriggers('page_blocks', pageBlocks.table, 'page', lookUp(pages.name, pages.column('documentId'), 'id', pageBlocks.from, publishedPage));

  rowTriggers(DISCUSSION_UID, 'discussion', 'discussion', 'id', ['title', 'body', 'authorId', 'workspaceId']);
  // A deleted workspace's discussions stay in the forum's table: rebuilt, each finds its workspace
  // gone and leaves the index, with its comments (a page leaves by its workspace link).
  const discussions = tableOf(strapi, DISCUSSION_UID);
  specs.push({
    name: 'workspace_del_discussions',
    table: workspaces.name,
    event: 'DELETE',
    kind: 'discussion',
    source: lookUp(discussions.name, discussions.column('id'), discussions.column('workspaceId'), 'id'),
  });
  // Not its counts (likes, replies, reports): they change nothing searchable.
  rowTriggers(COMMENT_UID, 'comment', 'comment', 'id', ['body', 'hidden', 'removedAt', 'authorId', 'subjectType', 'subjectRef', 'workspaceId']);

  // A workspace's files: what is indexed of the item, and its versions' text once extracted.
  rowTriggers(FILE_ITEM_UID, 'file', 'file', 'id', ['name', 'description', 'folderId', 'currentVersion', 'deletedAt', 'workspaceId', 'changedById']);
  const fileVersions = tableOf(strapi, FILE_VERSION_UID);
  specs.push({ name: 'file_text_upd', table: fileVersions.name, event: 'UPDATE', columns: [fileVersions.column('text')], kind: 'file', source: direct(fileVersions.column('itemId')) });
  // A document's text, kept in step with its Yjs state by the documents plugin (its own table).
  specs.push({ name: 'document_text_ins', table: 'documents_states', event: 'INSERT', kind: 'file', source: direct('item_id') });
  specs.push({ name: 'document_text_upd', table: 'documents_states', event: 'UPDATE', columns: ['text'], kind: 'file', source: direct('item_id') });
  const fileItems = tableOf(strapi, FILE_ITEM_UID);
  specs.push({
    name: 'workspace_del_files',
    table: workspaces.name,
    event: 'DELETE',
    kind: 'file',
    source: lookUp(fileItems.name, fileItems.column('id'), fileItems.column('workspaceId'), 'id'),
  });

  const studies = tableOf(strapi, CASE_STUDY_UID);
  rowTriggers(CASE_STUDY_UID, 'case_study', 'case-study', 'documentId', ['title', 'slug', 'summary', 'organisation', 'region', 'publishedAt'], published(CASE_STUDY_UID));
  const studyTopics = linkOf(strapi, CASE_STUDY_UID, 'topics');
  const publishedStudy = ` AND ${quote(studies.column('publishedAt'))} IS NOT NULL`;
  linkTriggers('case_study_topics', studyTopics.table, 'case-study', lookUp(studies.name, studies.column('documentId'), 'id', studyTopics.from, publishedStudy));
  const studyParts = linkOf(strapi, CASE_STUDY_UID, 'body');
  linkTriggers(
    'case_study_parts',
    studyParts.table,
    'case-study',
    lookUp(studies.name, studies.column('documentId'), 'id', studyParts.from, publishedStudy),
  );

  const topics = tableOf(strapi, TOPIC_UID);
  specs.push({ name: 'topic_upd', table: topics.name, event: 'UPDATE', columns: [topics.column('slug')], kind: 'topic', source: direct(topics.column('documentId')) });

  const users = tableOf(strapi, USER_UID);
  specs.push({ name: 'person_upd', table: users.name, event: 'UPDATE', columns: ['blocked', 'confirmed'].map(users.column), kind: 'person', source: direct('id') });
  specs.push({ name: 'person_del', table: users.name, event: 'DELETE', kind: 'person', source: direct('id') });
  // Their name is on their profile and on every post of theirs.
  specs.push({ name: 'author_upd', table: users.name, event: 'UPDATE', columns: ['firstName', 'lastName', 'jobTitle', 'organisation'].map(users.column), kind: 'author', source: direct('id') });

  const memberships = tableOf(strapi, MEMBERSHIP_UID);
  const membershipUser = linkOf(strapi, MEMBERSHIP_UID, 'user');
  const membershipWorkspace = linkOf(strapi, MEMBERSHIP_UID, 'workspace');
  const userOfMembership = (foreign: string) => lookUp(membershipUser.table, membershipUser.to, membershipUser.from, foreign);
  specs.push({ name: 'membership_upd', table: memberships.name, event: 'UPDATE', columns: [memberships.column('state')], kind: 'person', source: userOfMembership('id') });
  specs.push({ name: 'membership_del', table: memberships.name, event: 'DELETE', kind: 'person', source: userOfMembership('id') });
  linkTriggers('membership_user', membershipUser.table, 'person', direct(membershipUser.to));
  linkTriggers('membership_workspace', membershipWorkspace.table, 'person', userOfMembership(membershipWorkspace.from));
  return specs;
}

/** The SQL that creates the outbox table and (re)creates every trigger, for one dialect. */
export function installStatements(specs: TriggerSpec[], dialect: Dialect, wake: string | null): string[] {
  const statements: string[] = [];
  if (dialect === 'postgres') {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${OUTBOX_TABLE} (id bigserial PRIMARY KEY, kind varchar(32) NOT NULL, ref varchar(64) NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`,
      `ALTER TABLE ${OUTBOX_TABLE} ADD COLUMN IF NOT EXISTS withhold boolean NOT NULL DEFAULT true`,
    );
  } else {
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${OUTBOX_TABLE} (id integer PRIMARY KEY AUTOINCREMENT, kind text NOT NULL, ref text NOT NULL, created_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), withhold integer NOT NULL DEFAULT 1)`,
    );
  }
  statements.push(`CREATE INDEX IF NOT EXISTS ${OUTBOX_TABLE}_kind_ref ON ${OUTBOX_TABLE} (kind, ref)`);
  statements.push(`CREATE INDEX IF NOT EXISTS ${OUTBOX_TABLE}_withheld ON ${OUTBOX_TABLE} (withhold, kind, ref)`);
  const wakeStatement = wake ? `${wake.trim().replace(/;+$/, '')};` : '';
  for (const spec of specs) {
    const row = spec.event === 'DELETE' ? 'OLD' : 'NEW';
    // Something new only widens what can be found: it need not be withheld until indexed (docs/search.md#access).
    const withhold = spec.event !== 'INSERT' || spec.kind === 'workspace-access';
    const flag = dialect === 'postgres' ? String(withhold) : withhold ? '1' : '0';
    const insert = `INSERT INTO ${OUTBOX_TABLE} (kind, ref, withhold) SELECT '${spec.kind}', CAST(s.ref AS ${dialect === 'postgres' ? 'varchar' : 'text'}), ${flag} FROM (${spec.source(row)}) s WHERE s.ref IS NOT NULL;`;
    const name = `search_outbox_${spec.name}`;
    const changed = spec.columns?.length
      ? spec.columns.map((column) => (dialect === 'postgres' ? `OLD.${quote(column)} IS DISTINCT FROM NEW.${quote(column)}` : `OLD.${quote(column)} IS NOT NEW.${quote(column)}`)).join(' OR ')
      : null;
    const only = spec.only ? (spec.event === 'UPDATE' ? `${spec.only('OLD')} OR ${spec.only('NEW')}` : spec.only(row)) : null;
    const conditions = [changed, only].filter(Boolean).map((condition) => `(${condition})`);
    const when = conditions.length ? ` WHEN ${dialect === 'postgres' ? `(${conditions.join(' AND ')})` : conditions.join(' AND ')}` : '';
    const event = spec.event === 'UPDATE' && spec.columns?.length ? `UPDATE OF ${spec.columns.map(quote).join(', ')}` : spec.event;
    if (dialect === 'postgres') {
      statements.push(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${insert} ${wakeStatement} RETURN NULL; END $fn$`);
      statements.push(`DROP TRIGGER IF EXISTS ${name} ON ${quote(spec.table)}`);
      statements.push(`CREATE TRIGGER ${name} AFTER ${event} ON ${quote(spec.table)} FOR EACH ROW${when} EXECUTE FUNCTION ${name}()`);
    } else {
      statements.push(`DROP TRIGGER IF EXISTS ${name}`);
      statements.push(`CREATE TRIGGER ${name} AFTER ${event} ON ${quote(spec.table)} FOR EACH ROW${when} BEGIN ${insert} ${wakeStatement} END`);
    }
  }
  return statements;
}

/** Creates the outbox table and its triggers (idempotent: every start replaces them with the current ones). */
export async function installOutbox(strapi: Core.Strapi, wake: string | null): Promise<void> {
  const dialect = dialectOf(strapi);
  const statements = installStatements(triggerSpecs(strapi), dialect, wake);
  // A changed name rebuilds every post of its author (indexer.ts `author`): found by index, not by scanning.
  for (const uid of [DISCUSSION_UID, COMMENT_UID]) {
    const table = tableOf(strapi, uid);
    statements.push(`CREATE INDEX IF NOT EXISTS ${quote(`search_${table.name}_author_idx`)} ON ${quote(table.name)} (${quote(table.column('authorId'))}, id)`);
  }
  await strapi.db.connection.transaction(async (trx) => {
    // Instances starting together would replace the same triggers at once: one at a time.
    if (dialect === 'postgres') await trx.raw(`SELECT pg_advisory_xact_lock(hashtext('${OUTBOX_TABLE}'))`);
    // An outbox made before rows said whether to withhold: SQLite has no ADD COLUMN IF NOT EXISTS.
    if (dialect === 'sqlite') {
      const columns = (await trx.raw(`PRAGMA table_info(${OUTBOX_TABLE})`)) as { name: string }[];
      if (columns.length > 0 && !columns.some((column) => column.name === 'withhold')) {
        await trx.raw(`ALTER TABLE ${OUTBOX_TABLE} ADD COLUMN withhold integer NOT NULL DEFAULT 1`);
      }
    }
    for (const statement of statements) await trx.raw(statement);
  });
}

/** Every row waiting, oldest first (tests and the health route). */
export async function backlog(strapi: Core.Strapi): Promise<number> {
  const row = (await strapi.db.connection(OUTBOX_TABLE).count({ count: '*' }).first()) as { count: number | string } | undefined;
  return Number(row?.count ?? 0);
}

export interface PendingRefs {
  /** Documents with a change not yet indexed (`type:ref`). */
  withheldIds: string[];
  /** Workspaces (documentIds) whose visibility changed and whose documents are not yet rebuilt. */
  withheldWorkspaceIds: string[];
}

/**
 * What the outbox holds back at this moment, for the query side to withhold (engine.ts `Readable`):
 * one query over the rows that may narrow what can be found (changes and deletions, not new
 * things), so a burst of new posts does not lengthen every query. A comment hidden a moment ago is
 * never found, even before the drain has removed it. `db`: a transaction, to read what it has
 * written so far.
 */
export async function pendingRefs(strapi: Core.Strapi, db: Knex = strapi.db.connection): Promise<PendingRefs> {
  const rows = (await db(OUTBOX_TABLE).whereRaw('withhold').distinct('kind', 'ref')) as { kind: OutboxKind; ref: string }[];
  const withheldIds = new Set<string>();
  const withheldWorkspaceIds = new Set<string>();
  for (const { kind, ref } of rows) {
    if (kind === 'workspace-access') {
      withheldWorkspaceIds.add(ref);
      withheldIds.add(`workspace:${ref}`);
    } else if (kind === 'author') withheldIds.add(`person:${ref}`);
    else if (kind !== 'topic') withheldIds.add(`${kind}:${ref}`);
  }
  return { withheldIds: [...withheldIds], withheldWorkspaceIds: [...withheldWorkspaceIds] };
}

export const outboxService = ({ strapi }: { strapi: Core.Strapi }) => ({
  pendingRefs: () => pendingRefs(strapi),
  backlog: () => backlog(strapi),
});
