import type { BlockFixtures } from '../types.ts';

export const detailsFixtures = {
  details: {
    __component: 'blocks.details',
    id: 81,
    summary: 'How to find your organisation’s ODS code',
    body: 'Search for your organisation on the [ODS portal](https://odsportal.digital.nhs.uk/). The code is shown next to its name, for example RHQ for Sheffield Teaching Hospitals.',
    expander: false,
  },
  expander: {
    __component: 'blocks.details',
    id: 82,
    summary: 'Opening times of the support desk',
    body: [
      'We answer questions:',
      '',
      '- Monday to Friday, 8am to 6pm',
      '- Saturday, 9am to 1pm',
      '',
      'We are closed on bank holidays.',
    ].join('\n'),
    expander: true,
  },
  hostileText: {
    __component: 'blocks.details',
    id: 83,
    summary: '<script>alert(1)</script>',
    body: '<details open ontoggle=alert(1)>x</details> [a](javascript:alert(1))',
    expander: null,
  },
} satisfies BlockFixtures<'blocks.details'>;

export const detailsInvalid = [
  { __component: 'blocks.details', summary: '', body: 'Text' },
  { __component: 'blocks.details', summary: 'Summary', body: '' },
  { __component: 'blocks.details', summary: 'x'.repeat(121), body: 'Text' },
  { __component: 'blocks.details', summary: 'Summary', body: 'x'.repeat(5001) },
  { __component: 'blocks.details', summary: 'Summary', body: 'Text', expander: 'yes' },
];
