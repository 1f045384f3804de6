import { describe, expect, test } from 'vitest';
import { classList, query, queryAll, tagsIn, textOf } from '../test-support/html.ts';
import { issuesOf, testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { warningCalloutFixtures, warningCalloutInvalid } from './fixtures.ts';

describe('warning callout', () => {
  testSchemaAndFixtures('blocks.warning-callout', warningCalloutFixtures, warningCalloutInvalid);

  test('renders the nhsuk-frontend 10 warning card with "Important:" read before the heading', async () => {
    const { root } = await renderBlock('blocks.warning-callout', warningCalloutFixtures.deadline);
    const card = query(root, 'div.nhsuk-card');
    expect(classList(card)).toEqual(['nhsuk-card', 'nhsuk-card--warning']);
    const heading = query(card, 'h2.nhsuk-card__heading');
    expect(query(heading, 'span[role=text]')).toBeTruthy();
    expect(textOf(query(heading, 'span.nhsuk-u-visually-hidden'))).toBe('Important:');
    expect(textOf(heading)).toBe('Important: Submit your winter plan by 30 September');
    expect(query(card, 'a').attrs.href).toBe('mailto:winter.planning@nhs.net');
  });

  test('does not say "Important" twice when the heading already says it', async () => {
    const { root } = await renderBlock('blocks.warning-callout', warningCalloutFixtures.importantHeading);
    const heading = query(root, 'h3.nhsuk-card__heading');
    expect(queryAll(heading, 'span.nhsuk-u-visually-hidden')).toEqual([]);
    expect(textOf(heading)).toBe('Important');
    expect(queryAll(root, 'ul.nhsuk-list--bullet li')).toHaveLength(3);
  });

  test('a missing heading level falls back to h2', async () => {
    const { root } = await renderBlock('blocks.warning-callout', warningCalloutFixtures.defaultLevel);
    expect(query(root, 'h2').attrs.class).toBe('nhsuk-card__heading');
  });

  test('refuses heading levels outside h2–h4', () => {
    for (const headingLevel of ['h1', 'h5', '2', 'H2']) {
      expect(issuesOf('blocks.warning-callout', { ...warningCalloutFixtures.deadline, headingLevel })).toHaveProperty('headingLevel');
    }
  });

  test('markup in the heading and body is inert', async () => {
    const { html, root } = await renderBlock('blocks.warning-callout', warningCalloutFixtures.hostileText);
    expect(html).not.toMatch(/<script|<iframe/i);
    expect(tagsIn(root)).not.toContain('iframe');
    expect(queryAll(root, 'a[href]')).toEqual([]);
    expect(textOf(query(root, 'h2'))).toContain('Update <script>alert(1)</script>');
  });
});
