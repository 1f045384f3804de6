import type { z } from 'zod';
import { catalogue } from './catalogue.generated.ts';

/**
 * The block catalogue (docs/design.md#blocks), schema side only: loadable by plain Node for the
 * generator and the CMS. It is found from the folders, each block's `src/<name>/` (see
 * generate-catalogue.ts), in the order of each definition's `order`: the order of the block picker
 * and of the CMS's dynamic zones. `liveLoaders` are the live blocks' loaders (live.ts).
 */
export { catalogue, liveLoaders } from './catalogue.generated.ts';

export type CatalogueBlock = (typeof catalogue)[number];
export type BlockUid = CatalogueBlock['uid'];
export type BlockData = { [B in CatalogueBlock as B['uid']]: z.output<B['schema']> }[BlockUid];
export type BlockOf<U extends BlockUid> = Extract<BlockData, { __component: U }>;
export type BlockInput<U extends BlockUid> = z.input<Extract<CatalogueBlock, { uid: U }>['schema']>;

export const blockUids = catalogue.map((block) => block.uid) as BlockUid[];

const byUid = new Map<string, CatalogueBlock>(catalogue.map((block) => [block.uid, block]));

export function blockDefinition(uid: string): CatalogueBlock | undefined {
  return byUid.get(uid);
}

/**
 * What the CMS client asks Strapi for, for a dynamic zone of blocks: each block's own
 * media, parts and relations, and nothing else (no populate=*).
 */
export function blocksPopulate() {
  return { on: Object.fromEntries(catalogue.map((block) => [block.uid, block.populate()])) };
}
