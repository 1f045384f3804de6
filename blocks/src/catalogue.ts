import type { z } from 'zod';
import { richText } from './rich-text/schema.ts';
import { insetText } from './inset-text/schema.ts';
import { warningCallout } from './warning-callout/schema.ts';
import { cardGroup } from './card-group/schema.ts';
import { keyLinks } from './key-links/schema.ts';
import { imageBlock } from './image/schema.ts';
import { actionLink } from './action-link/schema.ts';
import { button } from './button/schema.ts';
import { details } from './details/schema.ts';
import { summaryList } from './summary-list/schema.ts';
import { quote } from './quote/schema.ts';
import { doDontList } from './do-dont-list/schema.ts';
import { contentsList } from './contents-list/schema.ts';
import { videoEmbed } from './video-embed/schema.ts';
import { caseStudyHighlight } from './case-study-highlight/schema.ts';
import { latestDiscussions } from './latest-discussions/schema.ts';

/**
 * The block catalogue (docs/design.md#blocks), schema side only: loadable by plain Node for the
 * generator and the CMS. Add a block here and in registry.ts; the types make both exhaustive.
 * The order is the order of the block picker and of the CMS's dynamic zones.
 */
export const catalogue = [
  richText,
  insetText,
  warningCallout,
  cardGroup,
  keyLinks,
  imageBlock,
  actionLink,
  button,
  details,
  summaryList,
  quote,
  doDontList,
  contentsList,
  videoEmbed,
  caseStudyHighlight,
  latestDiscussions,
] as const;

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
