import { describe, expect, it } from 'vitest';
import { boolean, caseStudy, choice, image, integerWithDefault, list, markdown, text, url, type PostedForm } from './fields.ts';
import { formChecks, formInputs, newFormValue, readFormFields } from './form-fields.ts';

const fields = {
  heading: text({ max: 60, required: true }),
  body: markdown({ max: 500 }),
  level: choice(['h2', 'h3'], { default: 'h3' }),
  count: integerWithDefault({ min: 1, max: 9, default: 3 }),
  expander: boolean({ default: false }),
  photo: image(),
  study: caseStudy({ required: true }),
  cards: list({ displayName: 'Card', fields: { title: text({ max: 40, required: true }), href: url() } }, { min: 1, max: 3 }),
};

function posted(entries: [string, string | Blob][]): PostedForm {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return {
    text: (name) => (typeof form.get(name) === 'string' ? (form.get(name) as string) : null),
    file: (name) => (form.get(name) instanceof Blob ? (form.get(name) as Blob) : null),
    names: () => entries.map(([name]) => name),
  };
}

const context = {
  errors: {},
  caseStudies: [{ documentId: 'abc123', title: 'Virtual wards in Leeds' }],
  images: { 7: '/uploads/seven.jpg' },
  label: (name: string) => name,
  optionLabel: (value: string) => value.toUpperCase(),
};

describe('the form of each field kind, walked over a block', () => {
  it('starts a new value with each kind’s initial value and one item per list', () => {
    expect(newFormValue(fields)).toEqual({
      heading: '',
      body: null,
      level: 'h3',
      count: 3,
      expander: false,
      photo: null,
      study: null,
      cards: [{ title: '', href: null }],
    });
  });

  it('reads what a browser posts, lists by their count and their highest index', () => {
    const upload = new Blob(['GIF89a'], { type: 'image/gif' });
    const read = readFormFields(
      fields,
      posted([
        ['heading', 'Frailty'],
        ['body', ''],
        ['level', 'h2'],
        ['count', 'five'],
        ['expander', 'true'],
        ['photo', '7'],
        ['photo.url', '/uploads/seven.jpg'],
        ['photo.upload', upload],
        ['study', ''],
        ['cards.count', '1'],
        ['cards.0.title', 'One'],
        ['cards.1.title', 'Two'],
      ]),
    );
    expect(read.value).toEqual({
      heading: 'Frailty',
      body: null,
      level: 'h2',
      count: 'five',
      expander: true,
      photo: 7,
      study: null,
      cards: [
        { title: 'One', href: null },
        { title: 'Two', href: null },
      ],
    });
    expect(read.images).toEqual({ 7: '/uploads/seven.jpg' });
    expect(read.uploads.map(({ name, file }) => [name, file.size])).toEqual([['photo', upload.size]]);
  });

  it('finds what the schema cannot: text in a number, a required case study left unchosen', () => {
    expect(formChecks(fields, { count: 'five', study: null, cards: [{ title: 'x' }] })).toEqual({
      count: 'Enter a whole number, like 5',
      study: 'Choose a case study',
    });
  });

  it('gives each input its state, nested names for list items, and an unpublished case study kept chosen', () => {
    const inputs = formInputs(fields, { heading: 'Frailty', level: null, photo: 7, study: { documentId: 'gone1', title: 'Old study' }, cards: [{ title: 'One' }] }, context);
    const byName = Object.fromEntries(inputs.map((input) => [input.name, input]));
    expect(byName.heading).toMatchObject({ kind: 'text', value: 'Frailty', max: 60, required: true });
    expect(byName.level).toMatchObject({ kind: 'choice', value: 'h3', options: [{ value: 'h2', label: 'H2' }, { value: 'h3', label: 'H3' }] });
    expect(byName.count).toMatchObject({ kind: 'integer', value: '3' });
    expect(byName.photo).toMatchObject({ kind: 'image', current: { id: 7, url: '/uploads/seven.jpg' } });
    expect(byName.study).toMatchObject({ kind: 'case-study', value: 'gone1', options: [{ value: 'gone1', label: 'Old study' }, { value: 'abc123' }] });
    expect(byName.cards).toMatchObject({ kind: 'list', min: 1, max: 3, itemLabel: 'Card' });
    expect(byName.cards.kind === 'list' && byName.cards.items[0].map((input) => input.name)).toEqual(['cards.0.title', 'cards.0.href']);
  });

  it('shows an image address only when it is one the site serves', () => {
    const [photo] = formInputs({ photo: image() }, { photo: { id: 9, url: 'javascript:alert(1)' } }, context);
    expect(photo).toMatchObject({ kind: 'image', current: { id: 9, url: '' } });
  });
});
