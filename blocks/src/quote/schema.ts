import { defineBlock } from '../lib/define-block.ts';
import { multiline, text } from '../lib/fields.ts';

export const quote = defineBlock({
  name: 'quote',
  displayName: 'Quote',
  description: 'Words from a patient, carer or colleague, with who said them.',
  icon: 'quote',
  group: 'Text',
  order: 110,
  fields: {
    quote: multiline({ required: true, max: 600, description: 'Their words, without quotation marks; a blank line starts a new paragraph' }),
    name: text({ required: true, max: 100, description: 'Who said it, e.g. "Dr Amina Shah" or "A patient on the ward"' }),
    role: text({ max: 150, description: 'Their job title and organisation, e.g. "Consultant geriatrician, Derby"' }),
  },
  refine: (value, ctx) => {
    // The renderer strips the editor's quotation marks; a quote made only of them would be empty.
    if (!/[\p{L}\p{N}]/u.test(value.quote)) ctx.addIssue({ code: 'custom', path: ['quote'], message: 'Enter the words of the quote' });
  },
});
