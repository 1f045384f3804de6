import { catalogue } from './catalogue.ts';

/**
 * Everything the generator writes under cms/src, as path → file content, so the script
 * and the staleness test share one source of truth.
 */
export const DYNAMIC_ZONES = [
  { schema: 'api/page/content-types/page/schema.json', attribute: 'blocks' },
  { schema: 'api/case-study/content-types/case-study/schema.json', attribute: 'body' },
] as const;

export function generatedComponentFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const block of catalogue) {
    for (const { path, json } of block.strapiComponents()) {
      files.set(`components/${path}`, `${JSON.stringify(json, null, 2)}\n`);
    }
  }
  return files;
}

/** Rewrites the dynamic zones of the content types to list the whole catalogue. */
export function withCatalogueInDynamicZone(schemaSource: string, attribute: string): string {
  const schema = JSON.parse(schemaSource);
  schema.attributes[attribute] = { type: 'dynamiczone', components: catalogue.map((block) => block.uid) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
