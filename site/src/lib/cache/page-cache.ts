import { createHash } from 'node:crypto';
import { ACCOUNT_PAGES } from '../accounts/paths.ts';
import { CoalescingCache } from './coalescing-cache.ts';

/**
 * The rendered-HTML cache for public GET pages. A key is the viewer's variant plus the path and
 * the normalised query. The variant is "anonymous" for visitors without a session cookie and null
 * (no caching) for everyone else (src/lib/viewer.ts).
 */
export interface CachedPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Query parameters each listing route understands. A request with any other parameter is not
 * cached (it renders normally), so junk query strings cannot fill the cache or alias a page.
 */
const QUERY_PARAMETERS: [RegExp, readonly string[]][] = [
  [/^\/workspaces\/?$/, ['q', 'page']],
  [/^\/case-studies\/?$/, ['region', 'topic', 'page']],
];

/**
 * Internal endpoints, and the account pages. Skipping the pages here only spares the cache the
 * attempt; what keeps a page with a form out of the cache is that rendering it marks it personal
 * (src/middleware/personal.ts).
 */
const neverCached = (path: string) => path.startsWith('/_') || ACCOUNT_PAGES.test(path);

/** The cache key of a request, or null when it must not be served from (or stored in) the cache. */
export function pageCacheKey(variant: string | null, method: string, url: URL): string | null {
  if (variant === null || method !== 'GET') return null;
  const path = url.pathname;
  if (neverCached(path)) return null;
  const allowed = QUERY_PARAMETERS.find(([pattern]) => pattern.test(path))?.[1] ?? [];
  const pairs: [string, string][] = [];
  for (const [name, value] of url.searchParams) {
    if (!allowed.includes(name)) return null;
    pairs.push([name, value]);
  }
  pairs.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  const query = pairs.length ? `?${new URLSearchParams(pairs).toString()}` : '';
  return `${variant} ${path}${query}`;
}

/** Headers a stored page keeps; the security headers are added afresh on every response. */
const KEPT_HEADERS = new Set(['content-type', 'content-language', 'cache-control', 'vary', 'x-robots-tag']);

/**
 * Whether a rendered response may be stored and shared: only successful HTML that sets no
 * cookie and does not forbid storing (preview responses say `no-store`).
 */
export function isCacheableResponse(response: Response): boolean {
  if (response.status !== 200) return false;
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return false;
  if (response.headers.has('set-cookie')) return false;
  const cacheControl = response.headers.get('cache-control') ?? '';
  return !/\b(no-store|private)\b/i.test(cacheControl);
}

export async function toCachedPage(response: Response): Promise<CachedPage> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (KEPT_HEADERS.has(name)) headers.push([name, value]);
  });
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { status: response.status, headers, body, etag };
}

export function cachedPageBytes(page: CachedPage): number {
  // The body dominates; headers and bookkeeping are a rough constant.
  return page.body.byteLength + 512;
}

/** A fresh Response for a cached page (Responses are single-use); 304 when the browser has it. */
export function responseFromCachedPage(page: CachedPage, request: Request, outcome: string): Response {
  const headers = new Headers(page.headers);
  headers.set('etag', page.etag);
  headers.set('x-site-cache', outcome);
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === page.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(page.body, { status: page.status, headers });
}

export type PageCache = CoalescingCache<CachedPage>;
