import { describe, expect, test } from 'vitest';
import { ALT_TEXT_MESSAGE } from '../lib/rules.ts';
import { classList, query, queryAll, textOf } from '../test-support/html.ts';
import { issuesOf, testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { cardGroupFixtures, cardGroupInvalid } from './fixtures.ts';

describe('card group', () => {
  testSchemaAndFixtures('blocks.card-group', cardGroupFixtures, cardGroupInvalid);

  test('renders a list of clickable NHS.UK cards in a card group grid', async () => {
    const { root } = await renderBlock('blocks.card-group', cardGroupFixtures.twoColumnsWithHeading);
    expect(textOf(query(root, 'h2'))).toBe('Get involved');
    const group = query(root, 'ul.nhsuk-card-group');
    expect(classList(group)).toEqual(['nhsuk-grid-row', 'nhsuk-card-group']);
    const items = queryAll(group, 'li');
    expect(items.map(classList)).toEqual([
      ['nhsuk-grid-column-one-half', 'nhsuk-card-group__item'],
      ['nhsuk-grid-column-one-half', 'nhsuk-card-group__item'],
    ]);
    const card = query(items[0], 'div.nhsuk-card');
    expect(classList(card)).toEqual(['nhsuk-card', 'nhsuk-card--clickable']);
    // Card titles sit one level below the group's heading.
    const title = query(card, 'h3.nhsuk-card__heading');
    expect(classList(title)).toContain('nhsuk-heading-m');
    const link = query(title, 'a.nhsuk-card__link');
    expect(link.attrs.href).toBe('/workspaces/virtual-wards/discussions');
    expect(textOf(link)).toBe('Join a discussion');
    expect(textOf(query(card, 'p.nhsuk-card__description'))).toBe('Ask a question or share how your team runs its virtual ward.');
    expect(queryAll(card, 'img')).toEqual([]);
  });

  test('images carry their alt text, or alt="" when decorative', async () => {
    const { root } = await renderBlock('blocks.card-group', cardGroupFixtures.threeColumnsWithImages);
    const images = queryAll(root, 'img.nhsuk-card__img');
    expect(images.map((img) => img.attrs.alt)).toEqual(['A community nurse checks an older man’s blood pressure in his living room', '']);
    expect(images[0].attrs).toMatchObject({ src: '/uploads/nurse_home_visit_4f1c2a.jpg', width: '1200', height: '800', loading: 'lazy' });
    expect(queryAll(root, 'li').every((li) => classList(li).includes('nhsuk-grid-column-one-third'))).toBe(true);
  });

  test('without a group heading, card titles take the chosen level', async () => {
    const { root } = await renderBlock('blocks.card-group', cardGroupFixtures.threeColumnsWithImages);
    expect(queryAll(root, 'h3')).toEqual([]);
    expect(queryAll(root, 'h2.nhsuk-card__heading')).toHaveLength(3);
    expect(classList(query(root, 'h2'))).toContain('nhsuk-heading-s');
  });

  test('under an h3 group heading, card titles are h4, four to a row', async () => {
    const { root } = await renderBlock('blocks.card-group', cardGroupFixtures.fourColumnsUnderH3);
    expect(textOf(query(root, 'h3'))).toBe('Regions');
    expect(queryAll(root, 'h4.nhsuk-card__heading')).toHaveLength(4);
    expect(queryAll(root, 'li.nhsuk-grid-column-one-quarter')).toHaveLength(4);
  });

  test('an image needs alt text unless it is marked decorative', () => {
    const image = { url: '/uploads/ward.jpg', width: 800, height: 600, mime: 'image/jpeg' };
    const withCard = (card: object) => ({ __component: 'blocks.card-group', cards: [{ title: 'Ward', href: '/ward', ...card }] });
    expect(issuesOf('blocks.card-group', withCard({ image }))).toEqual({ 'cards.0.imageAltText': [ALT_TEXT_MESSAGE] });
    expect(issuesOf('blocks.card-group', withCard({ image, imageIsDecorative: true }))).toEqual({});
    expect(issuesOf('blocks.card-group', withCard({ image, imageAltText: 'A hospital ward' }))).toEqual({});
  });

  test('text is escaped', async () => {
    const { html, root } = await renderBlock('blocks.card-group', cardGroupFixtures.hostileText);
    expect(html).not.toMatch(/<script|<img|<b>/i);
    expect(textOf(query(root, 'a.nhsuk-card__link'))).toBe('"><img src=x onerror=alert(1)>');
  });
});
