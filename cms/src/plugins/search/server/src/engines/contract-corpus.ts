/**
 * The documents `engine-contract.test.ts` indexes in every engine, in groups that each answer one
 * part of the contract. Words a test searches for occur only in its group, and no other word in
 * the corpus is within two typos of them (the suite checks that first), so a test can say exactly
 * which documents an answer holds.
 */
import { createHash } from 'node:crypto';
import type { Audience, SearchDocument } from './engine';

export const WORKSPACES = {
  /** Open: every signed-in member reads its content. */
  open: 'ws-open',
  /** A second open workspace, for facet counts and withheld workspaces. */
  second: 'ws-second',
  /** Restricted: listed to the signed-in, content for members only. */
  restricted: 'ws-restricted',
  /** Hidden: nothing of it outside its members. */
  hidden: 'ws-hidden',
} as const;

type Fields = Omit<SearchDocument, 'hash'>;

export function documentHash(fields: Fields): string {
  return createHash('sha1').update(JSON.stringify(fields)).digest('hex');
}

function withHash(fields: Fields): SearchDocument {
  return { ...fields, hash: documentHash(fields) };
}

/** A document; `id` is `${type}:${ref}` and gives the type. */
export function contractDocument(id: string, title: string, more: Partial<Fields> = {}): SearchDocument {
  const type = id.slice(0, id.indexOf(':'));
  return withHash({
    id,
    type,
    title,
    headings: '',
    body: '',
    url: `/search-contract/${id.replace(':', '/')}`,
    workspaceId: null,
    workspaceIds: [],
    audience: 'public',
    facets: {},
    context: null,
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...more,
  });
}

/** Content of a workspace: the signed-in read it in an open workspace, members otherwise. */
export function inWorkspace(workspaceId: string): Pick<Fields, 'workspaceId' | 'workspaceIds' | 'audience'> {
  const open = workspaceId === WORKSPACES.open || workspaceId === WORKSPACES.second;
  return { workspaceId, workspaceIds: [workspaceId], audience: open ? 'signed-in' : 'members' };
}

/** A person: readable by members of their workspaces, and by the signed-in when one lists its members openly. */
export function personOf(workspaceIds: string[], audience: Audience): Pick<Fields, 'workspaceId' | 'workspaceIds' | 'audience'> {
  return { workspaceId: null, workspaceIds, audience };
}

const at = (date: string) => `${date}T09:00:00.000Z`;

// 1. Ranking: "kestrel" in a title, a heading, a body; the title's is the oldest, the body's the newest.
// "osprey": two documents alike in all but their time.
export const RANKING = {
  title: 'page:rank-title',
  heading: 'page:rank-heading',
  body: 'page:rank-body',
  older: 'page:tie-older',
  newer: 'page:tie-newer',
};
const ranking = [
  contractDocument(RANKING.title, 'Kestrel monitoring plan', {
    ...inWorkspace(WORKSPACES.open),
    body: 'A plan for the estuary reserve, agreed by the volunteers who walk it every month.',
    updatedAt: at('2024-01-10'),
  }),
  contractDocument(RANKING.heading, 'Estuary reserve update', {
    ...inWorkspace(WORKSPACES.open),
    headings: 'Kestrel sightings',
    body: 'Counts from the spring survey, agreed by the volunteers who walk it every month.',
    updatedAt: at('2025-01-10'),
  }),
  contractDocument(RANKING.body, 'Volunteer newsletter', {
    ...inWorkspace(WORKSPACES.open),
    body: 'Volunteers saw a kestrel over the reserve again, and agreed to walk it every month.',
    updatedAt: at('2026-06-10'),
  }),
  ...[
    [RANKING.older, '2025-03-01'],
    [RANKING.newer, '2026-03-01'],
  ].map(([id, date]) =>
    contractDocument(id, 'Osprey platform repairs', {
      ...inWorkspace(WORKSPACES.open),
      body: 'The platform needs new timber before the summer starts.',
      updatedAt: at(date),
    }),
  ),
];

// 2 and 3. Typos and prefixes: words of 5 letters and more forgive one typo; "core" is not "care".
export const TYPOS = {
  diabetes: 'case-study:diabetes',
  prescribing: 'case-study:prescribing',
  exact: 'person:brannigan',
  nearly: 'person:branigan',
  core: 'page:core-skills',
};
const typos = [
  contractDocument(TYPOS.diabetes, 'Diabetes prevention programme', {
    body: 'Group sessions helped patients lower their blood sugar over twelve weeks.',
    facets: { region: ['london'], topic: ['long-term-conditions'] },
    context: 'Whittington Health',
  }),
  contractDocument(TYPOS.prescribing, 'Prescribing safely for older adults', {
    body: 'Pharmacists reviewed medicines for people living with frailty.',
    facets: { region: ['north-west'], topic: ['medicines'] },
    context: 'Salford Royal',
  }),
  contractDocument(TYPOS.exact, 'Jo Brannigan', {
    ...personOf([WORKSPACES.open], 'signed-in'),
    body: 'Ward manager at Leeds General Infirmary',
    context: 'Ward manager, Leeds General Infirmary',
    updatedAt: at('2024-05-01'),
  }),
  contractDocument(TYPOS.nearly, 'Jo Branigan', {
    ...personOf([WORKSPACES.open], 'signed-in'),
    body: 'Ward manager at Leeds General Infirmary',
    context: 'Ward manager, Leeds General Infirmary',
    updatedAt: at('2026-05-01'),
  }),
  contractDocument(TYPOS.core, 'Core skills framework', {
    ...inWorkspace(WORKSPACES.open),
    body: 'Mandatory training for every new starter in the trust.',
  }),
];

// 4. Phrases, exclusions and `or`.
export const PHRASES = {
  together: 'page:phrase-together',
  apart: 'page:phrase-apart',
};
const phrases = [
  contractDocument(PHRASES.together, 'Link worker pilot', {
    ...inWorkspace(WORKSPACES.open),
    body: 'Our social prescribing pilot connects patients with local groups.',
  }),
  contractDocument(PHRASES.apart, 'Prescribing data review', {
    ...inWorkspace(WORKSPACES.open),
    body: 'Social workers and pharmacists met to review the data.',
  }),
];

// 5 and 6. Facets and filters: "lantern" in case studies (regions, topics) and in two open workspaces.
export const FACETED = {
  londonDigital: 'case-study:lantern-london-digital',
  northEast: 'case-study:lantern-north-east',
  londonWorkforce: 'case-study:lantern-london-workforce',
  openPage: 'page:lantern-open',
  openDiscussion: 'discussion:lantern-open',
  secondPage: 'page:lantern-second',
};
const faceted = [
  contractDocument(FACETED.londonDigital, 'Lantern app for district nurses', {
    facets: { region: ['london'], topic: ['digital'] },
    body: 'Visits are planned on a tablet.',
  }),
  contractDocument(FACETED.northEast, 'Lantern rota tool', {
    facets: { region: ['north-east'], topic: ['digital', 'workforce'] },
    body: 'Shifts are swapped online.',
  }),
  contractDocument(FACETED.londonWorkforce, 'Lantern mentoring scheme', {
    facets: { region: ['london'], topic: ['workforce'] },
    body: 'New starters meet a mentor weekly.',
  }),
  contractDocument(FACETED.openPage, 'Lantern project home', { ...inWorkspace(WORKSPACES.open), body: 'What the project is for.' }),
  contractDocument(FACETED.openDiscussion, 'Lantern roll-out questions', { ...inWorkspace(WORKSPACES.open), body: 'Ask here.' }),
  contractDocument(FACETED.secondPage, 'Lantern in the second network', { ...inWorkspace(WORKSPACES.second), body: 'Notes.' }),
];

// 7. Paging: 23 discussions with "meadow", some sharing their time exactly.
export const PAGED = Array.from({ length: 23 }, (_, index) => `discussion:meadow-${String(index + 1).padStart(2, '0')}`);
const paged = PAGED.map((id, index) =>
  contractDocument(id, `Meadow walk ${index + 1}`, {
    ...inWorkspace(WORKSPACES.second),
    body: 'A walk through the meadow to talk about the week.',
    updatedAt: at(`2025-02-${String(1 + Math.floor(index / 3)).padStart(2, '0')}`),
  }),
);

// 8. Highlighting: a long body with one match in its middle, and text that looks like markup.
const filler = (n: number) =>
  'The tissue viability team wrote this guide with ward nurses from three hospitals and it explains how to assess a wound how often to review it and when to ask a specialist for advice'
    .split(' ')
    .slice(0, n)
    .join(' ');
export const HIGHLIGHT = {
  long: 'page:highlight-long',
  hostile: 'page:highlight-hostile',
};
/** The forum's hostile input (cms/tests/forum.test.ts "hostile input"), as text that is stored and searched. */
export const FORUM_HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 1">',
  '[click](javascript:window.__pwned=1)',
  '<svg onload="window.__pwned = 1"><script>1</script></svg>',
  'Refund \u202Etxt.exe\u202C and \u2066isolated\u2069',
];
export const HOSTILE_TITLE = `Quokka <script>alert(1)</script> &amp; "double" 'single' \u0001\u0007\u001b end`;
export const HOSTILE_BODY = `Quokka &lt;b&gt; <b>bold</b> &amp;amp; "quotes" 'apostrophes' back\\slash \u0008 control. ${FORUM_HOSTILE.join(' ')}`;
const highlight = [
  contractDocument(HIGHLIGHT.long, 'Wound dressing selection guide', {
    ...inWorkspace(WORKSPACES.open),
    body: `${filler(36)}. Choose a dressing that keeps the wound moist and protects the skin around it. ${filler(36)}.`,
  }),
  contractDocument(HIGHLIGHT.hostile, HOSTILE_TITLE, { ...inWorkspace(WORKSPACES.open), body: HOSTILE_BODY }),
];

// Accents are folded, other scripts kept, digits are words.
export const ACCENTED = 'page:accented';
const accented = [
  contractDocument(ACCENTED, 'Café naïve résumé clinic', {
    ...inWorkspace(WORKSPACES.second),
    body: 'Covid-19 boosters for Zoë at the 東京 office.',
  }),
];

// 11. Permissions: "beacon" everywhere, and one word only each document holds.
export const PERMISSION_WORD = 'beacon';
export const UNIQUE_WORDS: Record<string, string> = {
  'workspace:ws-open': 'amberlyn',
  'page:ws-open-guide': 'brisolet',
  'discussion:ws-open-thread': 'cendrawick',
  'workspace:ws-restricted': 'dulcimore',
  'page:ws-restricted-plan': 'estravane',
  'comment:ws-restricted-note': 'fenwoddle',
  'workspace:ws-hidden': 'glimmerux',
  'page:ws-hidden-plan': 'hollowtrap',
  'discussion:ws-hidden-thread': 'isbarnith',
  'comment:ws-hidden-reply': 'jorvandel',
  'case-study:beacon-london': 'kulpotrix',
  'case-study:beacon-north': 'lorimbesk',
  'person:open-and-hidden': 'mezzakind',
  'person:hidden-only': 'norquavel',
  'person:restricted-and-hidden': 'ozmundrax',
  'page:ws-second-notes': 'pellucryd',
  'person:second-only': 'quintavore',
};
const permissionFields: Record<string, Partial<Fields>> = {
  'workspace:ws-open': { ...inWorkspace(WORKSPACES.open), facets: { topic: ['open-topic'] } },
  'page:ws-open-guide': inWorkspace(WORKSPACES.open),
  'discussion:ws-open-thread': inWorkspace(WORKSPACES.open),
  // A restricted workspace's own entry is listed to the signed-in; its content is not.
  'workspace:ws-restricted': { ...inWorkspace(WORKSPACES.restricted), audience: 'signed-in', facets: { topic: ['restricted-topic'] } },
  'page:ws-restricted-plan': inWorkspace(WORKSPACES.restricted),
  'comment:ws-restricted-note': { ...inWorkspace(WORKSPACES.restricted), facets: { topic: ['restricted-note-topic'] } },
  'workspace:ws-hidden': { ...inWorkspace(WORKSPACES.hidden), facets: { region: ['covert-region'], topic: ['covert-topic'] } },
  'page:ws-hidden-plan': { ...inWorkspace(WORKSPACES.hidden), facets: { topic: ['covert-plan-topic'] } },
  'discussion:ws-hidden-thread': inWorkspace(WORKSPACES.hidden),
  'comment:ws-hidden-reply': { ...inWorkspace(WORKSPACES.hidden), facets: { region: ['covert-reply-region'] } },
  'case-study:beacon-london': { facets: { region: ['london'], topic: ['digital'] } },
  'case-study:beacon-north': { facets: { region: ['north-east'], topic: ['workforce'] } },
  'person:open-and-hidden': personOf([WORKSPACES.open, WORKSPACES.hidden], 'signed-in'),
  'person:hidden-only': personOf([WORKSPACES.hidden], 'members'),
  'person:restricted-and-hidden': personOf([WORKSPACES.restricted, WORKSPACES.hidden], 'members'),
  'page:ws-second-notes': inWorkspace(WORKSPACES.second),
  'person:second-only': personOf([WORKSPACES.second], 'signed-in'),
};
export const PERMISSION_IDS = Object.keys(UNIQUE_WORDS);
const permissions = PERMISSION_IDS.map((id, index) =>
  contractDocument(id, `Beacon ${UNIQUE_WORDS[id]} ${id.slice(0, id.indexOf(':'))}`, {
    headings: index % 2 === 0 ? 'Beacon overview' : '',
    body: `The ${UNIQUE_WORDS[id]} beacon notes for this entry.`,
    updatedAt: at(`2025-${String(1 + (index % 12)).padStart(2, '0')}-15`),
    ...permissionFields[id],
  }),
);

export const CONTRACT_CORPUS: SearchDocument[] = [...ranking, ...typos, ...phrases, ...faceted, ...paged, ...highlight, ...accented, ...permissions];

/** Words the suite expects to match exactly the documents holding them: nothing else may be near them. */
export const EXACT_WORDS = ['kestrel', 'osprey', 'lantern', 'meadow', 'quokka', 'beacon', 'dressing', 'pilot', ...Object.values(UNIQUE_WORDS)];
