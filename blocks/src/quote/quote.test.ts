import { describe, expect, test } from 'vitest';
import { classList, query, queryAll, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { quoteFixtures, quoteInvalid } from './fixtures.ts';

describe('quote', () => {
  testSchemaAndFixtures('blocks.quote', quoteFixtures, quoteInvalid);

  test('renders a figure with the blockquote and who said it', async () => {
    const { root } = await renderBlock('blocks.quote', quoteFixtures.clinician);
    const figure = query(root, 'figure');
    expect(classList(figure)).toEqual(['nhsuk-inset-text']);
    const paragraphs = queryAll(query(figure, 'blockquote'), 'p');
    expect(paragraphs).toHaveLength(1);
    expect(textOf(paragraphs[0])).toBe(`“${quoteFixtures.clinician.quote}”`);
    const caption = query(figure, 'figcaption');
    expect(textOf(query(caption, 'span.nhsuk-u-font-weight-bold'))).toBe('Dr Amina Shah');
    expect(textOf(caption)).toBe('Dr Amina Shah, Consultant geriatrician, University Hospitals of Derby and Burton');
  });

  test('splits paragraphs on blank lines and replaces the editor\'s quotation marks with its own', async () => {
    const { root } = await renderBlock('blocks.quote', quoteFixtures.patientTwoParagraphs);
    const paragraphs = queryAll(root, 'blockquote p').map(textOf);
    expect(paragraphs).toEqual([
      '“I was nervous about leaving hospital so soon.',
      'The nurses called every morning and came round when my readings dropped. I felt safer than I did on the ward.”',
    ]);
    expect(textOf(query(root, 'figcaption'))).toBe('A patient on the Derby frailty virtual ward');
  });

  test('text is escaped and direction overrides removed', async () => {
    const { html, root } = await renderBlock('blocks.quote', quoteFixtures.hostileText);
    expect(html).not.toMatch(/<script|<img/i);
    expect(textOf(query(root, 'figcaption'))).toBe('<img src=x onerror=alert(1)>, fdp.exe');
  });
});
