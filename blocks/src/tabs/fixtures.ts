import type { BlockFixtures } from '../types.ts';

export const tabsFixtures = {
  activityByPeriod: {
    __component: 'blocks.tabs',
    id: 171,
    heading: 'Virtual ward activity',
    headingLevel: 'h2',
    tabs: [
      {
        id: 1,
        label: 'Past week',
        body: ['- 84 patients admitted', '- 79 patients discharged', '- 6 patients escalated to hospital care', '', 'Figures are updated every Monday.'].join('\n'),
      },
      {
        id: 2,
        label: 'Past month',
        body: ['- 352 patients admitted', '- 341 patients discharged', '- 23 patients escalated to hospital care'].join('\n'),
      },
      {
        id: 3,
        label: 'Past year',
        body: 'Read the [annual report for 2025 to 2026](/workspaces/virtual-wards/annual-report) for the full figures, broken down by pathway.',
      },
    ],
  },
  referralByTeam: {
    __component: 'blocks.tabs',
    id: 172,
    heading: null,
    headingLevel: 'h3',
    tabs: [
      {
        id: 4,
        label: 'GPs',
        body: 'Refer through the **e-Referral Service** using the "Virtual ward: respiratory" service. Include the patient’s latest oxygen saturation.',
      },
      {
        id: 5,
        label: 'Hospital teams',
        body: 'Call the virtual ward coordinator on [0114 000 0000](tel:01140000000) before discharge, then send the discharge summary as usual.',
      },
    ],
  },
  hostileText: {
    __component: 'blocks.tabs',
    id: 173,
    heading: '<img src=x onerror=alert(1)>',
    headingLevel: 'h2',
    tabs: [
      { id: 6, label: '<script>alert(1)</script>', body: '<iframe src="https://example.com"></iframe> [a](javascript:alert(1))' },
      { id: 7, label: '"><svg onload=alert(1)>', body: '<a href="#" onclick="alert(1)">Click</a>' },
    ],
  },
} satisfies BlockFixtures<'blocks.tabs'>;

const twoTabs = [
  { label: 'GPs', body: 'Refer through the e-Referral Service.' },
  { label: 'Hospital teams', body: 'Call the coordinator.' },
];

export const tabsInvalid = [
  { __component: 'blocks.tabs', tabs: [twoTabs[0]] },
  { __component: 'blocks.tabs', tabs: Array.from({ length: 7 }, (_, index) => ({ label: `Tab ${index + 1}`, body: 'Text' })) },
  { __component: 'blocks.tabs', tabs: [{ label: '', body: 'Text' }, twoTabs[1]] },
  { __component: 'blocks.tabs', tabs: [{ label: 'x'.repeat(41), body: 'Text' }, twoTabs[1]] },
  { __component: 'blocks.tabs', tabs: [{ label: 'GPs', body: '' }, twoTabs[1]] },
  { __component: 'blocks.tabs', tabs: [{ label: 'GPs', body: 'x'.repeat(5001) }, twoTabs[1]] },
  { __component: 'blocks.tabs', headingLevel: 'h1', tabs: twoTabs },
  { __component: 'blocks.tabs' },
];
