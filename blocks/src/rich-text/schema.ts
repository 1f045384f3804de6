import { defineBlock } from '../lib/define-block.ts';
import { markdown } from '../lib/fields.ts';

export const richText = defineBlock({
  name: 'rich-text',
  displayName: 'Rich text',
  description: 'Paragraphs, headings, lists, links and simple tables, written in Markdown.',
  icon: 'write',
  group: 'Text',
  order: 10,
  fields: {
    body: markdown({
      required: true,
      max: 20000,
      description: 'Markdown: ## for a heading, - for a bullet list, [words](https://...) for a link. HTML is shown as text.',
    }),
  },
});
