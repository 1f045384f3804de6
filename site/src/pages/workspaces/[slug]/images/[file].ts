import type { APIRoute } from 'astro';
import { resolveWorkspace } from '~/lib/membership/workspace.ts';
import { IMAGE_FILE, workspaceImage } from '~/lib/page-builder/images.ts';

/**
 * Any image a workspace shows (the CMS serves none of a workspace's files by /uploads), for
 * whoever may read the workspace's pages. The site decides
 * first, as for the pages themselves (a workspace the viewer may not know of is not found; one
 * they may not read is refused), then the CMS checks again with the viewer's own token.
 * Not found: the NHS 404 page; refused: a bare 403 (an image, not a page).
 */
const forbidden = () => new Response('You do not have permission to see this image', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async (context) => {
  const slug = context.params.slug ?? '';
  const file = context.params.file ?? '';
  if (!IMAGE_FILE.test(file)) return context.rewrite('/404');
  const resolved = await resolveWorkspace(context.locals, slug);
  if (!resolved) return context.rewrite('/404');
  if (!resolved.viewer || !resolved.access.canView) return forbidden();
  const answer = await workspaceImage(context.locals.session, slug, file);
  if (answer.kind === 'not-found') return context.rewrite('/404');
  if (answer.kind === 'forbidden') return forbidden();
  return answer.response;
};
