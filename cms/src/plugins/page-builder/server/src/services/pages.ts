import type { Core } from '@strapi/strapi';
import { ukDateTime } from '@futurenhs/blocks';
import { errors } from '@strapi/utils';
import {
  DRAFT_SAVE_UID,
  PAGE_UID,
  PAGES_MAX,
  PRESENCE_UID,
  REDIRECT_UID,
  SITE_CHANGED_EVENT,
  SLUG_MAX,
  VERSION_UID,
} from '../constants';
import { accounts, conflict, fieldError, getService, membership, type AuditEntry, type WorkspaceRef } from '../utils';
import type { OutputBlock } from './blocks';

const { NotFoundError, ValidationError } = errors;

export type PageStatus = 'draft' | 'published' | 'changed';

export interface PageSummary {
  documentId: string;
  title: string;
  slug: string;
  position: number;
  isHome: boolean;
  commentsEnabled: boolean;
  status: PageStatus;
  revision: number;
  updatedAt: string;
  updatedBy: { name: string } | null;
  publishedAt: string | null;
}
export type PageDetail = PageSummary & { blocks: OutputBlock[] };

interface DraftRow {
  id: number;
  documentId: string;
  title: string;
  slug: string;
  position: number | null;
  isHome: boolean | null;
  commentsEnabled: boolean | null;
  revision: number | null;
  updatedAt: string;
}

const DRAFT_FIELDS = ['id', 'documentId', 'title', 'slug', 'position', 'isHome', 'commentsEnabled', 'revision', 'updatedAt'];
const PAGE_NOT_FOUND = 'This page does not exist';
export const HOME_DELETE = 'Choose another home page before deleting this one';
export const HOME_UNPUBLISH = 'Choose another home page before unpublishing this one';

const iso = (value: string | Date | null | undefined) => (value ? new Date(value).toISOString() : null);

/** The slug a title suggests: lowercase ASCII words joined by hyphens ("Team news & events" → "team-news-events"). */
export function slugFrom(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/g, '');
  return slug || 'page';
}

/**
 * A workspace's pages as its managers build them: each change under a row lock on the workspace
 * (PostgreSQL; SQLite has one writer at a time) and in one transaction with its versions,
 * redirects and audit event. Drafts and publishing are Strapi's own (draft & publish); the page's
 * `revision` counts the draft's changes, and a write based on an older revision is refused (409)
 * instead of overwriting what someone else saved in between.
 */
export const pagesService = ({ strapi }: { strapi: Core.Strapi }) => {
  const pages = () => strapi.db.query(PAGE_UID);
  const blocks = () => getService(strapi, 'blocks');
  const versions = () => getService(strapi, 'versions');
  const audit = (entry: AuditEntry) => accounts(strapi).audit.record(entry);

  /** Serialises the page builder's writes in one workspace, and only while the actor still manages it. */
  async function inWorkspace<T>(workspace: WorkspaceRef, actorId: number, work: () => Promise<T>): Promise<T> {
    return membership(strapi).membership.asManager(workspace.id, actorId, work);
  }

  async function drafts(workspaceId: number): Promise<DraftRow[]> {
    return (await pages().findMany({
      select: DRAFT_FIELDS,
      where: { workspace: { id: workspaceId }, publishedAt: { $null: true } },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
    })) as DraftRow[];
  }

  async function draftOf(workspaceId: number, documentId: string): Promise<DraftRow> {
    const row = (await pages().findOne({
      select: DRAFT_FIELDS,
      where: { documentId, workspace: { id: workspaceId }, publishedAt: { $null: true } },
    })) as DraftRow | null;
    if (!row) throw new NotFoundError(PAGE_NOT_FOUND);
    return row;
  }

  async function summaries(rows: DraftRow[]): Promise<PageSummary[]> {
    if (rows.length === 0) return [];
    const documentIds = rows.map((row) => row.documentId);
    // One after the other: inside a transaction both would share its one connection.
    const published = (await pages().findMany({
      select: ['documentId', 'revision', 'publishedAt'],
      where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
    })) as { documentId: string; revision: number | null; publishedAt: string }[];
    const saves = (await strapi.db.query(DRAFT_SAVE_UID).findMany({
      select: ['pageDocumentId', 'userId', 'revision'],
      where: { pageDocumentId: { $in: documentIds } },
    })) as { pageDocumentId: string; userId: number | null; revision: number }[];
    const names = await getService(strapi, 'people').names(saves.map((save) => save.userId));
    const publishedOf = new Map(published.map((row) => [row.documentId, row]));
    const saveOf = new Map(saves.map((save) => [save.pageDocumentId, save]));
    return rows.map((row) => {
      const live = publishedOf.get(row.documentId);
      const save = saveOf.get(row.documentId);
      const revision = row.revision ?? 0;
      // Named only when the builder made the draft's latest change (not, say, an admin in the admin panel).
      const by = save && save.revision === revision && save.userId ? names.get(save.userId) : undefined;
      return {
        documentId: row.documentId,
        title: row.title,
        slug: row.slug,
        position: row.position ?? 0,
        isHome: Boolean(row.isHome),
        commentsEnabled: Boolean(row.commentsEnabled),
        status: !live ? 'draft' : (live.revision ?? 0) === revision ? 'published' : 'changed',
        revision,
        updatedAt: iso(row.updatedAt)!,
        updatedBy: by ? { name: by } : null,
        publishedAt: live ? iso(live.publishedAt) : null,
      };
    });
  }

  async function summary(workspaceId: number, documentId: string): Promise<PageSummary> {
    return (await summaries([await draftOf(workspaceId, documentId)]))[0];
  }

  /** The draft's blocks, populated as the site reads them. */
  async function draftBlocks(documentId: string): Promise<OutputBlock[]> {
    const document = await strapi.documents(PAGE_UID as never).findOne({ documentId, status: 'draft', fields: ['id'], populate: blocks().populate() } as never);
    return blocks().shape((document as { blocks?: unknown } | null)?.blocks);
  }

  async function detail(workspaceId: number, documentId: string): Promise<PageDetail> {
    const page = await summary(workspaceId, documentId);
    return { ...page, blocks: await draftBlocks(documentId) };
  }

  async function recordSave(documentId: string, userId: number, revision: number) {
    const saves = strapi.db.query(DRAFT_SAVE_UID);
    const data = { userId, revision, savedAt: new Date() };
    const existing = await saves.findOne({ select: ['id'], where: { pageDocumentId: documentId } });
    if (existing) await saves.update({ where: { id: existing.id }, data });
    else await saves.create({ data: { pageDocumentId: documentId, ...data } });
  }

  /** Who changed the draft last and when, for a manager whose write came too late. */
  async function staleRefusal(workspaceId: number, documentId: string, actorId: number, keptAs: number | null): Promise<Error> {
    const current = await summary(workspaceId, documentId);
    // When their save was made (a later rename or reorder also touches the page's updatedAt).
    const save = current.updatedBy
      ? ((await strapi.db.query(DRAFT_SAVE_UID).findOne({ select: ['userId', 'savedAt'], where: { pageDocumentId: documentId } })) as {
          userId: number | null;
          savedAt: string;
        } | null)
      : null;
    const when = ukDateTime(new Date(save?.savedAt ?? current.updatedAt).toISOString());
    // Who and when only: the site goes on to say what became of the manager's change (`keptAs`).
    const message =
      save?.userId === actorId
        ? `You changed this page on ${when} in another window or tab, after this one was opened`
        : `${current.updatedBy?.name ?? 'Someone else'} changed this page on ${when}, after you opened it`;
    return conflict(message, { current, keptAs });
  }

  async function requireRevision(workspaceId: number, row: DraftRow, actorId: number, revision: number) {
    if ((row.revision ?? 0) !== revision) throw await staleRefusal(workspaceId, row.documentId, actorId, null);
  }

  async function slugTaken(workspaceId: number, slug: string, exceptDocumentId?: string) {
    const count = await pages().count({
      where: { workspace: { id: workspaceId }, slug, publishedAt: { $null: true }, ...(exceptDocumentId ? { documentId: { $ne: exceptDocumentId } } : {}) },
    });
    return count > 0;
  }

  async function changed(reason: string) {
    // Everything of the workspace the site cached (pages, navigation) goes; no tag for pages yet.
    await strapi.eventHub.emit(SITE_CHANGED_EVENT, { reason, tags: null });
  }

  async function removeRedirectsFrom(workspaceId: number, slug: string) {
    await strapi.db.query(REDIRECT_UID).deleteMany({ where: { workspaceId, fromSlug: slug } });
  }

  return {
    summaries,
    detail,
    draftBlocks,

    async list(workspace: WorkspaceRef): Promise<PageSummary[]> {
      return summaries(await drafts(workspace.id));
    },

    async get(workspace: WorkspaceRef, documentId: string): Promise<PageDetail> {
      return detail(workspace.id, documentId);
    },

    async create(workspace: WorkspaceRef & { documentId: string }, actorId: number, input: { title: string; slug?: string | null }): Promise<PageDetail> {
      const documentId = await inWorkspace(workspace, actorId, async () => {
        const existing = await drafts(workspace.id);
        if (existing.length >= PAGES_MAX) throw new ValidationError(`A workspace can have at most ${PAGES_MAX} pages`);
        let slug = input.slug ?? null;
        if (slug) {
          if (existing.some((page) => page.slug === slug)) throw fieldError(['slug'], 'This workspace already has a page with this address: choose another');
        } else {
          const base = slugFrom(input.title);
          slug = base;
          for (let n = 2; existing.some((page) => page.slug === slug); n += 1) slug = `${base.slice(0, SLUG_MAX - String(n).length - 1)}-${n}`;
        }
        const isHome = !existing.some((page) => page.isHome);
        const position = existing.reduce((max, page) => Math.max(max, (page.position ?? 0) + 1), 0);
        const created = await strapi.documents(PAGE_UID as never).create({
          data: { title: input.title, slug, position, isHome, commentsEnabled: false, revision: 0, workspace: workspace.documentId, blocks: [] },
          fields: ['documentId'],
        } as never);
        const id = (created as { documentId: string }).documentId;
        // The new page takes the address: a redirect from it to another page would hide it.
        await removeRedirectsFrom(workspace.id, slug);
        await recordSave(id, actorId, 0);
        await audit({ action: 'page.created', actorId, workspaceId: workspace.id, details: { page: id, slug, title: input.title, isHome } });
        return id;
      });
      return detail(workspace.id, documentId);
    },

    async save(workspace: WorkspaceRef, actorId: number, documentId: string, input: { revision: number; blocks: unknown }): Promise<PageDetail> {
      const parsed = blocks().parseInput(input.blocks);
      await draftOf(workspace.id, documentId);
      await blocks().checkReferences(parsed, { workspaceId: workspace.id, alreadyUsed: blocks().mediaIdsOf(await draftBlocks(documentId)) });
      const outcome = await inWorkspace(workspace, actorId, async () => {
        const row = await draftOf(workspace.id, documentId);
        const current = blocks().toInput(await draftBlocks(documentId));
        // The draft as it is (a form submitted twice, a save without changes): nothing to write,
        // nothing to refuse, and the page does not show as changed since publishing.
        if (blocks().same(parsed, current)) return { keptAs: null };
        if ((row.revision ?? 0) !== input.revision) {
          // Refused, and kept: nothing a manager typed is lost.
          const keptAs = await versions().keep({ page: row, workspaceId: workspace.id, kind: 'conflict', title: row.title, blocks: parsed, authorId: actorId, basedOnRevision: input.revision });
          return { keptAs };
        }
        const revision = input.revision + 1;
        await strapi.documents(PAGE_UID as never).update({ documentId, data: { blocks: blocks().toDocumentData(parsed), revision }, fields: ['id'] } as never);
        await recordSave(documentId, actorId, revision);
        return { keptAs: null };
      });
      if (outcome.keptAs !== null) throw await staleRefusal(workspace.id, documentId, actorId, outcome.keptAs);
      return detail(workspace.id, documentId);
    },

    async settings(workspace: WorkspaceRef, actorId: number, documentId: string, input: { title: string; slug: string }): Promise<PageSummary> {
      const change = await inWorkspace(workspace, actorId, async () => {
        const row = await draftOf(workspace.id, documentId);
        const titleChanged = row.title !== input.title;
        const slugChanged = row.slug !== input.slug;
        if (!titleChanged && !slugChanged) return null;
        if (slugChanged && (await slugTaken(workspace.id, input.slug, documentId))) {
          throw fieldError(['slug'], 'This workspace already has a page with this address: choose another');
        }
        // Title and address are the page's, not its draft's: both the draft and the live page change now.
        await pages().updateMany({ where: { documentId }, data: { title: input.title, slug: input.slug } });
        if (slugChanged) {
          await removeRedirectsFrom(workspace.id, input.slug);
          // Older addresses of this page already lead to it (a redirect names the page, not its slug).
          await strapi.db.query(REDIRECT_UID).create({ data: { workspaceId: workspace.id, fromSlug: row.slug, pageDocumentId: documentId } });
        }
        const changes = [titleChanged && 'title', slugChanged && 'slug'].filter(Boolean);
        await audit({
          action: 'page.settings-changed',
          actorId,
          workspaceId: workspace.id,
          details: { page: documentId, changes, from: { title: row.title, slug: row.slug }, to: { title: input.title, slug: input.slug } },
        });
        return changes.join(' and ');
      });
      if (change) await changed(`page ${change} changed in ${workspace.slug}`);
      return summary(workspace.id, documentId);
    },

    async order(workspace: WorkspaceRef, actorId: number, order: string[]): Promise<PageSummary[]> {
      const moved = await inWorkspace(workspace, actorId, async () => {
        const rows = await drafts(workspace.id);
        const known = new Set(rows.map((row) => row.documentId));
        if (order.length !== rows.length || new Set(order).size !== order.length || order.some((id) => !known.has(id))) {
          throw fieldError(['order'], 'The order must list every page of this workspace once: reload the page and try again');
        }
        const positionOf = new Map(rows.map((row) => [row.documentId, row.position ?? 0]));
        let changes = 0;
        for (const [index, documentId] of order.entries()) {
          if (positionOf.get(documentId) === index) continue;
          await pages().updateMany({ where: { documentId }, data: { position: index } });
          changes += 1;
        }
        if (changes === 0) return false;
        const slugOf = new Map(rows.map((row) => [row.documentId, row.slug]));
        await audit({ action: 'page.settings-changed', actorId, workspaceId: workspace.id, details: { changes: ['order'], order: order.map((id) => slugOf.get(id)) } });
        return true;
      });
      if (moved) await changed(`pages reordered in ${workspace.slug}`);
      return summaries(await drafts(workspace.id));
    },

    async makeHome(workspace: WorkspaceRef, actorId: number, documentId: string): Promise<PageSummary[]> {
      const moved = await inWorkspace(workspace, actorId, async () => {
        const row = await draftOf(workspace.id, documentId);
        if (row.isHome) return false;
        const formerHomes = (await drafts(workspace.id)).filter((page) => page.isHome);
        if (formerHomes.length) await pages().updateMany({ where: { documentId: { $in: formerHomes.map((page) => page.documentId) } }, data: { isHome: false } });
        await pages().updateMany({ where: { documentId }, data: { isHome: true } });
        await audit({
          action: 'page.settings-changed',
          actorId,
          workspaceId: workspace.id,
          details: { page: documentId, changes: ['home'], home: row.slug, previousHome: formerHomes.map((page) => page.slug)[0] ?? null },
        });
        return true;
      });
      if (moved) await changed(`home page changed in ${workspace.slug}`);
      return summaries(await drafts(workspace.id));
    },

    async remove(workspace: WorkspaceRef, actorId: number, documentId: string): Promise<void> {
      await inWorkspace(workspace, actorId, async () => {
        const row = await draftOf(workspace.id, documentId);
        if (row.isHome) throw new ValidationError(HOME_DELETE);
        await strapi.documents(PAGE_UID as never).delete({ documentId } as never);
        for (const uid of [REDIRECT_UID, PRESENCE_UID, DRAFT_SAVE_UID, VERSION_UID]) await strapi.db.query(uid as never).deleteMany({ where: { pageDocumentId: documentId } });
        await audit({ action: 'page.deleted', actorId, workspaceId: workspace.id, details: { page: documentId, slug: row.slug, title: row.title } });
      });
      await changed(`page deleted in ${workspace.slug}`);
    },

    async publish(workspace: WorkspaceRef, actorId: number, documentId: string, revision: number): Promise<PageDetail> {
      const published = await inWorkspace(workspace, actorId, async () => {
        const row = await draftOf(workspace.id, documentId);
        await requireRevision(workspace.id, row, actorId, revision);
        const live = (await pages().findOne({ select: ['revision'], where: { documentId, publishedAt: { $notNull: true } } })) as { revision: number | null } | null;
        // Already live as it is (a second click): nothing to publish, no second identical version.
        if (live && (live.revision ?? 0) === (row.revision ?? 0)) return false;
        const draft = blocks().toInput(await draftBlocks(documentId));
        // A draft saved before a block's rules changed may no longer pass them: say which block, before members see it.
        blocks().parseInput(draft, 'This page cannot be published yet. ');
        await strapi.documents(PAGE_UID as never).publish({ documentId } as never);
        const number = await versions().keep({ page: row, workspaceId: workspace.id, kind: 'publish', title: row.title, blocks: draft, authorId: actorId, basedOnRevision: revision });
        await audit({ action: 'page.published', actorId, workspaceId: workspace.id, details: { page: documentId, slug: row.slug, title: row.title, version: number } });
        return true;
      });
      if (published) await changed(`page published in ${workspace.slug}`);
      return detail(workspace.id, documentId);
    },

    async unpublish(workspace: WorkspaceRef, actorId: number, documentId: string): Promise<PageSummary> {
      const done = await inWorkspace(workspace, actorId, async () => {
        const row = await draftOf(workspace.id, documentId);
        const live = await pages().count({ where: { documentId, publishedAt: { $notNull: true } } });
        if (!live) return false;
        if (row.isHome) throw new ValidationError(HOME_UNPUBLISH);
        await strapi.documents(PAGE_UID as never).unpublish({ documentId } as never);
        await audit({ action: 'page.unpublished', actorId, workspaceId: workspace.id, details: { page: documentId, slug: row.slug, title: row.title } });
        return true;
      });
      if (done) await changed(`page unpublished in ${workspace.slug}`);
      return summary(workspace.id, documentId);
    },

    async restore(workspace: WorkspaceRef, actorId: number, documentId: string, number: number, revision: number): Promise<PageDetail> {
      await draftOf(workspace.id, documentId);
      const kept = await versions().find(workspace.id, documentId, number);
      const prefix = `Version ${number} cannot be restored. `;
      const input = blocks().parseInput(kept.blocks, prefix);
      await blocks().checkReferences(input, {
        workspaceId: workspace.id,
        alreadyUsed: new Set([...blocks().mediaIdsOf(await draftBlocks(documentId)), ...blocks().imageIds(input)]),
        anyCaseStudy: true,
        prefix,
      });
      await inWorkspace(workspace, actorId, async () => {
        const row = await draftOf(workspace.id, documentId);
        const draft = blocks().toInput(await draftBlocks(documentId));
        // Already the draft (a restore sent twice): done, nothing to refuse.
        if (row.title === kept.title && blocks().same(input, draft)) return;
        await requireRevision(workspace.id, row, actorId, revision);
        // Unpublished edits the restore writes over are kept first, so the restore itself loses nothing.
        const latest = await versions().latestDraft(workspace.id, documentId);
        if (!latest || latest.title !== row.title || !blocks().same(draft, Array.isArray(latest.blocks) ? latest.blocks : [])) {
          const lastSave = (await strapi.db.query(DRAFT_SAVE_UID).findOne({ select: ['userId'], where: { pageDocumentId: documentId } })) as { userId: number | null } | null;
          await versions().keep({ page: row, workspaceId: workspace.id, kind: 'replaced', title: row.title, blocks: draft, authorId: lastSave?.userId ?? actorId, basedOnRevision: revision });
        }
        const next = revision + 1;
        await strapi.documents(PAGE_UID as never).update({ documentId, data: { title: kept.title, blocks: blocks().toDocumentData(input), revision: next }, fields: ['id'] } as never);
        await recordSave(documentId, actorId, next);
        const keptAs = await versions().keep({ page: row, workspaceId: workspace.id, kind: 'restore', title: kept.title, blocks: input, authorId: actorId, basedOnRevision: revision, restoredFrom: number });
        await audit({ action: 'page.restored', actorId, workspaceId: workspace.id, details: { page: documentId, slug: row.slug, version: number, keptAs } });
      });
      return detail(workspace.id, documentId);
    },

    draftOf,
  };
};

export type PagesService = ReturnType<typeof pagesService>;
