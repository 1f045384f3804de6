import { createHash } from 'node:crypto';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { sharedCache } from '../cache/registry.ts';
import type { Viewer } from '../cms/accounts.ts';

/**
 * Who the viewer is (GET /api/membership/me), remembered per access token for at most
 * VIEWER_CACHE_TTL_MS so a member browsing several pages does not ask the CMS on every one.
 *
 * The bound: a change made elsewhere (a manager approves a request, an admin blocks the account,
 * the member edits their profile in another process) shows on this process's pages within 15
 * seconds. A change made through this site drops the entry at once (`forget`). Whether the
 * viewer may do something is always decided by the CMS on the write itself, never from this
 * cache. Keys are hashes of the tokens, so the cache holds no usable credential.
 */
export const VIEWER_CACHE_TTL_MS = 15_000;

export function viewerCacheKey(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url');
}

export function viewerCache(): CoalescingCache<Viewer> {
  return sharedCache('viewers', () => new CoalescingCache<Viewer>('viewers', { maxEntries: 20_000, maxBytes: 32 * 1024 * 1024, ttlMs: VIEWER_CACHE_TTL_MS }));
}

/** A viewer's memory footprint, roughly: its JSON, a few times over. */
export function viewerBytes(viewer: Viewer): number {
  return JSON.stringify(viewer).length * 3 + 256;
}
