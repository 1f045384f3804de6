import { describe, expect, test } from 'vitest';
import { parseBlocks } from '../parse-blocks.ts';
import { classList, query, queryAll, textOf } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { caseStudyHighlightFixtures, caseStudyHighlightInvalid } from './fixtures.ts';

describe('case study highlight', () => {
  testSchemaAndFixtures('blocks.case-study-highlight', caseStudyHighlightFixtures, caseStudyHighlightInvalid);

  test('renders a clickable card linking to the case study, with a decorative hero image', async () => {
    const { root } = await renderBlock('blocks.case-study-highlight', caseStudyHighlightFixtures.withImage);
    const card = query(root, 'div.nhsuk-card');
    expect(classList(card)).toEqual(['nhsuk-card', 'nhsuk-card--clickable']);
    expect(query(card, 'img.nhsuk-card__img').attrs).toMatchObject({ src: '/uploads/derby_virtual_ward_hero.jpg', alt: '' });
    const link = query(card, 'h2.nhsuk-card__heading a.nhsuk-card__link');
    expect(link.attrs.href).toBe('/case-studies/derby-frailty-virtual-ward');
    expect(textOf(link)).toBe('Case study: Bringing frail older people home sooner with a virtual ward');
    expect(textOf(query(link, 'span.nhsuk-u-visually-hidden'))).toBe('Case study:');
    expect(textOf(query(card, 'p.nhsuk-card__description'))).toMatch(/^How a frailty virtual ward in Derby/);
    expect(textOf(card)).toContain('University Hospitals of Derby and Burton NHS Foundation Trust');
  });

  test("the editor's heading and text replace the case study's title and summary", async () => {
    const { root } = await renderBlock('blocks.case-study-highlight', caseStudyHighlightFixtures.withOverrides);
    expect(textOf(query(root, 'h3 a'))).toBe('Case study: See how Derby did it');
    expect(textOf(query(root, 'p.nhsuk-card__description'))).toBe('Their rota, triage criteria and monitoring kit list are all in the case study.');
    expect(queryAll(root, 'img')).toEqual([]);
  });

  test('a block whose case study is unpublished or deleted (null relation) is skipped', () => {
    const warnings: string[] = [];
    const blocks = parseBlocks([caseStudyHighlightInvalid[0], caseStudyHighlightFixtures.withImage], (message) => warnings.push(message));
    expect(blocks).toHaveLength(1);
    expect(warnings).toEqual([expect.stringContaining('Skipped invalid block "blocks.case-study-highlight"')]);
  });

  test('case study text is escaped', async () => {
    const { html, root } = await renderBlock('blocks.case-study-highlight', caseStudyHighlightFixtures.hostileText);
    expect(html).not.toMatch(/<script|<img/i);
    expect(textOf(query(root, 'a'))).toBe('Case study: <script>alert(1)</script>');
  });
});
