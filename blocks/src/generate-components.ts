import { catalogue } from './catalogue.ts';

/**
 * Everything the generator writes under cms/src, as path → file content, so the script
 * and the staleness test share one source of truth.
 */
export const DYNAMIC_ZONES = [
  { schema: 'api/page/content-types/page/schema.json', attribute: 'blocks', workspace: true },
  // A case study belongs to no workspace, so blocks that show a workspace's data are not offered there.
  { schema: 'api/case-study/content-types/case-study/schema.json', attribute: 'body', workspace: false },
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

/** The uids a dynamic zone offers: the whole catalogue in a workspace, all but workspace-only blocks elsewhere. */
export function dynamicZoneComponents(workspace: boolean): string[] {
  return catalogue.filter((block) => workspace || !('workspaceOnly' in block && block.workspaceOnly)).map((block) => block.uid);
}

/** Rewrites a dynamic zone of a content type to list the catalogue's blocks it may hold. */
export function withCatalogueInDynamicZone(schemaSource: string, attribute: string, workspace = true): string {
  const schema = JSON.parse(schemaSource);
  schema.attributes[attribute] = { type: 'dynamiczone', components: dynamicZoneComponents(workspace) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
