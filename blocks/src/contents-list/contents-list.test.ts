import { describe, expect, test } from 'vitest';
import { query, queryAll, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { contentsListFixtures, contentsListInvalid } from './fixtures.ts';

describe('contents list', () => {
  testSchemaAndFixtures('blocks.contents-list', contentsListFixtures, contentsListInvalid);

  test('renders the NHS.UK contents list navigation', async () => {
    const { root } = await renderBlock('blocks.contents-list', contentsListFixtures.guide);
    const nav = query(root, 'nav.nhsuk-contents-list');
    expect(nav.attrs['aria-label']).toBe('Pages in this guide');
    expect(textOf(query(nav, 'h2.nhsuk-u-visually-hidden'))).toBe('Contents');
    const items = queryAll(query(nav, 'ol.nhsuk-contents-list__list'), 'li.nhsuk-contents-list__item');
    expect(items).toHaveLength(4);
    const link = query(items[1], 'a.nhsuk-contents-list__link');
    expect(link.attrs.href).toBe('/workspaces/virtual-wards/pages/staffing');
    expect(textOf(link)).toBe('Staffing and rotas');
  });

  test('the item for the page being shown is marked current and not linked', async () => {
    const { root } = await renderBlock('blocks.contents-list', contentsListFixtures.guide, {
      url: 'https://futurenhs.example/workspaces/virtual-wards/pages/staffing/',
    });
    const current = query(root, 'li[aria-current=page]');
    expect(textOf(query(current, 'span.nhsuk-contents-list__current'))).toBe('Staffing and rotas');
    expect(queryAll(current, 'a')).toEqual([]);
    expect(queryAll(root, 'a.nhsuk-contents-list__link')).toHaveLength(3);
  });

  test('labels are escaped', async () => {
    const { html, root } = await renderBlock('blocks.contents-list', contentsListFixtures.hostileText);
    expect(html).not.toMatch(/<script/i);
    expect(textOf(query(root, 'a'))).toBe('<script>alert(1)</script>');
  });
});
