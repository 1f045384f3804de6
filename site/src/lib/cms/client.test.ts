import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { createCmsClient } from './client.ts';

describe('createCmsClient', () => {
  it('caches published reads, and never an uncached one (search follows its index, not revalidation)', async () => {
    let calls = 0;
    const fetch = (async () => {
      calls += 1;
      return new Response(JSON.stringify({ n: calls }), { status: 200 });
    }) as typeof globalThis.fetch;
    const client = createCmsClient({ baseUrl: 'http://cms.test', timeoutMs: 1000, token: 't', fetch, cache: new CoalescingCache<unknown>('test', { maxEntries: 100, maxBytes: 1_000_000, ttlMs: 60_000 }) });
    const read = (uncached: boolean) => client.read({ path: '/api/search', query: { q: 'x' }, schema: z.object({ n: z.number() }), uncached });
    expect(await read(false)).toEqual({ n: 1 });
    expect(await read(false)).toEqual({ n: 1 });
    expect(await read(true)).toEqual({ n: 2 });
    expect(await read(true)).toEqual({ n: 3 });
  });
});
