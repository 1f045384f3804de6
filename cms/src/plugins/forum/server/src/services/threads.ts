import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CASE_STUDY_UID, COMMENT_UID, DISCUSSION_UID, PAGE_UID, SITE_CHANGED_EVENT, type SubjectType } from '../constants';
import type { WorkspaceAccess, WorkspaceRef } from '../utils';

const { NotFoundError } = errors;

/** What a route names: a discussion or page of a workspace (after its access policy), or a case study. */
export type ThreadRef =
  | { kind: 'discussion'; workspace: WorkspaceRef; discussionId: number }
  | { kind: 'page'; workspace: WorkspaceRef; pageSlug: string }
  | { kind: 'case-study'; caseStudySlug: string };

/** One place comments live, found and checked. */
export interface Thread {
  kind: SubjectType;
  /** With `kind`, the key of its comments: a discussion's id, a page's or case study's documentId. */
  subjectRef: string;
  workspace: WorkspaceRef | null;
  title: string;
  locked: boolean;
  discussionId: number | null;
  /** Where it is on the site, for the moderation queue and mails. */
  sitePath: string;
  /** The site cache tag to clear when its comments change. */
  tag: string;
}

/** What the viewer may do in a thread, from the membership policies (case studies: any signed-in member). */
export interface ThreadPermissions {
  canPost: boolean;
  canModerate: boolean;
}

export function permissionsFrom(access: WorkspaceAccess | null): ThreadPermissions {
  if (!access) return { canPost: true, canModerate: false };
  return { canPost: access.canPost, canModerate: access.canManage };
}

export const workspaceTag = (slug: string) => `forum:workspace:${slug}`;
export const caseStudyTag = (slug: string) => `forum:case-study:${slug}`;

export const threadsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async resolve(ref: ThreadRef): Promise<Thread> {
    if (ref.kind === 'discussion') {
      const discussion = await strapi.db.query(DISCUSSION_UID).findOne({
        select: ['id', 'title', 'locked'],
        where: { id: ref.discussionId, workspaceId: ref.workspace.id },
      });
      if (!discussion) throw new NotFoundError('This discussion does not exist');
      return {
        kind: 'discussion',
        subjectRef: String(discussion.id),
        workspace: ref.workspace,
        title: discussion.title,
        locked: Boolean(discussion.locked),
        discussionId: discussion.id,
        sitePath: `/workspaces/${ref.workspace.slug}/discussions/${discussion.id}`,
        tag: workspaceTag(ref.workspace.slug),
      };
    }
    if (ref.kind === 'page') {
      const page = await this.publishedPage(ref.workspace.id, ref.pageSlug);
      if (!page) throw new NotFoundError('This page does not exist');
      if (!page.commentsEnabled) {
        // Comments already written stay readable (closed to new ones) when a manager turns them off.
        const any = (await strapi.db.query(COMMENT_UID).count({ where: { subjectType: 'page', subjectRef: page.documentId } })) > 0;
        if (!any) throw new NotFoundError('Comments are not turned on for this page');
      }
      return {
        kind: 'page',
        subjectRef: page.documentId,
        workspace: ref.workspace,
        title: page.title,
        locked: !page.commentsEnabled,
        discussionId: null,
        sitePath: page.isHome ? `/workspaces/${ref.workspace.slug}` : `/workspaces/${ref.workspace.slug}/pages/${page.slug}`,
        tag: workspaceTag(ref.workspace.slug),
      };
    }
    const study = await strapi.db.query(CASE_STUDY_UID).findOne({
      select: ['id', 'documentId', 'title', 'slug'],
      where: { slug: ref.caseStudySlug, publishedAt: { $notNull: true } },
    });
    if (!study) throw new NotFoundError('This case study does not exist');
    return {
      kind: 'case-study',
      subjectRef: study.documentId,
      workspace: null,
      title: study.title,
      locked: false,
      discussionId: null,
      sitePath: `/case-studies/${study.slug}`,
      tag: caseStudyTag(study.slug),
    };
  },

  async publishedPage(workspaceId: number, slug: string) {
    if (typeof slug !== 'string' || slug.length === 0 || slug.length > 80) return null;
    return (await strapi.db.query(PAGE_UID).findOne({
      select: ['id', 'documentId', 'title', 'slug', 'isHome', 'commentsEnabled'],
      where: { slug, workspace: { id: workspaceId }, publishedAt: { $notNull: true } },
    })) as { id: number; documentId: string; title: string; slug: string; isHome: boolean; commentsEnabled: boolean | null } | null;
  },

  /** Tells the site which cached forum data to drop; awaited, so the next page view sees the change. */
  async changed(reason: string, tags: string[] | null): Promise<void> {
    await strapi.eventHub.emit(SITE_CHANGED_EVENT, { reason, tags });
  },
});

export type ThreadsService = ReturnType<typeof threadsService>;
