import type { BlockFixtures } from '../types.ts';

export const summaryListFixtures = {
  projectFacts: {
    __component: 'blocks.summary-list',
    id: 91,
    heading: 'About this programme',
    headingLevel: 'h2',
    rows: [
      { id: 1, key: 'Clinical lead', value: 'Dr Amina Shah, consultant geriatrician' },
      { id: 2, key: 'Region', value: 'Midlands' },
      { id: 3, key: 'Runs until', value: 'March 2028' },
      {
        id: 4,
        key: 'Partners',
        value: '- University Hospitals of Derby and Burton\n- Derbyshire Community Health Services\n- Derby City Council',
      },
      { id: 5, key: 'Contact', value: '[midlands.virtualwards@nhs.net](mailto:midlands.virtualwards@nhs.net)' },
    ],
  },
  withoutHeading: {
    __component: 'blocks.summary-list',
    id: 92,
    heading: null,
    headingLevel: null,
    rows: [
      { id: 6, key: 'Meeting', value: 'Monthly, first Tuesday, 2pm to 3pm' },
      { id: 7, key: 'Where', value: 'Microsoft Teams' },
    ],
  },
  hostileText: {
    __component: 'blocks.summary-list',
    id: 93,
    heading: '<script>alert(1)</script>',
    headingLevel: 'h3',
    rows: [{ id: 8, key: '<b onmouseover=alert(1)>Key</b>', value: '<script>alert(1)</script>' }],
  },
} satisfies BlockFixtures<'blocks.summary-list'>;

const row = { key: 'Region', value: 'London' };

export const summaryListInvalid = [
  { __component: 'blocks.summary-list', rows: [] },
  { __component: 'blocks.summary-list' },
  { __component: 'blocks.summary-list', rows: [{ ...row, key: '' }] },
  { __component: 'blocks.summary-list', rows: [{ ...row, value: '' }] },
  { __component: 'blocks.summary-list', rows: Array.from({ length: 31 }, () => row) },
  { __component: 'blocks.summary-list', rows: [row], headingLevel: 'h6' },
];
