import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { COMMENT_UID, DISCUSSION_UID, PAGE_UID, REPORT_UID } from '../constants';
import { accounts, getService, type WorkspaceRef } from '../utils';
import { COMMENT_FIELDS, type CommentRow } from './comments';
import type { Thread, ThreadRef } from './threads';

const { NotFoundError } = errors;

/**
 * A workspace's moderation queue: comments members reported (or that were hidden), wherever in
 * the workspace they were posted, in a bounded number of queries per page of the queue.
 */
export const moderationService = ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => getService(strapi, 'comments');
  const threads = () => getService(strapi, 'threads');

  /** The thread a workspace comment belongs to, so the usual comment rules apply to it. */
  async function threadOfComment(workspace: WorkspaceRef, commentId: number): Promise<Thread> {
    const row = (await strapi.db.query(COMMENT_UID).findOne({
      select: ['subjectType', 'subjectRef'],
      where: { id: commentId, workspaceId: workspace.id },
    })) as Pick<CommentRow, 'subjectType' | 'subjectRef'> | null;
    if (!row) throw new NotFoundError('This comment does not exist');
    let ref: ThreadRef;
    if (row.subjectType === 'discussion') ref = { kind: 'discussion', workspace, discussionId: Number(row.subjectRef) };
    else {
      const page = await strapi.db.query(PAGE_UID).findOne({ select: ['slug'], where: { documentId: row.subjectRef, publishedAt: { $notNull: true } } });
      if (!page) throw new NotFoundError('The page of this comment is no longer published');
      ref = { kind: 'page', workspace, pageSlug: page.slug };
    }
    return threads().resolve(ref);
  }

  return {
    threadOfComment,

    async queue(workspace: WorkspaceRef, options: { state: 'open' | 'hidden'; page: number; pageSize: number }) {
      const where =
        options.state === 'open'
          ? { workspaceId: workspace.id, openReportCount: { $gt: 0 }, removedAt: { $null: true } }
          : { workspaceId: workspace.id, hidden: true, removedAt: { $null: true } };
      const result = await strapi.db.query(COMMENT_UID).findPage({
        select: COMMENT_FIELDS,
        where,
        orderBy: [{ id: 'desc' }],
        page: options.page,
        pageSize: options.pageSize,
      });
      const rows = result.results as CommentRow[];
      const ids = rows.map((row) => row.id);
      const discussionIds = rows.filter((row) => row.subjectType === 'discussion').map((row) => Number(row.subjectRef));
      const pageRefs = rows.filter((row) => row.subjectType === 'page').map((row) => row.subjectRef);
      const none = Promise.resolve([]);
      const [reports, discussions, pages] = await Promise.all([
        (ids.length
          ? strapi.db.query(REPORT_UID).findMany({
              select: ['id', 'commentId', 'reporterId', 'reason', 'createdAt'],
              where: { commentId: { $in: ids }, state: 'open' },
              orderBy: [{ id: 'asc' }],
            })
          : none) as Promise<{ id: number; commentId: number; reporterId: number | null; reason: string; createdAt: string }[]>,
        (discussionIds.length
          ? strapi.db.query(DISCUSSION_UID).findMany({ select: ['id', 'title'], where: { id: { $in: discussionIds } } })
          : none) as Promise<{ id: number; title: string }[]>,
        (pageRefs.length
          ? strapi.db.query(PAGE_UID).findMany({
              select: ['documentId', 'title', 'slug', 'isHome'],
              where: { documentId: { $in: pageRefs }, publishedAt: { $notNull: true } },
            })
          : none) as Promise<{ documentId: string; title: string; slug: string; isHome: boolean }[]>,
      ]);
      const authors = await accounts(strapi).people.byId([...rows.map((row) => row.authorId), ...reports.map((report) => report.reporterId)]);
      const discussionTitle = new Map(discussions.map((discussion) => [discussion.id, discussion.title]));
      const pageOf = new Map(pages.map((page) => [page.documentId, page]));
      const base = `/workspaces/${workspace.slug}`;
      const items = rows.map((row) => {
        const page = pageOf.get(row.subjectRef);
        const thread =
          row.subjectType === 'discussion'
            ? { kind: 'discussion' as const, id: Number(row.subjectRef), title: discussionTitle.get(Number(row.subjectRef)) ?? 'Discussion', sitePath: `${base}/discussions/${row.subjectRef}` }
            : { kind: 'page' as const, id: 0, title: page?.title ?? 'Page', sitePath: page ? (page.isHome ? base : `${base}/pages/${page.slug}`) : base };
        const { replies: _replies, ...comment } = comments().view(row, authors);
        return {
          // Managers read what they moderate, hidden or not.
          comment: { ...comment, body: row.body, hiddenReason: row.hidden ? row.hiddenReason : null },
          thread,
          reports: reports
            .filter((report) => report.commentId === row.id)
            .map((report) => ({
              id: report.id,
              reason: report.reason,
              reporter: report.reporterId ? (authors.get(report.reporterId) ?? null) : null,
              createdAt: new Date(report.createdAt).toISOString(),
            })),
        };
      });
      return { items, pagination: result.pagination };
    },

    /** Managers turn comments on a published page on or off (both the draft and the live version). */
    async setPageComments(workspace: WorkspaceRef, actorId: number, pageSlug: string, enabled: boolean) {
      const page = await threads().publishedPage(workspace.id, pageSlug);
      if (!page) throw new NotFoundError('This page does not exist');
      if (Boolean(page.commentsEnabled) === enabled) return enabled ? 'Comments are already on' : 'Comments are already off';
      await strapi.db.transaction(async () => {
        await strapi.db.query(PAGE_UID).updateMany({ where: { documentId: page.documentId }, data: { commentsEnabled: enabled } });
        await accounts(strapi).audit.record({
          action: enabled ? 'page.comments-enabled' : 'page.comments-disabled',
          actorId,
          workspaceId: workspace.id,
          details: { page: page.slug, title: page.title },
        });
      });
      // The page itself changed (its comment section comes or goes): every cached copy goes.
      await threads().changed(`comments turned ${enabled ? 'on' : 'off'} on ${workspace.slug}/${page.slug}`, null);
      return enabled ? 'Comments are on for this page' : 'Comments are off for this page';
    },
  };
};

export type ModerationService = ReturnType<typeof moderationService>;
