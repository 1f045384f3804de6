import { blockDefinition, mapFields, OMIT } from '@futurenhs/blocks';

/**
 * Block fixtures are written as the CMS returns them (images as objects, a case study as its
 * fields). Strapi takes the same data with media as file ids and relations as document ids: the
 * package's field walker converts one into the other, every reference pointed at the seed's own.
 */
export interface BlockReferences {
  imageId: number;
  caseStudyDocumentId?: string;
}

/** Returns the Strapi input for a fixture, or null when a reference it needs is missing. */
export function blockInputFromFixture(fixture: { __component: string } & Record<string, unknown>, refs: BlockReferences) {
  const definition = blockDefinition(fixture.__component);
  if (!definition) throw new Error(`Unknown block ${fixture.__component}`);
  let missing = false;
  const input = mapFields(
    definition.fields,
    fixture,
    ({ kind, value }) => {
      if (kind.holds === 'image') return refs.imageId;
      if (kind.holds === 'case-study') {
        missing ||= !refs.caseStudyDocumentId;
        return refs.caseStudyDocumentId ?? OMIT;
      }
      return kind.toInput(value);
    },
    { omit: ({ value }) => value === undefined || value === null },
  );
  return missing ? null : { __component: fixture.__component, ...input };
}
