import type { BlockFixtures } from '../types.ts';

export const keyLinksFixtures = {
  withDescriptions: {
    __component: 'blocks.key-links',
    id: 41,
    heading: 'Guidance and tools',
    headingLevel: 'h2',
    links: [
      {
        id: 1,
        label: 'Virtual ward operational framework',
        href: 'https://www.england.nhs.uk/virtual-wards/',
        description: 'National guidance on setting up and running virtual wards.',
      },
      {
        id: 2,
        label: 'Outcome measures template',
        href: '/workspaces/virtual-wards/files/42',
        description: 'A spreadsheet to record length of stay, readmissions and patient experience.',
      },
      { id: 3, label: 'Contact the programme team', href: 'mailto:virtual.wards@nhs.net', description: null },
    ],
  },
  linksOnly: {
    __component: 'blocks.key-links',
    id: 42,
    heading: 'Useful pages',
    headingLevel: 'h3',
    links: [
      { id: 4, label: 'Members of this workspace', href: '/workspaces/virtual-wards/members' },
      { id: 5, label: 'Case studies', href: '/case-studies' },
    ],
  },
  hostileText: {
    __component: 'blocks.key-links',
    id: 43,
    heading: 'Links <img src=x onerror=alert(1)>',
    headingLevel: 'h2',
    links: [{ id: 6, label: '<script>alert(1)</script>', href: '/case-studies', description: '\u202Egnp.exe' }],
  },
} satisfies BlockFixtures<'blocks.key-links'>;

const link = { label: 'Case studies', href: '/case-studies' };

export const keyLinksInvalid = [
  { __component: 'blocks.key-links', heading: 'Links', links: [] },
  { __component: 'blocks.key-links', heading: '', links: [link] },
  { __component: 'blocks.key-links', links: [link] },
  { __component: 'blocks.key-links', heading: 'Links', links: Array.from({ length: 21 }, () => link) },
  { __component: 'blocks.key-links', heading: 'Links', links: [{ ...link, href: 'javascript:alert(1)' }] },
  { __component: 'blocks.key-links', heading: 'Links', links: [{ ...link, href: 'data:text/html,<script>alert(1)</script>' }] },
  { __component: 'blocks.key-links', heading: 'Links', links: [{ ...link, href: '/\\evil.example' }] },
  { __component: 'blocks.key-links', heading: 'Links', links: [{ ...link, label: '' }] },
  { __component: 'blocks.key-links', heading: 'Links', links: [{ ...link, description: 'x'.repeat(201) }] },
];
