import type { BlockFixtures } from '../types.ts';

export const insetTextFixtures = {
  simple: {
    __component: 'blocks.inset-text',
    id: 1,
    visuallyHiddenPrefix: null,
    body: 'You can ask your GP practice to share your care record with the hospital team.',
  },
  withPrefixAndLink: {
    __component: 'blocks.inset-text',
    id: 2,
    visuallyHiddenPrefix: 'Important:',
    body: 'Read the [infection prevention guidance](https://www.england.nhs.uk/) before the visit.',
  },
  hostileText: {
    __component: 'blocks.inset-text',
    id: 3,
    visuallyHiddenPrefix: 'Note <script>alert(1)</script>',
    body: 'Clinic times changed. <img src=x onerror=alert(1)> [Details](javascript:alert(1))',
  },
} satisfies BlockFixtures<'blocks.inset-text'>;

export const insetTextInvalid = [
  { __component: 'blocks.inset-text', body: '' },
  { __component: 'blocks.inset-text', body: '   ' },
  { __component: 'blocks.inset-text', body: 'x'.repeat(1501) },
  { __component: 'blocks.inset-text', body: 'Fine', visuallyHiddenPrefix: 'x'.repeat(41) },
  { __component: 'blocks.inset-text' },
];
