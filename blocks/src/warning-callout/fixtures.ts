import type { BlockFixtures } from '../types.ts';

export const warningCalloutFixtures = {
  deadline: {
    __component: 'blocks.warning-callout',
    id: 21,
    heading: 'Submit your winter plan by 30 September',
    headingLevel: 'h2',
    body: 'Plans submitted after this date cannot be included in the regional review. Email the [regional team](mailto:winter.planning@nhs.net) if you need more time.',
  },
  importantHeading: {
    __component: 'blocks.warning-callout',
    id: 22,
    heading: 'Important',
    headingLevel: 'h3',
    body: [
      'Do not upload patient identifiable information to this workspace. This includes:',
      '',
      '- names and NHS numbers',
      '- dates of birth',
      '- photographs of patients',
    ].join('\n'),
  },
  defaultLevel: {
    __component: 'blocks.warning-callout',
    id: 23,
    heading: 'Scheduled maintenance tonight',
    headingLevel: null,
    body: 'The platform will be unavailable from 10pm to midnight. Save your work before then.',
  },
  hostileText: {
    __component: 'blocks.warning-callout',
    id: 24,
    heading: 'Update <script>alert(1)</script>',
    headingLevel: 'h2',
    body: '<iframe src="https://example.com"></iframe> Check the [form](javascript:alert(1)).',
  },
} satisfies BlockFixtures<'blocks.warning-callout'>;

export const warningCalloutInvalid = [
  { __component: 'blocks.warning-callout', heading: '', body: 'Text' },
  { __component: 'blocks.warning-callout', heading: 'Heading', body: '' },
  { __component: 'blocks.warning-callout', heading: 'x'.repeat(121), body: 'Text' },
  { __component: 'blocks.warning-callout', heading: 'Heading', body: 'Text', headingLevel: 'h1' },
  { __component: 'blocks.warning-callout', heading: 'Heading', body: 'Text', headingLevel: 'h5' },
  { __component: 'blocks.warning-callout', body: 'Text' },
];
