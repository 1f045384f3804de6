import { describe, expect, it } from 'vitest';
import { isCacheableResponse, pageCacheKey, responseFromCachedPage, toCachedPage } from './page-cache.ts';

const url = (path: string) => new URL(`http://site.test${path}`);

describe('pageCacheKey', () => {
  it('keys a page by variant and path', () => {
    expect(pageCacheKey('anonymous', 'GET', url('/workspaces/x'))).toBe('anonymous /workspaces/x');
    expect(pageCacheKey('member', 'GET', url('/workspaces/x'))).toBe('member /workspaces/x');
  });

  it('normalises the order of the parameters a listing understands', () => {
    const a = pageCacheKey('anonymous', 'GET', url('/case-studies?topic=digital&region=london&page=2'));
    const b = pageCacheKey('anonymous', 'GET', url('/case-studies?page=2&region=london&topic=digital'));
    expect(a).toBe(b);
    expect(a).toBe('anonymous /case-studies?page=2&region=london&topic=digital');
  });

  it('does not cache requests with parameters the route does not understand', () => {
    expect(pageCacheKey('anonymous', 'GET', url('/workspaces/x?utm_source=mail'))).toBeNull();
    expect(pageCacheKey('anonymous', 'GET', url('/case-studies?region=london&junk=1'))).toBeNull();
  });

  it('never caches previews, other methods, internal routes, or uncacheable viewers', () => {
    expect(pageCacheKey('anonymous', 'GET', url('/case-studies/x?preview=abc'))).toBeNull();
    expect(pageCacheKey('anonymous', 'POST', url('/workspaces'))).toBeNull();
    expect(pageCacheKey('anonymous', 'GET', url('/_internal/revalidate'))).toBeNull();
    for (const path of ['/sign-in', '/register/check-email', '/account', '/invitations/abc', '/form-expired']) {
      expect(pageCacheKey('anonymous', 'GET', url(path)), path).toBeNull();
    }
    expect(pageCacheKey('anonymous', 'GET', url('/accountancy-network'))).not.toBeNull();
    expect(pageCacheKey(null, 'GET', url('/workspaces'))).toBeNull();
  });
});

describe('isCacheableResponse', () => {
  const html = (init: ResponseInit = {}) =>
    new Response('<p>hi</p>', { status: 200, ...init, headers: { 'content-type': 'text/html', ...(init.headers as object) } });

  it('accepts a successful HTML page', () => {
    expect(isCacheableResponse(html())).toBe(true);
  });

  it('refuses errors, non-HTML, cookies and no-store', () => {
    expect(isCacheableResponse(html({ status: 404 }))).toBe(false);
    expect(isCacheableResponse(html({ status: 403 }))).toBe(false);
    expect(isCacheableResponse(new Response('{}', { headers: { 'content-type': 'application/json' } }))).toBe(false);
    expect(isCacheableResponse(html({ headers: { 'set-cookie': 'a=b' } }))).toBe(false);
    expect(isCacheableResponse(html({ headers: { 'cache-control': 'no-store' } }))).toBe(false);
    expect(isCacheableResponse(html({ headers: { 'cache-control': 'private, max-age=0' } }))).toBe(false);
  });
});

describe('cached pages', () => {
  it('replay the body and headers, with an ETag that answers conditional requests', async () => {
    const page = await toCachedPage(
      new Response('<h1>Café</h1>', { headers: { 'content-type': 'text/html; charset=utf-8', 'x-internal': 'dropped' } }),
    );
    const first = responseFromCachedPage(page, new Request('http://site.test/'), 'hit');
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('<h1>Café</h1>');
    expect(first.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.headers.get('x-internal')).toBeNull();
    expect(first.headers.get('x-site-cache')).toBe('hit');

    const etag = first.headers.get('etag')!;
    const again = responseFromCachedPage(page, new Request('http://site.test/', { headers: { 'if-none-match': etag } }), 'hit');
    expect(again.status).toBe(304);
    // Responses are single-use; the cached page is not.
    expect(await responseFromCachedPage(page, new Request('http://site.test/'), 'hit').text()).toBe('<h1>Café</h1>');
  });
});
