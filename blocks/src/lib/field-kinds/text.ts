import { z } from 'zod';
import {
  BIDI_CONTROLS,
  common,
  optionalUnless,
  plainText,
  plainWords,
  requiredFlag,
  scalar,
  schemaDefault,
  textValue,
  type Common,
  type Field,
  type FieldKind,
  type KindForm,
} from './kind.ts';

/** A single line of plain text. */
export function text<R extends boolean = false>(options: Common<R> & { max: number; min?: number }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema: z.ZodString = options.required ? base.min(options.min ?? 1, 'Enter a value') : base;
  return {
    kind: 'text',
    schema: optionalUnless(plainText(schema), options.required),
    ...common(options),
    attribute: () => ({ type: options.max > 255 ? 'text' : 'string', maxLength: options.max, ...requiredFlag(options.required) }),
  } satisfies Field;
}

/**
 * A single line of plain text with a default: Strapi pre-fills it for the editor, and an empty or
 * missing value (a block saved before the field existed, or cleared) renders as the default, so
 * the renderer always has text.
 */
export function textWithDefault(options: { max: number; default: string; description?: string; label?: string }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  return {
    kind: 'text',
    schema: plainText(base)
      .nullish()
      .transform((value) => value || options.default),
    ...common(options),
    attribute: () => ({ type: options.max > 255 ? 'text' : 'string', maxLength: options.max, default: options.default }),
  } satisfies Field;
}

/** Plain text over several lines (no formatting). */
export function multiline<R extends boolean = false>(options: Common<R> & { max: number }) {
  const base = z.string().trim().max(options.max, `Must be ${options.max} characters or fewer`);
  const schema: z.ZodString = options.required ? base.min(1, 'Enter a value') : base;
  return {
    kind: 'multiline',
    schema: optionalUnless(plainText(schema), options.required),
    ...common(options),
    attribute: () => ({ type: 'text', maxLength: options.max, ...requiredFlag(options.required) }),
  } satisfies Field;
}

/** The maximum length the field's Strapi attribute carries, which the input shows. */
function maxLength(field: Field): number | undefined {
  const attribute = field.attribute({ blockName: 'page-builder', fieldName: 'field', parts: [] });
  return typeof attribute.maxLength === 'number' ? attribute.maxLength : undefined;
}

/** The form of every kind typed as text (plain text, Markdown, links): one text input or textarea. */
export const textForm: KindForm = {
  // As the untouched form reads back: a required field empty, an optional one null.
  initial: (field) => schemaDefault(field) ?? (field.required ? '' : null),
  read(posted, name, field) {
    const value = posted.text(name) ?? '';
    // An emptied optional field is the CMS's empty value; a required one stays '' for its "Enter…" message.
    return value === '' && !field.required ? null : value;
  },
  input(field, common, _raw, current) {
    const max = maxLength(field);
    return { kind: field.kind as 'text', ...common, required: field.required, ...(max ? { max } : {}), value: textValue(current) };
  },
  emptyMessage: (label) => `Enter ${label.toLowerCase()}`,
};

/** Plain text: stored without Unicode direction overrides, read as its words. */
export const textKind: FieldKind = {
  ...scalar,
  clean: (value) => ({ value: typeof value === 'string' ? value.replace(BIDI_CONTROLS, '') : value }),
  plainText: plainWords,
  form: textForm,
};
