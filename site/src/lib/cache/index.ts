export { CoalescingCache, type CacheOutcome, type CacheStats, type Loaded } from './coalescing-cache.ts';
export { LruCache, type LruOptions } from './lru-cache.ts';
export { cacheStats, invalidateAllCaches, sharedCache, type Invalidatable } from './registry.ts';
export {
  cachedPageBytes,
  isCacheableResponse,
  pageCacheKey,
  responseFromCachedPage,
  toCachedPage,
  type CachedPage,
  type PageCache,
} from './page-cache.ts';
