import { blockDefinition } from './catalogue.ts';
import { mapFields, type Fields, type FieldValues } from './lib/walk-fields.ts';

/**
 * Validates blocks as editors and managers submit them (the CMS's input), with each block's own
 * schema, so a block the site would skip is refused when it is saved instead of silently
 * vanishing from the page. Input differs from what the CMS returns only in references: media
 * arrive as file ids or objects, relations as document ids or connect lists. Each kind stands a
 * placeholder in for those, and every other rule (lengths, safe links, alt text unless
 * decorative) is the schema's own.
 */
export interface BlockInputIssue {
  /** e.g. [2, 'cards', 0, 'href']: block index, then the field path within it */
  path: (string | number)[];
  message: string;
}

/**
 * The block's input as its schema is given it: each field's kind stands a record in for a
 * reference (field-kinds/*: `standIn`), and an emptied optional field, which the admin sends as
 * an empty string, is the CMS's empty value.
 */
function standIns(fields: Fields, value: FieldValues): FieldValues {
  return mapFields(fields, value, ({ field, kind, value: raw }) => (raw === '' && !field.required ? null : kind.standIn(raw)), {
    invalidList: 'keep',
    keepOthers: true,
  });
}

export function validateBlockInput(blocks: unknown): BlockInputIssue[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block, index): BlockInputIssue[] => {
    const uid = block !== null && typeof block === 'object' && '__component' in block ? String(block.__component) : '';
    const definition = blockDefinition(uid);
    if (!definition) return [{ path: [index], message: `"${uid || 'a block without a type'}" is not a block of the catalogue` }];
    const result = definition.schema.safeParse(standIns(definition.fields as unknown as Fields, block as FieldValues));
    return result.success ? [] : result.error.issues.map((issue) => ({ path: [index, ...(issue.path as (string | number)[])], message: issue.message }));
  });
}
