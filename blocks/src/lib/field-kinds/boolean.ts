import { z } from 'zod';
import { common, scalar, schemaDefault, type Common, type Field, type FieldKind } from './kind.ts';

export function boolean(options: Common & { default: boolean }) {
  return {
    kind: 'boolean',
    schema: z.boolean().nullish().transform((value) => value ?? options.default),
    ...common(options),
    required: false,
    attribute: () => ({ type: 'boolean', default: options.default }),
  } satisfies Field;
}

/** Yes or no, a checkbox; an empty value is stored as the default. */
export const booleanKind: FieldKind = {
  ...scalar,
  defaulted: true,
  form: {
    initial: (field) => schemaDefault(field) ?? false,
    read(posted, name) {
      const value = posted.text(name);
      return value !== null && value !== '' && value !== 'false';
    },
    input: (_field, common, _raw, current) => ({ kind: 'boolean', ...common, checked: current === true || current === 'true' }),
    emptyMessage: (label) => `Tick or untick ${label.toLowerCase()}`,
  },
};
