import type { APIContext } from 'astro';
import { EXPORT_TYPES, type DocumentComment, type ExportFormat } from '@futurenhs/contract';
import { isCmsRequestError, refusalReason } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { sentence } from '../forms.ts';
import { getFolder } from '../files/api.ts';
import { cmsBytes, messageOf, SANDBOX_CSP } from '../files/bytes.ts';
import { text } from '../files/bytes-route.ts';
import { parseFolderKey, parseItemId, previewHref } from '../files/paths.ts';
import { resolveWorkspace, signInRedirect } from '../membership/workspace.ts';
import { addComment, collaborationTicket, getDocument, replyToComment, resolveComment } from './api.ts';
import { COMMENT_ACTIONS, commentBody, commentId, commentQuote, replyBody } from './forms.ts';
import { documentCmsPaths } from './paths.ts';

/**
 * The editor's JSON endpoints and the exports: each decides as the pages do (a workspace the
 * viewer may not know of is not found; signed out is refused; a reader who may not read it is
 * refused) and then asks the CMS as the viewer, which decides again. Nothing here is cached.
 */
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' } });

const problem = (status: number, message: string) => json(status, { error: { message } });

type Resolved = { slug: string; id: number };

async function readerOf(context: APIContext): Promise<Response | Resolved> {
  const id = parseItemId(context.params.id);
  if (id === undefined) return problem(404, 'Not found');
  const resolved = await resolveWorkspace(context.locals, context.params.slug ?? '');
  if (!resolved) return problem(404, 'Not found');
  if (!resolved.viewer) return problem(401, 'Sign in to use this document');
  if (!resolved.access.canView) return problem(403, 'You do not have access to this document');
  return { slug: resolved.workspace.slug, id };
}

/** The CMS's refusal as the editor's JSON: the status it gave, and its reason in words. */
function refused(error: unknown, whenBare: string): Response {
  if (!isCmsRequestError(error) || error.status === undefined) throw error;
  const message = sentence(refusalReason(error, whenBare)) || whenBare;
  const field = error.fieldErrors[0]?.field.split('.')[0];
  return json(error.status, { error: { message }, ...(field ? { errors: [{ field, text: sentence(error.fieldErrors[0].message) }] } : {}) });
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const body = await request.json();
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** POST …/ticket: the CMS's short-lived ticket to open the live connection with. */
export async function ticketRoute(context: APIContext): Promise<Response> {
  const target = await readerOf(context);
  if (target instanceof Response) return target;
  try {
    return json(200, { data: await collaborationTicket(context.locals.cms, target.slug, target.id) });
  } catch (error) {
    return refused(error, 'You do not have access to this document');
  }
}

/** GET …/comments: the threads as they are now (another member may have added one). */
export async function commentsRoute(context: APIContext): Promise<Response> {
  const target = await readerOf(context);
  if (target instanceof Response) return target;
  try {
    const view = await getDocument(context.locals.cms, target.slug, target.id);
    return json(200, { data: { comments: view.comments, can: view.can } });
  } catch (error) {
    return refused(error, 'You do not have access to this document');
  }
}

function invalid(field: string, message: string): Response {
  return json(400, { error: { message }, errors: [{ field, text: message }] });
}

/**
 * POST …/comments `{ action: 'add', quote, body }`, `{ action: 'reply', comment, body }`,
 * `{ action: 'resolve' | 'reopen', comment }`: done, then every thread as it is now (and the new
 * one's id, for the mark in the text).
 */
export async function commentActionRoute(context: APIContext): Promise<Response> {
  const target = await readerOf(context);
  if (target instanceof Response) return target;
  const body = await jsonBody(context.request);
  const cms = context.locals.cms;
  let created: DocumentComment | undefined;
  try {
    if (body.action === 'add') {
      const quote = commentQuote.safeParse(String(body.quote ?? ''));
      if (!quote.success) return invalid('quote', quote.error.issues[0].message);
      const text = commentBody.safeParse(String(body.body ?? ''));
      if (!text.success) return invalid('body', text.error.issues[0].message);
      created = await addComment(cms, target.slug, target.id, { quote: quote.data, body: text.data });
    } else {
      const action = COMMENT_ACTIONS.find((value) => value === body.action);
      const thread = commentId.safeParse(String(body.comment ?? ''));
      if (!action || !thread.success) return problem(400, 'Choose a comment');
      if (action === 'reply') {
        const text = replyBody.safeParse(String(body.body ?? ''));
        if (!text.success) return invalid('body', text.error.issues[0].message);
        await replyToComment(cms, target.slug, target.id, thread.data, text.data);
      } else {
        await resolveComment(cms, target.slug, target.id, thread.data, action === 'resolve');
      }
    }
    const view = await getDocument(cms, target.slug, target.id);
    return json(200, { data: { comment: created ?? null, comments: view.comments } });
  } catch (error) {
    return refused(error, 'You cannot comment on this document');
  }
}

export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * GET …/images[?folder=ID]: one folder's pictures (and its subfolders, to look in next) for the
 * editor's image dialog; each as the preview address a document may show.
 */
export async function imagesRoute(context: APIContext): Promise<Response> {
  const target = await readerOf(context);
  if (target instanceof Response) return target;
  const raw = context.url.searchParams.get('folder');
  const key = raw === null ? null : parseFolderKey(raw);
  if (key === undefined) return problem(404, 'Not found');
  try {
    const view = await getFolder(context.locals.cms, target.slug, key, { sort: 'name', order: 'asc', page: 1 });
    return json(200, {
      data: {
        folder: view.folder ? { id: view.folder.id, name: view.folder.name, parentId: view.folder.parentId } : null,
        folders: view.folders.map((folder) => ({ id: folder.id, name: folder.name })),
        images: view.items
          .filter((item) => item.kind === 'file' && IMAGE_TYPES.has(item.mime) && (item.scan === 'clean' || item.scan === 'unscanned'))
          .map((item) => ({ id: item.id, name: item.name, src: previewHref(target.slug, item.id) })),
      },
    });
  } catch (error) {
    return refused(error, 'You do not have access to these files');
  }
}

/**
 * GET …/export.docx and …/export.pdf: the CMS's export as the viewer, streamed through as an
 * attachment (never shown inline, never sniffed, never stored by a cache), as downloads are.
 */
export async function exportRoute(context: APIContext, format: ExportFormat): Promise<Response> {
  const id = parseItemId(context.params.id);
  if (id === undefined) return context.rewrite('/404');
  const resolved = await resolveWorkspace(context.locals, context.params.slug ?? '');
  if (!resolved) return context.rewrite('/404');
  if (!resolved.viewer) return signInRedirect(context.url);
  if (!resolved.access.canView) return text(403, 'You do not have permission to download this document');
  const { CMS_URL, CMS_TIMEOUT_MS } = siteConfig();
  // Making a PDF takes the CMS a moment before its first byte.
  const upstream = await cmsBytes(
    context.locals.session,
    `${CMS_URL}${documentCmsPaths.export(resolved.workspace.slug, id, format)}`,
    { signal: context.request.signal },
    CMS_TIMEOUT_MS * 4,
  );
  if (upstream.status === 404 || upstream.status === 400) {
    await upstream.body?.cancel();
    return context.rewrite('/404');
  }
  if (upstream.status === 401 || upstream.status === 403) {
    await upstream.body?.cancel();
    return text(403, 'You do not have permission to download this document');
  }
  // Too many exports at once (the CMS's `exporting` limit): its sentence, not an error page.
  if (upstream.status === 429) return text(429, await messageOf(upstream, 'Too many downloads at once: try again in a few minutes'));
  if (upstream.status !== 200 || !upstream.body) {
    await upstream.body?.cancel();
    throw new Error(`CMS answered ${upstream.status} for the ${format} export of document ${id} in ${resolved.workspace.slug}`);
  }
  const disposition = upstream.headers.get('content-disposition') ?? '';
  const headers = new Headers({
    'content-type': EXPORT_TYPES[format],
    'content-disposition': disposition.replace(/^inline/i, 'attachment') || `attachment; filename="document.${format}"`,
    'x-content-type-options': 'nosniff',
    'content-security-policy': SANDBOX_CSP,
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  });
  const length = upstream.headers.get('content-length');
  if (length) headers.set('content-length', length);
  return new Response(upstream.body, { status: 200, headers });
}
