import { describe, expect, test } from 'vitest';
import { classList, query, queryAll, tagsIn, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { detailsFixtures, detailsInvalid } from './fixtures.ts';

describe('details', () => {
  testSchemaAndFixtures('blocks.details', detailsFixtures, detailsInvalid);

  test('renders the NHS.UK details component, closed', async () => {
    const { root } = await renderBlock('blocks.details', detailsFixtures.details);
    const details = query(root, 'details');
    expect(classList(details)).toEqual(['nhsuk-details']);
    expect(details.attrs).not.toHaveProperty('open');
    const summary = query(details, 'summary.nhsuk-details__summary');
    expect(textOf(query(summary, 'span.nhsuk-details__summary-text'))).toBe('How to find your organisation’s ODS code');
    const body = query(details, 'div.nhsuk-details__text');
    expect(query(body, 'a').attrs.href).toBe('https://odsportal.digital.nhs.uk/');
  });

  test('the expander style adds nhsuk-expander', async () => {
    const { root } = await renderBlock('blocks.details', detailsFixtures.expander);
    expect(classList(query(root, 'details'))).toEqual(['nhsuk-details', 'nhsuk-expander']);
    expect(queryAll(root, 'div.nhsuk-details__text li')).toHaveLength(2);
  });

  test('markup in the summary and body is inert', async () => {
    const { root } = await renderBlock('blocks.details', detailsFixtures.hostileText);
    expect(queryAll(root, 'details')).toHaveLength(1);
    expect(tagsIn(root)).not.toContain('script');
    expect(textOf(query(root, 'summary'))).toBe('<script>alert(1)</script>');
    expect(queryAll(root, 'a[href]')).toEqual([]);
  });
});
