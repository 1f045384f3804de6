import { blockUids, validateBlockInput } from '@futurenhs/blocks';
import { allFixtures } from '@futurenhs/blocks/fixtures.ts';
import { describe, expect, it } from 'vitest';
import { blockMediaUrl, storedFileName } from '../cms/blocks.ts';
import { demoteHeadings } from './add-block.ts';
import { cmsBlockErrors } from './block-page.ts';
import { blockSummary, collectMedia, setAtPath, toInputBlock, withMediaObjects } from './blocks.ts';
import { alsoEditing, changedBlocks, parseOrder } from './editor.ts';
import { IMAGE_FILE } from './images.ts';
import { inNavigationOrder, movedOrder, slugSchema, titleSchema } from './pages-list.ts';
import type { PageSummary } from './api.ts';

const summary = (documentId: string, position: number, isHome = false): PageSummary => ({
  documentId,
  title: documentId,
  slug: documentId,
  position,
  isHome,
  commentsEnabled: false,
  status: 'draft',
  revision: 1,
  updatedAt: null,
  updatedBy: null,
  publishedAt: null,
});

describe('blocks between the CMS’s two forms', () => {
  it('sends every fixture of the catalogue back as input the catalogue accepts (media as ids, no component ids)', () => {
    for (const uid of blockUids) {
      const [, fixture] = Object.entries(allFixtures[uid])[0];
      const input = toInputBlock(fixture as Record<string, unknown>);
      expect(input.__component).toBe(uid);
      expect(input).not.toHaveProperty('id');
      expect(validateBlockInput([input]), uid).toEqual([]);
    }
  });

  it('turns populated images into file ids and case studies into document ids, inside lists too', () => {
    const cards = allFixtures['blocks.card-group'].threeColumnsWithImages as Record<string, unknown>;
    const input = toInputBlock(cards) as unknown as { cards: { image: unknown; id?: unknown }[] };
    expect(input.cards.map((card) => card.image)).toEqual([7, 8, null]);
    expect(input.cards[0]).not.toHaveProperty('id');
    const highlight = toInputBlock({ __component: 'blocks.case-study-highlight', caseStudy: { documentId: 'abc123', title: 'T', slug: 's', summary: 'S' } });
    expect(highlight.caseStudy).toBe('abc123');
  });

  it('shows known images again by id after a form is re-read', () => {
    const cards = allFixtures['blocks.card-group'].threeColumnsWithImages as Record<string, unknown>;
    const known = collectMedia([cards]);
    expect([...known.keys()]).toEqual([7, 8]);
    const shown = withMediaObjects('blocks.card-group', { cards: [{ image: 8 }, { image: 99 }, { image: null }] }, known) as { cards: { image: unknown }[] };
    expect(shown.cards[0].image).toMatchObject({ id: 8, url: '/uploads/abstract_pattern_9a2b.png' });
    expect(shown.cards[1].image).toEqual({ id: 99, url: '' });
    expect(shown.cards[2].image).toBeNull();
  });

  it('sets a value at an input name', () => {
    const value: Record<string, unknown> = { cards: [{ title: 'a' }] };
    setAtPath(value, 'cards.0.image', 5);
    setAtPath(value, 'cards.1.image', 6);
    setAtPath(value, 'image', 7);
    expect(value).toEqual({ cards: [{ title: 'a', image: 5 }, { image: 6 }], image: 7 });
  });

  it('summarises a block by its heading or first words, without Markdown marks', () => {
    expect(blockSummary({ heading: 'Get involved' })).toBe('Get involved');
    expect(blockSummary({ body: '## Hello **world**\n\nmore' })).toBe('Hello world more');
    expect(blockSummary({ links: [1, 2] })).toBe('2 items');
    expect(blockSummary({ body: 'x'.repeat(200) })).toHaveLength(80);
  });
});

describe('the editor’s block changes', () => {
  const blocks = ['a', 'b', 'c'];
  it('moves, duplicates, removes and reorders, and refuses a change that no longer fits', () => {
    expect(changedBlocks(blocks, { kind: 'move', index: 1, direction: 'up' })).toEqual(['b', 'a', 'c']);
    expect(changedBlocks(blocks, { kind: 'move', index: 2, direction: 'down' })).toBeNull();
    expect(changedBlocks(blocks, { kind: 'move', index: 0, direction: 'up' })).toBeNull();
    expect(changedBlocks(blocks, { kind: 'duplicate', index: 0 })).toEqual(['a', 'a', 'b', 'c']);
    expect(changedBlocks(blocks, { kind: 'remove', index: 1 })).toEqual(['a', 'c']);
    expect(changedBlocks(blocks, { kind: 'remove', index: 3 })).toBeNull();
    expect(changedBlocks(blocks, { kind: 'reorder', order: [2, 0, 1] })).toEqual(['c', 'a', 'b']);
    expect(changedBlocks(blocks, { kind: 'reorder', order: [0, 0, 1] })).toBeNull();
    expect(changedBlocks(blocks, { kind: 'reorder', order: [0, 1] })).toBeNull();
    expect(blocks).toEqual(['a', 'b', 'c']);
  });

  it('duplicates a copy, not the same object', () => {
    const [first, copy] = changedBlocks([{ heading: 'x' }], { kind: 'duplicate', index: 0 })!;
    expect(copy).toEqual(first);
    expect(copy).not.toBe(first);
  });

  it('reads the drag-to-reorder order strictly', () => {
    expect(parseOrder('2,0,1')).toEqual([2, 0, 1]);
    for (const bad of ['', '1,,2', 'a,b', '1;2', '-1,0']) expect(parseOrder(bad)).toBeNull();
  });

  it('names the others editing', () => {
    expect(alsoEditing([])).toBe('');
    expect(alsoEditing([{ name: 'Ada', seenAt: '' }])).toBe('Also editing: Ada');
    expect(alsoEditing([{ name: 'Ada', seenAt: '' }, { name: 'Alan', seenAt: '' }, { name: 'Grace', seenAt: '' }, { name: 'Ada', seenAt: '' }])).toBe(
      'Also editing: Ada, Alan and Grace',
    );
  });
});

describe('the pages list', () => {
  it('puts the home page first, then by position, and moves pages among the others', () => {
    const pages = [summary('b', 2), summary('home', 5, true), summary('a', 1)];
    expect(inNavigationOrder(pages).map((page) => page.documentId)).toEqual(['home', 'a', 'b']);
    expect(movedOrder(pages, 'b', 'up')).toEqual(['home', 'b', 'a']);
    expect(movedOrder(pages, 'b', 'down')).toBeNull();
    expect(movedOrder(pages, 'missing', 'up')).toBeNull();
  });

  it('checks titles and addresses before the CMS does', () => {
    expect(titleSchema.safeParse('  Team news ').data).toBe('Team news');
    expect(titleSchema.safeParse('').success).toBe(false);
    expect(titleSchema.safeParse('x'.repeat(121)).success).toBe(false);
    expect(titleSchema.safeParse('Evil\u202Egnp.exe').success).toBe(false);
    expect(slugSchema.safeParse('Team-News').data).toBe('team-news');
    expect(slugSchema.safeParse('').data).toBe('');
    for (const bad of ['team news', '../x', 'a--b', '-a', 'javascript:alert(1)']) expect(slugSchema.safeParse(bad).success, bad).toBe(false);
  });
});

describe('the CMS’s refusal of a draft, narrowed to one block', () => {
  it('maps paths of this block to its inputs and mentions the others', () => {
    expect(
      cmsBlockErrors(
        [
          { field: 'blocks.2.cards.0.href', message: 'enter a web address' },
          { field: 'blocks.2.heading', message: 'Too long' },
          { field: 'blocks.0.body', message: 'Enter some text' },
        ],
        2,
      ),
    ).toEqual({ 'cards.0.href': 'Enter a web address', heading: 'Too long', 'block-form': 'Another block of this page has a problem: Enter some text. Fix it from the editor' });
  });
});

describe('workspace images', () => {
  it('points every stored file shown in a workspace at the site’s image route, and leaves other media to the CMS', () => {
    const name = 'a1b2c3d4e5f60718293a4b5c6d7e8f90.webp';
    expect(storedFileName(`/uploads/${name}`)).toBe(name);
    expect(storedFileName(`http://localhost:1337/uploads/small_${name}`)).toBe(`small_${name}`);
    expect(storedFileName('/uploads/../x.webp')).toBeNull();
    expect(storedFileName('/uploads/a/b.webp')).toBeNull();
    expect(storedFileName('https://example.org/elsewhere/photo.jpg')).toBeNull();
    expect(blockMediaUrl(`/uploads/${name}`, 'http://cms', 'my-team')).toBe(`/workspaces/my-team/images/${name}`);
    expect(blockMediaUrl('/uploads/photo_1a2b.jpg', 'http://cms', 'my-team')).toBe('/workspaces/my-team/images/photo_1a2b.jpg');
    expect(blockMediaUrl(`/uploads/${name}`, 'http://cms')).toBe(`http://cms/uploads/${name}`);
  });

  it('only proxies stored names of raster images', () => {
    expect(IMAGE_FILE.test('a1b2c3d4e5f60718293a4b5c6d7e8f90.webp')).toBe(true);
    expect(IMAGE_FILE.test('thumbnail_a1b2c3d4e5f60718293a4b5c6d7e8f90.jpg')).toBe(true);
    for (const bad of ['abc.svg', 'abc.html', '../../etc.webp', 'a/b.webp', '.webp', 'abc']) expect(IMAGE_FILE.test(bad), bad).toBe(false);
  });
});

describe('guidance on the Add a block page', () => {
  it('moves README headings below the block’s own heading', () => {
    expect(demoteHeadings('<h2>When to use</h2><h3 id="x">More</h3><p>h2</p>')).toBe('<h4>When to use</h4><h5 id="x">More</h5><p>h2</p>');
  });
});
