import { CoalescingCache, type CacheStats, type Loaded } from './coalescing-cache.ts';
import type { LruOptions } from './lru-cache.ts';

/**
 * A CoalescingCache whose entries carry tags (`forum:workspace:<slug>`), so a revalidation about
 * one workspace's forum clears that workspace's entries and leaves everything else warm.
 *
 * Each tag has a generation, and an entry's key includes the generations of its tags: clearing a
 * tag bumps its generation, so every entry stored under it (and every load in flight for it,
 * which would store under the old key) is unreachable at once, with no index of keys to keep in
 * step with the LRU's evictions. Unreachable entries age out of the LRU like any other.
 */
export class TaggedCache<V> {
  readonly name: string;
  readonly #inner: CoalescingCache<V>;
  readonly #generations = new Map<string, number>();

  constructor(name: string, options: LruOptions) {
    this.name = name;
    this.#inner = new CoalescingCache<V>(name, options);
  }

  #key(key: string, tags: readonly string[]): string {
    return `${tags.map((tag) => `${tag}#${this.#generations.get(tag) ?? 0}`).join('\u0001')}\u0000${key}`;
  }

  peek(key: string, tags: readonly string[]): V | undefined {
    return this.#inner.peek(this.#key(key, tags));
  }

  getOrLoad(key: string, tags: readonly string[], loader: () => Promise<Loaded<V>>) {
    return this.#inner.getOrLoad(this.#key(key, tags), loader);
  }

  delete(key: string, tags: readonly string[]): void {
    this.#inner.delete(this.#key(key, tags));
  }

  /** Makes every entry carrying any of these tags unreachable; other entries stay. */
  invalidateTags(tags: readonly string[]): void {
    for (const tag of tags) {
      this.#generations.set(tag, (this.#generations.get(tag) ?? 0) + 1);
    }
    // Bounded: tags are per workspace or case study, but a long-lived process sees many.
    if (this.#generations.size > 100_000) this.invalidate();
  }

  invalidate(): void {
    // The generations restart with an empty cache, so no old key can come back.
    this.#generations.clear();
    this.#inner.invalidate();
  }

  stats(): CacheStats {
    return this.#inner.stats();
  }
}
