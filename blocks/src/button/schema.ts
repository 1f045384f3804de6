import { defineBlock } from '../lib/define-block.ts';
import { choice, text, url } from '../lib/fields.ts';

export const button = defineBlock({
  name: 'button',
  displayName: 'Button (call to action)',
  description: 'A link styled as a button, for a call to action such as "Register for the event".',
  icon: 'cursor',
  group: 'Navigation',
  order: 80,
  fields: {
    text: text({ required: true, max: 60, description: 'Short, starting with a verb, e.g. "Book a place"' }),
    href: url({ required: true }),
    variant: choice(['primary', 'secondary', 'reverse'], {
      default: 'primary',
      description: 'Primary for the main action; secondary for others; reverse only on a dark background',
    }),
  },
});
