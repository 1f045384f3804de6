import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache.ts';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LruCache', () => {
  it('returns what was stored', () => {
    const cache = new LruCache<string>({ maxEntries: 10, maxBytes: 1000, ttlMs: 0 });
    cache.set('a', 'A', 1);
    expect(cache.get('a')).toBe('A');
    expect(cache.get('b')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond the entry limit', () => {
    const cache = new LruCache<string>({ maxEntries: 2, maxBytes: 1000, ttlMs: 0 });
    cache.set('a', 'A', 1);
    cache.set('b', 'B', 1);
    cache.get('a'); // a is now more recent than b
    cache.set('c', 'C', 1);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    expect(cache.size).toBe(2);
  });

  it('keeps its total size within the byte budget', () => {
    const cache = new LruCache<string>({ maxEntries: 100, maxBytes: 100, ttlMs: 0 });
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, 'x', 30);
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.size).toBe(3);
    expect(cache.get('k49')).toBe('x');
    expect(cache.get('k0')).toBeUndefined();
  });

  it('does not store a value larger than the whole budget', () => {
    const cache = new LruCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 0 });
    cache.set('small', 's', 10);
    expect(cache.set('huge', 'h', 101)).toBe(false);
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.get('small')).toBe('s');
  });

  it('accounts for replaced entries', () => {
    const cache = new LruCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 0 });
    cache.set('a', 'one', 60);
    cache.set('a', 'two', 30);
    expect(cache.bytes).toBe(30);
    expect(cache.get('a')).toBe('two');
  });

  it('expires entries after the time to live', () => {
    const time = clock();
    const cache = new LruCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 1000, now: time.now });
    cache.set('a', 'A', 1);
    time.advance(999);
    expect(cache.get('a')).toBe('A');
    time.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('clears everything', () => {
    const cache = new LruCache<string>({ maxEntries: 10, maxBytes: 100, ttlMs: 0 });
    cache.set('a', 'A', 5);
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });
});
