import { defineBlock } from '../lib/define-block.ts';
import { headingLevel, list, text, url } from '../lib/fields.ts';

export const keyLinks = defineBlock({
  name: 'key-links',
  displayName: 'Key links',
  description: 'A short, headed list of the links people need most, each with an optional line of explanation.',
  icon: 'link',
  group: 'Navigation',
  order: 50,
  fields: {
    heading: text({ required: true, max: 120 }),
    headingLevel: headingLevel({ default: 'h2' }),
    links: list(
      {
        displayName: 'Key link',
        fields: {
          label: text({ required: true, max: 120, description: 'The link text: make sense out of context, e.g. "Virtual ward operational framework"' }),
          href: url({ required: true }),
          description: text({ max: 200 }),
        },
      },
      { min: 1, max: 20 },
    ),
  },
});
