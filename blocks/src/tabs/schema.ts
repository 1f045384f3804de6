import { defineBlock } from '../lib/define-block.ts';
import { headingLevel, list, markdown, text, textWithDefault } from '../lib/fields.ts';

/**
 * NHS.UK tabs: panels of related content, one shown at a time. Without JavaScript (or before it
 * loads) they read as a contents list followed by every panel, so the heading names that list.
 */
export const tabs = defineBlock({
  name: 'tabs',
  displayName: 'Tabs',
  description: 'Related content split into a few panels that people switch between, such as the same figures for different periods.',
  icon: 'layout',
  group: 'Text',
  // After details: both hide content until someone asks for it.
  order: 95,
  fields: {
    heading: textWithDefault({
      max: 120,
      default: 'Contents',
      description: 'Names the list of tabs for screen reader users and where the page’s JavaScript does not run, e.g. "Waiting times by region"',
    }),
    headingLevel: headingLevel({ default: 'h2' }),
    tabs: list(
      {
        displayName: 'Tab',
        fields: {
          label: text({ required: true, max: 40, description: 'One or two words, e.g. "Past week"' }),
          body: markdown({ required: true, max: 5000 }),
        },
      },
      { min: 2, max: 6 },
    ),
  },
});
