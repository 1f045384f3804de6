import { defineBlock } from '../lib/define-block.ts';
import { headingLevel, list, markdown, text } from '../lib/fields.ts';

export const summaryList = defineBlock({
  name: 'summary-list',
  displayName: 'Summary list',
  description: 'Key facts as pairs of a label and a value, such as a project’s lead, dates and budget.',
  icon: 'bulletList',
  group: 'Text',
  order: 100,
  fields: {
    heading: text({ max: 120 }),
    headingLevel: headingLevel({ default: 'h2' }),
    rows: list(
      {
        displayName: 'Summary row',
        fields: {
          key: text({ required: true, max: 120, description: 'The label, e.g. "Clinical lead"' }),
          value: markdown({ required: true, max: 1000, description: 'The value; may hold links or short lists' }),
        },
      },
      { min: 1, max: 30 },
    ),
  },
});
