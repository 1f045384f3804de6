// Generated from the block folders by `pnpm generate:components` (src/generate-catalogue.ts): do not edit.
// Each block's Astro renderer: imported only by registry.ts, so only what renders pages loads Astro components.

import type { BlockUid } from './catalogue.ts';
import type { Renderer } from './registry.ts';
import RichText from './rich-text/RichText.astro';
import InsetText from './inset-text/InsetText.astro';
import WarningCallout from './warning-callout/WarningCallout.astro';
import CardGroup from './card-group/CardGroup.astro';
import KeyLinks from './key-links/KeyLinks.astro';
import Image from './image/Image.astro';
import ActionLink from './action-link/ActionLink.astro';
import Button from './button/Button.astro';
import Details from './details/Details.astro';
import Tabs from './tabs/Tabs.astro';
import SummaryList from './summary-list/SummaryList.astro';
import Quote from './quote/Quote.astro';
import DoDontList from './do-dont-list/DoDontList.astro';
import ContentsList from './contents-list/ContentsList.astro';
import VideoEmbed from './video-embed/VideoEmbed.astro';
import CaseStudyHighlight from './case-study-highlight/CaseStudyHighlight.astro';
import LatestDiscussions from './latest-discussions/LatestDiscussions.astro';
import FileList from './file-list/FileList.astro';

/** Every uid of the catalogue has a renderer: a missing one is a type error. */
export const renderers = {
  'blocks.rich-text': RichText,
  'blocks.inset-text': InsetText,
  'blocks.warning-callout': WarningCallout,
  'blocks.card-group': CardGroup,
  'blocks.key-links': KeyLinks,
  'blocks.image': Image,
  'blocks.action-link': ActionLink,
  'blocks.button': Button,
  'blocks.details': Details,
  'blocks.tabs': Tabs,
  'blocks.summary-list': SummaryList,
  'blocks.quote': Quote,
  'blocks.do-dont-list': DoDontList,
  'blocks.contents-list': ContentsList,
  'blocks.video-embed': VideoEmbed,
  'blocks.case-study-highlight': CaseStudyHighlight,
  'blocks.latest-discussions': LatestDiscussions,
  'blocks.file-list': FileList,
} satisfies Record<BlockUid, Renderer>;
