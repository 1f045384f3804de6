import { blockDefinition } from '@futurenhs/blocks';

/**
 * Block fixtures are written as the CMS returns them (images as objects, a case study as its
 * fields). Strapi takes the same data with media as file ids and relations as document ids:
 * this walks the block's own field definitions to convert one into the other.
 */
export interface BlockReferences {
  imageId: number;
  caseStudyDocumentId?: string;
}

type FieldLike = { kind: string; item?: { fields: Record<string, FieldLike> } };

function convert(fields: Record<string, FieldLike>, value: Record<string, unknown>, refs: BlockReferences): Record<string, unknown> | null {
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const fieldValue = value[name];
    if (fieldValue === undefined || fieldValue === null) continue;
    if (field.kind === 'image') input[name] = refs.imageId;
    else if (field.kind === 'case-study') {
      if (!refs.caseStudyDocumentId) return null;
      input[name] = refs.caseStudyDocumentId;
    } else if (field.kind === 'list' && field.item && Array.isArray(fieldValue)) {
      const items = fieldValue.map((item) => convert(field.item!.fields, item as Record<string, unknown>, refs));
      if (items.some((item) => item === null)) return null;
      input[name] = items;
    } else input[name] = fieldValue;
  }
  return input;
}

/** Returns the Strapi input for a fixture, or null when a reference it needs is missing. */
export function blockInputFromFixture(fixture: { __component: string } & Record<string, unknown>, refs: BlockReferences) {
  const definition = blockDefinition(fixture.__component);
  if (!definition) throw new Error(`Unknown block ${fixture.__component}`);
  const input = convert(definition.fields as Record<string, FieldLike>, fixture, refs);
  return input && { __component: fixture.__component, ...input };
}
