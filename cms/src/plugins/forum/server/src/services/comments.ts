import { randomUUID } from 'node:crypto';
import { COMMENT_ACTIONS, type CommentAbilities, type CommentAction, type CommentState, type ForumComment } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import {
  COMMENT_UID,
  DISCUSSION_UID,
  FIRST_REPLIES,
  LIKE_UID,
  MAX_LIKERS_LISTED,
  REPORT_UID,
  type CommentSort,
} from '../constants';
import { accounts, getService, membership, refusal, tableOf, type AuditAction } from '../utils';
import { cursorAfter, decodeCursor, pageOf } from './cursor';
import { oncePerSubmission } from './submission';
import type { Author } from '@futurenhs/contract';
import { permissionsFrom, type Thread, type ThreadPermissions } from './threads';

const { NotFoundError, ValidationError } = errors;

export interface CommentRow {
  id: number;
  subjectType: string;
  subjectRef: string;
  workspaceId: number | null;
  parentId: number | null;
  authorId: number | null;
  body: string | null;
  createdAt: string;
  editedAt: string | null;
  removedAt: string | null;
  removedBy: 'author' | 'manager' | null;
  hidden: boolean;
  hiddenReason: string | null;
  likeCount: number;
  replyCount: number;
  openReportCount: number;
}

/** A comment as every reader gets it: the contract's shape (contract/src/forum.ts), which the site parses. */
export type CommentView = ForumComment;

export const COMMENT_FIELDS = [
  'id',
  'subjectType',
  'subjectRef',
  'workspaceId',
  'parentId',
  'authorId',
  'body',
  'createdAt',
  'editedAt',
  'removedAt',
  'removedBy',
  'hidden',
  'hiddenReason',
  'likeCount',
  'replyCount',
  'openReportCount',
];

export const stateOf = (row: Pick<CommentRow, 'removedAt' | 'hidden'>): CommentState =>
  row.removedAt ? 'removed' : row.hidden ? 'hidden' : 'visible';

/** Counted on the discussion's card: neither removed nor hidden. */
const counts = (row: Pick<CommentRow, 'removedAt' | 'hidden'>) => stateOf(row) === 'visible';

/** Who asks, and what the membership policies let them do in the thread. */
interface Asker {
  id: number | null;
  permissions: ThreadPermissions;
}

/** Why the asker may not take part in a thread the policies let them read only (the routes' policies say it first). */
const NOT_A_PARTICIPANT = 'Only members of this workspace can take part in its discussions';

/**
 * Why the asker may not do `action` with a comment, or null when they may: the one rule of who may
 * like, report, reply to, edit, delete or hide a comment (docs/design.md#forum). The writes below
 * throw what it returns; `mine()` answers it to the site as `can`, which shows only what it allows.
 * A locked discussion (or a page whose comments are off) takes nothing new, moderation aside.
 */
export function commentRefusal(action: CommentAction, row: Pick<CommentRow, 'authorId' | 'parentId' | 'removedAt' | 'hidden'>, thread: Pick<Thread, 'kind' | 'locked'>, asker: Asker): Error | null {
  const state = stateOf(row);
  const own = asker.id !== null && row.authorId === asker.id;
  const { canPost, canModerate } = asker.permissions;
  const unlessVisible = (doing: string) => (state === 'visible' ? null : new ValidationError(`This comment was ${state}: you cannot ${doing} it`));
  if (action === 'hide') {
    if (!canModerate) return refusal('Only a workspace manager can hide a comment');
    return state === 'removed' ? new ValidationError('This comment was removed: there is nothing to hide') : null;
  }
  if (thread.locked) return refusal(thread.kind === 'page' ? 'Comments are turned off for this page' : 'This discussion is locked');
  switch (action) {
    case 'reply':
      if (!canPost) return refusal(NOT_A_PARTICIPANT);
      if (row.parentId) {
        return new ValidationError('Replies are one level deep: reply to the comment this reply belongs to', {
          errors: [{ path: ['parentId'], message: 'Replies are one level deep' }],
        });
      }
      return unlessVisible('reply to');
    case 'edit':
      // Its author, while they still take part (one who left may still read, and remove it).
      if (!own) return refusal('Only its author can edit a comment');
      return canPost ? unlessVisible('edit') : refusal(NOT_A_PARTICIPANT);
    case 'delete':
      return own || canModerate ? unlessVisible('delete') : refusal('Only its author or a workspace manager can remove a comment');
    case 'like':
      if (!canPost) return refusal(NOT_A_PARTICIPANT);
      return unlessVisible('like') ?? (own ? refusal('You cannot like your own comment') : null);
    case 'report':
      if (!canPost) return refusal(NOT_A_PARTICIPANT);
      return own ? refusal('You cannot report your own comment') : unlessVisible('report');
  }
}

/** What the asker may do with the comment: `commentRefusal` for every action. */
export function commentAbilities(row: Pick<CommentRow, 'authorId' | 'parentId' | 'removedAt' | 'hidden'>, thread: Pick<Thread, 'kind' | 'locked'>, asker: Asker): CommentAbilities {
  return Object.fromEntries(COMMENT_ACTIONS.map((action) => [action, commentRefusal(action, row, thread, asker) === null])) as CommentAbilities;
}

function enforce(action: CommentAction, row: CommentRow, thread: Thread, asker: Asker) {
  const refused = commentRefusal(action, row, thread, asker);
  if (refused) throw refused;
}

/**
 * The comment machinery shared by discussions, workspace pages and case studies. Every write
 * runs in one transaction with its counters and its audit event; counters move by atomic
 * increments (never read-modify-write), so a hundred members posting and liking at once leave
 * every count right. What is answered about comments is the same for every reader, so the site
 * may share it between them; what differs per viewer comes from `mine()`.
 */
export const commentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => strapi.db.query(COMMENT_UID);
  const people = () => accounts(strapi).people;
  const threads = () => getService(strapi, 'threads');
  const table = () => tableOf(strapi, COMMENT_UID);

  const subjectWhere = (thread: Thread) => ({ subjectType: thread.kind, subjectRef: thread.subjectRef });

  function view(row: CommentRow, authors: Map<number, Author>, replies: CommentView[] = []): CommentView {
    const state = stateOf(row);
    return {
      id: row.id,
      parentId: row.parentId ?? null,
      author: row.authorId ? (authors.get(row.authorId) ?? null) : null,
      createdAt: new Date(row.createdAt).toISOString(),
      editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
      state,
      removedBy: state === 'removed' ? (row.removedBy ?? null) : null,
      body: state === 'visible' ? row.body : null,
      likeCount: row.likeCount ?? 0,
      replyCount: row.parentId ? 0 : (row.replyCount ?? 0),
      replies,
    };
  }

  /** The first replies of each parent, in one query (a window over parent_id), however many parents. */
  async function firstReplies(parentIds: number[]): Promise<CommentRow[]> {
    if (parentIds.length === 0) return [];
    const { name, column } = table();
    const ranked = strapi.db
      .connection(name)
      .select(
        ...COMMENT_FIELDS.map((field) => strapi.db.connection.raw('?? as ??', [column(field), field])),
        strapi.db.connection.raw('row_number() over (partition by ?? order by ??) as reply_rank', [column('parentId'), column('id')]),
      )
      .whereIn(column('parentId'), parentIds)
      .as('ranked');
    const rows = (await strapi.db.connection.select('*').from(ranked).where('reply_rank', '<=', FIRST_REPLIES).orderBy('id')) as CommentRow[];
    return rows.map((row) => ({ ...row, hidden: Boolean(row.hidden) }));
  }

  async function findInThread(thread: Thread, commentId: number): Promise<CommentRow> {
    const row = (await comments().findOne({ select: COMMENT_FIELDS, where: { id: commentId, ...subjectWhere(thread) } })) as CommentRow | null;
    if (!row) throw new NotFoundError('This comment does not exist');
    return row;
  }

  async function increment(trx: any, uid: string, id: number, attribute: string, by: number) {
    const { name, column } = tableOf(strapi, uid);
    await trx(name)
      .where(column('id'), id)
      .update({ [column(attribute)]: trx.raw('?? + ?', [column(attribute), by]) });
  }

  /** A discussion's card counts visible comments and names its latest. */
  async function touchDiscussion(trx: any, thread: Thread, commentId: number | null, by: number) {
    if (!thread.discussionId) return;
    const { name, column } = tableOf(strapi, DISCUSSION_UID);
    const update: Record<string, unknown> = { [column('commentCount')]: trx.raw('?? + ?', [column('commentCount'), by]) };
    if (commentId) {
      update[column('lastActivityAt')] = new Date();
      // Two posts committing out of order must still leave the newer one as the latest.
      update[column('lastCommentId')] = trx.raw('CASE WHEN ?? IS NULL OR ?? < ? THEN ? ELSE ?? END', [
        column('lastCommentId'),
        column('lastCommentId'),
        commentId,
        commentId,
        column('lastCommentId'),
      ]);
    }
    await trx(name).where(column('id'), thread.discussionId).update(update);
  }

  function audit(action: AuditAction, thread: Thread, actorId: number | null, details: Record<string, unknown>, targetUserId?: number | null) {
    return accounts(strapi).audit.record({
      action,
      actorId,
      workspaceId: thread.workspace?.id ?? null,
      targetUserId: targetUserId ?? null,
      details: { ...details, thread: thread.sitePath },
    });
  }

  const changed = (thread: Thread, what: string) => threads().changed(`${what} on ${thread.sitePath}`, [thread.tag]);

  return {
    view,
    findInThread,

    async list(thread: Thread, options: { sort: CommentSort; after?: string; limit: number }) {
      const { where, orderBy } = pageOf(options.sort, decodeCursor(options.after));
      const rows = (await comments().findMany({
        select: COMMENT_FIELDS,
        where: { ...subjectWhere(thread), parentId: { $null: true }, ...where },
        orderBy,
        limit: options.limit + 1,
      })) as CommentRow[];
      const shown = rows.slice(0, options.limit);
      const [replies, total] = await Promise.all([
        firstReplies(shown.filter((row) => row.replyCount > 0).map((row) => row.id)),
        comments().count({ where: { ...subjectWhere(thread), parentId: { $null: true } } }),
      ]);
      const authors = await people().byId([...shown, ...replies].map((row) => row.authorId));
      const repliesOf = new Map<number, CommentView[]>();
      for (const reply of replies) {
        const list = repliesOf.get(reply.parentId!) ?? [];
        list.push(view(reply, authors));
        repliesOf.set(reply.parentId!, list);
      }
      const last = shown[shown.length - 1];
      return {
        comments: shown.map((row) => view(row, authors, repliesOf.get(row.id) ?? [])),
        nextCursor: rows.length > options.limit && last ? cursorAfter(options.sort, last) : null,
        total,
      };
    },

    async replies(thread: Thread, commentId: number, options: { after?: string; limit: number }) {
      const parent = await findInThread(thread, commentId);
      if (parent.parentId) throw new NotFoundError('This comment has no replies of its own');
      const { where, orderBy } = pageOf('oldest', decodeCursor(options.after));
      const rows = (await comments().findMany({
        select: COMMENT_FIELDS,
        where: { parentId: parent.id, ...where },
        orderBy,
        limit: options.limit + 1,
      })) as CommentRow[];
      const shown = rows.slice(0, options.limit);
      const authors = await people().byId([parent, ...shown].map((row) => row.authorId));
      const last = shown[shown.length - 1];
      return {
        comment: view(parent, authors),
        replies: shown.map((row) => view(row, authors)),
        nextCursor: rows.length > options.limit && last ? cursorAfter('oldest', last) : null,
      };
    },

    /**
     * What differs per viewer: their likes in this thread, their own comments a moderator hid (with
     * why), and what they may do with each of the comments they name (`ids`, those they are shown).
     */
    async mine(thread: Thread, userId: number, permissions: ThreadPermissions = permissionsFrom(null), ids: number[] = []) {
      const { name: likes, column: likeColumn } = tableOf(strapi, LIKE_UID);
      const { name: commentTable, column } = table();
      const [liked, hidden, shown] = await Promise.all([
        strapi.db
          .connection(likes)
          .join(commentTable, `${commentTable}.${column('id')}`, `${likes}.${likeColumn('commentId')}`)
          .where(`${likes}.${likeColumn('userId')}`, userId)
          .where(`${commentTable}.${column('subjectType')}`, thread.kind)
          .where(`${commentTable}.${column('subjectRef')}`, thread.subjectRef)
          .pluck(`${likes}.${likeColumn('commentId')}`),
        comments().findMany({
          select: ['id', 'hiddenReason'],
          where: { ...subjectWhere(thread), authorId: userId, hidden: true, removedAt: { $null: true } },
          orderBy: [{ id: 'asc' }],
          limit: 1000,
        }),
        ids.length === 0
          ? []
          : comments().findMany({ select: COMMENT_FIELDS, where: { ...subjectWhere(thread), id: { $in: ids } } }),
      ]);
      const asker: Asker = { id: userId, permissions };
      return {
        liked: (liked as (number | string)[]).map(Number).sort((a, b) => a - b),
        hidden: (hidden as { id: number; hiddenReason: string | null }[]).map((row) => ({ id: row.id, reason: row.hiddenReason ?? '' })),
        can: Object.fromEntries((shown as CommentRow[]).map((row) => [row.id, commentAbilities({ ...row, hidden: Boolean(row.hidden) }, thread, asker)])),
      };
    },

    async post(thread: Thread, authorId: number, input: { body: string; parentId?: number | null; submissionKey?: string }, permissions = permissionsFrom(null)) {
      if (thread.locked) {
        throw refusal(thread.kind === 'page' ? 'Comments are turned off for this page' : 'This discussion is locked: no new comments');
      }
      await membership(strapi).membership.requireCompleteProfile(authorId);
      const posted = await oncePerSubmission(strapi, COMMENT_UID, authorId, input.submissionKey, async (submissionKey) =>
        (await strapi.db.transaction(async ({ trx }) => {
          let parent: CommentRow | null = null;
          if (input.parentId) {
            parent = await findInThread(thread, input.parentId).catch(() => null);
            if (!parent) throw new ValidationError('The comment you are replying to does not exist', { errors: [{ path: ['parentId'], message: 'No such comment' }] });
            enforce('reply', parent, thread, { id: authorId, permissions });
          }
          const created = (await comments().create({
            data: {
              subjectType: thread.kind,
              subjectRef: thread.subjectRef,
              workspaceId: thread.workspace?.id ?? null,
              parentId: parent?.id ?? null,
              authorId,
              body: input.body,
              hidden: false,
              likeCount: 0,
              replyCount: 0,
              openReportCount: 0,
              submissionKey,
            },
          })) as { id: number };
          if (parent) await increment(trx, COMMENT_UID, parent.id, 'replyCount', 1);
          await touchDiscussion(trx, thread, created.id, 1);
          await audit('comment.posted', thread, authorId, { commentId: created.id, parentId: parent?.id ?? null });
          return created.id as number;
        })) as number,
      );
      if (posted.created) await changed(thread, 'comment posted');
      return posted;
    },

    async edit(thread: Thread, userId: number, commentId: number, body: string, permissions = permissionsFrom(null)) {
      await strapi.db.transaction(async () => {
        const row = await findInThread(thread, commentId);
        enforce('edit', row, thread, { id: userId, permissions });
        await comments().update({ where: { id: row.id }, data: { body, editedAt: new Date() } });
        await audit('comment.edited', thread, userId, { commentId: row.id });
      });
      await changed(thread, 'comment edited');
    },

    /** The author, or a workspace manager: a "comment removed" placeholder keeps its replies readable. */
    async remove(thread: Thread, userId: number, commentId: number, permissions: ThreadPermissions) {
      await strapi.db.transaction(async ({ trx }) => {
        const row = await findInThread(thread, commentId);
        const byAuthor = row.authorId === userId;
        // Removing twice is one removal: the second is judged as the first was, then changes nothing.
        enforce('delete', row.removedAt ? { ...row, removedAt: null } : row, thread, { id: userId, permissions });
        if (row.removedAt) return;
        // The body goes: removing means it is no longer kept (the audit event records who and when).
        await comments().update({
          where: { id: row.id },
          data: { removedAt: new Date(), removedBy: byAuthor ? 'author' : 'manager', body: null, openReportCount: 0 },
        });
        await strapi.db.query(REPORT_UID).updateMany({ where: { commentId: row.id, state: 'open' }, data: { state: 'dismissed', resolvedAt: new Date() } });
        if (counts(row)) await touchDiscussion(trx, thread, null, -1);
        await audit('comment.deleted', thread, userId, { commentId: row.id, by: byAuthor ? 'author' : 'manager' }, byAuthor ? null : row.authorId);
      });
      await changed(thread, 'comment removed');
    },

    async like(thread: Thread, userId: number, commentId: number, liked: boolean, permissions = permissionsFrom(null)) {
      const row = await findInThread(thread, commentId);
      // Taking a like back needs only what the route's policy asks.
      if (liked) enforce('like', row, thread, { id: userId, permissions });
      const { name, column } = tableOf(strapi, LIKE_UID);
      await strapi.db.transaction(async ({ trx }) => {
        let change = 0;
        if (liked) {
          const now = new Date();
          const inserted = await trx(name)
            .insert({
              [column('documentId')]: randomUUID().replace(/-/g, '').slice(0, 24),
              [column('commentId')]: row.id,
              [column('userId')]: userId,
              [column('createdAt')]: now,
              [column('updatedAt')]: now,
            })
            .onConflict([column('commentId'), column('userId')])
            .ignore()
            .returning(column('id'));
          change = inserted.length;
        } else {
          change = -(await trx(name).where(column('commentId'), row.id).where(column('userId'), userId).delete());
        }
        if (change !== 0) await increment(trx, COMMENT_UID, row.id, 'likeCount', change);
      });
      const fresh = (await comments().findOne({ select: ['likeCount'], where: { id: row.id } })) as { likeCount: number };
      await changed(thread, liked ? 'comment liked' : 'like undone');
      return { liked, likeCount: fresh.likeCount };
    },

    async likers(thread: Thread, commentId: number): Promise<Author[]> {
      const row = await findInThread(thread, commentId);
      const likes = (await strapi.db.query(LIKE_UID).findMany({
        select: ['userId'],
        where: { commentId: row.id },
        orderBy: [{ id: 'desc' }],
        limit: MAX_LIKERS_LISTED,
      })) as { userId: number }[];
      const authors = await people().byId(likes.map((like) => like.userId));
      return likes.map((like) => authors.get(like.userId)).filter((author): author is Author => Boolean(author));
    },

    async report(thread: Thread, userId: number, commentId: number, reason: string, permissions = permissionsFrom(null)) {
      await strapi.db.transaction(async ({ trx }) => {
        const row = await findInThread(thread, commentId);
        enforce('report', row, thread, { id: userId, permissions });
        const open = await strapi.db.query(REPORT_UID).findOne({ select: ['id'], where: { commentId: row.id, reporterId: userId, state: 'open' } });
        if (open) return;
        await strapi.db.query(REPORT_UID).create({
          data: { commentId: row.id, workspaceId: thread.workspace?.id ?? null, reporterId: userId, reason, state: 'open' },
        });
        await increment(trx, COMMENT_UID, row.id, 'openReportCount', 1);
        await audit('comment.reported', thread, userId, { commentId: row.id, reason }, row.authorId);
      });
    },

    /** Moderators (workspace managers; platform admins in the admin panel for case studies). */
    async hide(thread: Thread, actorId: number | null, commentId: number, reason: string, extra: Record<string, unknown> = {}) {
      await strapi.db.transaction(async ({ trx }) => {
        const row = await findInThread(thread, commentId);
        // Its callers are a workspace's managers (the canManage policy) and platform admins (the admin panel).
        enforce('hide', row, thread, { id: actorId, permissions: { canPost: false, canModerate: true } });
        await comments().update({ where: { id: row.id }, data: { hidden: true, hiddenReason: reason, hiddenAt: new Date(), openReportCount: 0 } });
        await strapi.db.query(REPORT_UID).updateMany({ where: { commentId: row.id, state: 'open' }, data: { state: 'hidden', resolvedAt: new Date() } });
        if (counts(row)) await touchDiscussion(trx, thread, null, -1);
        await audit('comment.hidden', thread, actorId, { commentId: row.id, reason, ...extra }, row.authorId);
      });
      await changed(thread, 'comment hidden');
    },

    async restore(thread: Thread, actorId: number | null, commentId: number, extra: Record<string, unknown> = {}) {
      await strapi.db.transaction(async ({ trx }) => {
        const row = await findInThread(thread, commentId);
        if (!row.hidden || row.removedAt) throw new ValidationError('This comment is not hidden');
        await comments().update({ where: { id: row.id }, data: { hidden: false, hiddenReason: null, hiddenAt: null } });
        await touchDiscussion(trx, thread, null, 1);
        await audit('comment.restored', thread, actorId, { commentId: row.id, ...extra }, row.authorId);
      });
      await changed(thread, 'comment restored');
    },

    async dismissReports(thread: Thread, actorId: number, commentId: number) {
      await strapi.db.transaction(async () => {
        const row = await findInThread(thread, commentId);
        await strapi.db.query(REPORT_UID).updateMany({ where: { commentId: row.id, state: 'open' }, data: { state: 'dismissed', resolvedAt: new Date() } });
        await comments().update({ where: { id: row.id }, data: { openReportCount: 0 } });
        await audit('comment.reports-dismissed', thread, actorId, { commentId: row.id }, row.authorId);
      });
    },
  };
};

export type CommentsService = ReturnType<typeof commentsService>;
