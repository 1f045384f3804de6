import { describe, expect, test } from 'vitest';
import { ALT_TEXT_MESSAGE } from '../lib/rules.ts';
import { classList, query, queryAll, textOf } from '../test-support/html.ts';
import { issuesOf, testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { imageFixtures, imageInvalid } from './fixtures.ts';

describe('image with caption', () => {
  testSchemaAndFixtures('blocks.image', imageFixtures, imageInvalid);

  test('renders the NHS.UK image figure with alt text, size and caption', async () => {
    const { root } = await renderBlock('blocks.image', imageFixtures.photoWithCaption);
    const figure = query(root, 'figure');
    expect(classList(figure)).toEqual(['nhsuk-image']);
    expect(query(figure, 'img.nhsuk-image__img').attrs).toMatchObject({
      src: '/uploads/discharge_team_meeting_1a2b3c.jpg',
      alt: 'Five members of the discharge team around a table, reviewing a whiteboard of patient flow',
      width: '1600',
      height: '900',
      loading: 'lazy',
    });
    expect(textOf(query(figure, 'figcaption.nhsuk-image__caption'))).toBe('The discharge team at Royal Derby Hospital meets every morning at 8:30.');
  });

  test('leaves out an empty caption', async () => {
    const { root } = await renderBlock('blocks.image', imageFixtures.chartWithoutCaption);
    expect(queryAll(root, 'figcaption')).toEqual([]);
  });

  test('a decorative image has alt="" and no size when the CMS gives none', async () => {
    const { html, root } = await renderBlock('blocks.image', imageFixtures.decorative);
    const img = query(root, 'img');
    expect(img.attrs.alt).toBe('');
    // Astro writes an empty attribute in its short form, `alt`, which is the same as alt="".
    expect(html).toMatch(/<img[^>]*\salt(=""|\s|>)/);
    expect(img.attrs).not.toHaveProperty('width');
  });

  test('alt text is required unless the image is decorative', () => {
    const image = imageFixtures.photoWithCaption.image;
    expect(issuesOf('blocks.image', { __component: 'blocks.image', image })).toEqual({ altText: [ALT_TEXT_MESSAGE] });
    expect(issuesOf('blocks.image', { __component: 'blocks.image', image, altText: '  ' })).toEqual({ altText: [ALT_TEXT_MESSAGE] });
    expect(issuesOf('blocks.image', { __component: 'blocks.image', image, isDecorative: true })).toEqual({});
  });

  test('a decorative image ignores alt text it was given', async () => {
    const { root } = await renderBlock('blocks.image', { ...imageFixtures.photoWithCaption, isDecorative: true });
    expect(query(root, 'img').attrs.alt).toBe('');
  });

  test('alt text and caption are escaped', async () => {
    const { html, root } = await renderBlock('blocks.image', imageFixtures.hostileText);
    expect(html).not.toMatch(/<script/i);
    const img = query(root, 'img');
    expect(img.attrs.alt).toBe('" onerror="alert(1)');
    expect(img.attrs).not.toHaveProperty('onerror');
    expect(textOf(query(root, 'figcaption'))).toBe('<script>alert(1)</script>');
  });
});
