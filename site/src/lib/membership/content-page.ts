import type { PageContext } from '../accounts/page.ts';
import type { ContentDecider, WorkspacePageResult } from '../cms/workspaces.ts';
import { summaryItems } from '../forms.ts';
import { MEMBERSHIP_ERROR, membershipPost, successMessage } from './actions.ts';
import { managersFor } from './api.ts';
import { contentDecider } from './workspace.ts';

type Shown = Extract<WorkspacePageResult, { kind: 'page' | 'restricted' }>;

export interface ContentPage {
  result: Shown;
  /** WorkspaceLayout's props: the page for readers, the listing and a way in for everyone else. */
  layout: Record<string, unknown>;
  /** The status a join or ask-to-join form answered with, if one was posted. */
  formStatus: number | null;
}

/**
 * One workspace content page (home or further page): content for those the CMS says may read it;
 * the listing, managers and a way in for the rest; not found for a workspace the viewer may not
 * know of. Join and ask-to-join post to the page itself.
 */
export async function workspaceContentPage(
  context: PageContext,
  load: (decide: ContentDecider) => Promise<WorkspacePageResult>,
): Promise<Response | ContentPage> {
  const { decide, access } = contentDecider(context.locals);
  const result = await load(decide);
  if (result.kind === 'not-found') return new Response(null, { status: 404 });
  if (result.kind === 'redirect') return new Response(null, { status: result.status ?? 302, headers: { location: result.location } });
  const viewerAccess = access();
  const outcome = viewerAccess ? await membershipPost(context, { workspace: result.workspace, access: viewerAccess, viewer: context.locals.viewer }) : null;
  if (outcome instanceof Response) return outcome;
  const errors = outcome?.errors ?? {};
  const shared = {
    workspace: result.workspace,
    access: viewerAccess,
    signedIn: context.locals.viewer !== null,
    errorSummary: summaryItems(errors, ['message', MEMBERSHIP_ERROR]),
    formErrors: errors,
    formValues: outcome?.values,
    success: successMessage(context),
  };
  const layout =
    result.kind === 'restricted'
      ? { ...shared, restricted: true, managers: await managersFor(context.locals, result.workspace) }
      : { ...shared, page: result.page, navigation: result.navigation, preview: result.preview };
  return { result, layout, formStatus: outcome?.status ?? null };
}
