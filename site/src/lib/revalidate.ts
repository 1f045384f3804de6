import { timingSafeEqual } from 'node:crypto';
import { invalidateAllCaches } from './cache/registry.ts';

/** Whether an Authorization header carries exactly `Bearer <secret>`; never true without a secret. */
export function isAuthorizedRevalidation(authorization: string | null, secret: string): boolean {
  if (!secret || !authorization) return false;
  const expected = Buffer.from(`Bearer ${secret}`);
  const given = Buffer.from(authorization);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Clears every cache of this process; the CMS calls this (through the endpoint) on each content change. */
export function revalidate(reason: string): { cleared: string[] } {
  const cleared = invalidateAllCaches();
  console.info(`[cache] cleared ${cleared.join(', ') || 'no caches'}: ${reason}`);
  return { cleared };
}
