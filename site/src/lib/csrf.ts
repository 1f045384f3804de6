import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens, double-submit style with a keyed twist: a random value lives in the httpOnly
 * `fnhs_csrf` cookie, and every form carries HMAC(SESSION_SECRET, that value) in its `_csrf`
 * field (or an `x-csrf-token` header). Another site can neither read the cookie nor compute the
 * HMAC, and cannot plant a cookie/token pair of its own without the secret. This sits beside the
 * Origin check (src/lib/origin-check.ts), not instead of it. A multipart form may carry the token
 * in its action URL's `_csrf` instead (the file uploads, whose bodies are streamed, never parsed):
 * the same token, no weaker, and the site's Referrer-Policy keeps it from other origins.
 */
export const CSRF_COOKIE = 'fnhs_csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

export function newCsrfSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function isValidCsrfSecret(value: string | undefined): value is string {
  return value !== undefined && COOKIE_VALUE.test(value);
}

export function csrfToken(sessionSecret: string, cookieValue: string): string {
  return createHmac('sha256', sessionSecret).update(`csrf:${cookieValue}`).digest('base64url');
}

export function isValidCsrfToken(sessionSecret: string, cookieValue: string | undefined, token: string | null | undefined): boolean {
  if (!isValidCsrfSecret(cookieValue) || typeof token !== 'string' || token.length === 0 || token.length > 100) return false;
  const expected = Buffer.from(csrfToken(sessionSecret, cookieValue));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The largest multipart form whose body is parsed for its token: page images (10 MB) and profile photos, with room to spare. */
const PARSED_MULTIPART_MAX_BYTES = 12 * 1024 * 1024;

/** `/_internal/*` is called server to server with its own bearer secret; no browser, no cookie. */
export function needsCsrfCheck(method: string, pathname: string): boolean {
  return !SAFE_METHODS.has(method) && !pathname.startsWith('/_internal/');
}

/**
 * The token a request carries: the header, else the form field. Reads a clone, so the page can
 * still read the body.
 */
export async function submittedCsrfToken(request: Request): Promise<string | null> {
  const header = request.headers.get(CSRF_HEADER);
  if (header) return header;
  const contentType = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!FORM_TYPES.some((type) => contentType.startsWith(type))) return null;
  // A file upload streams its body on to the CMS unread (lib/files/upload.ts), so its form
  // carries the token in its action URL instead: taken from there, the body is never parsed here.
  if (contentType.startsWith('multipart/form-data')) {
    const inUrl = new URL(request.url).searchParams.get(CSRF_FIELD);
    if (inUrl) return inUrl;
    // Any other multipart form (a page image, a profile photo) is read whole to find its token:
    // only up to a size those forms need, so no one can make the site hold a huge body to check it.
    const length = Number(request.headers.get('content-length'));
    if (!Number.isFinite(length) || length <= 0 || length > PARSED_MULTIPART_MAX_BYTES) return null;
  }
  try {
    const value = (await request.clone().formData()).get(CSRF_FIELD);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
