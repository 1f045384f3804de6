import { describe, expect, it } from 'vitest';
import { allFixtures, allInvalidExamples } from './fixtures.ts';
import { validateBlockInput } from './validate-input.ts';

const everyFixture = Object.values(allFixtures).flatMap((named) => Object.values(named));

describe('validateBlockInput: blocks as the CMS receives them', () => {
  it('accepts every fixture of the catalogue', () => {
    expect(validateBlockInput(everyFixture)).toEqual([]);
  });

  it('refuses the invalid examples that are wrong in their own fields', () => {
    const refused = Object.values(allInvalidExamples)
      .flat()
      .filter((example) => validateBlockInput([example]).length > 0);
    // Examples whose only fault is inside a referenced image or case study are the site's to catch.
    expect(refused.length).toBeGreaterThan(Object.values(allInvalidExamples).flat().length * 0.8);
  });

  it('understands references as the admin sends them: media as file ids or objects, relations as connect lists', () => {
    expect(
      validateBlockInput([
        { __component: 'blocks.image', image: 12, altText: 'A nurse using a tablet at a bedside', caption: '' },
        { __component: 'blocks.image', image: { id: 12, url: '/uploads/x.jpg' }, altText: '', isDecorative: true },
        { __component: 'blocks.case-study-highlight', caseStudy: { connect: [{ documentId: 'abc' }], disconnect: [] } },
      ]),
    ).toEqual([]);
  });

  it('says which block and field is wrong', () => {
    const issues = validateBlockInput([
      { __component: 'blocks.inset-text', body: 'Fine' },
      { __component: 'blocks.inset-text', body: '   ' },
      { __component: 'blocks.action-link', text: 'Find out more', href: 'javascript:alert(1)' },
      { __component: 'blocks.image', image: 12, altText: '' },
      { __component: 'blocks.no-such-block' },
    ]);
    const paths = issues.map((issue) => issue.path.join('.'));
    expect(paths).toContain('1.body');
    expect(paths).toContain('2.href');
    expect(paths.some((path) => path.startsWith('3'))).toBe(true);
    expect(paths).toContain('4');
    expect(paths.some((path) => path.startsWith('0'))).toBe(false);
  });
});
