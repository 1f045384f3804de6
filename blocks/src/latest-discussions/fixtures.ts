import type { BlockFixtures } from '../types.ts';
import type { LatestDiscussionsLive } from './live.ts';

export const latestDiscussionsFixtures = {
  standard: {
    __component: 'blocks.latest-discussions',
    id: 151,
    heading: 'Latest discussions',
    headingLevel: 'h2',
    count: 5,
  },
  // A block saved before its fields had values: the defaults apply.
  defaults: {
    __component: 'blocks.latest-discussions',
    id: 152,
    heading: null,
    headingLevel: null,
    count: null,
  },
  fewUnderH3: {
    __component: 'blocks.latest-discussions',
    id: 153,
    heading: 'What members are talking about',
    headingLevel: 'h3',
    count: 2,
  },
  empty: {
    __component: 'blocks.latest-discussions',
    id: 154,
    heading: 'Latest discussions',
    headingLevel: 'h2',
    count: 5,
  },
  hostileText: {
    __component: 'blocks.latest-discussions',
    id: 155,
    heading: '<script>window.__pwned=1</script>Talk\u202E',
    headingLevel: 'h2',
    count: 3,
  },
} satisfies BlockFixtures<'blocks.latest-discussions'>;

export const latestDiscussionsInvalid = [
  { __component: 'blocks.latest-discussions', count: 0 },
  { __component: 'blocks.latest-discussions', count: 11 },
  { __component: 'blocks.latest-discussions', count: 2.5 },
  { __component: 'blocks.latest-discussions', headingLevel: 'h1' },
  { __component: 'blocks.latest-discussions', heading: 'x'.repeat(121) },
];

const nurse = { id: 12, name: 'Priya Shah', jobTitle: 'Ward sister', organisation: 'Leeds Teaching Hospitals NHS Trust' };
const consultant = { id: 14, name: 'Tom Okafor', jobTitle: 'Consultant geriatrician', organisation: 'University Hospitals of Derby and Burton' };

/** Six discussions as the forum lists them: pinned first, then by latest activity. */
const sixDiscussions: LatestDiscussionsLive['discussions'] = [
  {
    id: 41,
    title: 'Read me first: how we use this forum',
    author: consultant,
    createdAt: '2026-09-01T09:00:00.000Z',
    pinned: true,
    locked: true,
    commentCount: 0,
    lastActivityAt: '2026-09-01T09:00:00.000Z',
    lastComment: null,
  },
  {
    id: 47,
    title: 'Overnight escalation: who do you call?',
    author: nurse,
    createdAt: '2026-11-20T18:12:00.000Z',
    pinned: false,
    locked: false,
    commentCount: 12,
    lastActivityAt: '2026-11-24T07:45:00.000Z',
    lastComment: { id: 903, author: consultant, createdAt: '2026-11-24T07:45:00.000Z', excerpt: 'We use the hospital at night team first.' },
  },
  {
    id: 46,
    title: 'Pulse oximeters that patients can actually use',
    author: null,
    createdAt: '2026-11-18T10:00:00.000Z',
    pinned: false,
    locked: false,
    commentCount: 1,
    lastActivityAt: '2026-11-22T13:30:00.000Z',
    lastComment: { id: 880, author: nurse, createdAt: '2026-11-22T13:30:00.000Z', excerpt: 'The large-display ones worked best for us.' },
  },
  {
    id: 45,
    title: 'Virtual ward discharge letter template',
    author: consultant,
    createdAt: '2026-11-10T15:00:00.000Z',
    pinned: false,
    locked: false,
    commentCount: 4,
    lastActivityAt: '2026-11-19T11:05:00.000Z',
    lastComment: null,
  },
  {
    id: 44,
    title: 'Staffing a seven-day service',
    author: nurse,
    createdAt: '2026-10-30T08:00:00.000Z',
    pinned: false,
    locked: false,
    commentCount: 7,
    lastActivityAt: '2026-11-15T16:20:00.000Z',
    lastComment: null,
  },
  {
    id: 43,
    title: 'Measuring readmissions fairly',
    author: consultant,
    createdAt: '2026-10-02T12:00:00.000Z',
    pinned: false,
    locked: false,
    commentCount: 3,
    lastActivityAt: '2026-11-01T09:40:00.000Z',
    lastComment: null,
  },
];

/**
 * The live props each fixture is shown with (the gallery and the tests): what the site would fetch
 * from the forum for a workspace, keyed by fixture name.
 */
export const latestDiscussionsLiveFixtures: Record<keyof typeof latestDiscussionsFixtures, LatestDiscussionsLive> = {
  standard: { workspaceSlug: 'virtual-wards', discussions: sixDiscussions.slice(0, 5) },
  defaults: { workspaceSlug: 'virtual-wards', discussions: sixDiscussions.slice(0, 5) },
  fewUnderH3: { workspaceSlug: 'virtual-wards', discussions: sixDiscussions },
  empty: { workspaceSlug: 'new-workspace', discussions: [] },
  hostileText: {
    workspaceSlug: 'virtual-wards',
    discussions: [
      {
        ...sixDiscussions[1],
        id: 99,
        title: '<img src=x onerror="window.__pwned=1">Escalation \u202Egnp.exe',
        author: { id: 66, name: '<script>window.__pwned=1</script>Mallory\u2066', jobTitle: null, organisation: null },
      },
    ],
  },
};
