// Generated from the block folders by `pnpm generate:components` (src/generate-catalogue.ts): do not edit.
// Each block's fixtures, invalid examples and live examples, from its fixtures.ts.

import type { BlockInput, BlockUid } from './catalogue.ts';
import { richTextFixtures, richTextInvalid } from './rich-text/fixtures.ts';
import { insetTextFixtures, insetTextInvalid } from './inset-text/fixtures.ts';
import { warningCalloutFixtures, warningCalloutInvalid } from './warning-callout/fixtures.ts';
import { cardGroupFixtures, cardGroupInvalid } from './card-group/fixtures.ts';
import { keyLinksFixtures, keyLinksInvalid } from './key-links/fixtures.ts';
import { imageFixtures, imageInvalid } from './image/fixtures.ts';
import { actionLinkFixtures, actionLinkInvalid } from './action-link/fixtures.ts';
import { buttonFixtures, buttonInvalid } from './button/fixtures.ts';
import { detailsFixtures, detailsInvalid } from './details/fixtures.ts';
import { tabsFixtures, tabsInvalid } from './tabs/fixtures.ts';
import { summaryListFixtures, summaryListInvalid } from './summary-list/fixtures.ts';
import { quoteFixtures, quoteInvalid } from './quote/fixtures.ts';
import { doDontListFixtures, doDontListInvalid } from './do-dont-list/fixtures.ts';
import { contentsListFixtures, contentsListInvalid } from './contents-list/fixtures.ts';
import { videoEmbedFixtures, videoEmbedInvalid } from './video-embed/fixtures.ts';
import { caseStudyHighlightFixtures, caseStudyHighlightInvalid } from './case-study-highlight/fixtures.ts';
import { latestDiscussionsFixtures, latestDiscussionsInvalid, latestDiscussionsLiveFixtures } from './latest-discussions/fixtures.ts';
import { fileListFixtures, fileListInvalid, fileListLiveFixtures } from './file-list/fixtures.ts';

export const allFixtures: { [U in BlockUid]: Record<string, BlockInput<U>> } = {
  'blocks.rich-text': richTextFixtures,
  'blocks.inset-text': insetTextFixtures,
  'blocks.warning-callout': warningCalloutFixtures,
  'blocks.card-group': cardGroupFixtures,
  'blocks.key-links': keyLinksFixtures,
  'blocks.image': imageFixtures,
  'blocks.action-link': actionLinkFixtures,
  'blocks.button': buttonFixtures,
  'blocks.details': detailsFixtures,
  'blocks.tabs': tabsFixtures,
  'blocks.summary-list': summaryListFixtures,
  'blocks.quote': quoteFixtures,
  'blocks.do-dont-list': doDontListFixtures,
  'blocks.contents-list': contentsListFixtures,
  'blocks.video-embed': videoEmbedFixtures,
  'blocks.case-study-highlight': caseStudyHighlightFixtures,
  'blocks.latest-discussions': latestDiscussionsFixtures,
  'blocks.file-list': fileListFixtures,
};

export const allInvalidExamples: { [U in BlockUid]: readonly unknown[] } = {
  'blocks.rich-text': richTextInvalid,
  'blocks.inset-text': insetTextInvalid,
  'blocks.warning-callout': warningCalloutInvalid,
  'blocks.card-group': cardGroupInvalid,
  'blocks.key-links': keyLinksInvalid,
  'blocks.image': imageInvalid,
  'blocks.action-link': actionLinkInvalid,
  'blocks.button': buttonInvalid,
  'blocks.details': detailsInvalid,
  'blocks.tabs': tabsInvalid,
  'blocks.summary-list': summaryListInvalid,
  'blocks.quote': quoteInvalid,
  'blocks.do-dont-list': doDontListInvalid,
  'blocks.contents-list': contentsListInvalid,
  'blocks.video-embed': videoEmbedInvalid,
  'blocks.case-study-highlight': caseStudyHighlightInvalid,
  'blocks.latest-discussions': latestDiscussionsInvalid,
  'blocks.file-list': fileListInvalid,
};

export const allLiveFixtures: Partial<Record<BlockUid, Record<string, unknown>>> = {
  'blocks.latest-discussions': latestDiscussionsLiveFixtures,
  'blocks.file-list': fileListLiveFixtures,
};
