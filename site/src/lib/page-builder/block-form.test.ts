import { blockUids, catalogue, type BlockUid } from '@futurenhs/blocks';
import { ALT_TEXT_MESSAGE } from '@futurenhs/blocks/lib/rules.ts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { examples, fieldNamed, submitted } from '../../components/page-builder/block-form-examples.ts';
import {
  applyListAction,
  blockCatalogue,
  blockForm,
  errorSummaryItems,
  formFieldsFor,
  inputId,
  inputNameFor,
  newBlockValue,
  readBlockForm,
  readFormFields,
  sentenceCase,
  validateBlockForm,
  type Fields,
  type FormField,
} from './block-form.ts';
import { setAtPath } from './blocks.ts';

const all = examples();
/** The case studies a manager could choose from: those of the fixtures. */
const studies = [
  ...new Map(
    all.flatMap((example) => {
      const study = example.detail.caseStudy as { documentId?: string; title?: string } | null | undefined;
      return study?.documentId ? [[study.documentId, { documentId: study.documentId, title: study.title ?? '' }] as const] : [];
    }),
  ).values(),
];

/** Every input name of a form, depth first, as the page shows them. */
function names(fields: FormField[]): string[] {
  return fields.flatMap((field) => [field.name, ...(field.kind === 'list' ? field.items.flatMap(names) : [])]);
}

function post(fields: FormField[], extra: Record<string, string> = {}): FormData {
  const form = submitted(fields);
  for (const [name, value] of Object.entries(extra)) form.append(name, value);
  return form;
}

describe('every fixture of the catalogue round-trips through its form', () => {
  it('covers every block of the catalogue', () => {
    expect(new Set(all.map((example) => example.uid))).toEqual(new Set(blockUids));
  });

  it.each(all.map((example) => [`${example.uid} ${example.name}`, example] as const))('%s', (_, example) => {
    const form = blockForm(example.uid, example.detail, {}, studies);
    expect(form.uid).toBe(example.uid);
    const read = readBlockForm(example.uid, submitted(form.fields));
    expect(read.value).toEqual(example.input);
    expect(read.listAction).toBeNull();
    expect(read.uploads).toEqual([]);
    expect(validateBlockForm(example.uid, read.value)).toEqual({});
    // Shown again from the input form (after an error elsewhere), nothing changes.
    const again = blockForm(example.uid, read.value, {}, studies, { images: read.images });
    expect(again.fields).toEqual(form.fields);
  });
});

describe('labels, hints and inputs come from the field definitions', () => {
  it('labels fields in sentence case, with readable overrides', () => {
    expect(sentenceCase('imageAltText')).toBe('Image alt text');
    const card = blockForm('blocks.card-group', null).fields.find((field) => field.name === 'cards');
    expect(card?.kind === 'list' && card.items[0].map((field) => field.label)).toEqual([
      'Title',
      'Description',
      'Link',
      'Image',
      'Image alt text',
      'The image is decorative',
    ]);
    expect(card?.kind === 'list' && card.itemLabel).toBe('Card');
    expect(fieldNamed(blockForm('blocks.latest-discussions', null).fields, 'count')?.label).toBe('Number of discussions');
  });

  it('takes hints from descriptions and limits from the schema', () => {
    const fields = blockForm('blocks.card-group', null).fields;
    expect(fieldNamed(fields, 'heading')).toMatchObject({ kind: 'text', hint: 'Optional heading above the cards', required: false, max: 120 });
    expect(fieldNamed(fields, 'cards.0.title')).toMatchObject({ kind: 'text', required: true, max: 100 });
    expect(fieldNamed(fields, 'cards.0.href')).toMatchObject({ kind: 'url', required: true, max: 2000 });
    expect(fieldNamed(fields, 'cards')).toMatchObject({ kind: 'list', min: 1, max: 12 });
    expect(fieldNamed(fields, 'columns')).toMatchObject({
      kind: 'choice',
      options: [
        { value: 'two', label: 'Two' },
        { value: 'three', label: 'Three' },
        { value: 'four', label: 'Four' },
      ],
    });
    expect(fieldNamed(blockForm('blocks.rich-text', null).fields, 'body')).toMatchObject({ kind: 'markdown', required: true, max: 20000 });
  });

  it('starts a new block with the schema’s defaults and lists with their minimum (at least one) items', () => {
    for (const uid of blockUids) {
      const form = blockForm(uid, null);
      const definition = catalogue.find((block) => block.uid === uid)!;
      for (const [name, field] of Object.entries(definition.fields) as unknown as [string, { kind: string; min?: number }][]) {
        const formField = fieldNamed(form.fields, name)!;
        expect(formField, `${uid} ${name}`).toBeDefined();
        if (field.kind === 'list' && formField.kind === 'list') expect(formField.items).toHaveLength(Math.max(field.min ?? 0, 1));
      }
      // A new block's form, submitted untouched, reads back as the new block's value.
      expect(readBlockForm(uid, submitted(form.fields)).value).toEqual(newBlockValue(uid));
    }
    const latest = blockForm('blocks.latest-discussions', null).fields;
    expect(fieldNamed(latest, 'heading')).toMatchObject({ value: 'Latest discussions' });
    expect(fieldNamed(latest, 'headingLevel')).toMatchObject({ value: 'h2' });
    expect(fieldNamed(latest, 'count')).toMatchObject({ kind: 'integer', value: '5' });
    expect(fieldNamed(blockForm('blocks.button', null).fields, 'variant')).toMatchObject({ value: 'primary' });
    expect(fieldNamed(blockForm('blocks.details', null).fields, 'expander')).toMatchObject({ kind: 'boolean', checked: false });
    const contents = fieldNamed(blockForm('blocks.contents-list', null).fields, 'items');
    expect(contents?.kind === 'list' && contents.items).toHaveLength(2);
  });

  it('offers case studies to choose from, keeping a chosen one that is no longer offered', () => {
    const studies = [{ documentId: 'cs1', title: 'Leeds frailty ward' }];
    expect(fieldNamed(blockForm('blocks.case-study-highlight', null, {}, studies).fields, 'caseStudy')).toMatchObject({
      kind: 'case-study',
      required: true,
      value: '',
      options: [{ value: 'cs1', label: 'Leeds frailty ward' }],
    });
    const chosen = fieldNamed(blockForm('blocks.case-study-highlight', { caseStudy: 'gone1' }, {}, studies).fields, 'caseStudy');
    expect(chosen).toMatchObject({ value: 'gone1' });
    expect(chosen?.kind === 'case-study' && chosen.options.map((option) => option.value)).toEqual(['gone1', 'cs1']);
  });

  it('shows the current image from the CMS, or by id with the address the form carried', () => {
    const fromCms = blockForm('blocks.image', { image: { id: 12, url: '/uploads/a.jpg', width: 10, height: 10, mime: 'image/jpeg' } });
    expect(fieldNamed(fromCms.fields, 'image')).toMatchObject({ kind: 'image', required: true, current: { id: 12, url: '/uploads/a.jpg' } });
    expect(fieldNamed(blockForm('blocks.image', { image: 12 }, {}, [], { images: { 12: '/uploads/a.jpg' } }).fields, 'image')).toMatchObject({
      current: { id: 12, url: '/uploads/a.jpg' },
    });
    expect(fieldNamed(blockForm('blocks.image', { image: { id: 12, url: '' } }, {}, [], { images: { 12: '/uploads/a.jpg' } }).fields, 'image')).toMatchObject({
      current: { id: 12, url: '/uploads/a.jpg' },
    });
    // An address that is not the site's or https is never shown back.
    expect(fieldNamed(blockForm('blocks.image', { image: { id: 3, url: 'javascript:alert(1)' } }).fields, 'image')).toMatchObject({
      current: { id: 3, url: '' },
    });
  });
});

describe('reading the posted form', () => {
  it('lists chosen files to upload, and removes an optional image when asked', () => {
    const detail = all.find((example) => example.uid === 'blocks.card-group' && example.name === 'threeColumnsWithImages')!.detail;
    const fields = blockForm('blocks.card-group', detail).fields;
    const form = post(fields, { 'cards.0.image.remove': 'true' });
    form.set('cards.2.image.upload', new File(['GIF89a'], 'chart.gif', { type: 'image/gif' }));
    const read = readBlockForm('blocks.card-group', form);
    const cards = read.value.cards as Record<string, unknown>[];
    expect(cards[0].image).toBeNull();
    expect(cards[1].image).toBe(8);
    expect(read.uploads.map((upload) => upload.name)).toEqual(['cards.2.image']);
    expect(read.uploads[0].file.name).toBe('chart.gif');
    setAtPath(read.value, read.uploads[0].name, 41);
    expect(cards[2].image).toBe(41);
  });

  it('keeps what was typed, as typed (spaces, markup, non-numbers), apart from the browser’s CRLF', () => {
    const fields = blockForm('blocks.latest-discussions', null).fields;
    const form = post(fields);
    form.set('heading', '  <b>Talk</b>  ');
    form.set('count', 'five');
    const read = readBlockForm('blocks.latest-discussions', form);
    expect(read.value).toMatchObject({ heading: '  <b>Talk</b>  ', count: 'five' });
    const errors = validateBlockForm('blocks.latest-discussions', read.value);
    expect(errors).toEqual({ count: 'Enter a whole number, like 5' });
    expect(fieldNamed(blockForm('blocks.latest-discussions', read.value, errors).fields, 'count')).toMatchObject({ value: 'five', error: errors.count });
  });

  it('ignores list actions that name no list of the block', () => {
    const fields = blockForm('blocks.card-group', null).fields;
    for (const action of ['add:heading', 'remove:heading:0', 'add:__proto__', 'add:cards.0.title', 'remove:cards', 'delete:cards:0', 'add:cards:1']) {
      expect(readBlockForm('blocks.card-group', post(fields, { listAction: action })).listAction, action).toBeNull();
    }
  });
});

describe('list actions add and remove items and keep every other value', () => {
  const withLists = all.filter((example) => Object.values(example.input).some(Array.isArray));

  it('is tested on every block with a list', () => {
    const uids = new Set(withLists.map((example) => example.uid));
    for (const definition of catalogue) {
      if (Object.values(definition.fields).some((field) => field.kind === 'list')) expect(uids).toContain(definition.uid);
    }
  });

  it.each(withLists.map((example) => [`${example.uid} ${example.name}`, example] as const))('%s', (_, example) => {
    const fields = blockForm(example.uid, example.detail).fields;
    for (const list of fields.filter((field) => field.kind === 'list')) {
      const items = example.input[list.name] as unknown[];
      const add = readBlockForm(example.uid, post(fields, { listAction: `add:${list.name}` }));
      expect(add.listAction).toEqual({ list: list.name, action: 'add' });
      if (items.length < list.max) {
        const added = add.value[list.name] as unknown[];
        expect(added.slice(0, -1)).toEqual(items);
        expect(added).toHaveLength(items.length + 1);
        expect({ ...add.value, [list.name]: items }).toEqual(example.input);
        // The new item's inputs are there, with their defaults.
        const again = fieldNamed(blockForm(example.uid, add.value).fields, list.name);
        expect(again?.kind === 'list' && again.items).toHaveLength(items.length + 1);
      }
      const last = items.length - 1;
      const remove = readBlockForm(example.uid, post(fields, { listAction: `remove:${list.name}:0` }));
      expect(remove.listAction).toEqual({ list: list.name, action: 'remove', index: 0 });
      if (items.length > list.min) {
        expect(remove.value[list.name]).toEqual(items.slice(1));
        expect({ ...remove.value, [list.name]: items }).toEqual(example.input);
      } else {
        // Not below the list's minimum: nothing changes.
        expect(remove.value).toEqual(example.input);
      }
      expect(last).toBeGreaterThanOrEqual(0);
    }
  });

  it('moves a chosen file up with its item when an earlier item is removed, and drops the removed item’s', () => {
    const detail = all.find((example) => example.uid === 'blocks.card-group' && example.name === 'threeColumnsWithImages')!.detail;
    const form = post(blockForm('blocks.card-group', detail).fields, { listAction: 'remove:cards:1' });
    form.set('cards.1.image.upload', new File(['x'], 'one.png', { type: 'image/png' }));
    form.set('cards.2.image.upload', new File(['y'], 'two.png', { type: 'image/png' }));
    const read = readBlockForm('blocks.card-group', form);
    expect(read.uploads.map((upload) => [upload.name, upload.file.name])).toEqual([['cards.1.image', 'two.png']]);
    expect((read.value.cards as unknown[]).length).toBe(2);
  });

  it('adds no item beyond the maximum', () => {
    const full = { ...newBlockValue('blocks.card-group'), cards: Array.from({ length: 12 }, () => ({ title: 'T', href: '/t' })) };
    expect((applyListAction('blocks.card-group', full, { list: 'cards', action: 'add' }).cards as unknown[]).length).toBe(12);
  });
});

describe('validation errors map to the inputs they belong to', () => {
  it('maps issue paths to input names and ids', () => {
    expect(inputNameFor(['cards', 2, 'href'])).toBe('cards.2.href');
    expect(inputNameFor(['heading'])).toBe('heading');
    expect(inputId('cards.2.href')).toBe('cards-2-href');
  });

  it('puts each schema error on its input, with messages a manager can act on', () => {
    const value = {
      ...newBlockValue('blocks.card-group'),
      heading: 'x'.repeat(121),
      cards: [
        { title: 'Fine', href: '/fine', image: null, imageAltText: null, imageIsDecorative: false, description: null },
        { title: '', href: 'javascript:alert(1)', image: 7, imageAltText: null, imageIsDecorative: false, description: null },
      ],
    };
    const errors = validateBlockForm('blocks.card-group', value);
    expect(errors).toEqual({
      heading: 'Must be 120 characters or fewer',
      'cards.1.title': 'Enter a value',
      'cards.1.href': 'Enter a web address starting with https://, or a path on this site starting with /',
      'cards.1.imageAltText': ALT_TEXT_MESSAGE,
    });
    const form = blockForm('blocks.card-group', value, errors);
    expect(fieldNamed(form.fields, 'cards.1.href')).toMatchObject({ error: errors['cards.1.href'], value: 'javascript:alert(1)' });
    expect(fieldNamed(form.fields, 'cards.0.href')?.error).toBeUndefined();
    expect(errorSummaryItems(form, errors, '#block-form')).toEqual([
      { text: errors.heading, href: '#heading' },
      { text: errors['cards.1.title'], href: '#cards-1-title' },
      { text: errors['cards.1.href'], href: '#cards-1-href' },
      { text: ALT_TEXT_MESSAGE, href: '#cards-1-imageAltText' },
    ]);
  });

  it('says what to do about empty required images, case studies and lists', () => {
    expect(validateBlockForm('blocks.image', { ...newBlockValue('blocks.image'), altText: 'A ward' })).toEqual({ image: 'Choose an image' });
    expect(validateBlockForm('blocks.case-study-highlight', newBlockValue('blocks.case-study-highlight'))).toEqual({ caseStudy: 'Choose a case study' });
    expect(validateBlockForm('blocks.key-links', { ...newBlockValue('blocks.key-links'), heading: 'Links', links: [] })).toEqual({
      links: 'Add at least one item',
    });
    expect(validateBlockForm('blocks.latest-discussions', { ...newBlockValue('blocks.latest-discussions'), count: 11 })).toEqual({
      count: 'Must be 10 or fewer',
    });
  });

  it('keeps the CMS’s errors on the block’s inputs too (paths without the leading blocks, i)', () => {
    const cmsIssue = { path: ['blocks', 3, 'rows', 1, 'value'], message: 'Enter some text' };
    const name = inputNameFor(cmsIssue.path.slice(2));
    const form = blockForm('blocks.summary-list', { rows: [{ key: 'a', value: 'b' }, { key: 'c', value: '' }] }, { [name]: cmsIssue.message });
    expect(fieldNamed(form.fields, 'rows.1.value')?.error).toBe('Enter some text');
  });
});

describe('hostile input', () => {
  const hostile = ['"><script>alert(1)</script>', "' onmouseover='alert(1)", '&amp; &lt;b&gt;', '\u202Egnp.exe', '  {{constructor}}  '];

  it.each(blockUids.map((uid) => [uid] as const))('%s: every text input round-trips hostile strings unchanged', (uid: BlockUid) => {
    for (const text of hostile) {
      const form = blockForm(uid, null);
      const textNames = names(form.fields).filter((name) => {
        const field = fieldNamed(form.fields, name);
        return field?.kind === 'text' || field?.kind === 'multiline' || field?.kind === 'markdown' || field?.kind === 'url';
      });
      expect(textNames.length).toBeGreaterThan(0);
      const posted = submitted(form.fields);
      for (const name of textNames) posted.set(name, text);
      const read = readBlockForm(uid, posted);
      const shown = blockForm(uid, read.value);
      for (const name of textNames) expect(fieldNamed(shown.fields, name)).toMatchObject({ value: text });
    }
  });
});

describe('a field kind the catalogue does not know', () => {
  it('is an error, never a field silently left out of the form', () => {
    // A definition as a block would declare it, with a kind no module of blocks/src/lib/field-kinds owns.
    const fields = { rating: { kind: 'rating', required: false, schema: z.number().nullish(), attribute: () => ({ type: 'integer' }) } } as unknown as Fields;
    expect(() => formFieldsFor(fields, null)).toThrow('Unknown field kind "rating"');
    expect(() => formFieldsFor(fields, { rating: 3 })).toThrow('kind "rating"');
    expect(() => readFormFields(fields, new FormData())).toThrow('kind "rating"');
  });
});

describe('the block catalogue for "Add a block"', () => {
  it('groups every block by its group, in catalogue order, with its description and README guidance', () => {
    const groups = blockCatalogue({ workspacePage: true });
    expect(groups.flatMap((group) => group.blocks.map((block) => block.uid))).toEqual(
      [...new Set(catalogue.map((block) => block.group))].flatMap((group) => catalogue.filter((block) => block.group === group).map((block) => block.uid)),
    );
    expect(groups.map((group) => group.group)).toEqual([...new Set(catalogue.map((block) => block.group))]);
    for (const group of groups) {
      for (const block of group.blocks) {
        const definition = catalogue.find((entry) => entry.uid === block.uid)!;
        expect(block.displayName).toBe(definition.displayName);
        expect(block.description).toBe(definition.description);
        expect(block.guidance).toContain('## When to use');
        expect(block.guidance).toContain('## Accessibility');
        expect(block.guidance).not.toMatch(/^# /);
      }
    }
  });

  it('leaves out blocks that show a workspace’s own data where there is no workspace', () => {
    const uids = blockCatalogue({ workspacePage: false }).flatMap((group) => group.blocks.map((block) => block.uid));
    expect(uids).not.toContain('blocks.latest-discussions');
    expect(uids).toContain('blocks.rich-text');
  });
});
