import type { BlockFixtures } from '../types.ts';

export const richTextFixtures = {
  paragraphs: {
    __component: 'blocks.rich-text',
    id: 11,
    body: [
      'The Virtual Wards Network brings together clinicians, managers and digital teams who run hospital at home services.',
      '',
      'Use this workspace to share what works, ask questions and find the latest national guidance.',
    ].join('\n'),
  },
  headingsListsAndLinks: {
    __component: 'blocks.rich-text',
    id: 12,
    body: [
      '## Who this workspace is for',
      '',
      'Anyone involved in planning or running a virtual ward, including:',
      '',
      '- consultants and GPs with a special interest',
      '- nurses and allied health professionals',
      '- digital and technology leads',
      '',
      '### How to get started',
      '',
      '1. Introduce yourself in the discussions',
      '2. Read the [virtual wards guidance on NHS England](https://www.england.nhs.uk/virtual-wards/)',
      '3. Share your service\'s **outcome measures**',
    ].join('\n'),
  },
  table: {
    __component: 'blocks.rich-text',
    id: 13,
    body: [
      '## Meeting dates',
      '',
      '| Meeting | Date |',
      '| --- | --- |',
      '| Steering group | 14 January 2027 |',
      '| Regional leads | 11 February 2027 |',
    ].join('\n'),
  },
  hostileMarkup: {
    __component: 'blocks.rich-text',
    id: 14,
    body: [
      '# A heading written as h1',
      '',
      '<script>alert("x")</script>',
      '',
      '<a href="https://example.com" onclick="steal()">raw link</a>',
      '',
      '[Click me](javascript:alert(1)) and <svg onload="alert(1)"><circle /></svg>',
      '',
      'Pay \u202Eexe.pdf\u202C now.',
    ].join('\n'),
  },
} satisfies BlockFixtures<'blocks.rich-text'>;

export const richTextInvalid = [
  { __component: 'blocks.rich-text', body: '' },
  { __component: 'blocks.rich-text', body: '\n\n  ' },
  { __component: 'blocks.rich-text', body: 'x'.repeat(20001) },
  { __component: 'blocks.rich-text', body: 42 },
  { __component: 'blocks.rich-text' },
];
