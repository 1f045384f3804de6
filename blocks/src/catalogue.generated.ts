// Generated from the block folders by `pnpm generate:components` (src/generate-catalogue.ts): do not edit.
// The catalogue itself, loadable by plain Node (the generator, the CMS): no renderers, no fixtures.

import { richText } from './rich-text/schema.ts';
import { insetText } from './inset-text/schema.ts';
import { warningCallout } from './warning-callout/schema.ts';
import { cardGroup } from './card-group/schema.ts';
import { keyLinks } from './key-links/schema.ts';
import { imageBlock } from './image/schema.ts';
import { actionLink } from './action-link/schema.ts';
import { button } from './button/schema.ts';
import { details } from './details/schema.ts';
import { tabs } from './tabs/schema.ts';
import { summaryList } from './summary-list/schema.ts';
import { quote } from './quote/schema.ts';
import { doDontList } from './do-dont-list/schema.ts';
import { contentsList } from './contents-list/schema.ts';
import { videoEmbed } from './video-embed/schema.ts';
import { caseStudyHighlight } from './case-study-highlight/schema.ts';
import { latestDiscussions } from './latest-discussions/schema.ts';
import { fileList } from './file-list/schema.ts';
import { latestDiscussionsLoader } from './latest-discussions/live.ts';
import { fileListLoader } from './file-list/live.ts';

/** Every block's definition, in the order of the block picker and of the CMS's dynamic zones (each definition's `order`). */
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
  tabs,
  summaryList,
  quote,
  doDontList,
  contentsList,
  videoEmbed,
  caseStudyHighlight,
  latestDiscussions,
  fileList,
] as const;

/** The loader of each live block (live.ts), by uid. */
export const liveLoaders = {
  'blocks.latest-discussions': latestDiscussionsLoader,
  'blocks.file-list': fileListLoader,
} as const;
