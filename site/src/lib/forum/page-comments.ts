import type { PageContext } from '../accounts/page.ts';
import type { SummaryItem } from '../forms.ts';
import type { ContentPage } from '../membership/content-page.ts';
import type { WorkspaceAccess } from '@futurenhs/contract';
import { caseStudyReader, workspaceReader, type ForumReader } from './api.ts';
import {
  commentContext,
  loadThread,
  NO_OUTCOME,
  PAGE_COMMENTS_ERROR,
  threadPost,
  threadSummary,
  type CommentContext,
  type ThreadOutcome,
  type ThreadPermissions,
  type ThreadView,
} from './thread-page.ts';
import type { ThreadRef } from './threads.ts';
import { cannotPostMessage } from './workspace-forum.ts';

/**
 * The comments under a workspace page or a case study: the same thread machinery as a
 * discussion. A workspace page has comments only when its managers turned them on (managers get
 * the switch); a case study's comments are for signed-in members, and nothing here runs for an
 * anonymous visitor, so the anonymous case-study page stays the same for everyone (cacheable).
 */
export interface PageComments {
  status: number;
  enabled: boolean;
  /** Managers of the workspace: the on/off switch. */
  canSwitch: boolean;
  view: ThreadView | null;
  context: CommentContext | null;
  total: number;
  outcome: ThreadOutcome;
  errorSummary: SummaryItem[];
  cannotPost?: string;
}

async function thread(
  context: PageContext,
  reader: ForumReader,
  ref: ThreadRef,
  form: FormData | null,
  options: { enabled: boolean; permissions: ThreadPermissions; canSwitch: boolean; cannotPost?: string },
): Promise<Response | PageComments> {
  let outcome = NO_OUTCOME;
  if (form) {
    const posted = await threadPost(context, form, ref);
    if (posted instanceof Response) return posted;
    outcome = posted;
  }
  const { enabled } = options;
  const view = enabled ? await loadThread(reader, ref, context.url, outcome) : null;
  return {
    status: outcome.status,
    enabled: enabled && view !== null,
    canSwitch: options.canSwitch,
    view,
    context: view ? commentContext(view, context.url, context.locals.viewer?.id ?? null, options.permissions, outcome) : null,
    total: view?.list?.total ?? 0,
    outcome,
    errorSummary: threadSummary(outcome.errors),
    cannotPost: options.cannotPost,
  };
}

/** For /workspaces/{slug} and /workspaces/{slug}/pages/{page}; null when there is nothing to show. */
export async function workspacePageComments(context: PageContext, page: ContentPage, form: FormData | null): Promise<Response | PageComments | null> {
  const { result } = page;
  if (result.kind !== 'page' || !result.page || result.preview) return null;
  const access = page.layout.access as WorkspaceAccess | undefined;
  const slug = result.workspace.slug;
  const reader = workspaceReader(context.locals, slug, access);
  if (!reader || !access) return null;
  const ref: ThreadRef = { kind: 'page', workspace: slug, page: result.page.slug };
  return thread(context, reader, ref, form, {
    // The page's own field, read with the page (switching it revalidates the site's copy).
    enabled: result.page.commentsEnabled,
    permissions: { canPost: access.canPost, canModerate: access.canManage, locked: false },
    canSwitch: access.canManage,
    cannotPost: access.canPost ? undefined : cannotPostMessage(access.standing),
  });
}

/** For /case-studies/{slug}: signed-in members only (null for anyone else: the page shows a sign-in link). */
export async function caseStudyComments(context: PageContext, caseStudy: string, form: FormData | null): Promise<Response | PageComments | null> {
  const reader = caseStudyReader(context.locals, caseStudy);
  if (!reader) return null;
  return thread(context, reader, { kind: 'case-study', caseStudy }, form, {
    enabled: true,
    permissions: { canPost: true, canModerate: false, locked: false },
    canSwitch: false,
  });
}

export { PAGE_COMMENTS_ERROR };
