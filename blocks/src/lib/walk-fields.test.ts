import { describe, expect, test } from 'vitest';
import { catalogue } from '../catalogue.ts';
import { allFixtures } from '../fixtures.ts';
import { validateBlockInput } from '../validate-input.ts';
import { fieldKind, fieldKinds, markdownPlainText, type Reference } from './fields.ts';
import { boolean, caseStudy, choice, image, list, markdown, multiline, text, url } from './fields.ts';
import { renderMarkdown } from './markdown.ts';
import {
  completeFields,
  documentFields,
  mapFields,
  OMIT,
  plainTextOf,
  referencesOf,
  shapeFields,
  toInputFields,
  toReadFields,
  walkFields,
  type FieldValues,
} from './walk-fields.ts';

const fields = {
  heading: text({ max: 50 }),
  style: choice(['plain', 'bold'] as const, { default: 'plain' }),
  photo: image(),
  study: caseStudy({ required: true }),
  cards: list({ displayName: 'Card', fields: { title: text({ max: 20, required: true }), picture: image(), body: markdown({ max: 100 }) } }, { max: 3 }),
};

const media = (id: number) => ({ id, url: `/uploads/${id}.jpg`, width: 10, height: 5, mime: 'image/jpeg', name: 'extra' });
const study = { id: 4, documentId: 'abc123', title: 'Ward', slug: 'ward', summary: 'S', organisation: null, heroImage: media(7) };

const readForm = {
  id: 1,
  heading: 'Hello',
  style: null,
  photo: media(3),
  study,
  cards: [
    { id: 11, title: 'One', picture: media(5), body: 'A **bold** [link](/x)' },
    { id: 12, title: 'Two', picture: null, body: null },
  ],
};

const every = Object.values(fieldKinds);

describe('field kinds', () => {
  test('every kind of the DSL has its behaviour', () => {
    const kinds = ['text', 'multiline', 'markdown', 'url', 'choice', 'boolean', 'integer', 'image', 'list', 'case-study'] as const;
    for (const kind of kinds) expect(fieldKind({ kind }), kind).toBeDefined();
    expect(() => fieldKind({ kind: 'group' as never })).toThrow('Unknown field kind "group"');
    expect(every.filter((kind) => kind.container)).toEqual([fieldKinds.list]);
  });

  test('an image converts between its media object and its file id', () => {
    const kind = fieldKinds.image;
    expect(kind.toInput(media(3))).toBe(3);
    expect(kind.toInput(3)).toBe(3);
    expect(kind.toInput('12')).toBe(12);
    expect(kind.toInput(null)).toBeNull();
    expect(kind.toInput({ url: '/uploads/x.jpg' })).toBeNull();
    expect(kind.reference(media(3))).toEqual({ kind: 'image', ref: 3 });
    expect(kind.reference(null)).toBeNull();
    expect(kind.shape(media(3))).toEqual({ id: 3, url: '/uploads/3.jpg', width: 10, height: 5, mime: 'image/jpeg' });
    expect(kind.toRead(3, ({ ref }) => (ref === 3 ? 'found' : undefined))).toBe('found');
    expect(kind.toRead(4, () => undefined)).toBeNull();
    expect(kind.clean(media(3))).toEqual({ value: 3 });
    expect(kind.clean('')).toEqual({ value: null });
    expect(kind.clean(-1)).toEqual({ value: null, issue: 'Upload the image again' });
    expect(kind.plainText(media(3))).toBe('');
  });

  test('a case study converts between its fields and its documentId, and is a relation for Strapi', () => {
    const kind = fieldKinds['case-study'];
    expect(kind.toInput(study)).toBe('abc123');
    expect(kind.toInput('abc123')).toBe('abc123');
    expect(kind.toInput(null)).toBeNull();
    expect(kind.reference(study)).toEqual({ kind: 'case-study', ref: 'abc123' });
    expect(kind.shape(study)).toEqual({ documentId: 'abc123', title: 'Ward', slug: 'ward', summary: 'S', organisation: null, heroImage: fieldKinds.image.shape(media(7)) });
    expect(kind.toDocument('abc123')).toEqual({ set: [{ documentId: 'abc123' }] });
    expect(kind.toDocument(null)).toEqual({ set: [] });
    expect(kind.clean('../x')).toEqual({ value: null, issue: 'Choose a published case study' });
  });

  test('text kinds lose direction overrides when cleaned and give their words; other kinds give none', () => {
    expect(fieldKinds.text.clean('a\u202Eb')).toEqual({ value: 'ab' });
    expect(fieldKinds.multiline.plainText('  two\n lines ')).toBe('two lines');
    expect(fieldKinds.url.plainText('https://example.org')).toBe('');
    expect(fieldKinds.choice.plainText('bold')).toBe('');
    expect(fieldKinds.url.clean('a\u202Eb')).toEqual({ value: 'a\u202Eb' });
    expect(every.filter((kind) => kind.defaulted)).toEqual([fieldKinds.choice, fieldKinds.boolean, fieldKinds.integer]);
  });

  test('Markdown gives its words without its marks', () => {
    expect(markdownPlainText('## Title\n\nSome **bold** and _em_ text with [a link](https://x.org).\n\n- one\n- two')).toBe(
      'Title Some bold and em text with a link. one two',
    );
    expect(markdownPlainText('| A | B |\n| - | - |\n| c | d |')).toBe('A B c d');
    // Raw HTML is shown as text by the renderer, so it is words a reader sees.
    expect(markdownPlainText('`code` and <b>html</b>')).toBe('code and <b>html</b>');
  });
});

describe('the walker', () => {
  test('visits every field but lists, inside each list item with its path', () => {
    const seen: string[] = [];
    walkFields(fields, readForm, ({ path, kind }) => seen.push(`${path.join('.')}:${kind === fieldKinds.image ? 'image' : ''}`));
    expect(seen).toEqual(['heading:', 'style:', 'photo:image', 'study:', 'cards.0.title:', 'cards.0.picture:image', 'cards.0.body:', 'cards.1.title:', 'cards.1.picture:image', 'cards.1.body:']);
  });

  test('read form → input form: media as file ids, the case study as its documentId, ids of parts gone', () => {
    expect(toInputFields(fields, readForm, { absent: 'null' })).toEqual({
      heading: 'Hello',
      style: null,
      photo: 3,
      study: 'abc123',
      cards: [
        { title: 'One', picture: 5, body: 'A **bold** [link](/x)' },
        { title: 'Two', picture: null, body: null },
      ],
    });
    // A partial value converts only what it has.
    expect(toInputFields(fields, { photo: media(9) }, { absent: 'omit' })).toEqual({ photo: 9 });
    expect(toInputFields(fields, { photo: media(9) }, { absent: 'null' })).toEqual({ heading: null, style: null, photo: 9, study: null, cards: [] });
  });

  test('input form → read form looks every reference up, and shaping trims it as the site reads it', () => {
    const input = toInputFields(fields, readForm, { absent: 'null' });
    const found = new Map<string, unknown>([
      ['image:3', media(3)],
      ['image:5', media(5)],
      ['case-study:abc123', study],
    ]);
    const read = toReadFields(fields, input, ({ kind, ref }: Reference) => found.get(`${kind}:${ref}`));
    expect(shapeFields(fields, read)).toEqual(shapeFields(fields, readForm));
    expect(shapeFields(fields, readForm)).toMatchObject({ photo: { id: 3, url: '/uploads/3.jpg' }, cards: [{ picture: { id: 5 } }, { picture: null }] });
    expect((shapeFields(fields, readForm).photo as Record<string, unknown>).name).toBeUndefined();
    expect(toReadFields(fields, { photo: 99 }, () => undefined)).toEqual({ photo: null, study: null });
  });

  test('references: every image and case study with its path and whether it is required', () => {
    expect(referencesOf(fields, toInputFields(fields, readForm, { absent: 'null' }), [2])).toEqual([
      { kind: 'image', ref: 3, path: [2, 'photo'], required: false },
      { kind: 'case-study', ref: 'abc123', path: [2, 'study'], required: true },
      { kind: 'image', ref: 5, path: [2, 'cards', 0, 'picture'], required: false },
    ]);
  });

  test('plain text: the words of every text field, Markdown without marks, nothing of references or choices', () => {
    expect(plainTextOf(fields, readForm)).toBe('Hello\nOne\nA bold link\nTwo');
  });

  test('mapFields: OMIT and omit leave fields out; other keys kept on request; invalid lists emptied or kept', () => {
    const value = { heading: 'x', extra: 1, cards: 'not a list' };
    expect(mapFields(fields, value, ({ name, value: raw }) => (name === 'heading' ? OMIT : raw))).toEqual({ cards: [] });
    expect(mapFields(fields, value, ({ value: raw }) => raw, { keepOthers: true, invalidList: 'keep' })).toEqual(value);
    expect(mapFields(fields, value, () => null, { omit: ({ present }) => !present })).toEqual({ heading: null, cards: [] });
    expect(completeFields(fields, { heading: 'x' })).toEqual({ heading: 'x', style: null, photo: null, study: null, cards: [] });
    expect(documentFields(fields, { study: 'abc123', heading: 'x' })).toEqual({ heading: 'x', study: { set: [{ documentId: 'abc123' }] } });
  });

  test('the same walker serves other field sets (multiline, url, boolean)', () => {
    const other = { note: multiline({ max: 100 }), link: url(), on: boolean({ default: true }) };
    expect(toInputFields(other, { note: 'a\nb', link: '/x', on: false }, { absent: 'null' })).toEqual({ note: 'a\nb', link: '/x', on: false });
    expect(plainTextOf(other, { note: 'a\nb', link: '/x', on: false })).toBe('a b');
  });
});

/** The words a reader sees in rendered HTML (tags and the commonest entities undone). */
function visibleWords(html: string): string[] {
  const textOnly = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
  return textOnly.match(/[\p{L}\p{N}]+/gu) ?? [];
}

describe('every fixture of every block', () => {
  const cases = catalogue.flatMap((definition) =>
    Object.entries(allFixtures[definition.uid] as Record<string, FieldValues>).map(([name, fixture]) => ({ definition, name, fixture })),
  );

  test.each(cases.map((c) => [`${c.definition.uid} ${c.name}`, c] as const))('%s: read form → input form is what the CMS takes', (_, { definition, fixture: written }) => {
    // The CMS returns every media with its id; a few fixtures leave it out.
    let nextId = 9000;
    const fixture = mapFields(
      definition.fields,
      written,
      ({ kind, value }) => (kind.holds === 'image' && value && typeof value === 'object' && !('id' in value) ? { ...value, id: nextId++ } : value),
      { keepOthers: true, invalidList: 'keep' },
    );
    const input = { __component: definition.uid, ...toInputFields(definition.fields, fixture, { absent: 'null' }) };
    expect(validateBlockInput([input])).toEqual([]);
    // No media object or case study survives into the input form: each is its key.
    walkFields(definition.fields, input, ({ kind, value }) => {
      if (kind.holds === 'image') expect(value === null || typeof value === 'number').toBe(true);
      if (kind.holds === 'case-study') expect(value === null || typeof value === 'string').toBe(true);
    });
    // Back to read form through the references it holds: the same block as the site reads it.
    const byRef = new Map<string, unknown>();
    walkFields(definition.fields, fixture, ({ kind, value }) => {
      const reference = kind.reference(value);
      if (reference) byRef.set(`${reference.kind}:${reference.ref}`, value);
    });
    const read = toReadFields(definition.fields, input, ({ kind, ref }) => byRef.get(`${kind}:${ref}`));
    expect(shapeFields(definition.fields, read)).toEqual(shapeFields(definition.fields, fixture));
  });

  test.each(cases.map((c) => [`${c.definition.uid} ${c.name}`, c] as const))('%s: its plain text holds every word it shows', (_, { definition, fixture }) => {
    const plain = plainTextOf(definition.fields, fixture);
    const plainWords = new Set(plain.match(/[\p{L}\p{N}]+/gu) ?? []);
    walkFields(definition.fields, fixture, ({ field, value }) => {
      if (typeof value !== 'string' || !['text', 'multiline', 'markdown'].includes(field.kind)) return;
      const shown = field.kind === 'markdown' ? visibleWords(renderMarkdown(value)) : (value.match(/[\p{L}\p{N}]+/gu) ?? []);
      for (const word of shown) expect(plainWords, `${word} of ${value}`).toContain(word);
    });
  });
});
