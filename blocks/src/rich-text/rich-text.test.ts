import { describe, expect, test } from 'vitest';
import { classList, markupProblems, query, queryAll, tagsIn, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { richTextFixtures, richTextInvalid } from './fixtures.ts';

describe('rich text', () => {
  testSchemaAndFixtures('blocks.rich-text', richTextFixtures, richTextInvalid);

  test('renders paragraphs inside a reading-width container', async () => {
    const { root } = await renderBlock('blocks.rich-text', richTextFixtures.paragraphs);
    const container = query(root, 'div.nhsuk-u-reading-width');
    expect(queryAll(container, 'p')).toHaveLength(2);
  });

  test('renders headings, NHS.UK lists and safe links', async () => {
    const { root } = await renderBlock('blocks.rich-text', richTextFixtures.headingsListsAndLinks);
    expect(textOf(query(root, 'h2'))).toBe('Who this workspace is for');
    expect(textOf(query(root, 'h3'))).toBe('How to get started');
    expect(classList(query(root, 'ul'))).toEqual(['nhsuk-list', 'nhsuk-list--bullet']);
    expect(classList(query(root, 'ol'))).toEqual(['nhsuk-list', 'nhsuk-list--number']);
    const link = query(root, 'a');
    expect(link.attrs).toEqual({ class: 'nhsuk-link', rel: 'nofollow ugc noopener', href: 'https://www.england.nhs.uk/virtual-wards/' });
    expect(textOf(query(root, 'strong'))).toBe('outcome measures');
  });

  test('renders tables with NHS.UK table markup and column headers', async () => {
    const { root } = await renderBlock('blocks.rich-text', richTextFixtures.table);
    query(root, 'table.nhsuk-table');
    const headers = queryAll(root, 'th.nhsuk-table__header');
    expect(headers.map((th) => th.attrs.scope)).toEqual(['col', 'col']);
    expect(queryAll(root, 'td.nhsuk-table__cell')).toHaveLength(4);
  });

  test('hostile Markdown comes out inert: h1 becomes h2, HTML is text, no scripts, handlers, SVG or bidi overrides', async () => {
    const { html, root } = await renderBlock('blocks.rich-text', richTextFixtures.hostileMarkup);
    expect(queryAll(root, 'h1')).toEqual([]);
    expect(textOf(query(root, 'h2'))).toBe('A heading written as h1');
    for (const tag of ['script', 'svg', 'circle', 'img', 'iframe']) expect(tagsIn(root)).not.toContain(tag);
    expect(markupProblems(root)).toEqual([]);
    expect(textOf(root)).toContain('<script>alert("x")</script>');
    expect(textOf(root)).toContain('<svg onload="alert(1)">');
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    // The raw <a> is shown as text; the Markdown link survives without its javascript: href.
    expect(queryAll(root, 'a[href]')).toEqual([]);
  });
});
