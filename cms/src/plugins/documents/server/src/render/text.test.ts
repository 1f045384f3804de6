import { describe, expect, it } from 'vitest';
import { EVERY_KIND_DOCUMENT, EVERY_KIND_WORDS } from './fixtures';
import type { DocumentJson } from './nodes';
import { documentBlocks, documentText, documentWords } from './text';

const doc = (...content: DocumentJson[]): DocumentJson => ({ type: 'doc', content });
const p = (value: string): DocumentJson => ({ type: 'paragraph', content: value ? [{ type: 'text', text: value }] : [] });
const cell = (type: string, value: string): DocumentJson => ({ type, content: [p(value)] });

describe('documentBlocks', () => {
  it('gives one string per block, lists with their markers and quotes with theirs', () => {
    expect(documentBlocks(EVERY_KIND_DOCUMENT)).toEqual([
      'Aardvark heading',
      'Plain Dromedary then Echidna and Flamingo with Gazelle and Hedgehog beside Ibex near Jackal\nKangaroo after a break',
      'Bison subheading',
      '• Lemur bullet',
      '  1. Meerkat nested',
      '  2. Narwhal nested',
      '• Ocelot bullet',
      '3. Pangolin numbered',
      '4. Quokka numbered',
      'Capybara minor heading',
      '> Reindeer quoted',
      'const salamander = 1;\nreturn salamander;',
      '---',
      'Tapir header\tUrial header',
      'Vicuna cell\tWombat cell',
      '[Xerus photograph]',
      'Zebra links to Zorilla',
    ]);
  });

  it('lines up a list item’s later paragraphs, and a quote’s lines, under its first', () => {
    const blocks = documentBlocks(
      doc(
        { type: 'orderedList', attrs: { start: 9 }, content: [{ type: 'listItem', content: [p('first'), p('second')] }, { type: 'listItem', content: [p('ten')] }] },
        { type: 'blockquote', content: [p('one'), { type: 'paragraph', content: [{ type: 'text', text: 'two' }, { type: 'hardBreak' }, { type: 'text', text: 'three' }] }] },
      ),
    );
    expect(blocks).toEqual(['9. first', '   second', '10. ten', '> one', '> two\n> three']);
  });

  it('keeps a table row on one line: tabs and newlines in a cell become spaces', () => {
    const row = { type: 'tableRow', content: [cell('tableCell', 'a\tb'), { type: 'tableCell', content: [p('c'), p('d')] }] };
    expect(documentBlocks(doc({ type: 'table', content: [row] }))).toEqual(['a b\tc d']);
  });

  it('reads unknown nodes for their text and skips malformed ones', () => {
    expect(documentBlocks(doc({ type: 'callout', content: [p('inside')] }, { type: 'widget', content: [{ type: 'text', text: 'inline' }] }, { type: 'empty' }))).toEqual([
      'inside',
      'inline',
    ]);
    expect(documentBlocks(null as unknown as DocumentJson)).toEqual([]);
  });
});

describe('documentText', () => {
  it('holds every word, blocks on lines of their own', () => {
    const text = documentText(EVERY_KIND_DOCUMENT);
    for (const word of EVERY_KIND_WORDS) expect(text).toContain(word);
    expect(text.split('\n')).toContain('Tapir header\tUrial header');
    expect(documentText(doc(p('one'), p('two')))).toBe('one\ntwo');
  });
});

describe('documentWords', () => {
  it('counts what people wrote, not list numbers, rules or pictures', () => {
    const words = documentWords(
      doc(
        p('Hello,   world — again'),
        { type: 'orderedList', content: [{ type: 'listItem', content: [p('two words')] }] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { src: '/workspaces/demo/files/items/1/preview', alt: 'not counted' } },
        { type: 'table', content: [{ type: 'tableRow', content: [cell('tableCell', 'three'), cell('tableCell', "isn't 42")] }] },
      ),
    );
    expect(words).toBe(3 + 2 + 3);
  });

  it('counts the fixture', () => {
    expect(documentWords(EVERY_KIND_DOCUMENT)).toBe(
      documentText(EVERY_KIND_DOCUMENT)
        .replace(/^\s*(?:•|\d+\.|>)\s/gm, '')
        .replace(/\[Xerus photograph\]|---/g, '')
        .split(/\s+/)
        .filter((piece) => /[\p{L}\p{N}]/u.test(piece)).length,
    );
    expect(documentWords(doc())).toBe(0);
  });
});
