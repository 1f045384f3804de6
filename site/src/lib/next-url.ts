/**
 * `?next=`: where to go after signing in or completing a profile. Only a path on this site is
 * followed; anything else (another origin, a protocol-relative `//evil.example`, a backslash
 * trick, a `javascript:` URL, control characters) falls back, so the sign-in page cannot be used
 * to send members elsewhere.
 */
const BASE = 'http://site.invalid';
const MAX_LENGTH = 2000;

export function safeNext(raw: string | null | undefined, fallback = '/'): string {
  if (!raw || raw.length > MAX_LENGTH || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  // Browsers drop tabs and newlines from URLs ("/\t/evil.example" is "//evil.example" to them).
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `path?next=…` (or `&next=…` when path already has a query). */
export function withNext(path: string, next: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}next=${encodeURIComponent(next)}`;
}

/** Where the current page is, as a `next` value. */
export function currentPath(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** 303 See Other: the browser follows with a GET, so reloading the result never repeats a POST. */
export function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { location } });
}
