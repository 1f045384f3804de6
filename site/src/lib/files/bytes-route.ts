import type { APIContext } from 'astro';
import { resolveWorkspace } from '../membership/workspace.ts';
import { signInRedirect } from '../membership/workspace.ts';
import { fileBytes, rangeHeader, versionParam } from './bytes.ts';
import { parseItemId } from './paths.ts';

/** A short plain-text answer, never cached (refusals of byte routes). */
export const text = (status: number, message: string) =>
  new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

/**
 * The download and preview routes: the site decides first, as for the files pages (a workspace
 * the viewer may not know of is not found, exactly as a missing one; someone signed out is asked
 * to sign in; a reader who may not read it is refused), then streams the CMS's answer, which
 * decides again on this very request. Nothing is cached anywhere: a member removed a moment ago
 * is refused on their next click, links they kept included.
 */
export async function serveFileBytes(context: APIContext, what: 'download' | 'preview'): Promise<Response> {
  const id = parseItemId(context.params.id);
  const version = versionParam(context.url.searchParams.get('version'));
  if (id === undefined || version === null) return context.rewrite('/404');
  const resolved = await resolveWorkspace(context.locals, context.params.slug ?? '');
  if (!resolved) return context.rewrite('/404');
  if (!resolved.viewer) return signInRedirect(context.url);
  if (!resolved.access.canView) return text(403, 'You do not have permission to download this file');
  const answer = await fileBytes(
    context.locals.session,
    { signal: context.request.signal, range: rangeHeader(context.request.headers.get('range')), method: context.request.method === 'HEAD' ? 'HEAD' : 'GET' },
    { slug: resolved.workspace.slug, id, what, version },
  );
  switch (answer.kind) {
    case 'bytes':
    case 'bad-range':
      return answer.response;
    case 'not-found':
      return context.rewrite('/404');
    case 'forbidden':
      return text(403, answer.message);
    case 'unavailable':
      return text(answer.status, answer.message);
  }
}
