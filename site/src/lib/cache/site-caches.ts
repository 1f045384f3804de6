import { siteConfig } from '../config.ts';
import { CoalescingCache } from './coalescing-cache.ts';
import type { CachedPage } from './page-cache.ts';
import { sharedCache } from './registry.ts';

/** The rendered-page cache of this process (the CMS-response cache lives with the CMS client). */
export function pageCache(): CoalescingCache<CachedPage> {
  return sharedCache('pages', () => {
    const config = siteConfig();
    return new CoalescingCache<CachedPage>('pages', {
      maxEntries: 10_000,
      maxBytes: config.SITE_PAGE_CACHE_MAX_MB * 1024 * 1024,
      ttlMs: config.SITE_CACHE_TTL_SECONDS * 1000,
    });
  });
}

/**
 * Rendered fragments shared by every viewer (a page's blocks), so pages rendered for one
 * signed-in member, which are never page-cached, do not render the same blocks again.
 */
export function fragmentCache(): CoalescingCache<string> {
  return sharedCache('fragments', () => {
    const config = siteConfig();
    return new CoalescingCache<string>('fragments', {
      maxEntries: 10_000,
      maxBytes: config.SITE_PAGE_CACHE_MAX_MB * 1024 * 1024,
      ttlMs: config.SITE_CACHE_TTL_SECONDS * 1000,
    });
  });
}
