import { defineBlock } from '../lib/define-block.ts';
import { boolean, markdown, text } from '../lib/fields.ts';

export const details = defineBlock({
  name: 'details',
  displayName: 'Details (expander)',
  description: 'A short link that opens to show more information that only some people need.',
  icon: 'expand',
  group: 'Text',
  order: 90,
  fields: {
    summary: text({ required: true, max: 120, description: 'What opening it reveals, e.g. "How to find your ODS code"' }),
    body: markdown({ required: true, max: 5000 }),
    expander: boolean({ default: false, description: 'Show it in a box with a + icon: for a list of several expanders' }),
  },
});
