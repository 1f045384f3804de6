import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { sharedCache } from '../cache/registry.ts';
import { parseCms, type Viewer } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { accessSchema, type Visibility, type WorkspaceAccess } from '@futurenhs/contract';

/**
 * What the viewer may do in a workspace, as the CMS decides it (GET
 * /api/membership/workspaces/:slug/access, the membership plugin's policies). The site never
 * works the rule out itself; it only remembers the answer, per (viewer token, workspace), for at
 * most ACCESS_CACHE_TTL_MS, so a member reading several pages asks once.
 *
 * The bound: a change made elsewhere (a manager approves a request in another process, a
 * member is removed) shows within 15 seconds. A change this site makes drops the entry at once:
 * the viewer's own joins, requests and departures (`forgetAccess`), and a visibility change,
 * which changes everyone's access (`forgetAllAccess`; the CMS's revalidation call clears it too).
 * The key also carries the viewer's standing as /api/accounts/me last said (that cache is
 * dropped on every write through the site), so an invitation accepted on the site's invitation
 * page is not answered from before. Keys hold a hash of the token, never the token.
 */
export const ACCESS_CACHE_TTL_MS = 15_000;

/** What an anonymous visitor has: no standing; every workspace's content needs signing in (docs/design.md#workspaces-and-access). */
export function anonymousAccess(visibility: Visibility): WorkspaceAccess {
  return { standing: 'none', canFind: visibility !== 'hidden', canView: false, canPost: false, canManage: false };
}

/** The answer for a workspace the CMS will not name to this viewer (404): exactly as a missing one. */
export const NO_ACCESS: WorkspaceAccess = { standing: 'none', canFind: false, canView: false, canPost: false, canManage: false };

export function accessCache(): CoalescingCache<WorkspaceAccess> {
  return sharedCache(
    'workspace-access',
    () => new CoalescingCache<WorkspaceAccess>('workspace-access', { maxEntries: 50_000, maxBytes: 16 * 1024 * 1024, ttlMs: ACCESS_CACHE_TTL_MS }),
  );
}

/** What the access lookup needs from `Astro.locals` (the session middleware's work). */
export interface AccessLocals {
  viewer: Viewer | null;
  session: { accessToken(): string | undefined };
  cms: { get<T = unknown>(path: string): Promise<T> };
}

const STANDINGS_IN_KEY = ['none', 'invited', 'pending', 'member', 'manager'] as const;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function standingFromViewer(viewer: Viewer | null, slug: string): string {
  return viewer?.memberships.find((membership) => membership.workspace.slug === slug)?.standing ?? 'none';
}

export function accessCacheKey(token: string, slug: string, standing: string): string {
  return `${tokenHash(token)}\u0000${slug}\u0000${standing}`;
}

const accessResponse = z.object({ data: accessSchema });

/**
 * The viewer's access to a workspace whose public listing (slug, visibility) the page already
 * has. Anonymous visitors need no call. A CMS 404 means the workspace is not to be named to this
 * viewer: NO_ACCESS, which pages answer with their 404, exactly as for a missing workspace.
 */
export async function workspaceAccess(
  locals: AccessLocals,
  workspace: { slug: string; visibility: Visibility },
  cache: CoalescingCache<WorkspaceAccess> = accessCache(),
): Promise<WorkspaceAccess> {
  const token = locals.session.accessToken();
  if (!locals.viewer || !token) return anonymousAccess(workspace.visibility);
  const path = `/api/membership/workspaces/${encodeURIComponent(workspace.slug)}/access`;
  const key = accessCacheKey(token, workspace.slug, standingFromViewer(locals.viewer, workspace.slug));
  rememberKey(locals.viewer.id, key);
  const { value } = await cache.getOrLoad(key, async () => {
    try {
      const access = parseCms(accessResponse, await locals.cms.get(path), path).data;
      return { value: access, cache: true, bytes: 256 };
    } catch (error) {
      if (isCmsRequestError(error, 404)) return { value: NO_ACCESS, cache: true, bytes: 128 };
      throw error;
    }
  });
  return value;
}

/** The viewer changed their own standing in this workspace through the site: ask afresh next time. */
export function forgetAccess(locals: Pick<AccessLocals, 'session'>, slug: string, cache: CoalescingCache<WorkspaceAccess> = accessCache()): void {
  const token = locals.session.accessToken();
  if (!token) return;
  for (const standing of STANDINGS_IN_KEY) cache.delete(accessCacheKey(token, slug, standing));
}

/**
 * The keys each person's answers were stored under, so that a manager's decision about someone
 * (approve, remove, promote, demote) takes effect on this instance at once, although the site
 * never sees that person's token. Entries go when the person's answers are forgotten; the cache
 * bounds the rest (a key whose entry has expired is simply a miss).
 */
const keysByPerson = new Map<string, Set<string>>();
const MAX_PEOPLE_INDEXED = 50_000;

function rememberKey(personId: string, key: string): void {
  let keys = keysByPerson.get(personId);
  if (!keys) {
    if (keysByPerson.size >= MAX_PEOPLE_INDEXED) keysByPerson.delete(keysByPerson.keys().next().value!);
    keys = new Set();
    keysByPerson.set(personId, keys);
  }
  keys.add(key);
  if (keys.size > 200) keys.delete(keys.values().next().value!);
}

/** Someone else's standing was changed through the site (by a manager): forget their answers. */
export function forgetPersonAccess(personId: string, cache: CoalescingCache<WorkspaceAccess> = accessCache()): void {
  for (const key of keysByPerson.get(personId) ?? []) cache.delete(key);
  keysByPerson.delete(personId);
}

/** A change that moves everyone's access (the workspace's visibility): forget every answer. */
export function forgetAllAccess(cache: CoalescingCache<WorkspaceAccess> = accessCache()): void {
  cache.invalidate();
}
