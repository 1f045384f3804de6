import type { StrapiComponentFile } from './lib/define-block.ts';

/**
 * The blocks come from the generator, as it has just found them (generate-catalogue.ts), not from
 * the catalogue: so one run covers a new or deleted folder, whose catalogue.generated.ts is stale.
 */
type Blocks = readonly { uid: string; workspaceOnly?: boolean; strapiComponents(): StrapiComponentFile[] }[];

/**
 * Everything the generator writes under cms/src, as path → file content, so the script
 * and the staleness test share one source of truth.
 */
export const DYNAMIC_ZONES = [
  { schema: 'api/page/content-types/page/schema.json', attribute: 'blocks', workspace: true },
  // A case study belongs to no workspace, so blocks that show a workspace's data are not offered there.
  { schema: 'api/case-study/content-types/case-study/schema.json', attribute: 'body', workspace: false },
] as const;

export function generatedComponentFiles(blocks: Blocks): Map<string, string> {
  const files = new Map<string, string>();
  for (const block of blocks) {
    for (const { path, json } of block.strapiComponents()) {
      files.set(`components/${path}`, `${JSON.stringify(json, null, 2)}\n`);
    }
  }
  return files;
}

/** The uids a dynamic zone offers: the whole catalogue in a workspace, all but workspace-only blocks elsewhere. */
export function dynamicZoneComponents(workspace: boolean, blocks: Blocks): string[] {
  return blocks.filter((block) => workspace || !block.workspaceOnly).map((block) => block.uid);
}

/** Rewrites a dynamic zone of a content type to list the catalogue's blocks it may hold. */
export function withCatalogueInDynamicZone(schemaSource: string, attribute: string, workspace: boolean, blocks: Blocks): string {
  const schema = JSON.parse(schemaSource);
  schema.attributes[attribute] = { type: 'dynamiczone', components: dynamicZoneComponents(workspace, blocks) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
