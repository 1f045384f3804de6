import { describe, expect, it } from 'vitest';
import { pageBlocks, withMediaUrls } from './blocks.ts';

describe('withMediaUrls', () => {
  const rewrite = (url: string) => (url.startsWith('/') ? `http://cms.test${url}` : url);

  it('rewrites media objects anywhere in the data, and nothing else', () => {
    const raw = [
      {
        __component: 'blocks.image',
        image: { url: '/uploads/a.jpg', mime: 'image/jpeg', width: 10 },
        link: '/workspaces/x',
        cards: [{ href: '/case-studies/y', image: { url: '/uploads/b.png', mime: 'image/png' } }],
      },
    ];
    expect(withMediaUrls(raw, rewrite)).toEqual([
      {
        __component: 'blocks.image',
        image: { url: 'http://cms.test/uploads/a.jpg', mime: 'image/jpeg', width: 10 },
        link: '/workspaces/x',
        cards: [{ href: '/case-studies/y', image: { url: 'http://cms.test/uploads/b.png', mime: 'image/png' } }],
      },
    ]);
  });

  it('does not change its input', () => {
    const raw = { image: { url: '/uploads/a.jpg', mime: 'image/jpeg' } };
    withMediaUrls(raw, rewrite);
    expect(raw.image.url).toBe('/uploads/a.jpg');
  });
});

describe('pageBlocks', () => {
  it('keeps valid blocks and skips unknown ones, with a warning', () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const blocks = pageBlocks(
        [
          { __component: 'blocks.inset-text', id: 1, body: 'Hello' },
          { __component: 'blocks.no-such-block', id: 2 },
        ],
        'test page',
        'http://cms.test',
      );
      expect(blocks.map((block) => block.__component)).toEqual(['blocks.inset-text']);
      expect(warnings).toHaveLength(1);
    } finally {
      console.warn = original;
    }
  });
});
