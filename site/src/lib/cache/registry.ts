import type { CacheStats } from './coalescing-cache.ts';

/**
 * Every in-process cache of the site registers here, so one call (from /_internal/revalidate)
 * clears them all and none is forgotten when a new one is added. Kept on globalThis so a module
 * evaluated twice (dev server reloads, separate chunks) still shares one registry.
 */
export interface Invalidatable {
  readonly name: string;
  invalidate(): void;
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

export function cacheStats(): Record<string, CacheStats> {
  return Object.fromEntries([...caches.values()].map((cache) => [cache.name, cache.stats()]));
}
