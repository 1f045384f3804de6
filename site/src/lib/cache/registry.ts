import type { CacheStats } from './coalescing-cache.ts';

/**
 * Every in-process cache of the site registers here, so one call (from /_internal/revalidate)
 * clears them all and none is forgotten when a new one is added. Kept on globalThis so a module
 * evaluated twice (dev server reloads, separate chunks) still shares one registry.
 */
export interface Invalidatable {
  readonly name: string;
  invalidate(): void;
  /** Caches whose entries carry tags (cache/tagged-cache.ts) clear only the entries with these. */
  invalidateTags?(tags: readonly string[]): void;
  stats(): CacheStats;
}

const REGISTRY = Symbol.for('futurenhs.site.caches');
const globalRegistry = globalThis as typeof globalThis & { [REGISTRY]?: Map<string, Invalidatable> };
const caches = (globalRegistry[REGISTRY] ??= new Map<string, Invalidatable>());

/** Returns the cache already registered under this name, or registers the one `create` makes. */
export function sharedCache<C extends Invalidatable>(name: string, create: () => C): C {
  const existing = caches.get(name);
  if (existing) return existing as C;
  const cache = create();
  caches.set(name, cache);
  return cache;
}

export function invalidateAllCaches(): string[] {
  for (const cache of caches.values()) cache.invalidate();
  return [...caches.keys()];
}

/**
 * Clears only entries tagged with any of `tags` (in caches that tag their entries); caches
 * without tags hold nothing a tagged change can affect, and stay warm.
 */
export function invalidateTaggedCaches(tags: readonly string[]): string[] {
  const cleared: string[] = [];
  for (const cache of caches.values()) {
    if (!cache.invalidateTags) continue;
    cache.invalidateTags(tags);
    cleared.push(cache.name);
  }
  return cleared;
}

export function cacheStats(): Record<string, CacheStats> {
  return Object.fromEntries([...caches.values()].map((cache) => [cache.name, cache.stats()]));
}
