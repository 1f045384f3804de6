import { z } from 'zod';
import { common, scalar, schemaDefault, textValue, type Common, type Field, type FieldKind, type PostedForm } from './kind.ts';

/** Strapi refuses enumeration values that start with a digit (they are not valid GraphQL names). */
const STRAPI_ENUM_VALUE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function choice<const T extends readonly [string, ...string[]]>(values: T, options: Common & { default: T[number] }) {
  for (const value of values) {
    if (!STRAPI_ENUM_VALUE.test(value)) throw new Error(`Choice value "${value}" must start with a letter for Strapi`);
  }
  return {
    kind: 'choice',
    values,
    // A missing choice falls back to its default rather than failing the block.
    schema: z.enum(values).nullish().transform((value) => value ?? options.default),
    ...common(options),
    required: true,
    attribute: () => ({ type: 'enumeration', enum: [...values], default: options.default, required: true }),
  } satisfies Field & { values: T };
}

/**
 * The level of a block's heading. Pages own their h1, so blocks offer h2–h4 only; the editor picks
 * the level that fits the page outline rather than the size they like.
 */
export const HEADING_LEVELS = ['h2', 'h3', 'h4'] as const;
export type HeadingLevel = (typeof HEADING_LEVELS)[number];

export function headingLevel(options: { default: HeadingLevel; description?: string }) {
  return choice(HEADING_LEVELS, {
    default: options.default,
    description: options.description ?? 'The heading level that fits the page outline: h2 for a main section, h3 or h4 inside one',
  });
}

/** The heading one level below `level`, kept within h2–h4 (used for the titles of cards under a group heading). */
export function headingBelow(level: HeadingLevel): HeadingLevel {
  return level === 'h2' ? 'h3' : 'h4';
}

/** The option posted for a radio group or a select: null when none is. */
export function readChoice(posted: PostedForm, name: string): string | null {
  const value = posted.text(name);
  return value === null || value === '' ? null : value;
}

/** One of a fixed set of values; an empty one is stored as the default, which is what the block shows. */
export const choiceKind: FieldKind = {
  ...scalar,
  defaulted: true,
  form: {
    initial: (field) => schemaDefault(field) ?? field.values?.[0] ?? null,
    read: readChoice,
    input: (field, common, _raw, current, context) => ({
      kind: 'choice',
      ...common,
      options: (field.values ?? []).map((value) => ({ value, label: context.optionLabel(value) })),
      value: textValue(current),
    }),
    emptyMessage: (label) => `Choose ${label.toLowerCase()}`,
  },
};
