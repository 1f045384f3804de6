import type { BlockFixtures } from '../types.ts';

export const cardGroupFixtures = {
  twoColumnsWithHeading: {
    __component: 'blocks.card-group',
    id: 31,
    heading: 'Get involved',
    headingLevel: 'h2',
    columns: 'two',
    cards: [
      {
        id: 1,
        title: 'Join a discussion',
        description: 'Ask a question or share how your team runs its virtual ward.',
        href: '/workspaces/virtual-wards/discussions',
        image: null,
        imageAltText: null,
        imageIsDecorative: false,
      },
      {
        id: 2,
        title: 'Browse shared files',
        description: 'Templates, protocols and evaluation reports from other trusts.',
        href: '/workspaces/virtual-wards/files',
        image: null,
        imageAltText: null,
        imageIsDecorative: false,
      },
    ],
  },
  threeColumnsWithImages: {
    __component: 'blocks.card-group',
    id: 32,
    heading: null,
    headingLevel: 'h2',
    columns: 'three',
    cards: [
      {
        id: 3,
        title: 'Frailty virtual wards',
        description: 'How Leeds supports older people at home after a fall.',
        href: '/case-studies/leeds-frailty-virtual-ward',
        image: { id: 7, documentId: 'img7', url: '/uploads/nurse_home_visit_4f1c2a.jpg', width: 1200, height: 800, mime: 'image/jpeg' },
        imageAltText: 'A community nurse checks an older man’s blood pressure in his living room',
        imageIsDecorative: false,
      },
      {
        id: 4,
        title: 'Remote monitoring',
        description: 'Choosing and introducing remote monitoring equipment.',
        href: '/workspaces/virtual-wards/pages/remote-monitoring',
        image: { id: 8, documentId: 'img8', url: '/uploads/abstract_pattern_9a2b.png', width: 1200, height: 800, mime: 'image/png' },
        imageAltText: null,
        imageIsDecorative: true,
      },
      {
        id: 5,
        title: 'NHS England guidance',
        description: null,
        href: 'https://www.england.nhs.uk/virtual-wards/',
        image: null,
        imageAltText: null,
        imageIsDecorative: null,
      },
    ],
  },
  fourColumnsUnderH3: {
    __component: 'blocks.card-group',
    id: 33,
    heading: 'Regions',
    headingLevel: 'h3',
    columns: 'four',
    cards: [
      { id: 6, title: 'London', description: null, href: '/workspaces?region=london' },
      { id: 7, title: 'Midlands', description: null, href: '/workspaces?region=midlands' },
      { id: 8, title: 'North West', description: null, href: '/workspaces?region=north-west' },
      { id: 9, title: 'South West', description: null, href: '/workspaces?region=south-west' },
    ],
  },
  hostileText: {
    __component: 'blocks.card-group',
    id: 34,
    heading: '<script>alert(1)</script>',
    headingLevel: 'h2',
    columns: 'two',
    cards: [
      {
        id: 10,
        title: '"><img src=x onerror=alert(1)>',
        description: '<b>bold?</b>',
        href: '/search?q=%3Cscript%3E',
      },
    ],
  },
} satisfies BlockFixtures<'blocks.card-group'>;

const card = { title: 'Discussions', href: '/workspaces/virtual-wards/discussions' };
const photo = { url: '/uploads/ward_team.jpg', width: 800, height: 600, mime: 'image/jpeg' };

export const cardGroupInvalid = [
  { __component: 'blocks.card-group', cards: [] },
  { __component: 'blocks.card-group' },
  { __component: 'blocks.card-group', cards: Array.from({ length: 13 }, () => card) },
  { __component: 'blocks.card-group', cards: [{ ...card, title: '' }] },
  { __component: 'blocks.card-group', cards: [{ ...card, href: 'javascript:alert(1)' }] },
  { __component: 'blocks.card-group', cards: [{ ...card, href: '//evil.example/phish' }] },
  { __component: 'blocks.card-group', cards: [{ ...card, image: photo }] },
  { __component: 'blocks.card-group', cards: [{ ...card, image: photo, imageAltText: '   ', imageIsDecorative: false }] },
  { __component: 'blocks.card-group', cards: [card], columns: 'five' },
  { __component: 'blocks.card-group', cards: [card], headingLevel: 'h1' },
];
