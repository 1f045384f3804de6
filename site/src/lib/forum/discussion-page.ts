import { isPost, readForm, type PageContext } from '../accounts/page.ts';
import type { WorkspaceCard } from '../cms/schemas.ts';
import { isCmsRequestError } from '../cms/http.ts';
import type { SummaryItem } from '../forms.ts';
import { successMessage } from '../membership/actions.ts';
import type { Person, WorkspaceAccess } from '@futurenhs/contract';
import { notFound } from '../membership/workspace.ts';
import { getDiscussion } from './api.ts';
import type { Discussion } from '@futurenhs/contract';
import {
  commentContext,
  loadThread,
  NO_OUTCOME,
  threadPost,
  threadSummary,
  type CommentContext,
  type ThreadOutcome,
  type ThreadPermissions,
  type ThreadView,
} from './thread-page.ts';
import { parseId, type ThreadRef } from './threads.ts';
import { cannotPostMessage, workspaceForum } from './workspace-forum.ts';

export type DiscussionThreadPage =
  | { kind: 'restricted'; status: number; workspace: WorkspaceCard; access: WorkspaceAccess; signedIn: boolean; managers: Person[] }
  | {
      kind: 'thread';
      status: number;
      workspace: WorkspaceCard;
      access: WorkspaceAccess;
      discussion: Discussion;
      permissions: ThreadPermissions;
      outcome: ThreadOutcome;
      view: ThreadView;
      context: CommentContext;
      total: number;
      errorSummary: SummaryItem[];
      success?: string;
      cannotPost?: string;
    };

/** Everything /workspaces/{slug}/discussions/{id} shows, after handling what it was posted. */
export async function discussionThread(context: PageContext, slug: string, rawId: string): Promise<Response | DiscussionThreadPage> {
  const forum = await workspaceForum(context, slug);
  if (forum instanceof Response) return forum;
  const { workspace, access, viewer } = forum.resolved;
  if (forum.kind === 'restricted') {
    return { kind: 'restricted', status: 403, workspace, access, signedIn: viewer !== null, managers: forum.managers };
  }
  const id = parseId(rawId);
  if (id === null) return notFound();
  const ref: ThreadRef = { kind: 'discussion', workspace: workspace.slug, id };

  let outcome = NO_OUTCOME;
  if (isPost(context)) {
    const posted = await threadPost(context, await readForm(context), ref);
    if (posted instanceof Response) return posted;
    outcome = posted;
  }

  let discussion: Discussion;
  try {
    discussion = await getDiscussion(forum.reader, workspace.slug, id);
  } catch (error) {
    if (isCmsRequestError(error, 404)) return notFound();
    throw error;
  }
  const permissions: ThreadPermissions = { canPost: access.canPost && !discussion.locked, canModerate: access.canManage, locked: discussion.locked };
  const view = await loadThread(forum.reader, ref, context.url, outcome);
  if (!view) return notFound();
  return {
    kind: 'thread',
    status: outcome.status,
    workspace,
    access,
    discussion,
    permissions,
    outcome,
    view,
    context: commentContext(view, context.url, viewer?.id ?? null, permissions, outcome),
    total: view.list?.total ?? view.list?.thread.commentCount ?? discussion.commentCount,
    errorSummary: threadSummary(outcome.errors),
    success: successMessage(context),
    cannotPost: access.canPost ? undefined : cannotPostMessage(access.standing),
  };
}
