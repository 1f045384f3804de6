import { describe, expect, it } from 'vitest';
import { FLASH_COOKIE, setFlash, takeFlash } from './flash.ts';

/** The flash cookie across a Post/Redirect/Get, through a cookie jar as Astro gives the page one. */
function jar() {
  const values = new Map<string, string>();
  return {
    values,
    get: (name: string) => (values.has(name) ? { value: values.get(name)! } : undefined),
    set: (name: string, value: string) => void values.set(name, value),
    delete: (name: string) => void values.delete(name),
  } as unknown as Parameters<typeof takeFlash>[0] & { values: Map<string, string> };
}

const SITE = 'https://futurenhs.test';
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('flash', () => {
  it('carries the block a builder message is about, read once', () => {
    const cookies = jar();
    setFlash(cookies, { success: 'Block moved', block: 3 }, SITE);
    expect(takeFlash(cookies, SITE)).toEqual({ success: 'Block moved', block: 3 });
    expect(takeFlash(cookies, SITE)).toEqual({});
  });

  it('keeps only a block index that is a whole number from 0', () => {
    for (const block of [-1, 1.5, '2', null, 'block-2']) {
      const cookies = jar();
      cookies.values.set(FLASH_COOKIE, forged({ success: 'Block moved', block }));
      expect(takeFlash(cookies, SITE), JSON.stringify(block)).toEqual({ success: 'Block moved' });
    }
  });
});
