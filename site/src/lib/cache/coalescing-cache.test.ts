import { describe, expect, it } from 'vitest';
import { CoalescingCache, type Loaded } from './coalescing-cache.ts';

const options = { maxEntries: 100, maxBytes: 10_000, ttlMs: 0 };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const loaded = (value: string, cache = true): Loaded<string> => ({ value, cache, bytes: value.length });

describe('CoalescingCache', () => {
  it('loads on a miss and serves the next read from the cache', async () => {
    const cache = new CoalescingCache<string>('test', options);
    let loads = 0;
    const loader = async () => loaded(`v${++loads}`);
    expect(await cache.getOrLoad('k', loader)).toEqual({ value: 'v1', outcome: 'miss' });
    expect(await cache.getOrLoad('k', loader)).toEqual({ value: 'v1', outcome: 'hit' });
    expect(loads).toBe(1);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  });

  it('coalesces concurrent misses for one key into one load', async () => {
    const cache = new CoalescingCache<string>('test', options);
    const gate = deferred<Loaded<string>>();
    let loads = 0;
    const loader = () => {
      loads++;
      return gate.promise;
    };
    const reads = Array.from({ length: 20 }, () => cache.getOrLoad('k', loader));
    gate.resolve(loaded('value'));
    const results = await Promise.all(reads);
    expect(loads).toBe(1);
    expect(results.every((result) => result.value === 'value')).toBe(true);
    expect(results.filter((result) => result.outcome === 'shared')).toHaveLength(19);
  });

  it('does not coalesce different keys', async () => {
    const cache = new CoalescingCache<string>('test', options);
    const [a, b] = await Promise.all([cache.getOrLoad('a', async () => loaded('A')), cache.getOrLoad('b', async () => loaded('B'))]);
    expect([a.value, b.value]).toEqual(['A', 'B']);
  });

  it('shares a failed load with its waiters and caches nothing', async () => {
    const cache = new CoalescingCache<string>('test', options);
    const gate = deferred<Loaded<string>>();
    const first = cache.getOrLoad('k', () => gate.promise);
    const second = cache.getOrLoad('k', async () => loaded('never called'));
    gate.reject(new Error('CMS down'));
    await expect(first).rejects.toThrow('CMS down');
    await expect(second).rejects.toThrow('CMS down');
    // The next read tries again.
    expect(await cache.getOrLoad('k', async () => loaded('back'))).toEqual({ value: 'back', outcome: 'miss' });
  });

  it('never shares or stores a value the loader marks as private', async () => {
    const cache = new CoalescingCache<string>('test', options);
    const gate = deferred<Loaded<string>>();
    const first = cache.getOrLoad('k', () => gate.promise);
    const second = cache.getOrLoad('k', async () => loaded('own', false));
    gate.resolve(loaded('leader only', false));
    expect(await first).toEqual({ value: 'leader only', outcome: 'miss' });
    expect(await second).toEqual({ value: 'own', outcome: 'miss' });
    expect(cache.peek('k')).toBeUndefined();
  });

  it('after invalidation, loads afresh and drops values loaded before it', async () => {
    const cache = new CoalescingCache<string>('test', options);
    await cache.getOrLoad('k', async () => loaded('old'));
    cache.invalidate();
    expect(cache.peek('k')).toBeUndefined();
    expect((await cache.getOrLoad('k', async () => loaded('new'))).value).toBe('new');
  });

  it('does not store a load that was in flight across an invalidation, nor make new readers wait for it', async () => {
    const cache = new CoalescingCache<string>('test', options);
    const stale = deferred<Loaded<string>>();
    const before = cache.getOrLoad('k', () => stale.promise);
    cache.invalidate(); // e.g. the CMS published a change while the old data was on its way
    const after = cache.getOrLoad('k', async () => loaded('fresh'));
    expect(await after).toEqual({ value: 'fresh', outcome: 'miss' });
    stale.resolve(loaded('stale'));
    expect((await before).value).toBe('stale');
    expect(cache.peek('k')).toBe('fresh');
    expect((await cache.getOrLoad('k', async () => loaded('unused'))).value).toBe('fresh');
  });

  it('drops one key, and does not store a load of it that was in flight', async () => {
    const cache = new CoalescingCache<string>('test', options);
    await cache.getOrLoad('other', async () => loaded('kept'));
    const stale = deferred<Loaded<string>>();
    const before = cache.getOrLoad('k', () => stale.promise);
    cache.delete('k'); // e.g. the member just changed their profile
    stale.resolve(loaded('stale'));
    expect((await before).value).toBe('stale');
    expect(cache.peek('k')).toBeUndefined();
    expect(cache.peek('other')).toBe('kept');
  });

  it('stays within its size bound', async () => {
    const cache = new CoalescingCache<string>('test', { maxEntries: 1000, maxBytes: 100, ttlMs: 0 });
    for (let i = 0; i < 100; i++) await cache.getOrLoad(`k${i}`, async () => ({ value: 'x', cache: true, bytes: 10 }));
    expect(cache.stats().bytes).toBeLessThanOrEqual(100);
    expect(cache.stats().entries).toBe(10);
  });
});
