import { defineBlock } from '../lib/define-block.ts';
import { text, url } from '../lib/fields.ts';

export const actionLink = defineBlock({
  name: 'action-link',
  displayName: 'Action link',
  description: 'A prominent link that starts the one main thing people should do on the page.',
  icon: 'arrowRight',
  group: 'Navigation',
  order: 70,
  fields: {
    text: text({ required: true, max: 80, description: 'Start with a verb, e.g. "Request to join this workspace"' }),
    href: url({ required: true }),
  },
});
