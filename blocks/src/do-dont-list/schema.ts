import { defineBlock } from '../lib/define-block.ts';
import { choice, headingLevel, list, text } from '../lib/fields.ts';

export const doDontList = defineBlock({
  name: 'do-dont-list',
  displayName: "Do and don't list",
  description: "A list of things people should do, or should not do, marked with ticks or crosses.",
  icon: 'check',
  group: 'Text',
  order: 120,
  fields: {
    type: choice(['do', 'dont'], { default: 'do', description: '"Do" shows ticks; "Don\'t" shows crosses and reads "do not" before each item' }),
    heading: text({ max: 60, description: 'Leave empty for "Do" or "Don\'t"' }),
    headingLevel: headingLevel({ default: 'h2' }),
    items: list(
      {
        displayName: "Do or don't item",
        fields: {
          text: text({ required: true, max: 200, description: 'Start lower case, without "do" or "do not": e.g. "share patient details"' }),
        },
      },
      { min: 1, max: 20 },
    ),
  },
});
