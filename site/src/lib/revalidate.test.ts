import { describe, expect, it } from 'vitest';
import { CoalescingCache } from './cache/coalescing-cache.ts';
import { sharedCache } from './cache/registry.ts';
import { TaggedCache } from './cache/tagged-cache.ts';
import { isAuthorizedRevalidation, revalidate, revalidationTags } from './revalidate.ts';

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

describe('revalidate with tags', () => {
  const quietly = <T>(run: () => T): T => {
    const original = console.info;
    console.info = () => undefined;
    try {
      return run();
    } finally {
      console.info = original;
    }
  };

  it('clears only the entries tagged with the given tags, and leaves untagged caches warm', async () => {
    const pages = sharedCache('revalidate-tags-pages', () => new CoalescingCache<string>('revalidate-tags-pages', { maxEntries: 10, maxBytes: 1000, ttlMs: 0 }));
    const forum = sharedCache('revalidate-tags-forum', () => new TaggedCache<string>('revalidate-tags-forum', { maxEntries: 10, maxBytes: 1000, ttlMs: 0 }));
    await pages.getOrLoad('page', async () => ({ value: 'page', cache: true, bytes: 4 }));
    await forum.getOrLoad('list', ['forum:workspace:a'], async () => ({ value: 'a', cache: true, bytes: 1 }));
    await forum.getOrLoad('list', ['forum:workspace:b'], async () => ({ value: 'b', cache: true, bytes: 1 }));

    const result = quietly(() => revalidate('comment posted', ['forum:workspace:a']));
    expect(result.cleared).toContain('revalidate-tags-forum');
    expect(result.cleared).not.toContain('revalidate-tags-pages');
    expect(forum.peek('list', ['forum:workspace:a'])).toBeUndefined();
    expect(forum.peek('list', ['forum:workspace:b'])).toBe('b');
    expect(pages.peek('page')).toBe('page');

    // No tags: everything, as before.
    quietly(() => revalidate('publish'));
    expect(forum.peek('list', ['forum:workspace:b'])).toBeUndefined();
    expect(pages.peek('page')).toBeUndefined();
  });

  it('reads tags from the body, and treats a malformed list as none (clear everything)', () => {
    expect(revalidationTags({ reason: 'x', tags: ['forum:workspace:chief-nurses', 'forum:case-study:a-b'] })).toEqual(['forum:workspace:chief-nurses', 'forum:case-study:a-b']);
    expect(revalidationTags({ reason: 'x' })).toEqual([]);
    expect(revalidationTags({ tags: 'forum:workspace:a' })).toEqual([]);
    expect(revalidationTags({ tags: ['forum:workspace:a', 3] })).toEqual([]);
    expect(revalidationTags({ tags: ['<script>'] })).toEqual([]);
    expect(revalidationTags(null)).toEqual([]);
  });
});
