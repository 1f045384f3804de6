import { blockUids } from '@futurenhs/blocks';
import { descendants, markupProblems, parseHtml, query, queryAll, textOf, type HtmlElement, type HtmlNode } from '@futurenhs/blocks/test-support/html.ts';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import { blockForm, inputId, readBlockForm, validateBlockForm, type FormField } from '../../lib/page-builder/block-form.ts';
import BlockFields from './BlockFields.astro';
import { examples, submitted } from './block-form-examples.ts';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

async function render(fields: FormField[], props: Record<string, unknown> = {}): Promise<{ html: string; root: HtmlElement }> {
  const html = await container.renderToString(BlockFields, { props: { fields, ...props } });
  return { html, root: parseHtml(html) };
}

const all = examples();
const HOSTILE = '"><script>alert(1)</script>';

/**
 * The markup outside quoted attribute values. Astro escapes `"` and `&` in attributes and leaves
 * `<` and `>` there, which is inert: inside a quoted value they are text, not tags.
 */
function outsideAttributes(html: string): string {
  return html.replace(/"[^"]*"/g, '""');
}

/** The raw text of an element (a textarea's value as the HTML holds it), not collapsed. */
function rawText(node: HtmlNode): string {
  return typeof node === 'string' ? node : node.children.map(rawText).join('');
}

/** What a browser sends for this markup when the form is submitted without pressing a named button. */
function browserSubmission(root: HtmlElement): FormData {
  const form = new FormData();
  for (const el of descendants(root)) {
    const name = el.attrs.name;
    if (!name || 'disabled' in el.attrs) continue;
    if (el.tag === 'input') {
      const type = el.attrs.type ?? 'text';
      if (type === 'submit' || type === 'button' || type === 'image' || type === 'reset') continue;
      if (type === 'checkbox' || type === 'radio') {
        if ('checked' in el.attrs) form.append(name, el.attrs.value ?? 'on');
      } else if (type === 'file') form.append(name, new File([], '', { type: 'application/octet-stream' }));
      else form.append(name, el.attrs.value ?? '');
    } else if (el.tag === 'textarea') {
      // The HTML parser drops a textarea's first line break; browsers send line breaks as CRLF.
      form.append(name, rawText(el).replace(/^\n/, '').replace(/\r?\n/g, '\r\n'));
    } else if (el.tag === 'select') {
      const options = queryAll(el, 'option');
      const selected = options.find((option) => 'selected' in option.attrs) ?? options[0];
      if (selected) form.append(name, selected.attrs.value ?? textOf(selected));
    }
  }
  return form;
}

/** Every control a manager fills in (not hidden inputs, not buttons). */
function controls(root: HtmlElement): HtmlElement[] {
  return descendants(root).filter(
    (el) => (el.tag === 'input' && !['hidden', 'submit'].includes(el.attrs.type ?? 'text')) || el.tag === 'textarea' || el.tag === 'select',
  );
}

function studiesOf(detail: Record<string, unknown>) {
  const study = detail.caseStudy as { documentId?: string; title?: string } | null | undefined;
  return study?.documentId ? [{ documentId: study.documentId, title: study.title ?? '' }] : [];
}

describe('BlockFields renders every block’s form', () => {
  it('covers every block of the catalogue', () => {
    expect(new Set(all.map((example) => example.uid))).toEqual(new Set(blockUids));
  });

  it.each(all.map((example) => [`${example.uid} ${example.name}`, example] as const))('%s: labelled, well formed, and round-trips as submitted', async (_, example) => {
    const form = blockForm(example.uid, example.detail, {}, studiesOf(example.detail));
    const { html, root } = await render(form.fields);
    expect(markupProblems(root)).toEqual([]);
    expect(outsideAttributes(html)).not.toMatch(/<script/i);
    expect(html).not.toMatch(/type="url"/);
    const ids = new Set<string>();
    for (const control of controls(root)) {
      const id = control.attrs.id;
      expect(id, `${control.tag} ${control.attrs.name} has an id`).toBeTruthy();
      expect(ids.has(id)).toBe(false);
      ids.add(id);
      const labels = queryAll(root, `label[for=${id}]`);
      expect(labels, `one label for #${id}`).toHaveLength(1);
      expect(textOf(labels[0]).length).toBeGreaterThan(0);
      // Every aria-describedby points at something on the page.
      for (const described of (control.attrs['aria-describedby'] ?? '').split(/\s+/).filter(Boolean)) {
        expect(descendants(root).some((el) => el.attrs.id === described), `#${described} for #${id}`).toBe(true);
      }
    }
    const read = readBlockForm(example.uid, browserSubmission(root));
    expect(read.value).toEqual(example.input);
    expect(validateBlockForm(example.uid, read.value)).toEqual({});
  });
});

describe('field markup', () => {
  it('gives inputs ids from their names, and links are text inputs that accept relative paths', async () => {
    const { root } = await render(blockForm('blocks.card-group', null).fields);
    const href = query(root, 'input[id=cards-0-href]');
    expect(href.attrs).toMatchObject({ name: 'cards.0.href', type: 'text', spellcheck: 'false', autocomplete: 'off' });
    expect(textOf(query(root, 'label[for=cards-0-href]'))).toBe('Link');
    // A link says what it may start with (relative paths included), not its length.
    expect(href.attrs['aria-describedby']).toBe('cards-0-href-hint');
    expect(textOf(query(root, 'div[id=cards-0-href-hint]'))).toContain('starting with /');
    expect(textOf(query(root, 'label[for=heading]'))).toBe('Heading (optional)');
    expect(query(root, 'textarea[id=cards-0-description]').attrs.name).toBe('cards.0.description');
  });

  it('uses radios for up to four choices, a select for case studies, a checkbox for yes/no', async () => {
    const { root } = await render(blockForm('blocks.card-group', null).fields);
    const radios = queryAll(root, 'input[name=headingLevel]');
    expect(radios.map((radio) => [radio.attrs.type, radio.attrs.id, radio.attrs.value, 'checked' in radio.attrs])).toEqual([
      ['radio', 'headingLevel', 'h2', true],
      ['radio', 'headingLevel-2', 'h3', false],
      ['radio', 'headingLevel-3', 'h4', false],
    ]);
    expect(textOf(query(root, 'fieldset legend'))).toBe('Heading level');
    expect(query(root, 'input[id=cards-0-imageIsDecorative]').attrs).toMatchObject({ type: 'checkbox', value: 'true' });
    const { root: highlight } = await render(blockForm('blocks.case-study-highlight', null, {}, [{ documentId: 'cs1', title: 'Leeds' }]).fields);
    const select = query(highlight, 'select[id=caseStudy]');
    expect(queryAll(select, 'option').map((option) => [option.attrs.value, textOf(option)])).toEqual([
      ['', 'Choose a case study'],
      ['cs1', 'Leeds'],
    ]);
  });

  it('renders an image as its current image, a file input for images and a remove box when optional', async () => {
    const { root } = await render(
      blockForm('blocks.card-group', { cards: [{ title: 'T', href: '/t', image: { id: 7, url: '/uploads/a.jpg' }, imageAltText: 'A ward' }] }).fields,
    );
    expect(query(root, 'input[name=cards.0.image]').attrs).toMatchObject({ type: 'hidden', value: '7' });
    expect(query(root, 'img').attrs).toMatchObject({ src: '/uploads/a.jpg', alt: '' });
    expect(query(root, 'input[id=cards-0-image]').attrs).toMatchObject({
      type: 'file',
      name: 'cards.0.image.upload',
      accept: 'image/jpeg,image/png,image/webp,image/gif',
    });
    expect(query(root, 'input[id=cards-0-image-remove]').attrs).toMatchObject({ type: 'checkbox', name: 'cards.0.image.remove' });
    const { root: required } = await render(blockForm('blocks.image', { image: { id: 7, url: '/uploads/a.jpg' } }).fields);
    expect(queryAll(required, 'input[type=checkbox]').map((box) => box.attrs.name)).toEqual(['isDecorative']);
  });

  it('puts each list item in a fieldset with Remove, and an "Add another" button, all named listAction', async () => {
    const { root } = await render(
      blockForm('blocks.card-group', { cards: [{ title: 'One', href: '/1' }, { title: 'Two', href: '/2' }] }).fields,
    );
    expect(query(root, 'fieldset[id=cards] legend').children.length).toBeGreaterThan(0);
    expect(queryAll(root, 'fieldset[id=cards-1] legend').map(textOf)).toContain('Card 2');
    const buttons = queryAll(root, 'button[name=listAction]');
    expect(buttons.map((button) => [button.attrs.value, textOf(button)])).toEqual([
      ['remove:cards:0', 'Remove card 1'],
      ['remove:cards:1', 'Remove card 2'],
      ['add:cards', 'Add another card'],
    ]);
    // Enter in a text input "clicks" the first submit button: a plain save, not a Remove.
    const first = queryAll(root, 'button')[0];
    expect(first.attrs).toMatchObject({ type: 'submit', 'aria-hidden': 'true', tabindex: '-1' });
    expect(first.attrs.name).toBeUndefined();
    // At the minimum, items cannot be removed.
    const { root: one } = await render(blockForm('blocks.card-group', { cards: [{ title: 'One', href: '/1' }] }).fields);
    expect(queryAll(one, 'button[name=listAction]').map((button) => button.attrs.value)).toEqual(['add:cards']);
  });
});

describe('errors', () => {
  it('shows each error inline with NHS markup, tied to its input', async () => {
    for (const uid of blockUids) {
      const empty = blockForm(uid, null);
      const names: string[] = [];
      const walk = (fields: FormField[]) =>
        fields.forEach((field) => {
          names.push(field.name);
          if (field.kind === 'list') field.items.forEach(walk);
        });
      walk(empty.fields);
      const errors = Object.fromEntries(names.map((name) => [name, `Problem with ${name}`]));
      const { root } = await render(blockForm(uid, null, errors).fields);
      for (const name of names) {
        const id = inputId(name);
        const message = query(root, `span[id=${id}-error]`);
        expect(message.attrs.class).toBe('nhsuk-error-message');
        expect(textOf(message)).toBe(`Error: Problem with ${name}`);
        expect(textOf(query(message, 'span.nhsuk-u-visually-hidden'))).toBe('Error:');
        let group = message.parent;
        while (group && !(group.attrs.class ?? '').split(' ').includes('nhsuk-form-group')) group = group.parent;
        expect(group?.attrs.class, `${uid} ${name}`).toContain('nhsuk-form-group--error');
        // The error summary links to #id: something on the page has it, described by the message.
        const target = descendants(root).find((el) => el.attrs.id === id);
        expect(target, `${uid} #${id}`).toBeDefined();
        const describedBy = target!.tag === 'input' && target!.attrs.type === 'radio' ? target!.parent!.parent!.parent! : target!;
        expect(describedBy.attrs['aria-describedby'] ?? '', `${uid} #${id}`).toContain(`${id}-error`);
      }
    }
  });
});

describe('hostile values', () => {
  it('are escaped in every kind of input, and come back unchanged', async () => {
    for (const uid of blockUids) {
      const form = blockForm(uid, null);
      const posted = submitted(form.fields);
      for (const [name, value] of [...posted.entries()]) {
        if (typeof value === 'string' && !name.endsWith('.count') && !/^(headingLevel|columns|variant|type|count|sort)$/.test(name.split('.').pop()!)) posted.set(name, HOSTILE);
      }
      const read = readBlockForm(uid, posted);
      const { html, root } = await render(blockForm(uid, read.value, { heading: HOSTILE }, [{ documentId: 'cs1', title: HOSTILE }]).fields);
      expect(outsideAttributes(html)).not.toContain('<script');
      expect(markupProblems(root)).toEqual([]);
      expect(readBlockForm(uid, browserSubmission(root)).value).toEqual(read.value);
    }
    const { html } = await render(blockForm('blocks.image', { altText: HOSTILE, caption: HOSTILE }).fields);
    expect(html).toContain('value="&quot;><script>alert(1)</script>"');
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</textarea>');
  });
});
