import { describe, expect, test } from 'vitest';
import { classList, query, queryAll, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { insetTextFixtures, insetTextInvalid } from './fixtures.ts';

describe('inset text', () => {
  testSchemaAndFixtures('blocks.inset-text', insetTextFixtures, insetTextInvalid);

  test('renders the NHS.UK inset text with the default visually hidden prefix', async () => {
    const { root } = await renderBlock('blocks.inset-text', insetTextFixtures.simple);
    const inset = query(root, 'div.nhsuk-inset-text');
    const prefix = query(inset, 'span.nhsuk-u-visually-hidden');
    expect(textOf(prefix)).toBe('Information:');
    expect(textOf(query(inset, 'p'))).toBe(insetTextFixtures.simple.body);
  });

  test('reads an editor\'s prefix with exactly one colon', async () => {
    const { root } = await renderBlock('blocks.inset-text', insetTextFixtures.withPrefixAndLink);
    expect(textOf(query(root, 'span.nhsuk-u-visually-hidden'))).toBe('Important:');
    const link = query(root, 'a');
    expect(link.attrs.href).toBe('https://www.england.nhs.uk/');
    expect(link.attrs.rel).toBe('nofollow ugc noopener');
    expect(classList(link)).toContain('nhsuk-link');
  });

  test('markup in the prefix and body comes out as text, and javascript: links lose their href', async () => {
    const { html, root } = await renderBlock('blocks.inset-text', insetTextFixtures.hostileText);
    expect(html).not.toMatch(/<script|<img/i);
    expect(textOf(query(root, 'span.nhsuk-u-visually-hidden'))).toBe('Note <script>alert(1)</script>:');
    expect(queryAll(root, 'a[href]')).toEqual([]);
  });
});
