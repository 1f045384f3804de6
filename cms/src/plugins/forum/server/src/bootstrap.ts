import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CASE_STUDY_UID, COMMENT_UID, DISCUSSION_UID, LIKE_UID, REPORT_UID } from './constants';
import { caseStudyTag } from './services/threads';
import { accounts, getService, refusal, tableOf } from './utils';

/**
 * Indexes for the forum's reads (a thread's page of comments, a parent's replies, a workspace's
 * cards and queue) and the unique keys its rules stand on: one like per member and comment, one
 * comment per form submission. CREATE INDEX IF NOT EXISTS works on SQLite and PostgreSQL.
 */
async function ensureIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const comments = tableOf(strapi, COMMENT_UID);
  const discussions = tableOf(strapi, DISCUSSION_UID);
  const likes = tableOf(strapi, LIKE_UID);
  const reports = tableOf(strapi, REPORT_UID);
  const indexes: { table: ReturnType<typeof tableOf>; name: string; columns: string[]; unique?: boolean }[] = [
    { table: comments, name: 'forum_comments_thread_idx', columns: ['subjectType', 'subjectRef', 'parentId', 'id'] },
    { table: comments, name: 'forum_comments_thread_likes_idx', columns: ['subjectType', 'subjectRef', 'parentId', 'likeCount', 'id'] },
    { table: comments, name: 'forum_comments_parent_idx', columns: ['parentId', 'id'] },
    { table: comments, name: 'forum_comments_queue_idx', columns: ['workspaceId', 'openReportCount'] },
    { table: comments, name: 'forum_comments_hidden_idx', columns: ['workspaceId', 'hidden'] },
    { table: comments, name: 'forum_comments_submission_unique', columns: ['submissionKey'], unique: true },
    { table: discussions, name: 'forum_discussions_workspace_idx', columns: ['workspaceId', 'pinned', 'lastActivityAt'] },
    { table: discussions, name: 'forum_discussions_submission_unique', columns: ['submissionKey'], unique: true },
    { table: likes, name: 'forum_likes_unique', columns: ['commentId', 'userId'], unique: true },
    { table: likes, name: 'forum_likes_user_idx', columns: ['userId'] },
    { table: reports, name: 'forum_reports_comment_idx', columns: ['commentId', 'state'] },
  ];
  for (const { table, name, columns, unique } of indexes) {
    await knex.raw(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [
      name,
      table.name,
      ...columns.map(table.column),
    ]);
  }
}

/** Whether this write comes from the Strapi admin panel (an admin's session), not from our services. */
function fromAdminPanel(strapi: Core.Strapi): { email?: string } | null {
  const ctx = strapi.requestContext.get() as any;
  if (ctx?.state?.auth?.strategy?.name !== 'admin') return null;
  return { email: ctx.state.user?.email };
}

const MODERATION_FIELDS = ['hidden', 'hiddenReason'];

/**
 * Platform admins moderate case-study comments in the admin panel (the content manager's
 * "Comment" type): they may hide or restore one, with a reason, and nothing else. They do not
 * write, edit or delete members' comments there (no anonymous posts, and a deleted row would take
 * its replies with it). The change is audited like a manager's.
 */
function guardAdminModeration(strapi: Core.Strapi) {
  const pending = new Map<number, { hidden: boolean; wasHidden: boolean; reason: string | null; admin: string | undefined }>();
  strapi.db.lifecycles.subscribe({
    models: [COMMENT_UID],
    async beforeCreate() {
      if (fromAdminPanel(strapi)) throw refusal('Comments are written by members on the site');
    },
    async beforeDelete() {
      if (fromAdminPanel(strapi)) throw refusal('Comments cannot be deleted here: hide the comment instead');
    },
    async beforeDeleteMany() {
      if (fromAdminPanel(strapi)) throw refusal('Comments cannot be deleted here: hide the comment instead');
    },
    async beforeUpdate(event: any) {
      const admin = fromAdminPanel(strapi);
      if (!admin) return;
      const id = Number(event.params.where?.id);
      const row = await strapi.db.query(COMMENT_UID).findOne({ select: ['id', 'subjectType', 'hidden', 'removedAt'], where: { id } });
      if (!row) return;
      if (row.subjectType !== 'case-study') throw refusal('Workspace managers moderate this comment on the site');
      const data = event.params.data ?? {};
      const hidden = data.hidden === undefined ? Boolean(row.hidden) : Boolean(data.hidden);
      const reason = typeof data.hiddenReason === 'string' ? data.hiddenReason.trim() : null;
      if (hidden && !row.hidden && !reason) throw new errors.ValidationError('Give a reason for hiding this comment: its author will see it');
      if (hidden && row.removedAt) throw new errors.ValidationError('This comment was removed: there is nothing to hide');
      // Only the moderation fields change, whatever else the form sent.
      const kept: Record<string, unknown> = Object.fromEntries(Object.entries(data).filter(([key]) => MODERATION_FIELDS.includes(key) || key === 'updatedAt' || key === 'updatedBy'));
      kept.hidden = hidden;
      kept.hiddenReason = hidden ? (reason ?? data.hiddenReason ?? null) : null;
      kept.hiddenAt = hidden ? (row.hidden ? undefined : new Date()) : null;
      if (kept.hiddenAt === undefined) delete kept.hiddenAt;
      if (hidden) kept.openReportCount = 0;
      event.params.data = kept;
      pending.set(id, { hidden, wasHidden: Boolean(row.hidden), reason: kept.hiddenReason as string | null, admin: admin.email });
    },
    async afterUpdate(event: any) {
      const id = Number(event.result?.id ?? event.params.where?.id);
      const change = pending.get(id);
      if (!change) return;
      pending.delete(id);
      if (change.hidden === change.wasHidden) return;
      const row = await strapi.db.query(COMMENT_UID).findOne({ select: ['id', 'subjectRef', 'authorId'], where: { id } });
      const study = await strapi.db.query(CASE_STUDY_UID).findOne({ select: ['slug'], where: { documentId: row.subjectRef } });
      if (change.hidden) {
        await strapi.db.query(REPORT_UID).updateMany({ where: { commentId: id, state: 'open' }, data: { state: 'hidden', resolvedAt: new Date() } });
      }
      await accounts(strapi).audit.record({
        action: change.hidden ? 'comment.hidden' : 'comment.restored',
        actorId: null,
        workspaceId: null,
        targetUserId: row.authorId ?? null,
        details: { commentId: id, caseStudy: study?.slug ?? null, reason: change.hidden ? change.reason : undefined, admin: change.admin },
      });
      if (study) await getService(strapi, 'threads').changed(`case-study comment moderated in the admin`, [caseStudyTag(study.slug)]);
    },
  });
}

export function register(strapi: Core.Strapi) {
  guardAdminModeration(strapi);
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
};
