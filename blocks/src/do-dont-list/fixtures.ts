import type { BlockFixtures } from '../types.ts';

export const doDontListFixtures = {
  do: {
    __component: 'blocks.do-dont-list',
    id: 111,
    type: 'do',
    heading: null,
    headingLevel: 'h2',
    items: [
      { id: 1, text: 'introduce yourself and your role when you join' },
      { id: 2, text: 'link to the source when you share guidance' },
      { id: 3, text: 'report posts that break the community guidelines' },
    ],
  },
  dont: {
    __component: 'blocks.do-dont-list',
    id: 112,
    type: 'dont',
    heading: null,
    headingLevel: 'h2',
    items: [
      { id: 4, text: 'share information that could identify a patient' },
      { id: 5, text: 'post commercial offers or advertising' },
      { id: 6, text: 'Do not upload documents marked official-sensitive' },
    ],
  },
  customHeading: {
    __component: 'blocks.do-dont-list',
    id: 113,
    type: 'do',
    heading: 'Before a home visit',
    headingLevel: 'h3',
    items: [{ id: 7, text: 'check the patient’s latest observations on the dashboard' }],
  },
  hostileText: {
    __component: 'blocks.do-dont-list',
    id: 114,
    type: 'dont',
    heading: '<script>alert(1)</script>',
    headingLevel: null,
    items: [{ id: 8, text: '<img src=x onerror=alert(1)>' }],
  },
} satisfies BlockFixtures<'blocks.do-dont-list'>;

const item = { text: 'share your learning' };

export const doDontListInvalid = [
  { __component: 'blocks.do-dont-list', type: 'do', items: [] },
  { __component: 'blocks.do-dont-list', type: 'maybe', items: [item] },
  { __component: 'blocks.do-dont-list', type: 'do', items: [{ text: '' }] },
  { __component: 'blocks.do-dont-list', type: 'do', items: Array.from({ length: 21 }, () => item) },
  { __component: 'blocks.do-dont-list', type: 'do', items: [item], heading: 'x'.repeat(61) },
  { __component: 'blocks.do-dont-list', type: 'do' },
];
