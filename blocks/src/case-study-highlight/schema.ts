import { defineBlock } from '../lib/define-block.ts';
import { caseStudy, headingLevel, multiline, text } from '../lib/fields.ts';

export const caseStudyHighlight = defineBlock({
  name: 'case-study-highlight',
  displayName: 'Case study highlight',
  description: 'A card that promotes one published case study, kept up to date from the case study itself.',
  icon: 'briefcase',
  group: 'Live',
  order: 150,
  fields: {
    // Required for the block to show: an unpublished or deleted case study comes back empty, and
    // the block is then skipped rather than linking nowhere.
    caseStudy: caseStudy({ required: true, description: 'The published case study to promote' }),
    heading: text({ max: 120, description: 'Leave empty to use the case study’s title' }),
    headingLevel: headingLevel({ default: 'h2' }),
    text: multiline({ max: 300, description: 'Leave empty to use the case study’s summary' }),
  },
});
