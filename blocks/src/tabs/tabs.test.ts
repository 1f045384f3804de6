import { describe, expect, test } from 'vitest';
import { classList, query, queryAll, tagsIn, textOf } from '../test-support/html.ts';
import { issuesOf, testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { tabsFixtures, tabsInvalid } from './fixtures.ts';

describe('tabs', () => {
  testSchemaAndFixtures('blocks.tabs', tabsFixtures, tabsInvalid);

  test('renders the NHS.UK tabs: a list of tab links, then one panel per tab, the first shown', async () => {
    const { root } = await renderBlock('blocks.tabs', tabsFixtures.activityByPeriod);
    const tabs = query(root, 'div.nhsuk-tabs');
    expect(tabs.attrs['data-module']).toBe('nhsuk-tabs');
    expect(textOf(query(tabs, 'h2.nhsuk-tabs__heading'))).toBe('Virtual ward activity');

    const items = queryAll(tabs, 'ul.nhsuk-tabs__list li.nhsuk-tabs__list-item');
    expect(items.map((item) => textOf(item))).toEqual(['Past week', 'Past month', 'Past year']);
    expect(items.map((item) => classList(item).includes('nhsuk-tabs__list-item--selected'))).toEqual([true, false, false]);

    const panels = queryAll(tabs, 'div.nhsuk-tabs__panel');
    expect(panels.map((panel) => classList(panel).includes('nhsuk-tabs__panel--hidden'))).toEqual([false, true, true]);
    // Each tab links to its own panel.
    expect(items.map((item) => query(item, 'a.nhsuk-tabs__tab').attrs.href)).toEqual(panels.map((panel) => `#${panel.attrs.id}`));
    expect(panels[0].attrs.id).toBe('tabs-171-1');
    expect(queryAll(panels[0], 'li')).toHaveLength(3);
    expect(query(panels[2], 'a').attrs.href).toBe('/workspaces/virtual-wards/annual-report');
  });

  test('the heading defaults to "Contents", at the chosen level', async () => {
    const { root } = await renderBlock('blocks.tabs', tabsFixtures.referralByTeam);
    expect(textOf(query(root, 'h3.nhsuk-tabs__heading'))).toBe('Contents');
    expect(queryAll(root, 'h2')).toEqual([]);
  });

  test('two unsaved tabs blocks on one page still link each tab to its own panel', async () => {
    const { id: _first, ...unsaved } = tabsFixtures.referralByTeam;
    const [a, b] = await Promise.all([renderBlock('blocks.tabs', unsaved), renderBlock('blocks.tabs', unsaved)]);
    const ids = (root: typeof a.root) => queryAll(root, 'div.nhsuk-tabs__panel').map((panel) => panel.attrs.id);
    expect(ids(a.root)[0]).toMatch(/^tabs-[\w-]+-1$/);
    expect(ids(a.root)).not.toEqual(ids(b.root));
  });

  test('markup in the heading, labels and content is inert', async () => {
    const { root } = await renderBlock('blocks.tabs', tabsFixtures.hostileText);
    expect(tagsIn(root)).not.toContain('script');
    expect(tagsIn(root)).not.toContain('img');
    expect(tagsIn(root)).not.toContain('iframe');
    expect(tagsIn(root)).not.toContain('svg');
    expect(textOf(query(root, 'h2'))).toBe('<img src=x onerror=alert(1)>');
    expect(textOf(query(root, 'a.nhsuk-tabs__tab'))).toBe('<script>alert(1)</script>');
    for (const link of queryAll(root, 'div.nhsuk-tabs__panel a')) expect(link.attrs).not.toHaveProperty('onclick');
  });

  test('says what is wrong with too few tabs or an empty label', () => {
    expect(Object.keys(issuesOf('blocks.tabs', tabsInvalid[0]))).toEqual(['tabs']);
    expect(Object.keys(issuesOf('blocks.tabs', tabsInvalid[2]))).toEqual(['tabs.0.label']);
  });
});
