import { defineBlock } from '../lib/define-block.ts';
import { headingLevel, markdown, text } from '../lib/fields.ts';

export const warningCallout = defineBlock({
  name: 'warning-callout',
  displayName: 'Warning callout',
  description: 'Warns people about something important, such as a risk to safety or a deadline.',
  icon: 'bell',
  group: 'Text',
  order: 30,
  fields: {
    heading: text({ required: true, max: 120, description: 'Short and specific, e.g. "Register by 31 March". "Important" if nothing better fits.' }),
    headingLevel: headingLevel({ default: 'h2' }),
    body: markdown({ required: true, max: 2000 }),
  },
});
