import { siteConfig } from '../config.ts';
import type { RequestSession } from '../session/session.ts';
import { cmsPaths } from './paths.ts';

/**
 * A file's bytes, read as the viewer and passed through as a stream: never held in memory, so a
 * 250 MB download costs the site no more than a small one. The CMS decides access on this very
 * request (canView, the item live and of this workspace) and the site has already decided the
 * same for the page; the site then sets its own headers, whatever the CMS sent: a download is
 * always `application/octet-stream` and an attachment, a preview only ever a PDF or a raster
 * image shown inline, and everything sandboxed, never sniffed, never stored by a cache.
 */
export const PREVIEW_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A document that may run nothing, load nothing, and reach nothing of the site's. */
export const SANDBOX_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

export type BytesAnswer =
  | { kind: 'bytes'; response: Response }
  | { kind: 'not-found' }
  | { kind: 'forbidden'; message: string }
  | { kind: 'unavailable'; status: 409; message: string }
  | { kind: 'bad-range'; response: Response };

/** `?version=N`: a positive number, or none (the current version). */
export function versionParam(raw: string | null): number | undefined | null {
  if (raw === null) return undefined;
  return /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : null;
}

/** One `bytes=` range at most is forwarded (the CMS honours one); anything else is ignored. */
export function rangeHeader(raw: string | null): string | undefined {
  if (!raw || raw.length > 100 || !/^bytes=\d*-\d*$/.test(raw.trim()) || raw.trim() === 'bytes=-') return undefined;
  return raw.trim();
}

/** What a refused answer's body says, for the member (the CMS writes these to be shown). */
export async function messageOf(upstream: Response, fallback: string): Promise<string> {
  try {
    const body = (await upstream.json()) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' && body.error.message ? body.error.message : fallback;
  } catch {
    return fallback;
  }
}

/**
 * A CMS answer made of bytes (a download, a preview, an export), asked as the viewer and asked once
 * more after refreshing an expired session. `startMs` bounds how long the CMS may take to start
 * answering; the bytes may then take as long as they take. A browser that goes away aborts the
 * read from the CMS too.
 */
export async function cmsBytes(
  session: Pick<RequestSession, 'accessToken' | 'refresh'>,
  url: string,
  request: { signal: AbortSignal; range?: string; method?: 'GET' | 'HEAD' },
  startMs: number,
): Promise<Response> {
  const call = async () => {
    const token = session.accessToken();
    const started = new AbortController();
    const timer = setTimeout(() => started.abort(new Error('CMS did not answer in time')), startMs);
    try {
      return await fetch(url, {
        // HEAD stays HEAD: the CMS sends no bytes and audits no reading.
        method: request.method ?? 'GET',
        headers: {
          accept: '*/*',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(request.range ? { range: request.range } : {}),
        },
        signal: AbortSignal.any([started.signal, request.signal]),
      });
    } finally {
      clearTimeout(timer);
    }
  };
  const upstream = await call();
  if (upstream.status === 401 && session.accessToken() && (await session.refresh())) {
    await upstream.body?.cancel();
    return call();
  }
  return upstream;
}

export async function fileBytes(
  session: Pick<RequestSession, 'accessToken' | 'refresh'>,
  request: { signal: AbortSignal; range?: string; method?: 'GET' | 'HEAD' },
  target: { slug: string; id: number; what: 'download' | 'preview'; version?: number },
): Promise<BytesAnswer> {
  const { CMS_URL, CMS_TIMEOUT_MS } = siteConfig();
  const upstream = await cmsBytes(session, `${CMS_URL}${cmsPaths.bytes(target.slug, target.id, target.what, target.version)}`, request, CMS_TIMEOUT_MS * 2);
  if (upstream.status === 404 || upstream.status === 400) {
    await upstream.body?.cancel();
    return { kind: 'not-found' };
  }
  if (upstream.status === 401 || upstream.status === 403) return { kind: 'forbidden', message: await messageOf(upstream, 'You do not have permission to download this file') };
  if (upstream.status === 409) return { kind: 'unavailable', status: 409, message: await messageOf(upstream, 'This file is still being checked for viruses. Try again in a few minutes') };
  if (upstream.status === 416) {
    await upstream.body?.cancel();
    const headers = new Headers({ 'cache-control': 'private, no-store', 'content-type': 'text/plain; charset=utf-8' });
    const contentRange = upstream.headers.get('content-range');
    if (contentRange) headers.set('content-range', contentRange);
    return { kind: 'bad-range', response: new Response('The requested range is not in this file', { status: 416, headers }) };
  }
  if ((upstream.status !== 200 && upstream.status !== 206) || !upstream.body) {
    await upstream.body?.cancel();
    throw new Error(`CMS answered ${upstream.status} for ${target.what} of file ${target.id} in ${target.slug}`);
  }
  const type = (upstream.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (target.what === 'preview' && !PREVIEW_TYPES.has(type)) {
    await upstream.body.cancel();
    return { kind: 'not-found' };
  }
  const disposition = upstream.headers.get('content-disposition') ?? '';
  const headers = new Headers({
    'content-type': target.what === 'preview' ? type : 'application/octet-stream',
    // The CMS's name (RFC 6266, with the real extension), but never inline for a download.
    'content-disposition': target.what === 'preview' ? disposition.replace(/^attachment/i, 'inline') || 'inline' : disposition.replace(/^inline/i, 'attachment') || 'attachment',
    'x-content-type-options': 'nosniff',
    'content-security-policy': SANDBOX_CSP,
    'cache-control': 'private, no-store',
    'cross-origin-resource-policy': 'same-origin',
  });
  for (const name of ['content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag']) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return { kind: 'bytes', response: new Response(upstream.body, { status: upstream.status, headers }) };
}
