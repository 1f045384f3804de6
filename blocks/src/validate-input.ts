import { blockDefinition } from './catalogue.ts';
import type { Field } from './lib/fields.ts';

/**
 * Validates blocks as editors and managers submit them (the CMS's input), with each block's own
 * schema, so a block the site would skip is refused when it is saved instead of silently
 * vanishing from the page. Input differs from what the CMS returns only in references: media
 * arrive as file ids or objects, relations as document ids or connect lists. Those are stood in
 * for by placeholders, and every other rule (lengths, safe links, alt text unless decorative)
 * is the schema's own.
 */
export interface BlockInputIssue {
  /** e.g. [2, 'cards', 0, 'href']: block index, then the field path within it */
  path: (string | number)[];
  message: string;
}

const PLACEHOLDER_IMAGE = { url: '/uploads/submitted-image', mime: 'image/jpeg' };
// Whether a relation is set cannot be told from an update's input ({ connect: [] } also means
// "unchanged"); the site skips a highlight without its case study, with a warning.
const PLACEHOLDER_CASE_STUDY = { title: 'Submitted case study', slug: 'submitted-case-study', summary: 'Submitted' };

type FieldLike = Pick<Field, 'kind' | 'required'> & { item?: { fields: Record<string, FieldLike> } };

function normalise(fields: Record<string, FieldLike>, value: Record<string, unknown>): Record<string, unknown> {
  const normalised: Record<string, unknown> = { ...value };
  for (const [name, field] of Object.entries(fields)) {
    const fieldValue = value[name];
    // The admin sends an emptied optional field as an empty string.
    if (fieldValue === '' && !field.required) normalised[name] = null;
    else if (field.kind === 'image') normalised[name] = fieldValue === null || fieldValue === undefined ? fieldValue : PLACEHOLDER_IMAGE;
    else if (field.kind === 'case-study') normalised[name] = PLACEHOLDER_CASE_STUDY;
    else if (field.kind === 'list' && field.item && Array.isArray(fieldValue)) {
      normalised[name] = fieldValue.map((item) =>
        item !== null && typeof item === 'object' ? normalise(field.item!.fields, item as Record<string, unknown>) : item,
      );
    }
  }
  return normalised;
}

export function validateBlockInput(blocks: unknown): BlockInputIssue[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((block, index): BlockInputIssue[] => {
    const uid = block !== null && typeof block === 'object' && '__component' in block ? String(block.__component) : '';
    const definition = blockDefinition(uid);
    if (!definition) return [{ path: [index], message: `"${uid || 'a block without a type'}" is not a block of the catalogue` }];
    const result = definition.schema.safeParse(normalise(definition.fields as Record<string, FieldLike>, block as Record<string, unknown>));
    return result.success ? [] : result.error.issues.map((issue) => ({ path: [index, ...(issue.path as (string | number)[])], message: issue.message }));
  });
}
