import type { APIRoute } from 'astro';
import { workspaceImage } from '../../../../lib/page-builder/images.ts';

/**
 * A workspace page's private image, for whoever may read the workspace's pages (the CMS checks,
 * with the viewer's own token). Not found: the NHS 404 page; refused: a bare 403 (an image, not a page).
 */
export const GET: APIRoute = async (context) => {
  const answer = await workspaceImage(context.locals.session, context.params.slug ?? '', context.params.file ?? '');
  if (answer.kind === 'not-found') return context.rewrite('/404');
  if (answer.kind === 'forbidden') return new Response('You do not have permission to see this image', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return answer.response;
};
