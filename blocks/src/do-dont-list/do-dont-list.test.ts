import { describe, expect, test } from 'vitest';
import { classList, query, queryAll, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { doDontListFixtures, doDontListInvalid } from './fixtures.ts';

describe("do and don't list", () => {
  testSchemaAndFixtures('blocks.do-dont-list', doDontListFixtures, doDontListInvalid);

  test('a "do" list is a feature card with a tick list and the heading "Do"', async () => {
    const { root } = await renderBlock('blocks.do-dont-list', doDontListFixtures.do);
    expect(classList(query(root, 'div.nhsuk-card'))).toEqual(['nhsuk-card', 'nhsuk-card--feature']);
    expect(textOf(query(root, 'h2.nhsuk-card__heading'))).toBe('Do');
    const list = query(root, 'ul');
    expect(classList(list)).toEqual(['nhsuk-list', 'nhsuk-list--tick']);
    expect(list.attrs.role).toBe('list');
    const items = queryAll(list, 'li');
    expect(items.map(textOf)).toEqual([
      'introduce yourself and your role when you join',
      'link to the source when you share guidance',
      'report posts that break the community guidelines',
    ]);
    expect(query(items[0], 'svg.nhsuk-icon--tick').attrs['aria-hidden']).toBe('true');
  });

  test('a "don\'t" list has crosses and reads "do not" before each item, once', async () => {
    const { root } = await renderBlock('blocks.do-dont-list', doDontListFixtures.dont);
    expect(textOf(query(root, 'h2'))).toBe('Don’t');
    expect(classList(query(root, 'ul'))).toEqual(['nhsuk-list', 'nhsuk-list--cross']);
    expect(queryAll(root, 'li').map(textOf)).toEqual([
      'do not share information that could identify a patient',
      'do not post commercial offers or advertising',
      'Do not upload documents marked official-sensitive',
    ]);
    expect(queryAll(root, 'li svg.nhsuk-icon--cross')).toHaveLength(3);
  });

  test('uses a custom heading at the chosen level', async () => {
    const { root } = await renderBlock('blocks.do-dont-list', doDontListFixtures.customHeading);
    expect(textOf(query(root, 'h3.nhsuk-card__heading'))).toBe('Before a home visit');
  });

  test('text is escaped', async () => {
    const { html, root } = await renderBlock('blocks.do-dont-list', doDontListFixtures.hostileText);
    expect(html).not.toMatch(/<script|<img/i);
    expect(textOf(query(root, 'li'))).toBe('do not <img src=x onerror=alert(1)>');
  });
});
