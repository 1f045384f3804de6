/**
 * A document holding every node and mark the document schema allows, each with a word of its own,
 * so a test can check that every piece reaches every output (HTML, text, DOCX, PDF, HTTP answers).
 * It is written as the editor stores it (every attribute, defaults too), so it comes back from
 * ProseMirror, or a round trip through Yjs, unchanged.
 */
import type { DocumentJson } from '@futurenhs/contract/document-schema';

const text = (value: string, marks?: DocumentJson['marks']): DocumentJson => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const paragraph = (...content: DocumentJson[]): DocumentJson => ({ type: 'paragraph', content });
const item = (...content: DocumentJson[]): DocumentJson => ({ type: 'listItem', content });
const cell = (type: 'tableHeader' | 'tableCell', value: string): DocumentJson => ({
  type,
  attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null },
  content: [paragraph(text(value))],
});

export const EVERY_KIND_IMAGE_SRC = '/workspaces/demo/files/items/1/preview';
export const EVERY_KIND_IMAGE_ALT = 'Xerus photograph';
export const EVERY_KIND_LINK_HREF = 'https://example.org/ibex';
export const EVERY_KIND_COMMENT_ID = 7;

export const EVERY_KIND_DOCUMENT: DocumentJson = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Aardvark heading')] },
    paragraph(
      text('Plain '),
      text('Dromedary', [{ type: 'bold' }]),
      text(' then '),
      text('Echidna', [{ type: 'italic' }]),
      text(' and '),
      text('Flamingo', [{ type: 'underline' }]),
      text(' with '),
      text('Gazelle', [{ type: 'strike' }]),
      text(' and '),
      text('Hedgehog', [{ type: 'code' }]),
      text(' beside '),
      text('Ibex', [{ type: 'link', attrs: { href: EVERY_KIND_LINK_HREF, target: null, rel: 'nofollow ugc noopener', class: null, title: null } }]),
      text(' near '),
      text('Jackal', [{ type: 'comment', attrs: { commentId: EVERY_KIND_COMMENT_ID } }]),
      { type: 'hardBreak' },
      text('Kangaroo after a break'),
    ),
    { type: 'heading', attrs: { level: 3 }, content: [text('Bison subheading')] },
    {
      type: 'bulletList',
      content: [
        item(
          paragraph(text('Lemur bullet')),
          {
            type: 'orderedList',
            attrs: { start: 1, type: null },
            content: [item(paragraph(text('Meerkat nested'))), item(paragraph(text('Narwhal nested')))],
          },
        ),
        item(paragraph(text('Ocelot bullet'))),
      ],
    },
    {
      type: 'orderedList',
      attrs: { start: 3, type: null },
      content: [item(paragraph(text('Pangolin numbered'))), item(paragraph(text('Quokka numbered')))],
    },
    { type: 'heading', attrs: { level: 4 }, content: [text('Capybara minor heading')] },
    { type: 'blockquote', content: [paragraph(text('Reindeer quoted'))] },
    { type: 'codeBlock', attrs: { language: null }, content: [text('const salamander = 1;\nreturn salamander;')] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', 'Tapir header'), cell('tableHeader', 'Urial header')] },
        { type: 'tableRow', content: [cell('tableCell', 'Vicuna cell'), cell('tableCell', 'Wombat cell')] },
      ],
    },
    { type: 'image', attrs: { src: EVERY_KIND_IMAGE_SRC, alt: EVERY_KIND_IMAGE_ALT, title: 'Yak title', width: null, height: null } },
    paragraph(
      text('Zebra links to '),
      text('Zorilla', [{ type: 'link', attrs: { href: '/workspaces/demo', target: null, rel: 'nofollow ugc noopener', class: null, title: null } }]),
    ),
  ],
};

/** A word from each block and mark of EVERY_KIND_DOCUMENT: each must reach every rendering's visible text. */
export const EVERY_KIND_WORDS = [
  'Aardvark',
  'Bison',
  'Capybara',
  'Dromedary',
  'Echidna',
  'Flamingo',
  'Gazelle',
  'Hedgehog',
  'Ibex',
  'Jackal',
  'Kangaroo',
  'Lemur',
  'Meerkat',
  'Narwhal',
  'Ocelot',
  'Pangolin',
  'Quokka',
  'Reindeer',
  'salamander',
  'Tapir',
  'Urial',
  'Vicuna',
  'Wombat',
  'Zebra',
  'Zorilla',
] as const;

/** A 1×1 PNG (one red pixel), for resolveImage in tests. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);
