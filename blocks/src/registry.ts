import type { z } from 'zod';
import type { BlockUid, CatalogueBlock } from './catalogue.ts';
import { catalogue } from './catalogue.ts';
import RichText from './rich-text/RichText.astro';
import InsetText from './inset-text/InsetText.astro';
import WarningCallout from './warning-callout/WarningCallout.astro';
import CardGroup from './card-group/CardGroup.astro';
import KeyLinks from './key-links/KeyLinks.astro';
import Image from './image/Image.astro';
import ActionLink from './action-link/ActionLink.astro';
import Button from './button/Button.astro';
import Details from './details/Details.astro';
import SummaryList from './summary-list/SummaryList.astro';
import Quote from './quote/Quote.astro';
import DoDontList from './do-dont-list/DoDontList.astro';
import ContentsList from './contents-list/ContentsList.astro';
import VideoEmbed from './video-embed/VideoEmbed.astro';
import CaseStudyHighlight from './case-study-highlight/CaseStudyHighlight.astro';
import LatestDiscussions from './latest-discussions/LatestDiscussions.astro';

// Astro components are functions; typed loosely because each takes its own block's props.
type Renderer = (...args: any[]) => unknown;

/** Every uid of the catalogue must have a renderer: a missing one is a type error. */
const renderers = {
  'blocks.rich-text': RichText,
  'blocks.inset-text': InsetText,
  'blocks.warning-callout': WarningCallout,
  'blocks.card-group': CardGroup,
  'blocks.key-links': KeyLinks,
  'blocks.image': Image,
  'blocks.action-link': ActionLink,
  'blocks.button': Button,
  'blocks.details': Details,
  'blocks.summary-list': SummaryList,
  'blocks.quote': Quote,
  'blocks.do-dont-list': DoDontList,
  'blocks.contents-list': ContentsList,
  'blocks.video-embed': VideoEmbed,
  'blocks.case-study-highlight': CaseStudyHighlight,
  'blocks.latest-discussions': LatestDiscussions,
} satisfies Record<BlockUid, Renderer>;

export interface RegistryEntry<B extends CatalogueBlock = CatalogueBlock> {
  definition: B;
  schema: z.ZodType;
  Renderer: Renderer;
}

export const registry = Object.fromEntries(
  catalogue.map((definition) => [definition.uid, { definition, schema: definition.schema, Renderer: renderers[definition.uid] }]),
) as unknown as { [U in BlockUid]: RegistryEntry<Extract<CatalogueBlock, { uid: U }>> };
