import { createHash } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import * as catalogue from '@futurenhs/blocks';
import { SEARCH_TYPES } from '@futurenhs/contract';
import type { Audience, SearchDocument } from '../engines/engine';
import { CASE_STUDY_UID, COMMENT_UID, DISCUSSION_UID, FILE_ITEM_UID, FILE_VERSION_UID, MEMBERSHIP_UID, PAGE_UID, USER_UID, WORKSPACE_UID } from '../constants';
import { linkOf } from './documents-sources';

/**
 * Search documents built from content (docs/search.md "What is indexed"): one function per type
 * that turns database rows into the `SearchDocument`s the engines store, in batches (a reindex walks
 * every row in id order) or one at a time (the drain, after a change). A row that must not be
 * found (a draft, a hidden comment, a person in no workspace) gives no document: the caller removes
 * whatever the index still holds for it.
 */
export const DOCUMENT_TYPES = SEARCH_TYPES;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const isDocumentType = (value: string): value is DocumentType => (DOCUMENT_TYPES as readonly string[]).includes(value);

/** Which rows of a type a batch covers: all of them, or those of one workspace, one author or one thread. */
export interface Scope {
  /** A workspace's numeric id. */
  workspaceId?: number;
  authorId?: number;
  /** A thread's comments. */
  subject?: { type: 'discussion' | 'page' | 'case-study'; ref: string };
}

export interface Batch {
  documents: SearchDocument[];
  /** Ids (`type:ref`) of rows in the batch that must not be in the index. */
  absent: string[];
  /** The cursor of the next batch (a row id), null when this was the last. */
  next: number | null;
}

type Row = Record<string, any>;

interface WorkspaceInfo {
  id: number;
  documentId: string;
  slug: string;
  title: string;
  visibility: 'open' | 'restricted' | 'hidden';
}

interface Person {
  name: string;
  jobTitle: string | null;
  organisation: string | null;
}

const enc = encodeURIComponent;
const iso = (value: unknown) => (value ? new Date(value as string).toISOString() : new Date(0).toISOString());
const joined = (...parts: (string | null | undefined)[]) => parts.map((part) => part?.trim()).filter(Boolean).join(', ');
const words = (value: unknown) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');

/** Workspace content: readable by everyone signed in when the workspace is open, else by its members. */
const contentAudience = (workspace: WorkspaceInfo): Audience => (workspace.visibility === 'open' ? 'signed-in' : 'members');

/** A hash of everything a document holds but its hash: a reindex rewrites only documents whose hash differs. */
export function hashDocument(document: Omit<SearchDocument, 'hash'>): string {
  const { hash: _hash, ...rest } = document as SearchDocument;
  const keys = Object.keys(rest).sort();
  return createHash('sha256').update(JSON.stringify(rest, keys.concat(Object.keys(rest.facets ?? {}).sort()))).digest('base64url').slice(0, 22);
}

function finish(document: Omit<SearchDocument, 'hash'>): SearchDocument {
  return { ...document, hash: hashDocument(document) };
}

/**
 * The words of blocks, through each field kind's own reading of its value (blocks/src/lib/walk-fields.ts):
 * short text fields named as headings or titles, and Markdown's own headings, rank as headings.
 */
export function blockText(blocks: unknown): { headings: string; body: string } {
  const headings: string[] = [];
  const body: string[] = [];
  if (!Array.isArray(blocks)) return { headings: '', body: '' };
  for (const block of blocks) {
    if (!block || typeof block !== 'object') continue;
    const definition = catalogue.blockDefinition(String((block as Row).__component));
    if (!definition) continue;
    catalogue.walkFields(definition.fields, block as Row, ({ name, field, kind, value }) => {
      const text = kind.plainText(value);
      if (!text) return;
      if (field.kind === 'text' && /heading|title/i.test(name)) headings.push(text);
      else body.push(text);
      if (field.kind === 'markdown' && typeof value === 'string') {
        for (const match of value.matchAll(/^#{1,6}[ \t]+(.+)$/gm)) {
          const heading = catalogue.markdownPlainText(match[1]);
          if (heading) headings.push(heading);
        }
      }
    });
  }
  return { headings: headings.join('\n'), body: body.join('\n') };
}

/** The first words of a post, as the title of a hit on it. */
function opening(text: string, max = 80): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export const documentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const knex = () => strapi.db.connection;

  async function workspaces(ids: Iterable<number | null | undefined>): Promise<Map<number, WorkspaceInfo>> {
    const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
    if (!wanted.length) return new Map();
    const rows = (await strapi.db.query(WORKSPACE_UID).findMany({
      select: ['id', 'documentId', 'slug', 'title', 'visibility'],
      where: { id: { $in: wanted } },
    })) as WorkspaceInfo[];
    return new Map(rows.map((row) => [row.id, row]));
  }

  async function people(ids: Iterable<number | null | undefined>): Promise<Map<number, Person>> {
    const wanted = [...new Set([...ids].filter((id): id is number => typeof id === 'number'))];
    if (!wanted.length) return new Map();
    const rows = (await strapi.db.query(USER_UID).findMany({
      select: ['id', 'firstName', 'lastName', 'jobTitle', 'organisation'],
      where: { id: { $in: wanted } },
    })) as Row[];
    return new Map(
      rows.map((row) => [
        row.id as number,
        {
          name: [row.firstName, row.lastName].filter(Boolean).join(' ') || 'FutureNHS member',
          jobTitle: row.jobTitle || null,
          organisation: row.organisation || null,
        },
      ]),
    );
  }

  /** The workspace a page belongs to, for pages by their row ids. */
  async function pageWorkspaces(pageIds: number[]): Promise<Map<number, number>> {
    if (!pageIds.length) return new Map();
    const link = linkOf(strapi, PAGE_UID, 'workspace');
    const rows = (await knex()(link.table).select(`${link.from} as page`, `${link.to} as workspace`).whereIn(link.from, pageIds)) as { page: number; workspace: number }[];
    return new Map(rows.map((row) => [Number(row.page), Number(row.workspace)]));
  }

  const authorContext = (person: Person | undefined) => (person ? joined(person.name, person.jobTitle, person.organisation) : null);

  // ---- one loader per type: rows (by cursor, scope or ref) and the documents they make ----

  interface Loader {
    /** Rows after the cursor in id order, or the rows of one ref. */
    rows(options: { after: number | null; limit: number; scope?: Scope } | { ref: string }): Promise<Row[]>;
    /** A row's ref (documentId or id). */
    ref(row: Row): string;
    /** The documents of the rows: null for a row that must not be found. */
    documents(rows: Row[]): Promise<(SearchDocument | null)[]>;
  }

  function paged(options: { after: number | null; limit: number } | { ref: string }, byRef: (ref: string) => Row) {
    if ('ref' in options) return { where: byRef(options.ref), limit: undefined as number | undefined };
    return { where: options.after === null ? {} : { id: { $gt: options.after } }, limit: options.limit };
  }

  const workspaceLoader: Loader = {
    async rows(options) {
      const { where, limit } = paged(options, (ref) => ({ documentId: ref }));
      return (await strapi.db.query(WORKSPACE_UID).findMany({
        select: ['id', 'documentId', 'slug', 'title', 'summary', 'visibility', 'updatedAt'],
        where,
        orderBy: [{ id: 'asc' }],
        limit,
      })) as Row[];
    },
    ref: (row) => row.documentId,
    async documents(rows) {
      return rows.map((row) =>
        finish({
          id: `workspace:${row.documentId}`,
          type: 'workspace',
          title: words(row.title),
          headings: '',
          body: words(row.summary),
          url: `/workspaces/${enc(row.slug)}`,
          workspaceId: row.documentId,
          workspaceIds: [row.documentId],
          // Open and restricted workspaces are listed to everyone (name and summary); hidden ones only to members.
          audience: row.visibility === 'hidden' ? 'members' : 'public',
          facets: {},
          context: null,
          updatedAt: iso(row.updatedAt),
        }),
      );
    },
  };

  const pageLoader: Loader = {
    async rows(options) {
      const { where, limit } = paged(options, (ref) => ({ documentId: ref }));
      const scope = 'scope' in options ? options.scope : undefined;
      const filters: Row = { ...where, ...(scope?.workspaceId !== undefined ? { workspace: { id: scope.workspaceId } } : {}) };
      // The document service, so that the dynamic zone is populated exactly as the site reads it.
      return (await strapi.documents(PAGE_UID as never).findMany({
        status: 'published',
        filters,
        sort: [{ id: 'asc' }],
        ...(limit ? { limit } : {}),
        fields: ['title', 'slug', 'isHome', 'updatedAt'],
        populate: { blocks: catalogue.blocksPopulate() },
      } as never)) as unknown as Row[];
    },
    ref: (row) => row.documentId,
    async documents(rows) {
      const workspaceOf = await pageWorkspaces(rows.map((row) => row.id));
      const info = await workspaces(workspaceOf.values());
      return rows.map((row) => {
        const workspace = info.get(workspaceOf.get(row.id) ?? -1);
        if (!workspace) return null;
        const text = blockText(row.blocks);
        const base = `/workspaces/${enc(workspace.slug)}`;
        return finish({
          id: `page:${row.documentId}`,
          type: 'page',
          title: words(row.title),
          headings: text.headings,
          body: text.body,
          url: row.isHome ? base : `${base}/pages/${enc(row.slug)}`,
          workspaceId: workspace.documentId,
          workspaceIds: [workspace.documentId],
          audience: contentAudience(workspace),
          facets: {},
          context: null,
          updatedAt: iso(row.updatedAt),
        });
      });
    },
  };

  const discussionLoader: Loader = {
    async rows(options) {
      const { where, limit } = paged(options, (ref) => ({ id: Number(ref) || -1 }));
      const scope = 'scope' in options ? options.scope : undefined;
      return (await strapi.db.query(DISCUSSION_UID).findMany({
        select: ['id', 'workspaceId', 'authorId', 'title', 'body', 'updatedAt'],
        where: {
          ...where,
          ...(scope?.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {}),
          ...(scope?.authorId !== undefined ? { authorId: scope.authorId } : {}),
        },
        orderBy: [{ id: 'asc' }],
        limit,
      })) as Row[];
    },
    ref: (row) => String(row.id),
    async documents(rows) {
      const [info, authors] = await Promise.all([workspaces(rows.map((row) => row.workspaceId)), people(rows.map((row) => row.authorId))]);
      return rows.map((row) => {
        const workspace = info.get(row.workspaceId);
        if (!workspace) return null;
        return finish({
          id: `discussion:${row.id}`,
          type: 'discussion',
          title: words(row.title),
          headings: '',
          body: catalogue.markdownPlainText(row.body ?? ''),
          url: `/workspaces/${enc(workspace.slug)}/discussions/${row.id}`,
          workspaceId: workspace.documentId,
          workspaceIds: [workspace.documentId],
          audience: contentAudience(workspace),
          facets: {},
          context: authorContext(authors.get(row.authorId)),
          updatedAt: iso(row.updatedAt),
        });
      });
    },
  };

  const commentLoader: Loader = {
    async rows(options) {
      const { where, limit } = paged(options, (ref) => ({ id: Number(ref) || -1 }));
      const scope = 'scope' in options ? options.scope : undefined;
      return (await strapi.db.query(COMMENT_UID).findMany({
        select: ['id', 'subjectType', 'subjectRef', 'workspaceId', 'authorId', 'body', 'hidden', 'removedAt', 'updatedAt'],
        where: {
          ...where,
          ...(scope?.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {}),
          ...(scope?.authorId !== undefined ? { authorId: scope.authorId } : {}),
          ...(scope?.subject ? { subjectType: scope.subject.type, subjectRef: scope.subject.ref } : {}),
        },
        orderBy: [{ id: 'asc' }],
        limit,
      })) as Row[];
    },
    ref: (row) => String(row.id),
    async documents(rows) {
      const visible = rows.filter((row) => !row.hidden && !row.removedAt && words(row.body));
      const refsOf = (type: string) => [...new Set(visible.filter((row) => row.subjectType === type).map((row) => row.subjectRef as string))];
      const discussionIds = refsOf('discussion').map(Number).filter(Number.isFinite);
      const pageRefs = refsOf('page');
      const studyRefs = refsOf('case-study');
      const none: Row[] = [];
      const [discussions, pages, studies, authors] = await Promise.all([
        discussionIds.length ? (strapi.db.query(DISCUSSION_UID).findMany({ select: ['id', 'workspaceId'], where: { id: { $in: discussionIds } } }) as Promise<Row[]>) : none,
        pageRefs.length
          ? (strapi.db.query(PAGE_UID).findMany({ select: ['id', 'documentId', 'slug', 'isHome'], where: { documentId: { $in: pageRefs }, publishedAt: { $notNull: true } } }) as Promise<Row[]>)
          : none,
        studyRefs.length
          ? (strapi.db.query(CASE_STUDY_UID).findMany({ select: ['documentId', 'slug'], where: { documentId: { $in: studyRefs }, publishedAt: { $notNull: true } } }) as Promise<Row[]>)
          : none,
        people(visible.map((row) => row.authorId)),
      ]);
      const pageWorkspace = await pageWorkspaces(pages.map((page) => page.id));
      const info = await workspaces([...discussions.map((row) => row.workspaceId), ...pageWorkspace.values(), ...visible.map((row) => row.workspaceId)]);
      const discussionOf = new Map(discussions.map((row) => [String(row.id), row]));
      const pageOf = new Map(pages.map((row) => [row.documentId as string, row]));
      const studyOf = new Map(studies.map((row) => [row.documentId as string, row]));
      return rows.map((row) => {
        if (!visible.includes(row)) return null;
        const body = catalogue.markdownPlainText(row.body);
        const common = {
          id: `comment:${row.id}`,
          type: 'comment',
          title: opening(body),
          headings: '',
          body,
          facets: {},
          context: authorContext(authors.get(row.authorId)),
          updatedAt: iso(row.updatedAt),
        };
        if (row.subjectType === 'case-study') {
          const study = studyOf.get(row.subjectRef);
          if (!study) return null;
          // Case-study threads are open to everyone signed in and belong to no workspace.
          return finish({ ...common, url: `/case-studies/${enc(study.slug)}#comment-${row.id}`, workspaceId: null, workspaceIds: [], audience: 'signed-in' });
        }
        let workspace: WorkspaceInfo | undefined;
        let url: string;
        if (row.subjectType === 'discussion') {
          const discussion = discussionOf.get(row.subjectRef);
          workspace = discussion ? info.get(discussion.workspaceId) : undefined;
          if (!workspace) return null;
          url = `/workspaces/${enc(workspace.slug)}/discussions/${row.subjectRef}`;
        } else if (row.subjectType === 'page') {
          const page = pageOf.get(row.subjectRef);
          workspace = page ? info.get(pageWorkspace.get(page.id) ?? -1) : undefined;
          if (!page || !workspace) return null;
          const base = `/workspaces/${enc(workspace.slug)}`;
          url = page.isHome ? base : `${base}/pages/${enc(page.slug)}`;
        } else return null;
        return finish({
          ...common,
          url: `${url}#comment-${row.id}`,
          workspaceId: workspace.documentId,
          workspaceIds: [workspace.documentId],
          audience: contentAudience(workspace),
        });
      });
    },
  };

  const caseStudyLoader: Loader = {
    async rows(options) {
      const { where, limit } = paged(options, (ref) => ({ documentId: ref }));
      return (await strapi.documents(CASE_STUDY_UID as never).findMany({
        status: 'published',
        filters: where,
        sort: [{ id: 'asc' }],
        ...(limit ? { limit } : {}),
        fields: ['title', 'slug', 'summary', 'organisation', 'region', 'updatedAt'],
        populate: { topics: { fields: ['slug'] }, outcomes: true, body: catalogue.blocksPopulate() },
      } as never)) as unknown as Row[];
    },
    ref: (row) => row.documentId,
    async documents(rows) {
      return rows.map((row) => {
        const text = blockText(row.body);
        const outcomes = Array.isArray(row.outcomes) ? row.outcomes.flatMap((outcome: Row) => [words(outcome.headline), words(outcome.detail)]).filter(Boolean) : [];
        return finish({
          id: `case-study:${row.documentId}`,
          type: 'case-study',
          title: words(row.title),
          headings: text.headings,
          body: [words(row.summary), words(row.organisation), ...outcomes, text.body].filter(Boolean).join('\n'),
          url: `/case-studies/${enc(row.slug)}`,
          workspaceId: null,
          workspaceIds: [],
          audience: 'public',
          facets: {
            region: row.region ? [row.region] : [],
            topic: (Array.isArray(row.topics) ? row.topics.map((topic: Row) => topic.slug as string) : []).sort(),
          },
          context: words(row.organisation) || null,
          updatedAt: iso(row.updatedAt),
        });
      });
    },
  };

  const personLoader: Loader = {
    async rows(options) {
      const select = ['id', 'firstName', 'lastName', 'jobTitle', 'organisation', 'blocked', 'confirmed', 'updatedAt'];
      if ('ref' in options) return (await strapi.db.query(USER_UID).findMany({ select, where: { id: Number(options.ref) || -1 } })) as Row[];
      if (options.scope?.workspaceId !== undefined) {
        // A workspace's people: whoever holds a membership of it (any state: a pending one may just have ended).
        const userLink = linkOf(strapi, MEMBERSHIP_UID, 'user');
        const workspaceLink = linkOf(strapi, MEMBERSHIP_UID, 'workspace');
        const query = knex()(userLink.table)
          .distinct(`${userLink.table}.${userLink.to} as id`)
          .join(workspaceLink.table, `${workspaceLink.table}.${workspaceLink.from}`, `${userLink.table}.${userLink.from}`)
          .where(`${workspaceLink.table}.${workspaceLink.to}`, options.scope.workspaceId)
          .orderBy('id', 'asc')
          .limit(options.limit);
        if (options.after !== null) query.where(`${userLink.table}.${userLink.to}`, '>', options.after);
        const ids = ((await query) as { id: number }[]).map((row) => Number(row.id));
        if (!ids.length) return [];
        return (await strapi.db.query(USER_UID).findMany({ select, where: { id: { $in: ids } }, orderBy: [{ id: 'asc' }] })) as Row[];
      }
      return (await strapi.db.query(USER_UID).findMany({
        select,
        where: options.after === null ? {} : { id: { $gt: options.after } },
        orderBy: [{ id: 'asc' }],
        limit: options.limit,
      })) as Row[];
    },
    ref: (row) => String(row.id),
    async documents(rows) {
      const ids = rows.map((row) => row.id as number);
      const memberships = ids.length
        ? ((await strapi.db.query(MEMBERSHIP_UID).findMany({
            select: ['id'],
            where: { state: 'active', user: { id: { $in: ids } } },
            populate: { user: { select: ['id'] }, workspace: { select: ['id', 'documentId', 'visibility'] } },
          })) as Row[])
        : [];
      const workspacesOf = new Map<number, { documentId: string; visibility: string }[]>();
      for (const membership of memberships) {
        if (!membership.user || !membership.workspace) continue;
        const list = workspacesOf.get(membership.user.id) ?? [];
        list.push(membership.workspace);
        workspacesOf.set(membership.user.id, list);
      }
      return rows.map((row) => {
        const held = workspacesOf.get(row.id) ?? [];
        // Profiles are seen through workspaces' member lists: someone in none, blocked or unconfirmed is not found.
        if (!held.length || row.blocked || !row.confirmed) return null;
        const name = [row.firstName, row.lastName].filter(Boolean).join(' ').trim();
        if (!name) return null;
        const workspaceIds = [...new Set(held.map((workspace) => workspace.documentId))].sort();
        const context = joined(row.jobTitle, row.organisation) || null;
        return finish({
          id: `person:${row.id}`,
          type: 'person',
          title: words(name),
          headings: '',
          body: context ?? '',
          // No profile page exists: a search for their name, among people, is where they are shown.
          url: `/search?q=${enc(name)}&type=person`,
          workspaceId: null,
          workspaceIds,
          // Open workspaces show their member list to everyone signed in.
          audience: held.some((workspace) => workspace.visibility === 'open') ? 'signed-in' : 'members',
          facets: {},
          context,
          updatedAt: iso(row.updatedAt),
        });
      });
    },
  };

  /**
   * A workspace's files (cms/src/plugins/files): name, description and the current version's
   * extracted text (PDF, DOCX), found by whoever may read the workspace. Files in the recycle bin
   * are not found; documents written together are a type of their own.
   */
  const fileLoader: Loader = {
    async rows(options) {
      const { where, limit } = paged(options, (ref) => ({ id: Number(ref) || -1 }));
      const scope = 'scope' in options ? options.scope : undefined;
      return (await strapi.db.query(FILE_ITEM_UID).findMany({
        select: ['id', 'workspaceId', 'kind', 'name', 'description', 'currentVersion', 'creatorId', 'changedById', 'deletedAt', 'updatedAt'],
        where: {
          ...where,
          ...(scope?.workspaceId !== undefined ? { workspaceId: scope.workspaceId } : {}),
          ...(scope?.authorId !== undefined ? { $or: [{ changedById: scope.authorId }, { changedById: null, creatorId: scope.authorId }] } : {}),
        },
        orderBy: [{ id: 'asc' }],
        limit,
      })) as Row[];
    },
    ref: (row) => String(row.id),
    async documents(rows) {
      const live = rows.filter((row) => (row.kind === 'file' || row.kind === 'document') && !row.deletedAt);
      const documentIds = live.filter((row) => row.kind === 'document').map((row) => row.id);
      const documentText = new Map(
        documentIds.length
          ? ((await strapi.db.connection('documents_states').select('item_id', 'text').whereIn('item_id', documentIds)) as { item_id: number; text: string }[]).map((row) => [
              Number(row.item_id),
              row.text,
            ])
          : [],
      );
      const [info, authors, versions] = await Promise.all([
        workspaces(live.map((row) => row.workspaceId)),
        people(live.map((row) => row.changedById ?? row.creatorId)),
        live.length
          ? (strapi.db.query(FILE_VERSION_UID).findMany({
              select: ['itemId', 'number', 'label', 'text'],
              where: { itemId: { $in: live.map((row) => row.id) } , number: { $in: [...new Set(live.map((row) => row.currentVersion))] } },
            }) as Promise<Row[]>)
          : Promise.resolve([] as Row[]),
      ]);
      const current = new Map(versions.filter((version) => live.some((row) => row.id === version.itemId && row.currentVersion === version.number)).map((version) => [version.itemId as number, version]));
      return rows.map((row) => {
        const workspace = info.get(row.workspaceId);
        if ((row.kind !== 'file' && row.kind !== 'document') || row.deletedAt || !workspace) return null;
        const version = row.kind === 'document' ? { label: 'Document', text: documentText.get(row.id) ?? '' } : current.get(row.id);
        const person = authors.get(row.changedById ?? row.creatorId);
        return finish({
          id: `file:${row.id}`,
          type: 'file',
          title: words(row.name),
          headings: words(row.description),
          body: words(version?.text),
          url: `/workspaces/${enc(workspace.slug)}/files/items/${row.id}`,
          workspaceId: workspace.documentId,
          workspaceIds: [workspace.documentId],
          audience: contentAudience(workspace),
          facets: {},
          context: joined(version?.label, person?.name) || null,
          updatedAt: iso(row.updatedAt),
        });
      });
    },
  };

  const loaders: Record<DocumentType, Loader> = {
    workspace: workspaceLoader,
    page: pageLoader,
    discussion: discussionLoader,
    comment: commentLoader,
    file: fileLoader,
    'case-study': caseStudyLoader,
    person: personLoader,
  };

  return {
    types: DOCUMENT_TYPES,

    /** One batch of a type's documents after `after` (a row id) in id order, within an optional scope. */
    async build(type: DocumentType, after: number | null, limit: number, scope?: Scope): Promise<Batch> {
      const loader = loaders[type];
      const rows = await loader.rows({ after, limit, scope });
      const built = await loader.documents(rows);
      const documents: SearchDocument[] = [];
      const absent: string[] = [];
      rows.forEach((row, index) => {
        const document = built[index];
        if (document) documents.push(document);
        else absent.push(`${type}:${loader.ref(row)}`);
      });
      return { documents, absent, next: rows.length === limit ? Number(rows[rows.length - 1].id) : null };
    },

    /** The document of one ref (documentId or id), or null when nothing of it should be in the index. */
    async buildOne(type: DocumentType, ref: string): Promise<SearchDocument | null> {
      const loader = loaders[type];
      const rows = await loader.rows({ ref });
      if (!rows.length) return null;
      const built = await loader.documents(rows.slice(0, 1));
      return built[0] ?? null;
    },

    workspaces,
  };
};

export type DocumentsService = ReturnType<typeof documentsService>;
