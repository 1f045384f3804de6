import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { SAFE_URL_PATTERN, choice, headingBelow, headingLevel, image, integerWithDefault, list, multiline, text, textWithDefault, url, type Field } from './fields.ts';

/** The Strapi attribute a field generates, as the block generator asks for it. */
const attributeOf = (field: Field) => field.attribute({ blockName: 'b', fieldName: 'f', parts: [] });

const SAFE = [
  'https://www.england.nhs.uk/virtual-wards/',
  'http://intranet.example.nhs.uk/page?a=1&b=2#top',
  '/workspaces/virtual-wards',
  '/',
  '/search?q=frailty',
  '#contact-us',
  'mailto:team@nhs.net',
  'tel:+44 (0)113 123 4567',
];
const UNSAFE = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/phish',
  '/\\evil.example',
  'https://evil.example/a b',
  'https://evil.example/"onmouseover=alert(1)',
  'https://evil.example/<script>',
  'https://www.nhs.uk/\u202Efdp.exe',
  '/path\u0000with-null',
  'ftp://files.example',
  'www.nhs.uk',
  'workspaces/virtual-wards',
  '#1-starts-with-digit',
  'mailto:javascript:alert(1)',
  '',
];

describe('url()', () => {
  const field = url({ required: true });

  test.each(SAFE)('accepts %j', (value) => {
    expect(field.schema.safeParse(value).success).toBe(true);
  });

  test.each(UNSAFE)('refuses %j', (value) => {
    expect(field.schema.safeParse(value).success).toBe(false);
  });

  test('Strapi gets the same pattern as its regex, so the admin refuses what the site refuses', () => {
    const attribute = attributeOf(field);
    expect(attribute).toEqual({ type: 'text', maxLength: 2000, regex: SAFE_URL_PATTERN, required: true });
    // Strapi builds the regex with `new RegExp(regex)` from the JSON string.
    const strapiRegex = new RegExp(JSON.parse(JSON.stringify(attribute)).regex as string);
    for (const value of SAFE) expect(strapiRegex.test(value)).toBe(true);
    for (const value of UNSAFE) expect(strapiRegex.test(value)).toBe(false);
  });

  test('trims surrounding whitespace before checking', () => {
    expect(field.schema.parse('  /case-studies  ')).toBe('/case-studies');
  });

  test('a narrower pattern must still be a safe link', () => {
    const loose = url({ required: true, pattern: '^.*$' });
    expect(loose.schema.safeParse('javascript:alert(1)').success).toBe(false);
    expect(loose.schema.safeParse('https://www.nhs.uk').success).toBe(true);
  });

  test('an optional link accepts null and absence, as Strapi returns empty fields', () => {
    const optional = url();
    expect(optional.schema.safeParse(null).success).toBe(true);
    expect(optional.schema.safeParse(undefined).success).toBe(true);
    expect(optional.schema.safeParse('javascript:alert(1)').success).toBe(false);
  });
});

describe('text fields', () => {
  test('every text field has a maximum length, in zod and in Strapi', () => {
    const field = text({ max: 10 });
    expect(field.schema.safeParse('x'.repeat(11)).success).toBe(false);
    expect(attributeOf(field)).toEqual({ type: 'string', maxLength: 10 });
    expect(attributeOf(text({ max: 300 }))).toMatchObject({ type: 'text' });
  });

  test('removes Unicode direction overrides and trims', () => {
    expect(text({ max: 50 }).schema.parse('  Hello \u202Edlrow\u202C ')).toBe('Hello dlrow');
    expect(multiline({ max: 50 }).schema.parse('a\u2066b\n\nc')).toBe('ab\n\nc');
  });

  test('required text refuses blank values', () => {
    expect(text({ required: true, max: 10 }).schema.safeParse('   ').success).toBe(false);
  });

  test('descriptions stay out of the Strapi JSON', () => {
    const attribute = attributeOf(text({ max: 10, description: 'Guidance' }));
    expect(attribute).not.toHaveProperty('description');
  });
});

describe('choice() and heading levels', () => {
  test('a missing choice falls back to its default', () => {
    const field = choice(['primary', 'secondary'], { default: 'primary' });
    expect(field.schema.parse(null)).toBe('primary');
    expect(field.schema.parse(undefined)).toBe('primary');
    expect(field.schema.safeParse('tertiary').success).toBe(false);
  });

  test('refuses values Strapi would refuse (starting with a digit)', () => {
    expect(() => choice(['2', '3'], { default: '2' })).toThrow(/must start with a letter/);
  });

  test('heading levels are h2–h4 only', () => {
    const field = headingLevel({ default: 'h2' });
    expect(field.values).toEqual(['h2', 'h3', 'h4']);
    for (const level of ['h1', 'h5', 'h6', '2']) expect(field.schema.safeParse(level).success).toBe(false);
    expect(headingBelow('h2')).toBe('h3');
    expect(headingBelow('h3')).toBe('h4');
    expect(headingBelow('h4')).toBe('h4');
  });
});

describe('image()', () => {
  test('accepts media as Strapi returns it and refuses script URLs', () => {
    const field = image({ required: true });
    const media = { id: 1, documentId: 'abc', url: '/uploads/a.jpg', width: 10, height: 10, mime: 'image/jpeg', name: 'a.jpg' };
    expect(field.schema.parse(media)).toEqual({ id: 1, documentId: 'abc', url: '/uploads/a.jpg', width: 10, height: 10, mime: 'image/jpeg' });
    expect(field.schema.safeParse({ ...media, url: 'javascript:alert(1)' }).success).toBe(false);
    expect(field.schema.safeParse({ ...media, url: '//evil.example/a.jpg' }).success).toBe(false);
  });
});

describe('list()', () => {
  const links = list({ displayName: 'Link', fields: { label: text({ required: true, max: 20 }) } }, { min: 1, max: 2 });

  test('enforces its minimum and maximum and keeps Strapi item ids', () => {
    expect(links.schema.safeParse([]).success).toBe(false);
    expect(links.schema.safeParse([{ label: 'a' }, { label: 'b' }, { label: 'c' }]).success).toBe(false);
    expect(links.schema.parse([{ id: 4, label: 'a' }])).toEqual([{ id: 4, label: 'a' }]);
  });

  test('registers its item as a nested Strapi component', () => {
    const parts: Parameters<typeof links.attribute>[0]['parts'] = [];
    const attribute = links.attribute({ blockName: 'key-links', fieldName: 'links', parts });
    expect(attribute).toEqual({ type: 'component', repeatable: true, component: 'block-parts.key-links-links', min: 1, max: 2 });
    expect(parts).toEqual([
      { uid: 'block-parts.key-links-links', displayName: 'Link', attributes: { label: { type: 'string', maxLength: 20, required: true } } },
    ]);
  });

  test('item refinements report the path of the item', () => {
    const withRule = list(
      {
        displayName: 'Row',
        fields: { a: text({ max: 5 }), b: text({ max: 5 }) },
        refine: (value, ctx) => {
          if (!value.a && !value.b) ctx.addIssue({ code: 'custom', path: ['a'], message: 'Enter a or b' });
        },
      },
      { max: 3 },
    );
    const result = z.object({ rows: withRule.schema }).safeParse({ rows: [{ a: 'x' }, {}] });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['rows.1.a']);
  });
});

describe('fields with defaults', () => {
  test('textWithDefault: empty, blank or missing becomes the default; text is trimmed, limited and cleaned; Strapi pre-fills it', () => {
    const field = textWithDefault({ max: 10, default: 'Latest' });
    for (const empty of [null, undefined, '', '   ']) expect(field.schema.parse(empty)).toBe('Latest');
    expect(field.schema.parse('  News\u202E ')).toBe('News');
    expect(field.schema.safeParse('x'.repeat(11)).success).toBe(false);
    expect(attributeOf(field)).toEqual({ type: 'string', maxLength: 10, default: 'Latest' });
  });

  test('integerWithDefault: missing becomes the default; whole numbers within bounds only', () => {
    const field = integerWithDefault({ min: 1, max: 10, default: 5 });
    expect(field.schema.parse(null)).toBe(5);
    expect(field.schema.parse(undefined)).toBe(5);
    expect(field.schema.parse(10)).toBe(10);
    for (const bad of [0, 11, 2.5, '3']) expect(field.schema.safeParse(bad).success, String(bad)).toBe(false);
    expect(attributeOf(field)).toEqual({ type: 'integer', min: 1, max: 10, default: 5 });
  });
});
