import { LruCache, type LruOptions } from './lru-cache.ts';

/**
 * An LRU cache in front of an async loader that:
 * - coalesces concurrent misses for one key into one load (the others wait for it);
 * - never stores a value loaded across an invalidation, so after `invalidate()` returns the next
 *   read always loads afresh (a publish shows on the next request after the CMS revalidates);
 * - lets the loader decide whether its value may be kept and shared. A value that may not be
 *   shared (say, a response meant for one visitor) is never handed to the waiting callers: they
 *   run their own load.
 */
export interface Loaded<V> {
  value: V;
  /** Whether the value may be stored and shared with concurrent callers. */
  cache: boolean;
  /** Estimated size in bytes, for the cache's budget. */
  bytes: number;
}

export type CacheOutcome = 'hit' | 'miss' | 'shared';

export interface CacheStats {
  hits: number;
  misses: number;
  shared: number;
  invalidations: number;
  entries: number;
  bytes: number;
}

export class CoalescingCache<V> {
  readonly name: string;
  readonly #lru: LruCache<V>;
  readonly #inflight = new Map<string, Promise<Loaded<V>>>();
  #generation = 0;
  #stats = { hits: 0, misses: 0, shared: 0, invalidations: 0 };

  constructor(name: string, options: LruOptions) {
    this.name = name;
    this.#lru = new LruCache<V>(options);
  }

  /** The cached value, without loading. */
  peek(key: string): V | undefined {
    return this.#lru.get(key);
  }

  async getOrLoad(key: string, loader: () => Promise<Loaded<V>>): Promise<{ value: V; outcome: CacheOutcome }> {
    const cached = this.#lru.get(key);
    if (cached !== undefined) {
      this.#stats.hits++;
      return { value: cached, outcome: 'hit' };
    }

    const pending = this.#inflight.get(key);
    if (pending) {
      // A failed load fails its waiters too: they would only repeat it against a failing backend.
      const loaded = await pending;
      if (loaded.cache) {
        this.#stats.shared++;
        return { value: loaded.value, outcome: 'shared' };
      }
      this.#stats.misses++;
      return { value: (await loader()).value, outcome: 'miss' };
    }

    this.#stats.misses++;
    const generation = this.#generation;
    const load = loader();
    this.#inflight.set(key, load);
    try {
      const loaded = await load;
      // Not stored when the key was invalidated or deleted while loading: the value may predate the change.
      if (loaded.cache && generation === this.#generation && this.#inflight.get(key) === load) this.#lru.set(key, loaded.value, loaded.bytes);
      return { value: loaded.value, outcome: 'miss' };
    } finally {
      // After an invalidation another load may have taken this key's place: leave that one.
      if (this.#inflight.get(key) === load) this.#inflight.delete(key);
    }
  }

  /** Drops one entry, and detaches its load in flight (its value, which may be stale, is not stored). */
  delete(key: string): void {
    this.#lru.delete(key);
    this.#inflight.delete(key);
  }

  /** Drops every entry, and detaches loads in flight so nobody new waits for pre-invalidation data. */
  invalidate(): void {
    this.#generation++;
    this.#stats.invalidations++;
    this.#lru.clear();
    this.#inflight.clear();
  }

  stats(): CacheStats {
    return { ...this.#stats, entries: this.#lru.size, bytes: this.#lru.bytes };
  }
}
