import type { Person } from '@futurenhs/contract';
import type { PageContext } from '../accounts/page.ts';
import type { Viewer } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { managersFor } from '../membership/api.ts';
import { notFound, resolveWorkspace, type ResolvedWorkspace } from '../membership/workspace.ts';
import { seeOther } from '../next-url.ts';

/**
 * The files pages of a workspace, decided as the forum's are: not found when the workspace may
 * not be named to this viewer (exactly as a missing one); for someone signed out or who may not
 * read it, the workspace's listing, managers and a way in (status 403), never a file's name;
 * otherwise a reader. The CMS decides again on every call the page makes.
 */
export type ReaderWorkspace = ResolvedWorkspace & { viewer: Viewer };

export type WorkspaceFiles =
  | { kind: 'reader'; resolved: ReaderWorkspace }
  | { kind: 'restricted'; resolved: ResolvedWorkspace; managers: Person[] };

export async function workspaceFiles(context: PageContext, slug: string): Promise<Response | WorkspaceFiles> {
  const resolved = await resolveWorkspace(context.locals, slug);
  if (!resolved) return notFound();
  if (!resolved.viewer || !resolved.access.canView) {
    return { kind: 'restricted', resolved, managers: await managersFor(context.locals, resolved.workspace) };
  }
  return { kind: 'reader', resolved: resolved as ReaderWorkspace };
}

/**
 * A read of something that may be gone (moved to the bin, purged, never there): the CMS's 404 is
 * the page's 404. A 403 (the membership changed since the page began) is a 403.
 */
export async function orMissing<T>(read: Promise<T>): Promise<T | Response> {
  try {
    return await read;
  } catch (error) {
    if (isCmsRequestError(error, 404)) return notFound();
    if (isCmsRequestError(error, 403)) return new Response(null, { status: 403 });
    throw error;
  }
}

/** Post/Redirect/Get with a one-off success banner on the page it leads to. */
export function doneAndGo(context: PageContext, message: string, location: string): Response {
  setFlash(context.cookies, { success: message }, siteConfig().SITE_URL);
  return seeOther(location);
}

/** The path of the files pages' refusal (pages/workspaces/[slug]/files/forbidden.astro). */
export function forbiddenPath(slug: string): string {
  return `/workspaces/${encodeURIComponent(slug)}/files/forbidden`;
}

/**
 * What a files page answers when its lib answered with a response: a bare 403 (the viewer may
 * read the workspace but not do this) becomes the NHS-styled refusal page; anything else as it is.
 */
export function filesResponse(context: { params: Record<string, string | undefined>; rewrite(path: string): Promise<Response> }, response: Response): Response | Promise<Response> {
  if (response.status === 403 && response.body === null) return context.rewrite(forbiddenPath(context.params.slug ?? ''));
  return response;
}
