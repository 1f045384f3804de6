import type { BlockInput, BlockOf, BlockUid } from './catalogue.ts';

export type { BlockData, BlockOf, BlockUid } from './catalogue.ts';

/** Named examples of a block's data as the CMS returns it. */
export type BlockFixtures<U extends BlockUid> = Record<string, BlockInput<U>>;

/** The parsed data each renderer receives, one type per block. */
export type RichTextBlock = BlockOf<'blocks.rich-text'>;
export type InsetTextBlock = BlockOf<'blocks.inset-text'>;
export type WarningCalloutBlock = BlockOf<'blocks.warning-callout'>;
export type CardGroupBlock = BlockOf<'blocks.card-group'>;
export type KeyLinksBlock = BlockOf<'blocks.key-links'>;
export type ImageBlock = BlockOf<'blocks.image'>;
export type ActionLinkBlock = BlockOf<'blocks.action-link'>;
export type ButtonBlock = BlockOf<'blocks.button'>;
export type DetailsBlock = BlockOf<'blocks.details'>;
export type SummaryListBlock = BlockOf<'blocks.summary-list'>;
export type QuoteBlock = BlockOf<'blocks.quote'>;
export type DoDontListBlock = BlockOf<'blocks.do-dont-list'>;
export type ContentsListBlock = BlockOf<'blocks.contents-list'>;
export type VideoEmbedBlock = BlockOf<'blocks.video-embed'>;
export type CaseStudyHighlightBlock = BlockOf<'blocks.case-study-highlight'>;
export type LatestDiscussionsBlock = BlockOf<'blocks.latest-discussions'>;
