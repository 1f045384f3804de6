import { describe, expect, test } from 'vitest';
import { classList, query, queryAll, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { keyLinksFixtures, keyLinksInvalid } from './fixtures.ts';

describe('key links', () => {
  testSchemaAndFixtures('blocks.key-links', keyLinksFixtures, keyLinksInvalid);

  test('renders a heading and a bordered NHS.UK list of links with descriptions', async () => {
    const { root } = await renderBlock('blocks.key-links', keyLinksFixtures.withDescriptions);
    expect(textOf(query(root, 'h2'))).toBe('Guidance and tools');
    const list = query(root, 'ul');
    expect(classList(list)).toEqual(['nhsuk-list', 'nhsuk-list--border']);
    const items = queryAll(list, 'li');
    expect(items).toHaveLength(3);
    const first = query(items[0], 'a.nhsuk-link');
    expect(first.attrs.href).toBe('https://www.england.nhs.uk/virtual-wards/');
    expect(first.attrs.target).toBeUndefined();
    expect(textOf(query(items[0], 'p'))).toBe('National guidance on setting up and running virtual wards.');
    expect(queryAll(items[2], 'p')).toEqual([]);
    expect(query(items[2], 'a').attrs.href).toBe('mailto:virtual.wards@nhs.net');
  });

  test('uses the chosen heading level', async () => {
    const { root } = await renderBlock('blocks.key-links', keyLinksFixtures.linksOnly);
    expect(textOf(query(root, 'h3'))).toBe('Useful pages');
    expect(queryAll(root, 'h2')).toEqual([]);
  });

  test('text is escaped and direction overrides removed', async () => {
    const { html, root } = await renderBlock('blocks.key-links', keyLinksFixtures.hostileText);
    expect(html).not.toMatch(/<script|<img/i);
    expect(textOf(query(root, 'a'))).toBe('<script>alert(1)</script>');
    expect(textOf(query(root, 'li p'))).toBe('gnp.exe');
  });
});
