import { defineBlock } from '../lib/define-block.ts';
import { markdown, text } from '../lib/fields.ts';

export const insetText = defineBlock({
  name: 'inset-text',
  displayName: 'Inset text',
  description: 'Sets a short piece of text apart from the content around it.',
  icon: 'information',
  group: 'Text',
  order: 20,
  fields: {
    visuallyHiddenPrefix: text({ max: 40, description: 'Read out before the text by screen readers, e.g. "Information" (the default)' }),
    body: markdown({ required: true, max: 1500 }),
  },
});
