import { z } from 'zod';
import { common, optionalUnless, requiredFlag, scalar, schemaDefault, textValue, type Common, type Field, type FieldKind } from './kind.ts';

/** A whole number within bounds that falls back to its default when missing (as Strapi pre-fills it). */
export function integerWithDefault(options: { min: number; max: number; default: number; description?: string; label?: string }) {
  return {
    kind: 'integer',
    schema: z
      .number()
      .int()
      .min(options.min, `Must be ${options.min} or more`)
      .max(options.max, `Must be ${options.max} or fewer`)
      .nullish()
      .transform((value) => value ?? options.default),
    ...common(options),
    required: false,
    attribute: () => ({ type: 'integer', min: options.min, max: options.max, default: options.default }),
  } satisfies Field;
}

export function integer<R extends boolean = false>(options: Common<R> & { min: number; max: number }) {
  return {
    kind: 'integer',
    schema: optionalUnless(z.number().int().min(options.min).max(options.max), options.required),
    ...common(options),
    attribute: () => ({ type: 'integer', min: options.min, max: options.max, ...requiredFlag(options.required) }),
  } satisfies Field;
}

/** A whole number, typed into a text input; an empty value is stored as the default. */
export const integerKind: FieldKind = {
  ...scalar,
  defaulted: true,
  form: {
    initial: (field) => schemaDefault(field) ?? null,
    read(posted, name) {
      const value = (posted.text(name) ?? '').trim();
      // Anything but a whole number is kept as typed, so the form shows it again with its error.
      return value === '' ? null : /^[+-]?\d{1,15}$/.test(value) ? Number(value) : value;
    },
    input: (field, common, _raw, current) => ({ kind: 'integer', ...common, required: field.required, value: textValue(current) }),
    emptyMessage: () => 'Enter a whole number',
    check: (_field, value) => (typeof value === 'string' && value !== '' ? 'Enter a whole number, like 5' : undefined),
  },
};
