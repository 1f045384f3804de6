import { siteConfig } from '../config.ts';
import type { RequestSession } from '../session/session.ts';
import { imagePath } from './api.ts';

/**
 * An image shown in a workspace, read as the viewer: the CMS decides with the membership plugin's
 * canView, exactly as for the page that shows it, and answers 404 for any file that is neither
 * this workspace's nor public. The site passes the bytes through with headers of its own: only
 * an image type, rendered inline, never sniffed. Names are stored names (random; no path).
 */
export const IMAGE_FILE = /^[A-Za-z0-9_-]{1,120}\.(webp|png|jpe?g|gif)$/;

const IMAGE_TYPES = new Set(['image/webp', 'image/png', 'image/jpeg', 'image/gif']);

export type ImageAnswer = { kind: 'image'; response: Response } | { kind: 'not-found' } | { kind: 'forbidden' };

export async function workspaceImage(session: Pick<RequestSession, 'accessToken' | 'refresh'>, slug: string, file: string): Promise<ImageAnswer> {
  if (!IMAGE_FILE.test(file) || !slug || slug.length > 200) return { kind: 'not-found' };
  const { CMS_URL, CMS_TIMEOUT_MS } = siteConfig();
  const call = () => {
    const token = session.accessToken();
    return fetch(`${CMS_URL}${imagePath(slug, file)}`, {
      headers: { accept: 'image/*', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: AbortSignal.timeout(CMS_TIMEOUT_MS * 2),
    });
  };
  let upstream = await call();
  if (upstream.status === 401 && session.accessToken() && (await session.refresh())) upstream = await call();
  if (upstream.status === 404) return { kind: 'not-found' };
  if (upstream.status === 401 || upstream.status === 403) return { kind: 'forbidden' };
  const type = (upstream.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!upstream.ok || !upstream.body) throw new Error(`CMS answered ${upstream.status} for image ${file} of ${slug}`);
  // The CMS checks types by content on upload; anything else here is not served as an image.
  if (!IMAGE_TYPES.has(type)) {
    await upstream.body.cancel();
    return { kind: 'not-found' };
  }
  const headers = new Headers({
    'content-type': type,
    'content-disposition': 'inline',
    'x-content-type-options': 'nosniff',
  });
  const length = upstream.headers.get('content-length');
  if (length) headers.set('content-length', length);
  return { kind: 'image', response: new Response(upstream.body, { status: 200, headers }) };
}
