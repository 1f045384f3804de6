import type { BlockFixtures } from '../types.ts';

export const imageFixtures = {
  photoWithCaption: {
    __component: 'blocks.image',
    id: 51,
    image: { id: 12, documentId: 'k2j3h4', url: '/uploads/discharge_team_meeting_1a2b3c.jpg', width: 1600, height: 900, mime: 'image/jpeg' },
    altText: 'Five members of the discharge team around a table, reviewing a whiteboard of patient flow',
    isDecorative: false,
    caption: 'The discharge team at Royal Derby Hospital meets every morning at 8:30.',
  },
  chartWithoutCaption: {
    __component: 'blocks.image',
    id: 52,
    image: { url: 'https://cdn.futurenhs.example/uploads/readmissions_chart.png', width: 1200, height: 675, mime: 'image/png' },
    altText: 'Line chart: 30-day readmissions fell from 18% in April to 11% in September',
    isDecorative: null,
    caption: null,
  },
  decorative: {
    __component: 'blocks.image',
    id: 53,
    image: { url: '/uploads/nhs_blue_pattern.png', width: null, height: null, mime: 'image/png' },
    altText: null,
    isDecorative: true,
    caption: null,
  },
  hostileText: {
    __component: 'blocks.image',
    id: 54,
    image: { url: '/uploads/ward.jpg', width: 800, height: 600, mime: 'image/jpeg' },
    altText: '" onerror="alert(1)',
    isDecorative: false,
    caption: '<script>alert(1)</script>',
  },
} satisfies BlockFixtures<'blocks.image'>;

const photo = { url: '/uploads/ward.jpg', width: 800, height: 600, mime: 'image/jpeg' };

export const imageInvalid = [
  { __component: 'blocks.image', image: photo },
  { __component: 'blocks.image', image: photo, altText: '', isDecorative: false },
  { __component: 'blocks.image', image: photo, altText: '   ' },
  { __component: 'blocks.image', image: null, altText: 'A ward', isDecorative: false },
  { __component: 'blocks.image', altText: 'A ward' },
  { __component: 'blocks.image', image: { ...photo, url: 'javascript:alert(1)' }, altText: 'A ward' },
  { __component: 'blocks.image', image: photo, altText: 'x'.repeat(251) },
  { __component: 'blocks.image', image: photo, altText: 'A ward', caption: 'x'.repeat(301) },
];
