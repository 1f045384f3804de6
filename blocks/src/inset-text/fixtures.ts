import type { BlockFixtures } from '../types.ts';

export const insetTextFixtures = {
  simple: {
    __component: 'blocks.inset-text',
    body: 'You can ask your GP practice to share your care record with the hospital team.',
  },
  withPrefixAndLink: {
    __component: 'blocks.inset-text',
    visuallyHiddenPrefix: 'Important:',
    body: 'Read the [infection prevention guidance](https://www.england.nhs.uk/) before the visit.',
  },
} satisfies BlockFixtures<'blocks.inset-text'>;

export const insetTextInvalid = [
  { __component: 'blocks.inset-text', body: '' },
  { __component: 'blocks.inset-text', body: 'x'.repeat(1501) },
  { __component: 'blocks.inset-text' },
];
