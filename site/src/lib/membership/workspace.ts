import type { Viewer } from '../cms/accounts.ts';
import type { WorkspaceCard } from '../cms/schemas.ts';
import { findWorkspace, type ContentDecider } from '../cms/workspaces.ts';
import { currentPath, withNext } from '../next-url.ts';
import { workspaceAccess, type AccessLocals } from './access.ts';
import type { WorkspaceAccess } from '@futurenhs/contract';

/**
 * How a workspace route finds its workspace and what the viewer may do there. Public listing data
 * (title, summary, visibility) comes from the site's cached reads; the permission from the CMS.
 * A workspace the viewer may not know of is not found, exactly as a missing one.
 */
export interface ResolvedWorkspace {
  workspace: WorkspaceCard;
  access: WorkspaceAccess;
  viewer: Viewer | null;
}

export async function resolveWorkspace(locals: AccessLocals, slug: string): Promise<ResolvedWorkspace | null> {
  if (!slug || slug.length > 200) return null;
  const workspace = await findWorkspace(slug);
  if (!workspace) return null;
  const access = await workspaceAccess(locals, workspace);
  if (!access.canFind) return null;
  return { workspace, access, viewer: locals.viewer };
}

/** For the content pages: view, the listing only, or not found; the access it was decided on is kept. */
export function contentDecider(locals: AccessLocals): { decide: ContentDecider; access: () => WorkspaceAccess | undefined } {
  let decided: WorkspaceAccess | undefined;
  return {
    decide: async (workspace) => {
      decided = await workspaceAccess(locals, workspace);
      if (!decided.canFind) return 'not-found';
      return decided.canView ? 'view' : 'restricted';
    },
    access: () => decided,
  };
}

export const notFound = () => new Response(null, { status: 404 });

export function signInRedirect(url: URL): Response {
  return new Response(null, { status: 303, headers: { location: withNext('/sign-in', currentPath(url)) } });
}

export type ManagerPage = { kind: 'manager'; resolved: ResolvedWorkspace & { viewer: Viewer } } | { kind: 'forbidden'; resolved: ResolvedWorkspace };

/**
 * The managers' pages: not found when the workspace may not be named to this viewer (hidden, or
 * missing), sign in when anonymous, 403 (the page renders the NHS-styled refusal) for anyone who
 * is not its manager.
 */
export async function managerPage(context: { url: URL; locals: AccessLocals }, slug: string): Promise<Response | ManagerPage> {
  const resolved = await resolveWorkspace(context.locals, slug);
  if (!resolved) return notFound();
  if (!resolved.viewer) return signInRedirect(context.url);
  if (!resolved.access.canManage) return { kind: 'forbidden', resolved };
  return { kind: 'manager', resolved: resolved as ResolvedWorkspace & { viewer: Viewer } };
}

export function membersHref(slug: string): string {
  return `/workspaces/${encodeURIComponent(slug)}/members`;
}

export type ManageSection = 'pages' | 'members' | 'moderation' | 'settings' | 'audit';

export function manageHref(slug: string, section: ManageSection = 'members'): string {
  return `/workspaces/${encodeURIComponent(slug)}/manage/${section}`;
}

export function personName(person: { firstName: string; lastName: string } | null): string {
  if (!person) return 'Former member';
  return `${person.firstName} ${person.lastName}`.trim() || 'Member';
}
