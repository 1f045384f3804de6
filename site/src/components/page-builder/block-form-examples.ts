import { catalogue, emptyValueOf, mapFields, type BlockUid, type Fields } from '@futurenhs/blocks';
import { allFixtures } from '@futurenhs/blocks/fixtures.ts';
import type { FormField } from '../../lib/page-builder/block-form.ts';

/**
 * Test support for the block forms (block-form.test.ts, BlockFields.test.ts): every fixture of the
 * catalogue as the CMS's page detail returns it, the same in the block input form the CMS takes,
 * and what a browser submits for a form. Iterates the catalogue, so a new block is covered.
 */
export interface Example {
  uid: BlockUid;
  name: string;
  /** As PageDetail.blocks: media `{ id, url, ... }`, case study `{ documentId, title, ... }`. */
  detail: Record<string, unknown>;
  /** The block input form: media as ids, case studies as document ids, empty values as the form reads them. */
  input: Record<string, unknown>;
}

function fieldsOf(uid: BlockUid): Fields {
  return catalogue.find((block) => block.uid === uid)!.fields;
}

let nextImageId = 9000;
/** The CMS returns every media with its id; a few fixtures leave it out. */
function withImageIds(fields: Fields, value: Record<string, unknown>): Record<string, unknown> {
  return mapFields(
    fields,
    value,
    ({ kind, value: raw }) =>
      kind.holds === 'image' && raw && typeof raw === 'object' && !('id' in raw && typeof raw.id === 'number') ? { ...raw, id: nextImageId++ } : raw,
    { keepOthers: true, invalidList: 'keep' },
  );
}

/**
 * The input form a block's form reads back: empty optional values are null, fields with a default
 * (choices, booleans, textWithDefault, integerWithDefault) hold it, ids of parts are gone.
 */
export function inputForm(fields: Fields, value: Record<string, unknown>): Record<string, unknown> {
  return mapFields(fields, value, ({ field, kind, value: raw }) => (raw === null || raw === undefined || raw === '' ? emptyValueOf(field) : kind.toInput(raw)));
}

export function examples(): Example[] {
  return catalogue.flatMap((definition) =>
    Object.entries(allFixtures[definition.uid] as Record<string, Record<string, unknown>>).map(([name, fixture]) => {
      const detail = withImageIds(fieldsOf(definition.uid), fixture);
      return { uid: definition.uid, name, detail, input: { __component: definition.uid, ...inputForm(fieldsOf(definition.uid), detail) } };
    }),
  );
}

/**
 * What a browser submits for these fields as BlockFields renders them (no button pressed):
 * textareas with CRLF line breaks, ticked boxes only, an empty file part for each file input.
 */
export function submitted(fields: FormField[], form = new FormData()): FormData {
  for (const field of fields) {
    switch (field.kind) {
      case 'multiline':
      case 'markdown':
        form.append(field.name, field.value.replace(/\n/g, '\r\n'));
        break;
      case 'text':
      case 'url':
      case 'integer':
        form.append(field.name, field.value);
        break;
      case 'boolean':
        if (field.checked) form.append(field.name, 'true');
        break;
      case 'choice':
        // Radios send only the checked one; a select always sends one (the first when none is selected).
        if (field.options.some((option) => option.value === field.value)) form.append(field.name, field.value);
        else if (field.options.length > 4) form.append(field.name, field.options[0].value);
        break;
      case 'case-study':
        form.append(field.name, field.options.some((option) => option.value === field.value) ? field.value : '');
        break;
      case 'image':
        if (field.current) {
          form.append(field.name, String(field.current.id));
          if (field.current.url) form.append(`${field.name}.url`, field.current.url);
        }
        form.append(`${field.name}.upload`, new File([], '', { type: 'application/octet-stream' }));
        break;
      case 'list':
        form.append(`${field.name}.count`, String(field.items.length));
        for (const item of field.items) submitted(item, form);
        break;
      default:
        throw new Error(`No submission for ${(field as { kind: string }).kind}`);
    }
  }
  return form;
}

/** The FormField with this input name, anywhere in the form. */
export function fieldNamed(fields: FormField[], name: string): FormField | undefined {
  for (const field of fields) {
    if (field.name === name) return field;
    if (field.kind === 'list') {
      for (const item of field.items) {
        const found = fieldNamed(item, name);
        if (found) return found;
      }
    }
  }
  return undefined;
}
