import { defineMiddleware } from 'astro:middleware';
import { cachedPageBytes, isCacheableResponse, pageCacheKey, responseFromCachedPage, toCachedPage, type CachedPage } from '../lib/cache/page-cache.ts';
import { pageCache } from '../lib/cache/site-caches.ts';
import { siteConfig } from '../lib/config.ts';
import { pageCacheVariant } from '../lib/viewer.ts';
import { isPersonal } from './personal.ts';

const NOT_STORED: CachedPage = { status: 0, headers: [], body: new Uint8Array(0), etag: '' };

/**
 * Serves public GET pages from the in-process HTML cache, and stores successful renders.
 * Concurrent misses of one page render it once. Responses that may not be shared (errors,
 * previews, anything setting a cookie, pages for one visitor: forms with their CSRF token,
 * signed-in pages) pass through untouched and are rendered per request.
 */
export const pageCacheMiddleware = defineMiddleware(async (context, next) => {
  if (!siteConfig().SITE_PAGE_CACHE || context.locals.noStore) return next();
  const key = pageCacheKey(pageCacheVariant(context.request), context.request.method, context.url);
  if (key === null) return next();

  let uncacheable: Response | undefined;
  const { value, outcome } = await pageCache().getOrLoad(key, async () => {
    const response = await next();
    if (!isCacheableResponse(response) || isPersonal(context)) {
      uncacheable = response;
      return { value: NOT_STORED, cache: false, bytes: 0 };
    }
    const page = await toCachedPage(response);
    return { value: page, cache: true, bytes: cachedPageBytes(page) };
  });
  if (uncacheable) return uncacheable;
  return responseFromCachedPage(value, context.request, outcome === 'hit' || outcome === 'shared' ? 'hit' : 'miss');
});
