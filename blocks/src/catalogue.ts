import type { z } from 'zod';
import { insetText } from './inset-text/schema.ts';

/**
 * The block catalogue (DESIGN.md §5), schema side only: loadable by plain Node for the
 * generator and the CMS. Add a block here and in registry.ts; the types make both exhaustive.
 */
export const catalogue = [insetText] as const;

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
