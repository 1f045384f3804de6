import { defineBlock } from '../lib/define-block.ts';
import { boolean, choice, headingLevel, image, list, multiline, text, url } from '../lib/fields.ts';
import { requireAltTextUnlessDecorative } from '../lib/rules.ts';

export const cardGroup = defineBlock({
  name: 'card-group',
  displayName: 'Card group',
  description: 'A grid of cards, each linking to a page, a workspace or a resource.',
  icon: 'grid',
  group: 'Navigation',
  order: 40,
  fields: {
    heading: text({ max: 120, description: 'Optional heading above the cards' }),
    headingLevel: headingLevel({
      default: 'h2',
      description: "Level of the group's heading. Card titles are one level below it, or at this level when there is no heading.",
    }),
    columns: choice(['two', 'three', 'four'], { default: 'two', description: 'Cards per row on wide screens; one per row on phones' }),
    cards: list(
      {
        displayName: 'Card',
        fields: {
          title: text({ required: true, max: 100, description: 'Becomes the link text: say where it goes' }),
          description: multiline({ max: 300 }),
          href: url({ required: true }),
          image: image(),
          imageAltText: text({ max: 250, description: 'What the image shows. Not needed if the image is decorative.' }),
          imageIsDecorative: boolean({ default: false, description: 'Tick if the image adds no information to the card' }),
        },
        refine: requireAltTextUnlessDecorative({ image: 'image', altText: 'imageAltText', isDecorative: 'imageIsDecorative' }),
      },
      { min: 1, max: 12 },
    ),
  },
});
