import { timingSafeEqual } from 'node:crypto';
import { invalidateAllCaches, invalidateTaggedCaches } from './cache/registry.ts';

/** Whether an Authorization header carries exactly `Bearer <secret>`; never true without a secret. */
export function isAuthorizedRevalidation(authorization: string | null, secret: string): boolean {
  if (!secret || !authorization) return false;
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(authorization);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Clears this process's caches; the CMS calls this (through the endpoint) on each content change.
 * With tags (a forum write: `forum:workspace:<slug>`), only entries carrying one of them go, so
 * a comment does not empty the page cache; without tags, everything.
 */
export function revalidate(reason: string, tags: readonly string[] = []): { cleared: string[]; tags?: string[] } {
  if (tags.length > 0) {
    const cleared = invalidateTaggedCaches(tags);
    console.info(`[cache] cleared ${tags.join(', ')} in ${cleared.join(', ') || 'no caches'}: ${reason}`);
    return { cleared, tags: [...tags] };
  }
  const cleared = invalidateAllCaches();
  console.info(`[cache] cleared ${cleared.join(', ') || 'no caches'}: ${reason}`);
  return { cleared };
}

const TAG = /^[a-z][a-z-]*:[A-Za-z0-9:_.-]{1,200}$/;

/**
 * The tags of a revalidation body: an array of well-formed strings, or none (everything). A body
 * with a `tags` field that is not such a list clears everything: better too much than too little.
 */
export function revalidationTags(body: unknown): string[] {
  const tags = (body as { tags?: unknown } | null)?.tags;
  if (!Array.isArray(tags) || tags.length === 0 || tags.length > 100) return [];
  if (!tags.every((tag): tag is string => typeof tag === 'string' && TAG.test(tag))) return [];
  return tags;
}
