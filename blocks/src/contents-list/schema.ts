import { defineBlock } from '../lib/define-block.ts';
import { list, text, url } from '../lib/fields.ts';

export const contentsList = defineBlock({
  name: 'contents-list',
  displayName: 'Contents list',
  description: 'Links to the pages of a guide split over several pages; the current page is shown, not linked.',
  icon: 'book',
  group: 'Navigation',
  order: 130,
  fields: {
    items: list(
      {
        displayName: 'Contents item',
        fields: {
          label: text({ required: true, max: 120, description: 'The title of the page it links to' }),
          href: url({ required: true, description: 'The page’s address, e.g. /workspaces/virtual-wards/pages/getting-started' }),
        },
      },
      { min: 2, max: 20 },
    ),
  },
});
