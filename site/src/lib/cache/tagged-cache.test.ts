import { describe, expect, it } from 'vitest';
import { TaggedCache } from './tagged-cache.ts';

const options = { maxEntries: 100, maxBytes: 100_000, ttlMs: 0 };
const value = (v: string) => async () => ({ value: v, cache: true, bytes: 1 });

describe('TaggedCache', () => {
  it('clears the entries of one tag and keeps the others', async () => {
    const cache = new TaggedCache<string>('t', options);
    await cache.getOrLoad('list', ['forum:workspace:a'], value('a-old'));
    await cache.getOrLoad('list', ['forum:workspace:b'], value('b-old'));
    cache.invalidateTags(['forum:workspace:a']);
    expect(cache.peek('list', ['forum:workspace:a'])).toBeUndefined();
    expect(cache.peek('list', ['forum:workspace:b'])).toBe('b-old');
    expect((await cache.getOrLoad('list', ['forum:workspace:a'], value('a-new'))).value).toBe('a-new');
  });

  it('never stores a value whose load was under way when its tag was cleared', async () => {
    const cache = new TaggedCache<string>('t', options);
    let finish!: () => void;
    const pending = cache.getOrLoad('k', ['x:1'], () => new Promise((resolve) => (finish = () => resolve({ value: 'stale', cache: true, bytes: 1 }))));
    cache.invalidateTags(['x:1']);
    finish();
    expect((await pending).value).toBe('stale');
    expect(cache.peek('k', ['x:1'])).toBeUndefined();
    expect((await cache.getOrLoad('k', ['x:1'], value('fresh'))).value).toBe('fresh');
  });

  it('invalidate() clears everything', async () => {
    const cache = new TaggedCache<string>('t', options);
    await cache.getOrLoad('k', ['x:1'], value('v'));
    cache.invalidate();
    expect(cache.peek('k', ['x:1'])).toBeUndefined();
  });
});
