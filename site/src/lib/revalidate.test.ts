import { describe, expect, it } from 'vitest';
import { CoalescingCache } from './cache/coalescing-cache.ts';
import { sharedCache } from './cache/registry.ts';
import { isAuthorizedRevalidation, revalidate } from './revalidate.ts';

describe('isAuthorizedRevalidation', () => {
  it('accepts exactly the bearer secret', () => {
    expect(isAuthorizedRevalidation('Bearer revalidatesecret', 'revalidatesecret')).toBe(true);
  });

  it('refuses anything else, and everything when no secret is configured', () => {
    expect(isAuthorizedRevalidation(null, 'revalidatesecret')).toBe(false);
    expect(isAuthorizedRevalidation('Bearer wrong', 'revalidatesecret')).toBe(false);
    expect(isAuthorizedRevalidation('revalidatesecret', 'revalidatesecret')).toBe(false);
    expect(isAuthorizedRevalidation('Bearer revalidatesecretX', 'revalidatesecret')).toBe(false);
    expect(isAuthorizedRevalidation('Bearer ', '')).toBe(false);
  });
});

describe('revalidate', () => {
  it('clears every registered cache', async () => {
    const cache = sharedCache('revalidate-test', () => new CoalescingCache<string>('revalidate-test', { maxEntries: 10, maxBytes: 1000, ttlMs: 0 }));
    await cache.getOrLoad('page', async () => ({ value: 'old', cache: true, bytes: 3 }));
    const original = console.info;
    console.info = () => undefined;
    try {
      expect(revalidate('test').cleared).toContain('revalidate-test');
    } finally {
      console.info = original;
    }
    expect(cache.peek('page')).toBeUndefined();
  });
});
