import { describe, expect, test } from 'vitest';
import { query, queryAll, tagsIn, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { summaryListFixtures, summaryListInvalid } from './fixtures.ts';

describe('summary list', () => {
  testSchemaAndFixtures('blocks.summary-list', summaryListFixtures, summaryListInvalid);

  test('renders an NHS.UK summary list of key and value rows', async () => {
    const { root } = await renderBlock('blocks.summary-list', summaryListFixtures.projectFacts);
    expect(textOf(query(root, 'h2'))).toBe('About this programme');
    const rows = queryAll(query(root, 'dl.nhsuk-summary-list'), 'div.nhsuk-summary-list__row');
    expect(rows).toHaveLength(5);
    expect(textOf(query(rows[0], 'dt.nhsuk-summary-list__key'))).toBe('Clinical lead');
    expect(textOf(query(rows[0], 'dd.nhsuk-summary-list__value'))).toBe('Dr Amina Shah, consultant geriatrician');
    expect(queryAll(rows[3], 'dd ul.nhsuk-list--bullet li')).toHaveLength(3);
    expect(query(rows[4], 'dd a').attrs.href).toBe('mailto:midlands.virtualwards@nhs.net');
  });

  test('has no heading when none is given', async () => {
    const { root } = await renderBlock('blocks.summary-list', summaryListFixtures.withoutHeading);
    expect([...tagsIn(root)].filter((tag) => /^h\d$/.test(tag))).toEqual([]);
  });

  test('keys and values are inert', async () => {
    const { html, root } = await renderBlock('blocks.summary-list', summaryListFixtures.hostileText);
    expect(html).not.toMatch(/<script|<b /i);
    expect(textOf(query(root, 'h3'))).toBe('<script>alert(1)</script>');
    expect(textOf(query(root, 'dt'))).toBe('<b onmouseover=alert(1)>Key</b>');
  });
});
