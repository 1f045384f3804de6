import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { COMMENT_UID, DISCUSSION_UID, EXCERPT_LENGTH, type DiscussionSort } from '../constants';
import { accounts, getService, membership, type AuditAction, type WorkspaceRef } from '../utils';
import type { Author } from '@futurenhs/contract';
import { oncePerSubmission } from './submission';
import { workspaceTag } from './threads';

const { NotFoundError } = errors;

interface DiscussionRow {
  id: number;
  workspaceId: number;
  authorId: number | null;
  title: string;
  body: string;
  pinned: boolean;
  locked: boolean;
  commentCount: number;
  lastActivityAt: string;
  lastCommentId: number | null;
  createdAt: string;
  editedAt: string | null;
}

export interface DiscussionCard {
  id: number;
  title: string;
  author: Author | null;
  createdAt: string;
  pinned: boolean;
  locked: boolean;
  commentCount: number;
  lastActivityAt: string;
  lastComment: { id: number; author: Author | null; createdAt: string; excerpt: string } | null;
}

const CARD_FIELDS = ['id', 'workspaceId', 'authorId', 'title', 'pinned', 'locked', 'commentCount', 'lastActivityAt', 'lastCommentId', 'createdAt'];

const ORDER: Record<DiscussionSort, Record<string, 'asc' | 'desc'>[]> = {
  activity: [{ lastActivityAt: 'desc' }, { id: 'desc' }],
  newest: [{ id: 'desc' }],
  title: [{ title: 'asc' }, { id: 'asc' }],
};

/** Plain text for a card: Markdown markers and line breaks dropped, cut at a word. */
export function excerptOf(markdown: string | null): string {
  if (!markdown) return '';
  const plain = markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= EXCERPT_LENGTH) return plain;
  const cut = plain.slice(0, EXCERPT_LENGTH);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 80 ? cut.lastIndexOf(' ') : EXCERPT_LENGTH).trimEnd()}…`;
}

export const discussionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const discussions = () => strapi.db.query(DISCUSSION_UID);
  const people = () => accounts(strapi).people;

  /** Cards in a bounded number of queries: discussions, their latest comments, every author at once. */
  async function cards(rows: DiscussionRow[]): Promise<DiscussionCard[]> {
    const lastIds = rows.map((row) => row.lastCommentId).filter((id): id is number => Boolean(id));
    const lastComments = lastIds.length
      ? ((await strapi.db.query(COMMENT_UID).findMany({
          select: ['id', 'authorId', 'body', 'createdAt', 'removedAt', 'hidden'],
          where: { id: { $in: lastIds } },
        })) as { id: number; authorId: number | null; body: string | null; createdAt: string; removedAt: string | null; hidden: boolean }[])
      : [];
    const lastById = new Map(lastComments.map((comment) => [comment.id, comment]));
    const authors = await people().byId([...rows.map((row) => row.authorId), ...lastComments.map((comment) => comment.authorId)]);
    const author = (id: number | null) => (id ? (authors.get(id) ?? null) : null);
    return rows.map((row) => {
      const last = row.lastCommentId ? lastById.get(row.lastCommentId) : undefined;
      return {
        id: row.id,
        title: row.title,
        author: author(row.authorId),
        createdAt: new Date(row.createdAt).toISOString(),
        pinned: Boolean(row.pinned),
        locked: Boolean(row.locked),
        commentCount: row.commentCount ?? 0,
        lastActivityAt: new Date(row.lastActivityAt).toISOString(),
        lastComment: last
          ? {
              id: last.id,
              author: author(last.authorId),
              createdAt: new Date(last.createdAt).toISOString(),
              // A removed or hidden comment lends the card its author and time, never its words.
              excerpt: last.removedAt || last.hidden ? '' : excerptOf(last.body),
            }
          : null,
      };
    });
  }

  async function find(workspace: WorkspaceRef, id: number): Promise<DiscussionRow> {
    const row = (await discussions().findOne({ select: [...CARD_FIELDS, 'body', 'editedAt'], where: { id, workspaceId: workspace.id } })) as DiscussionRow | null;
    if (!row) throw new NotFoundError('This discussion does not exist');
    return row;
  }

  const changed = (workspace: WorkspaceRef, reason: string) => getService(strapi, 'threads').changed(reason, [workspaceTag(workspace.slug)]);

  return {
    async list(workspace: WorkspaceRef, options: { sort: DiscussionSort; page: number; pageSize: number }) {
      const result = await discussions().findPage({
        select: CARD_FIELDS,
        where: { workspaceId: workspace.id },
        orderBy: [{ pinned: 'desc' }, ...ORDER[options.sort]],
        page: options.page,
        pageSize: options.pageSize,
      });
      return { cards: await cards(result.results as DiscussionRow[]), pagination: result.pagination };
    },

    async show(workspace: WorkspaceRef, id: number) {
      const row = await find(workspace, id);
      const [card] = await cards([row]);
      return { ...card, body: row.body, editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null };
    },

    async create(workspace: WorkspaceRef, authorId: number, input: { title: string; body: string; submissionKey?: string }) {
      await membership(strapi).membership.requireCompleteProfile(authorId);
      const started = await oncePerSubmission(strapi, DISCUSSION_UID, authorId, input.submissionKey, async (submissionKey) =>
        (await strapi.db.transaction(async () => {
          const created = (await discussions().create({
            data: {
              workspaceId: workspace.id,
              authorId,
              title: input.title,
              body: input.body,
              pinned: false,
              locked: false,
              commentCount: 0,
              lastActivityAt: new Date(),
              submissionKey,
            },
          })) as { id: number };
          await accounts(strapi).audit.record({
            action: 'discussion.created',
            actorId: authorId,
            workspaceId: workspace.id,
            details: { discussionId: created.id, title: input.title },
          });
          return created.id as number;
        })) as number,
      );
      if (started.created) await changed(workspace, 'discussion started');
      return started;
    },

    /** Managers pin (shown first) and lock (no new comments) a discussion. */
    async settle(workspace: WorkspaceRef, actorId: number, id: number, settings: { pinned?: boolean; locked?: boolean }) {
      const messages: string[] = [];
      await strapi.db.transaction(async () => {
        const row = await find(workspace, id);
        const data: Record<string, boolean> = {};
        const events: AuditAction[] = [];
        if (settings.pinned !== undefined && settings.pinned !== Boolean(row.pinned)) {
          data.pinned = settings.pinned;
          events.push(settings.pinned ? 'discussion.pinned' : 'discussion.unpinned');
        }
        if (settings.locked !== undefined && settings.locked !== Boolean(row.locked)) {
          data.locked = settings.locked;
          events.push(settings.locked ? 'discussion.locked' : 'discussion.unlocked');
        }
        if (events.length === 0) return;
        await discussions().update({ where: { id: row.id }, data });
        for (const action of events) {
          await accounts(strapi).audit.record({ action, actorId, workspaceId: workspace.id, details: { discussionId: row.id, title: row.title } });
          messages.push(`Discussion ${action.split('.')[1]}`);
        }
      });
      if (messages.length > 0) await changed(workspace, 'discussion settings changed');
      return messages.length > 0 ? messages.join('. ') : 'Nothing changed';
    },
  };
};

export type DiscussionsService = ReturnType<typeof discussionsService>;
