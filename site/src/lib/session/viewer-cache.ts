import { createHash } from 'node:crypto';
import { CoalescingCache, type CacheStats } from '../cache/coalescing-cache.ts';
import type { LruOptions } from '../cache/lru-cache.ts';
import { sharedCache, type Invalidatable } from '../cache/registry.ts';
import type { Viewer } from '../cms/accounts.ts';

/**
 * Who the viewer is (GET /api/accounts/me), remembered per access token for at most
 * VIEWER_CACHE_TTL_MS so a member browsing several pages does not ask the CMS on every one.
 *
 * The bound: a change made elsewhere (a manager approves a request, an admin blocks the account,
 * the member signs out or changes their password through another site instance) shows on this
 * instance's pages within 15 seconds. A change made through this instance shows at once: a write
 * forgets the writer's entry, and a new session (sign-in, password change or reset) forgets every
 * entry of that member, whose other sessions the CMS may just have ended. Whether the viewer may
 * do something is always decided by the CMS on the write itself, never from this cache. Keys are
 * hashes of the tokens, so the cache holds no usable credential.
 */
export const VIEWER_CACHE_TTL_MS = 15_000;

const MAX_ENTRIES = 20_000;

export function viewerCacheKey(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}

export class ViewerCache implements Invalidatable {
  readonly name = 'viewers';
  readonly #cache: CoalescingCache<Viewer>;
  /** Which keys hold each member, to forget all their sessions at once. */
  readonly #keysByUser = new Map<string, Set<string>>();

  constructor(options: Partial<LruOptions> = {}) {
    this.#cache = new CoalescingCache<Viewer>(this.name, { maxEntries: MAX_ENTRIES, maxBytes: 32 * 1024 * 1024, ttlMs: VIEWER_CACHE_TTL_MS, ...options });
  }

  /** The viewer behind this token: remembered, or loaded (concurrent loads of one token share one). */
  async get(accessToken: string, load: () => Promise<Viewer>): Promise<Viewer> {
    const key = viewerCacheKey(accessToken);
    const { value } = await this.#cache.getOrLoad(key, async () => {
      const viewer = await load();
      // Index entries go with their cache entries; should the index outgrow the cache, it starts
      // afresh (entries still expire by time).
      if (this.#keysByUser.size > MAX_ENTRIES) this.#keysByUser.clear();
      const keys = this.#keysByUser.get(viewer.id) ?? new Set<string>();
      keys.add(key);
      this.#keysByUser.set(viewer.id, keys);
      return { value: viewer, cache: true, bytes: JSON.stringify(viewer).length * 3 + 256 };
    });
    return value;
  }

  forgetToken(accessToken: string): void {
    this.#cache.delete(viewerCacheKey(accessToken));
  }

  forgetUser(userId: string): void {
    for (const key of this.#keysByUser.get(userId) ?? []) this.#cache.delete(key);
    this.#keysByUser.delete(userId);
  }

  invalidate(): void {
    this.#cache.invalidate();
    this.#keysByUser.clear();
  }

  stats(): CacheStats {
    return this.#cache.stats();
  }
}

/** This process's viewer cache (registered, so /_internal/revalidate clears it with the others). */
export function viewerCache(): ViewerCache {
  return sharedCache('viewers', () => new ViewerCache());
}
