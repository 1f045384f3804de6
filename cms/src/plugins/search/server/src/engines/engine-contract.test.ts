import { SEARCH_LIMITS } from '@futurenhs/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCENTED,
  CONTRACT_CORPUS,
  contractDocument,
  documentHash,
  EXACT_WORDS,
  FACETED,
  FORUM_HOSTILE,
  HIGHLIGHT,
  HOSTILE_BODY,
  HOSTILE_TITLE,
  inWorkspace,
  PAGED,
  PERMISSION_IDS,
  PERMISSION_WORD,
  PHRASES,
  RANKING,
  TYPOS,
  UNIQUE_WORDS,
  WORKSPACES,
} from './contract-corpus';
import { isReadable, type EngineResult, type Readable, type SearchDocument, type SearchEngine, type SearchFilters, type Segment } from './engine';
import { parseQuery, wordsOf } from './parse-query';
import { configuredTestEngines, type TestEngine } from './test-engines';

/**
 * The one contract every search engine keeps (engine.ts), run against each engine this
 * environment has (test-engines.ts). The corpus (contract-corpus.ts) is indexed once per engine;
 * tests that change documents use their own ids and remove them again, and the reindex test,
 * which empties the index and fills it again, runs last.
 */

const ALL_FACETS = ['type', 'workspace', 'region', 'topic'];

/**
 * Hits anyone can page to (contract/src/search.ts SEARCH_LIMITS). Engines may stop counting past
 * them, as Meilisearch's maxTotalHits does: a total or a facet count beyond it may be anything from
 * this limit up to the true count; below it every figure is exact.
 */
const REACHABLE = SEARCH_LIMITS.pages * SEARCH_LIMITS.pageSize;

function expectCount(counted: number | undefined, truth: number, label = '') {
  if (truth <= REACHABLE) expect(counted, label).toBe(truth);
  else {
    expect(counted, label).toBeGreaterThanOrEqual(REACHABLE);
    expect(counted, label).toBeLessThanOrEqual(truth);
  }
}

/** Facet counts of a match set of `total`: exact when it is reachable, else no value or count beyond the truth. */
function expectCounts(counted: Record<string, number> | undefined, truth: Record<string, number>, total: number) {
  if (total <= REACHABLE) {
    expect(counted).toEqual(truth);
    return;
  }
  for (const [value, count] of Object.entries(counted ?? {})) {
    expect(Object.keys(truth), value).toContain(value);
    expect(count, value).toBeLessThanOrEqual(truth[value]);
  }
}

const nobody: Omit<Readable, 'audiences'> = { workspaceIds: [], withheldIds: [], withheldWorkspaceIds: [] };
/** Signed in and a member of every workspace: reads the whole corpus. */
const INSIDER: Readable = { ...nobody, audiences: ['public', 'signed-in'], workspaceIds: Object.values(WORKSPACES) };
const ANONYMOUS: Readable = { ...nobody, audiences: ['public'] };
const OUTSIDER: Readable = { ...nobody, audiences: ['public', 'signed-in'] };

const READERS: Record<string, Readable> = {
  anonymous: ANONYMOUS,
  'a signed-in outsider': OUTSIDER,
  'a member of the hidden workspace': { ...OUTSIDER, workspaceIds: [WORKSPACES.hidden] },
  'a member of the restricted workspace': { ...OUTSIDER, workspaceIds: [WORKSPACES.restricted] },
  'an outsider with documents withheld': { ...OUTSIDER, withheldIds: ['page:ws-open-guide', 'case-study:beacon-london', 'person:second-only'] },
  'an outsider while the open workspace is withheld': { ...OUTSIDER, withheldWorkspaceIds: [WORKSPACES.open] },
  'a member of the open workspace while it is withheld': { ...OUTSIDER, workspaceIds: [WORKSPACES.open], withheldWorkspaceIds: [WORKSPACES.open] },
  'a hidden member with a withheld reply and a withheld workspace': {
    ...OUTSIDER,
    workspaceIds: [WORKSPACES.hidden],
    withheldIds: ['comment:ws-hidden-reply'],
    withheldWorkspaceIds: [WORKSPACES.second],
  },
  'a member of everything': INSIDER,
  // Long lists, as for a member of hundreds of workspaces: the filter takes them whole.
  'a member of 300 workspaces, one hidden, with 500 documents withheld': {
    ...OUTSIDER,
    workspaceIds: [...Array.from({ length: 299 }, (_, index) => `ws-elsewhere-${index}`), WORKSPACES.hidden],
    withheldIds: [...Array.from({ length: 499 }, (_, index) => `page:elsewhere-${index}`), 'discussion:ws-hidden-thread'],
    withheldWorkspaceIds: Array.from({ length: 50 }, (_, index) => `ws-withheld-${index}`),
  },
};

const HOSTILE_QUERIES = [
  'x'.repeat(10 * 1024),
  'word '.repeat(2000),
  '"',
  '"unbalanced',
  'unbalanced"',
  '""',
  `"'"'`,
  'AND OR NOT',
  'or',
  'or or or',
  '-',
  '--',
  '- -',
  '-"',
  '-beacon',
  "'; DROP TABLE x; --",
  "' OR 1=1 --",
  '%_*?:&|!()<>[]{}^$\\/.+',
  'beacon:* & !beacon | (beacon)',
  'NEAR(beacon quokka) beacon* ^beacon',
  '\u0000',
  'beacon\u0000quokka',
  '\u0001\u0002\u001b[31m',
  '🙂🔥 beacon 👩‍⚕️',
  'مرحبا بالعالم',
  '\u202Ebeacon\u202C',
  'שלום beacon',
  '<script>alert(1)</script>',
  '<mark>beacon</mark>',
  '&amp; &lt;b&gt;',
  '.* (a|b)+ \\d{1,3}',
  '   ',
  '',
  ...FORUM_HOSTILE,
];

// The reference: what an engine must answer for a query of whole words that occur exactly as typed.

const wordsIn = new Map(CONTRACT_CORPUS.map((document) => [document.id, new Set(wordsOf(`${document.title} ${document.headings} ${document.body}`))]));
const byId = new Map(CONTRACT_CORPUS.map((document) => [document.id, document]));

function holds(document: SearchDocument, words: string[]): boolean {
  const held = wordsIn.get(document.id) ?? new Set(wordsOf(`${document.title} ${document.headings} ${document.body}`));
  return words.every((word) => held.has(word));
}

function passes(document: SearchDocument, filters: SearchFilters, ignoreTypes = false): boolean {
  if (!ignoreTypes && filters.types && !filters.types.includes(document.type)) return false;
  if (filters.workspaceId && document.workspaceId !== filters.workspaceId) return false;
  return Object.entries(filters.facets ?? {}).every(([name, values]) => (document.facets[name] ?? []).some((value) => values.includes(value)));
}

function count(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

function reference(words: string[], readable: Readable, filters: SearchFilters = {}, corpus = CONTRACT_CORPUS) {
  const matching = corpus.filter((document) => holds(document, words) && isReadable(document, readable));
  const hits = matching.filter((document) => passes(document, filters));
  return {
    ids: hits.map((document) => document.id).sort(),
    facets: {
      type: count(matching.filter((document) => passes(document, filters, true)).map((document) => document.type)),
      workspace: count(hits.flatMap((document) => (document.workspaceId ? [document.workspaceId] : []))),
      region: count(hits.flatMap((document) => document.facets.region ?? [])),
      topic: count(hits.flatMap((document) => document.facets.topic ?? [])),
    },
  };
}

/** Optimal string alignment distance: a transposition is one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** One substituted letter in the middle. */
const oneTypo = (word: string) => {
  const middle = Math.floor(word.length / 2);
  return `${word.slice(0, middle)}${word[middle] === 'x' ? 'z' : 'x'}${word.slice(middle + 1)}`;
};
/** Two substituted letters, apart. */
const twoTypos = (word: string) => {
  const typed = oneTypo(word);
  const second = Math.floor(word.length / 2) + 2;
  return `${typed.slice(0, second)}${typed[second] === 'q' ? 'j' : 'q'}${typed.slice(second + 1)}`;
};

const corpusWords = [...new Set([...wordsIn.values()].flatMap((words) => [...words]))];

describe('the contract corpus', () => {
  it('has unique ids of the form type:ref and hashes of its fields', () => {
    expect(new Set(CONTRACT_CORPUS.map((document) => document.id)).size).toBe(CONTRACT_CORPUS.length);
    for (const { hash, ...fields } of CONTRACT_CORPUS) {
      expect(fields.id.startsWith(`${fields.type}:`)).toBe(true);
      expect(hash).toBe(documentHash(fields));
    }
  });

  it('holds no word near the words tests expect exact answers for, so any engine may be held to them', () => {
    for (const word of EXACT_WORDS) {
      expect(corpusWords, word).toContain(word);
      const near = corpusWords.filter((other) => other !== word && (other.startsWith(word) || editDistance(other, word) <= 2));
      expect(near, word).toEqual([]);
    }
    for (const word of Object.values(UNIQUE_WORDS)) {
      expect(corpusWords.filter((other) => other.startsWith(word.slice(0, 6))), word).toEqual([word]);
      expect(corpusWords.filter((other) => other !== word && editDistance(other, word) <= 4), word).toEqual([]);
    }
    // The misspellings of "beacon" the permission tests use are near nothing else.
    for (const typed of ['beacan', 'beacn', 'baecon']) {
      expect(corpusWords.filter((other) => editDistance(other, typed) <= 1), typed).toEqual(['beacon']);
    }
    expect(corpusWords.filter((other) => other.startsWith('beac'))).toEqual(['beacon']);
    // "care" is in no document and no word starts with it; "core" and "case" are one letter away.
    expect(corpusWords.filter((other) => other.startsWith('care'))).toEqual([]);
    expect(corpusWords).toEqual(expect.arrayContaining(['core', 'case']));
    expect(corpusWords.filter((other) => other.startsWith('diab'))).toEqual(['diabetes']);
    // Words only the tests that change documents bring.
    for (const word of ['tangerine', 'clementine', 'changing', 'xylophone', 'wombat', 'zzqxjvw', 'gravel', 'wolverine', 'quince', 'concurrent', 'pangolin', 'forged', 'armadillo', 'marmoset']) {
      expect(corpusWords.filter((other) => other.startsWith(word) || editDistance(other, word) <= 2), word).toEqual([]);
    }
  });
});

function expectSegments(segments: Segment[]) {
  expect(Array.isArray(segments)).toBe(true);
  for (const segment of segments) {
    expect(typeof segment.text).toBe('string');
    expect(typeof segment.match).toBe('boolean');
  }
}

const joined = (segments: Segment[]) => segments.map((segment) => segment.text).join('');
const matched = (segments: Segment[]) => segments.filter((segment) => segment.match).map((segment) => segment.text);

function expectWellFormed(result: EngineResult, pageSize: number) {
  expect(Number.isInteger(result.total)).toBe(true);
  expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
  expect(result.hits.length).toBeLessThanOrEqual(pageSize);
  for (const hit of result.hits) {
    expect(typeof hit.id).toBe('string');
    expect(typeof hit.type).toBe('string');
    expect(typeof hit.url).toBe('string');
    expectSegments(hit.title);
    expectSegments(hit.snippet);
  }
  expect(typeof result.facets).toBe('object');
  for (const counts of Object.values(result.facets)) {
    for (const value of Object.values(counts)) {
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
  }
}

describe.each(configuredTestEngines())('the $name engine', ({ create }) => {
  let handle: TestEngine | undefined;
  let engine: SearchEngine;
  /** Documents a test has upserted beyond the corpus, while they are indexed. */
  const extra = new Map<string, SearchDocument>();
  async function upsertExtra(documents: SearchDocument[]) {
    for (const document of documents) extra.set(document.id, document);
    await engine.upsert(documents);
  }
  async function removeExtra(ids: string[]) {
    await engine.remove(ids);
    for (const id of ids) extra.delete(id);
  }

  beforeAll(async () => {
    handle = await create();
    engine = handle.engine;
    await engine.prepare();
    await engine.upsert(CONTRACT_CORPUS);
  });

  afterAll(async () => {
    await handle?.dispose();
  });

  interface Options {
    readable?: Readable;
    filters?: SearchFilters;
    page?: number;
    pageSize?: number;
    facets?: string[];
  }

  async function find(text: string, options: Options = {}): Promise<EngineResult> {
    const pageSize = options.pageSize ?? 50;
    const result = await engine.search({
      query: parseQuery(text),
      readable: options.readable ?? INSIDER,
      filters: options.filters ?? {},
      page: options.page ?? 1,
      pageSize,
      ...(options.facets ? { facets: options.facets } : {}),
    });
    expectWellFormed(result, pageSize);
    // Whatever the query, a hit is readable, its title is its stored title, and its snippet a stretch of its headings or body.
    for (const hit of result.hits) {
      const stored = extra.get(hit.id) ?? byId.get(hit.id);
      if (!stored) continue;
      expect(isReadable(stored, options.readable ?? INSIDER), `${hit.id} is readable for "${text}"`).toBe(true);
      expect(joined(hit.title), `${hit.id}: title for "${text}"`).toBe(stored.title);
      const snippet = joined(hit.snippet);
      expect(stored.body.includes(snippet) || stored.headings.includes(snippet), `${hit.id}: snippet "${snippet}" for "${text}"`).toBe(true);
    }
    return result;
  }

  const idsOf = async (text: string, options: Options = {}) => (await find(text, options)).hits.map((hit) => hit.id);

  /** Every hit, page by page, checking the total never changes and no page repeats a hit. */
  async function everyHit(text: string, options: Options = {}) {
    const pageSize = options.pageSize ?? 4;
    const first = await find(text, { ...options, pageSize, page: 1 });
    const ids = first.hits.map((hit) => hit.id);
    const pages = Math.ceil(first.total / pageSize);
    for (let page = 2; page <= pages + 1; page += 1) {
      const result = await find(text, { ...options, pageSize, page });
      expect(result.total, `total on page ${page}`).toBe(first.total);
      if (page === pages + 1) expect(result.hits, `page ${page}, past the end`).toEqual([]);
      else expect(result.hits.length, `page ${page}`).toBeGreaterThan(0);
      ids.push(...result.hits.map((hit) => hit.id));
    }
    expect(new Set(ids).size, 'no hit on two pages').toBe(ids.length);
    return { total: first.total, ids };
  }

  describe('ranking', () => {
    it('ranks a match in the title above one in the headings above one in the body, whatever their age', async () => {
      expect(await idsOf('kestrel ')).toEqual([RANKING.title, RANKING.heading, RANKING.body]);
    });

    it('puts the newer of two equally good matches first', async () => {
      expect(await idsOf('osprey ')).toEqual([RANKING.newer, RANKING.older]);
      expect(await idsOf('osprey platform repairs ')).toEqual([RANKING.newer, RANKING.older]);
    });

    it('gives back what was stored with each hit', async () => {
      const [hit] = (await find('brannigan ', { filters: { types: ['person'] } })).hits;
      const stored = byId.get(TYPOS.exact) as SearchDocument;
      expect(hit).toMatchObject({ id: stored.id, type: stored.type, url: stored.url, workspaceId: stored.workspaceId, context: stored.context });
      expect(new Date(hit.updatedAt).getTime()).toBe(new Date(stored.updatedAt).getTime());
      const [page] = (await find('lantern ', { filters: { types: ['page'], workspaceId: WORKSPACES.second } })).hits;
      expect(page).toMatchObject({ id: FACETED.secondPage, type: 'page', workspaceId: WORKSPACES.second, context: null });
    });
  });

  describe('typos', () => {
    it.each([
      ['diabetis', 'a substitution'],
      ['diabeetes', 'an insertion'],
      ['diabets', 'a deletion'],
      ['diabtees', 'a transposition'],
      ['DIABETIS', 'a substitution, in capitals'],
    ])('finds "diabetes" from "%s" (%s)', async (typed) => {
      expect(await idsOf(`${typed} `)).toContain(TYPOS.diabetes);
      expect(await idsOf(`${typed} prevention `)).toContain(TYPOS.diabetes);
    });

    it('finds "prescribing" from "prescibing"', async () => {
      expect(await idsOf('prescibing ')).toContain(TYPOS.prescribing);
      expect(await idsOf('safely prescibing ')).toEqual([TYPOS.prescribing]);
    });

    it('forgives no typo in a word of four letters: "care" does not find "core" or "case"', async () => {
      expect((await find('care ')).total).toBe(0);
      expect((await find('care')).total).toBe(0);
      expect((await find('care skills framework ')).total).toBe(0);
      expect(await idsOf('core ')).toEqual([TYPOS.core]);
    });

    it('does not forgive two typos in a word of eight letters', async () => {
      expect((await find('diebetis ')).total).toBe(0);
    });

    it('ranks an exact match above a typo match, even a newer one', async () => {
      expect(await idsOf('brannigan ')).toEqual([TYPOS.exact, TYPOS.nearly]);
      expect(await idsOf('branigan ')).toEqual([TYPOS.nearly, TYPOS.exact]);
    });
  });

  describe('prefixes', () => {
    it('reads the last word, while it is being typed, as the start of a word', async () => {
      expect(await idsOf('diab')).toEqual([TYPOS.diabetes]);
      expect(await idsOf('prevention diab')).toEqual([TYPOS.diabetes]);
      expect(await idsOf('lant', { filters: { types: ['case-study'] } })).toEqual(expect.arrayContaining([FACETED.londonDigital, FACETED.northEast]));
    });

    it('reads a word followed by a space, and any word but the last, as a whole word', async () => {
      expect((await find('diab ')).total).toBe(0);
      expect((await find('diab prevention')).total).toBe(0);
      expect((await find('"diab"')).total).toBe(0);
    });
  });

  describe('phrases, exclusions and "or"', () => {
    it('matches quoted words as a phrase, not the same words apart', async () => {
      expect(await idsOf('"social prescribing"')).toEqual([PHRASES.together]);
      expect((await idsOf('social prescribing ')).sort()).toEqual([PHRASES.apart, PHRASES.together].sort());
      expect((await find('"prescribing social"')).total).toBe(0);
    });

    it('excludes a word or a phrase with a leading minus', async () => {
      const withoutPilot = await idsOf('prescribing -pilot ');
      expect(withoutPilot).toEqual(expect.arrayContaining([PHRASES.apart, TYPOS.prescribing]));
      expect(withoutPilot).not.toContain(PHRASES.together);
      const withoutPhrase = await idsOf('prescribing -"social prescribing" ');
      expect(withoutPhrase).toEqual(expect.arrayContaining([PHRASES.apart, TYPOS.prescribing]));
      expect(withoutPhrase).not.toContain(PHRASES.together);
      expect((await find('kestrel -monitoring -sightings ')).hits.map((hit) => hit.id)).toEqual([RANKING.body]);
    });

    it('matches either side of "or", and requires every other word', async () => {
      expect((await idsOf('kestrel or osprey ')).sort()).toEqual(Object.values(RANKING).sort());
      expect((await idsOf('kestrel OR osprey')).sort()).toEqual(Object.values(RANKING).sort());
      expect((await find('kestrel osprey ')).total).toBe(0);
      expect(await idsOf('quokka or nonexistentword ')).toEqual([HIGHLIGHT.hostile]);
    });
  });

  describe('facets', () => {
    it('counts types, workspaces, regions and topics of the matching documents, leaving out zeros', async () => {
      const result = await find('lantern ', { facets: ALL_FACETS });
      const expected = reference(['lantern'], INSIDER);
      expect(result.total).toBe(expected.ids.length);
      expect(result.facets).toEqual(expected.facets);
      expect(result.facets).toEqual({
        type: { 'case-study': 3, page: 2, discussion: 1 },
        workspace: { [WORKSPACES.open]: 2, [WORKSPACES.second]: 1 },
        region: { london: 2, 'north-east': 1 },
        topic: { digital: 2, workforce: 2 },
      });
    });

    it('counts types without the type filter, and everything else with every filter', async () => {
      for (const filters of [
        { types: ['case-study'] },
        { types: ['page'] },
        { facets: { region: ['london'] } },
        { types: ['discussion'], workspaceId: WORKSPACES.open },
        { workspaceId: WORKSPACES.second },
      ] as SearchFilters[]) {
        const result = await find('lantern ', { facets: ALL_FACETS, filters });
        const expected = reference(['lantern'], INSIDER, filters);
        expect(result.facets, JSON.stringify(filters)).toEqual(expected.facets);
        expect(result.total, JSON.stringify(filters)).toBe(expected.ids.length);
      }
    });

    it('counts only the facets asked for', async () => {
      const result = await find('lantern ', { facets: ['region'] });
      expect(result.facets).toEqual({ region: { london: 2, 'north-east': 1 } });
    });
  });

  describe('filters', () => {
    it.each([
      ['types', { types: ['page', 'discussion'] }],
      ['one type', { types: ['case-study'] }],
      ['a workspace', { workspaceId: WORKSPACES.open }],
      ['any of a facet’s values', { facets: { region: ['london', 'north-east'] } }],
      ['values of two facets', { facets: { region: ['london'], topic: ['workforce'] } }],
      ['a type and a workspace', { types: ['page'], workspaceId: WORKSPACES.second }],
      ['a type and a facet', { types: ['case-study'], facets: { topic: ['digital'] } }],
      ['a workspace with nothing matching', { workspaceId: WORKSPACES.restricted }],
      ['a type nothing has', { types: ['file'] }],
    ] as [string, SearchFilters][])('by %s, together with the query', async (_, filters) => {
      const result = await find('lantern ', { filters });
      expect(result.hits.map((hit) => hit.id).sort()).toEqual(reference(['lantern'], INSIDER, filters).ids);
      expect(result.total).toBe(result.hits.length);
    });
  });

  describe('paging', () => {
    it('gives every hit once across pages, with the same total on each, and an empty page past the end', async () => {
      const { total, ids } = await everyHit('meadow ', { pageSize: 5 });
      expect(total).toBe(PAGED.length);
      expect(ids.sort()).toEqual([...PAGED].sort());
      const beyond = await find('meadow ', { page: 100, pageSize: 5 });
      expect(beyond.hits).toEqual([]);
      expect(beyond.total).toBe(PAGED.length);
    });

    it('pages alike whatever the page size', async () => {
      const bySeven = await everyHit('meadow ', { pageSize: 7 });
      const byOne = await everyHit('meadow walk ', { pageSize: 1 });
      expect(bySeven.ids.sort()).toEqual([...PAGED].sort());
      expect(byOne.ids.sort()).toEqual([...PAGED].sort());
    });
  });

  describe('highlighting', () => {
    const hitOf = async (text: string, id: string) => {
      const hit = (await find(text)).hits.find((candidate) => candidate.id === id);
      expect(hit, `${id} for "${text}"`).toBeDefined();
      return hit as NonNullable<typeof hit>;
    };

    it('cuts the title and a stretch of the body into matched and unmatched text that joins back exactly', async () => {
      const stored = byId.get(HIGHLIGHT.long) as SearchDocument;
      const hit = await hitOf('dressing ', HIGHLIGHT.long);
      expect(joined(hit.title)).toBe(stored.title);
      expect(matched(hit.title).map((text) => text.trim().toLowerCase())).toEqual(['dressing']);
      const snippet = joined(hit.snippet);
      expect(stored.body.includes(snippet) || stored.headings.includes(snippet), snippet).toBe(true);
      expect(matched(hit.snippet).map((text) => text.trim().toLowerCase())).toEqual(['dressing']);
      // About 30 words, around the match in the middle of a long body.
      expect(wordsOf(snippet).length).toBeLessThanOrEqual(45);
      expect(wordsOf(snippet).length).toBeGreaterThanOrEqual(10);
    });

    it('marks a prefix match', async () => {
      const hit = await hitOf('wound dressi', HIGHLIGHT.long);
      expect(joined(hit.title)).toBe((byId.get(HIGHLIGHT.long) as SearchDocument).title);
      const marked = matched(hit.title).map((text) => text.trim().toLowerCase());
      expect(marked).toContain('wound');
      expect(marked.some((text) => text.startsWith('dressi'))).toBe(true);
    });

    it('marks only words of the query, whatever it matched through a typo', async () => {
      const hit = await hitOf('dresing ', HIGHLIGHT.long);
      expect(joined(hit.title)).toBe((byId.get(HIGHLIGHT.long) as SearchDocument).title);
      // An engine may mark the whole word or the part of it the typed word matched; never another word.
      for (const text of [...matched(hit.title), ...matched(hit.snippet)]) {
        const marked = text.trim().toLowerCase();
        expect(marked.length >= 4 && 'dressing'.startsWith(marked), marked).toBe(true);
      }
    });

    it('gives back markup, entities, quotes and control characters as the plain text they were', async () => {
      for (const text of ['quokka ', 'script ', 'alert ', 'double single ', 'refund isolated ']) {
        const hit = await hitOf(text, HIGHLIGHT.hostile);
        expect(joined(hit.title), text).toBe(HOSTILE_TITLE);
        const snippet = joined(hit.snippet);
        expect(HOSTILE_BODY.includes(snippet), `${text}: ${snippet}`).toBe(true);
        for (const marked of [...matched(hit.title), ...matched(hit.snippet)]) expect(marked.trim(), text).toMatch(/^[\p{L}\p{N}]+$/u);
      }
      // "script" is twice in the title, in <script> and </script>: either may be marked, nothing else.
      const hit = await hitOf('script ', HIGHLIGHT.hostile);
      const marked = matched(hit.title).map((text) => text.trim().toLowerCase());
      expect(marked.length).toBeGreaterThan(0);
      expect(new Set(marked)).toEqual(new Set(['script']));
    });
  });

  describe('updates and deletes', () => {
    const id = 'page:contract-changing';
    const version = (word: string, workspaceId: string, region: string, updatedAt: string) =>
      contractDocument(id, `Changing ${word} page`, { ...inWorkspace(workspaceId), body: `Only this page says ${word}.`, facets: { region: [region] }, updatedAt });

    it('replaces a document upserted again with the same id: old words stop finding it, new ones do, counts follow', async () => {
      try {
        await upsertExtra([version('tangerine', WORKSPACES.open, 'london', '2026-02-01T00:00:00.000Z')]);
        expect(await idsOf('tangerine ', { readable: OUTSIDER })).toEqual([id]);
        expect((await find('tangerine ', { facets: ALL_FACETS })).facets).toEqual({
          type: { page: 1 },
          workspace: { [WORKSPACES.open]: 1 },
          region: { london: 1 },
          topic: {},
        });
        await upsertExtra([version('clementine', WORKSPACES.hidden, 'north-west', '2026-02-02T00:00:00.000Z')]);
        expect((await find('tangerine ')).total).toBe(0);
        expect((await find('changing ', { facets: ALL_FACETS })).facets).toEqual({
          type: { page: 1 },
          workspace: { [WORKSPACES.hidden]: 1 },
          region: { 'north-west': 1 },
          topic: {},
        });
        // Now in the hidden workspace: gone for an outsider at once.
        expect((await find('clementine ', { readable: OUTSIDER })).total).toBe(0);
        expect(await idsOf('clementine ', { readable: { ...OUTSIDER, workspaceIds: [WORKSPACES.hidden] } })).toEqual([id]);
        expect((await engine.scan('page', 'page:contract-changin', 1))[0]).toEqual({ id, hash: version('clementine', WORKSPACES.hidden, 'north-west', '2026-02-02T00:00:00.000Z').hash });
      } finally {
        await removeExtra([id]);
      }
      expect((await find('clementine ')).total).toBe(0);
      expect((await find('changing ')).total).toBe(0);
    });

    it('removes documents at once, and ignores ids it does not hold', async () => {
      const ids = ['comment:contract-removed-1', 'comment:contract-removed-2', 'comment:contract-removed-3'];
      try {
        await upsertExtra(ids.map((removed) => contractDocument(removed, 'Removed xylophone comment', inWorkspace(WORKSPACES.open))));
        expect((await find('xylophone ')).total).toBe(3);
        expect((await engine.stats()).documents.comment).toBe(CONTRACT_CORPUS.filter((document) => document.type === 'comment').length + 3);
        await engine.remove([ids[0], 'comment:never-indexed', 'nothing-at-all']);
        expect((await idsOf('xylophone ')).sort()).toEqual(ids.slice(1));
        expect((await find('xylophone ', { facets: ['type'] })).facets).toEqual({ type: { comment: 2 } });
        await engine.remove([]);
        await engine.remove(ids);
        expect((await find('xylophone ')).total).toBe(0);
        await engine.remove(ids);
      } finally {
        await removeExtra(ids);
      }
      expect((await engine.stats()).documents.comment).toBe(CONTRACT_CORPUS.filter((document) => document.type === 'comment').length);
    });

    it('takes concurrent upserts and removes of the same documents without failing or doubling any', async () => {
      // Background workers on several instances may write overlapping batches at once, in any order.
      const ids = Array.from({ length: 40 }, (_, index) => `comment:contract-concurrent-${String(index).padStart(2, '0')}`);
      const version = (n: number) =>
        ids.map((id) => contractDocument(id, `Concurrent quince ${n}`, { ...inWorkspace(WORKSPACES.open), body: `Version ${n} of this comment.` }));
      try {
        await Promise.all([
          engine.upsert(version(1)),
          engine.upsert([...version(2)].reverse()),
          engine.remove(ids.slice(0, 10)),
          engine.upsert(version(3).slice(5)),
          engine.upsert([...version(4)].reverse().slice(3)),
          find('quince '),
        ]);
        await upsertExtra(version(5));
        const { total, ids: found } = await everyHit('quince ', { pageSize: 15 });
        expect(total).toBe(40);
        expect(found.sort()).toEqual(ids);
        expect(await engine.scan('comment', 'comment:contract-concurrent-', 40)).toEqual(version(5).map(({ id, hash }) => ({ id, hash })));
        expect((await engine.stats()).documents.comment).toBe(CONTRACT_CORPUS.filter((document) => document.type === 'comment').length + 40);
      } finally {
        await removeExtra(ids);
      }
      expect((await find('quince ')).total).toBe(0);
    });

    it('keeps noncharacters (which engines may use as markers) from forging or altering anything', async () => {
      // U+FDD0–U+FDEF are for a program's own use: an engine may drop them from stored text, nothing else.
      const forged = contractDocument('page:contract-forged', 'Pangolin \uFDD0forged\uFDD1 \uFDD2b> marks \uFFFE', {
        ...inWorkspace(WORKSPACES.open),
        body: 'Pangolin \uFDD1\uFDD0 body <\uFDD2 \uFDD0forged\uFDD1 here.',
      });
      const withoutNoncharacters = (text: string) => text.replace(/[\uFDD0-\uFDEF\uFFFE\uFFFF]/gu, '');
      try {
        await engine.upsert([forged]);
        const [hit] = (await find('pangolin ')).hits;
        expect(hit.id).toBe(forged.id);
        expect(withoutNoncharacters(joined(hit.title))).toBe(withoutNoncharacters(forged.title));
        const snippet = withoutNoncharacters(joined(hit.snippet));
        expect(withoutNoncharacters(forged.body).includes(snippet), snippet).toBe(true);
        for (const text of [...matched(hit.title), ...matched(hit.snippet)]) expect(text.trim().toLowerCase()).toBe('pangolin');
      } finally {
        await engine.remove([forged.id]);
      }
    });

    it('stores documents with empty text, or a title hundreds of words long, and gives them back whole', async () => {
      const empty = contractDocument('page:contract-empty', '', inWorkspace(WORKSPACES.open));
      const longTitle = `Armadillo ${Array.from({ length: 300 }, (_, index) => `word${index}`).join(' ')} end`;
      const long = contractDocument('page:contract-long-title', longTitle, { ...inWorkspace(WORKSPACES.open), headings: 'Armadillo', body: 'Armadillo' });
      try {
        await upsertExtra([empty, long]);
        const [hit] = (await find('armadillo ')).hits;
        expect(hit.id).toBe(long.id);
        expect(joined(hit.title)).toBe(longTitle);
        expect((await find('word150 ')).hits.map((found) => found.id)).toEqual([long.id]);
        expect(await engine.scan('page', 'page:contract-e', 1)).toEqual([{ id: empty.id, hash: empty.hash }]);
      } finally {
        await removeExtra([empty.id, long.id]);
      }
    });

    it('counts and filters facet values holding quotes, backslashes and other scripts as they are', async () => {
      const values = [`St Mary's "A" \\ team`, 'Île-de-France, Zürich & 東京', 'x" OR audience = "members'];
      const odd = values.map((value, index) =>
        contractDocument(`case-study:contract-odd-${index}`, `Odd facet marmoset ${index}`, { facets: { topic: [value], region: ['london'] } }),
      );
      try {
        await upsertExtra(odd);
        const result = await find('marmoset ', { facets: ['topic'] });
        expect(result.facets).toEqual({ topic: Object.fromEntries(values.map((value) => [value, 1])) });
        for (const [index, value] of values.entries()) {
          expect(await idsOf('marmoset ', { filters: { facets: { topic: [value] } } }), value).toEqual([odd[index].id]);
        }
        expect((await idsOf('marmoset ', { filters: { facets: { topic: values } } })).sort()).toEqual(odd.map((document) => document.id));
      } finally {
        await removeExtra(odd.map((document) => document.id));
      }
    });

    it('stores a document holding a NUL character without failing', async () => {
      const nul = contractDocument('page:contract-nul', 'Wombat\u0000burrow survey', { ...inWorkspace(WORKSPACES.open), body: 'Counted\u0000 at dusk' });
      try {
        await engine.upsert([nul]);
        const [hit] = (await find('wombat ')).hits;
        expect(hit.id).toBe(nul.id);
        // Stored as given, or without the NUL that some databases cannot store.
        expect([nul.title, nul.title.replace(/\0/g, ''), nul.title.replace(/\0/g, ' ')]).toContain(joined(hit.title));
      } finally {
        await engine.remove([nul.id]);
      }
    });
  });

  describe('many and long documents', () => {
    it('counts, pages, filters and removes a thousand documents and more in one call', async () => {
      // Alternately in an open and in the hidden workspace: the filter holds at scale too.
      const bulk = Array.from({ length: 1200 }, (_, index) =>
        contractDocument(`page:bulk-${String(index + 1).padStart(4, '0')}`, `Gravel path ${index + 1}`, {
          ...inWorkspace(index % 2 === 0 ? WORKSPACES.second : WORKSPACES.hidden),
          body: 'Resurfaced after the winter.',
          updatedAt: new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString(),
        }),
      );
      const ids = bulk.map((document) => document.id);
      const newestFirst = [...ids].reverse();
      try {
        await upsertExtra(bulk);
        const all = await find('gravel ', { facets: ALL_FACETS, pageSize: 20 });
        expectCount(all.total, 1200);
        expectCounts(all.facets.type, { page: 1200 }, 1200);
        expectCounts(all.facets.workspace, { [WORKSPACES.second]: 600, [WORKSPACES.hidden]: 600 }, 1200);
        expect(Object.keys(all.facets.type)).toEqual(['page']);
        // Equal ranks, newest first, down to the last page anyone may reach.
        expect(all.hits.map((hit) => hit.id)).toEqual(newestFirst.slice(0, 20));
        const lastPage = REACHABLE / 20;
        const last = await find('gravel ', { page: lastPage, pageSize: 20 });
        expect(last.hits.map((hit) => hit.id)).toEqual(newestFirst.slice(REACHABLE - 20, REACHABLE));
        expect(last.total).toBe(all.total);
        const outside = await find('gravel ', { readable: OUTSIDER, facets: ALL_FACETS, page: 30, pageSize: 20 });
        expect(outside.total).toBe(600);
        expect(outside.facets.workspace).toEqual({ [WORKSPACES.second]: 600 });
        expect(outside.hits.map((hit) => hit.id)).toEqual(newestFirst.filter((_, index) => index % 2 === 1).slice(580, 600));
        expect((await find('gravel ', { readable: OUTSIDER, page: 31, pageSize: 20 })).hits).toEqual([]);
        expect((await find('gravel ', { readable: ANONYMOUS })).total).toBe(0);
        expect(await engine.scan('page', 'page:bulk-', 500)).toEqual(bulk.slice(0, 500).map(({ id, hash }) => ({ id, hash })));
        expect((await engine.stats()).documents.page).toBe(CONTRACT_CORPUS.filter((document) => document.type === 'page').length + 1200);
      } finally {
        await removeExtra(ids);
      }
      expect((await find('gravel ')).total).toBe(0);
      expect((await engine.stats()).documents.page).toBe(CONTRACT_CORPUS.filter((document) => document.type === 'page').length);
    });

    it('finds a word at the end of a long document (8,000 words, a long policy) and shows about 30 words around it', async () => {
      const words = 'The tissue viability team wrote this guide with ward nurses from three hospitals'.split(' ');
      const body = `${Array.from({ length: 8_000 }, (_, index) => words[index % words.length]).join(' ')}. At the very end a wolverine appears.`;
      const long = contractDocument('page:contract-long', 'A very long page', { ...inWorkspace(WORKSPACES.open), body });
      try {
        await upsertExtra([long]);
        const [hit] = (await find('wolverine ')).hits;
        expect(hit.id).toBe(long.id);
        expect(matched(hit.snippet).map((text) => text.trim().toLowerCase())).toEqual(['wolverine']);
        expect(wordsOf(joined(hit.snippet)).length).toBeLessThanOrEqual(45);
        expect((await find('wolverine appears ')).total).toBe(1);
      } finally {
        await removeExtra([long.id]);
      }
    });
  });

  describe('other scripts, accents and numbers', () => {
    it('folds accents and case alike in documents and queries, and keeps other scripts', async () => {
      for (const text of ['cafe ', 'café ', 'CAFÉ ', 'naive resume ', 'naïve résumé ', 'zoe ', 'zoë ', 'covid-19 ', 'covid 19 boosters ', '東京 ', 'caf', 'résu']) {
        expect(await idsOf(text), text).toEqual([ACCENTED]);
      }
      const [hit] = (await find('cafe ')).hits;
      expect(matched(hit.title).map((text) => text.trim())).toEqual(['Café']);
    });
  });

  describe('permissions', () => {
    it.each(Object.entries(READERS))('%s finds exactly the documents they may read, page after page', async (_, readable) => {
      const expected = reference([PERMISSION_WORD], readable);
      const { total, ids } = await everyHit(`${PERMISSION_WORD} `, { readable });
      expect(ids.sort()).toEqual(expected.ids);
      expect(total).toBe(expected.ids.length);
    });

    it.each(Object.entries(READERS))('%s finds the same through a typo, a prefix, a phrase and "or"', async (_, readable) => {
      const expected = reference([PERMISSION_WORD], readable);
      for (const text of ['beacan ', 'beacn ', 'beac', 'baecon', '"beacon notes"', 'zzqxjvw or beacon ', 'beacon -zzqxjvw ']) {
        const { total, ids } = await everyHit(text, { readable, pageSize: 6 });
        expect(ids.sort(), text).toEqual(expected.ids);
        expect(total, text).toBe(expected.ids.length);
        const result = await find(text, { readable, facets: ALL_FACETS, pageSize: 1 });
        expect(result.facets, text).toEqual(expected.facets);
      }
    });

    it.each(Object.entries(READERS))('%s sees counts and facet values of readable documents only', async (_, readable) => {
      for (const filters of [{}, { types: ['page'] }, { types: ['person', 'workspace'] }, { facets: { region: ['london', 'covert-region'] } }] as SearchFilters[]) {
        const result = await find(`${PERMISSION_WORD} `, { readable, filters, facets: ALL_FACETS, pageSize: 3 });
        const expected = reference([PERMISSION_WORD], readable, filters);
        expect(result.total, JSON.stringify(filters)).toBe(expected.ids.length);
        expect(result.facets, JSON.stringify(filters)).toEqual(expected.facets);
      }
    });

    it.each(Object.entries(READERS))('%s gets nothing from a workspace or facet value they may not read, even named in a filter', async (_, readable) => {
      const filterings: SearchFilters[] = [
        ...Object.values(WORKSPACES).map((workspaceId) => ({ workspaceId })),
        ...['covert-region', 'covert-reply-region'].map((value) => ({ facets: { region: [value] } })),
        ...['covert-topic', 'covert-plan-topic', 'restricted-topic', 'restricted-note-topic', 'open-topic'].map((value) => ({ facets: { topic: [value] } })),
      ];
      for (const filters of filterings) {
        const result = await find(`${PERMISSION_WORD} `, { readable, filters, facets: ALL_FACETS });
        const expected = reference([PERMISSION_WORD], readable, filters);
        expect(result.hits.map((hit) => hit.id).sort(), JSON.stringify(filters)).toEqual(expected.ids);
        expect(result.facets, JSON.stringify(filters)).toEqual(expected.facets);
      }
    });

    it.each(Object.entries(READERS))('%s learns nothing from the words of a document they may not read', async (_, readable) => {
      const unreadable = PERMISSION_IDS.filter((id) => !isReadable(byId.get(id) as SearchDocument, readable));
      const readableIds = PERMISSION_IDS.filter((id) => isReadable(byId.get(id) as SearchDocument, readable));
      const words = unreadable.map((id) => UNIQUE_WORDS[id]);
      const nothing = { type: {}, workspace: {}, region: {}, topic: {} };
      const expectNothing = async (text: string) => {
        const result = await find(text, { readable, facets: ALL_FACETS });
        expect({ total: result.total, hits: result.hits.map((hit) => hit.id), facets: result.facets }, text).toEqual({ total: 0, hits: [], facets: nothing });
      };
      // Several words joined by "or" ask about all of them at once (a query reads at most ten words).
      for (let start = 0; start < words.length; start += 9) {
        const chunk = words.slice(start, start + 9);
        await expectNothing(`${chunk.join(' or ')} `);
        await expectNothing(`${chunk.map(oneTypo).join(' or ')} `);
        await expectNothing(chunk.map(oneTypo).join(' or '));
      }
      for (let start = 0; start < words.length; start += 5) {
        await expectNothing(`${words.slice(start, start + 5).map((word) => `"${word} beacon"`).join(' or ')} `);
        // Alongside a word they may read: exactly what that word finds, counted alike.
        const withReadable = await find(`${PERMISSION_WORD} or ${words.slice(start, start + 5).join(' or ')} `, { readable, facets: ALL_FACETS });
        const expected = reference([PERMISSION_WORD], readable);
        expect(withReadable.total).toBe(expected.ids.length);
        expect(withReadable.facets).toEqual(expected.facets);
      }
      for (const word of words) {
        await expectNothing(word.slice(0, 6));
        expect(await engine.correct(parseQuery(`${word} `), readable, {}), `correct("${word} ")`).toBeNull();
        expect(await engine.correct(parseQuery(`${oneTypo(word)} `), readable, {}), `correct("${oneTypo(word)} ")`).toBeNull();
      }
      // The same words are found by those who may read them.
      for (const id of readableIds) {
        expect(await idsOf(`${UNIQUE_WORDS[id]} `, { readable }), id).toEqual([id]);
      }
    });
  });

  describe('what the words of unreadable documents can sway', () => {
    it('finds a readable word by its start however many shorter words unreadable documents hold with that start', async () => {
      // Engines that complete a prefix from a capped list of indexed words must not let words an
      // asker cannot read fill the list: which readable documents are found would then tell that
      // those words exist.
      const letters = 'bcdfghjklmnpqrstvwxz';
      const crowd = Array.from({ length: 40 }, (_, i) => `quorv${letters[Math.floor(i / letters.length)]}${letters[i % letters.length]}`);
      const hidden = crowd.map((word, i) => contractDocument(`page:crowd-${i}`, `Crowd ${word}`, { ...inWorkspace(WORKSPACES.hidden), body: word }));
      const readable = contractDocument('page:crowd-readable', 'Crowd readable', { ...inWorkspace(WORKSPACES.open), body: 'quorvillagewardens' });
      await upsertExtra([...hidden, readable]);
      try {
        expect(await idsOf('quorv', { readable: OUTSIDER })).toEqual(['page:crowd-readable']);
      } finally {
        await removeExtra([...hidden.map((document) => document.id), readable.id]);
      }
    });
  });

  describe('"did you mean"', () => {
    async function expectFindsSomething(suggestion: string | null, readable: Readable, filters: SearchFilters = {}) {
      if (suggestion === null) return;
      expect(typeof suggestion).toBe('string');
      const result = await find(suggestion, { readable, filters });
      expect(result.total, `"${suggestion}" finds something`).toBeGreaterThan(0);
    }

    it('suggests, for words it cannot match, only a spelling that finds something readable (or nothing)', async () => {
      for (const readable of [ANONYMOUS, OUTSIDER, INSIDER]) {
        await expectFindsSomething(await engine.correct(parseQuery('diebetis '), readable, {}), readable);
        await expectFindsSomething(await engine.correct(parseQuery('diebetis prevention '), readable, {}), readable);
        await expectFindsSomething(await engine.correct(parseQuery('lanturm '), readable, { types: ['case-study'] }), readable, { types: ['case-study'] });
      }
    });

    it('never suggests a word that only documents the asker may not read hold', async () => {
      for (const readable of [ANONYMOUS, OUTSIDER]) {
        for (const id of PERMISSION_IDS.filter((candidate) => !isReadable(byId.get(candidate) as SearchDocument, readable))) {
          const word = UNIQUE_WORDS[id];
          const workspaceId = (byId.get(id) as SearchDocument).workspaceId;
          const asked: [string, SearchFilters][] = [
            [`${twoTypos(word)} `, {}],
            [`${oneTypo(word)} beacon `, {}],
            [`beacon ${oneTypo(word)}`, workspaceId ? { workspaceId } : { types: [id.slice(0, id.indexOf(':'))] }],
          ];
          for (const [text, filters] of asked) {
            const suggestion = await engine.correct(parseQuery(text), readable, filters);
            if (suggestion !== null) {
              expect(wordsOf(suggestion), `${id}: "${text}"`).not.toContain(word);
              await expectFindsSomething(suggestion, readable, filters);
            }
          }
        }
      }
    });

    it('suggests nothing when nothing near is readable', async () => {
      expect(await engine.correct(parseQuery('zzqxjvw '), INSIDER, {})).toBeNull();
      expect(await engine.correct(parseQuery(''), INSIDER, {})).toBeNull();
    });
  });

  describe('hostile queries', () => {
    it.each(HOSTILE_QUERIES.map((query) => [JSON.stringify(query.length > 40 ? `${query.slice(0, 40)}…` : query), query]))(
      '%s gives a well-formed answer inside what the asker may read',
      async (_, query) => {
        for (const readable of [ANONYMOUS, OUTSIDER, INSIDER]) {
          const result = await find(query, { readable, facets: ALL_FACETS, pageSize: 20 });
          for (const hit of result.hits) {
            const stored = byId.get(hit.id);
            expect(stored, hit.id).toBeDefined();
            expect(isReadable(stored as SearchDocument, readable), hit.id).toBe(true);
            expect(joined(hit.title)).toBe((stored as SearchDocument).title);
          }
          const readableDocuments = CONTRACT_CORPUS.filter((document) => isReadable(document, readable));
          for (const value of Object.keys(result.facets.workspace ?? {})) expect(readableDocuments.map((document) => document.workspaceId)).toContain(value);
          for (const facet of ['region', 'topic']) {
            for (const value of Object.keys(result.facets[facet] ?? {})) expect(readableDocuments.flatMap((document) => document.facets[facet] ?? [])).toContain(value);
          }
          const suggestion = await engine.correct(parseQuery(query), readable, {});
          expect(suggestion === null || typeof suggestion === 'string').toBe(true);
        }
      },
    );

    it('takes hostile filter values as values', async () => {
      const hostile = [
        "'; DROP TABLE x; --",
        '%',
        '*',
        '") OR ("1"="1',
        '\\',
        'ws-open OR 1=1',
        // Filter expressions of engines that take them as text (Meilisearch's): a value must stay one value.
        'x" OR audience = "members',
        "x' OR audience = 'members",
        'x\\" OR type EXISTS OR "',
        'x] OR id EXISTS OR [',
      ];
      for (const value of hostile) {
        for (const filters of [{ types: [value] }, { workspaceId: value }, { facets: { region: [value] } }, { facets: { [value]: ['london'] } }] as SearchFilters[]) {
          const result = await find(`${PERMISSION_WORD} `, { filters, facets: ALL_FACETS });
          expect(result.total, JSON.stringify(filters)).toBe(0);
        }
      }
      // And the index is still there.
      expect((await find(`${PERMISSION_WORD} `)).total).toBe(PERMISSION_IDS.length);
    });
  });

  describe('statistics and reindexing', () => {
    const perType = (documents: SearchDocument[]) => count(documents.map((document) => document.type));

    it('counts documents per type', async () => {
      const stats = await engine.stats();
      expect(stats.documents).toEqual(perType(CONTRACT_CORPUS));
      expect(stats.sizeBytes === null || (Number.isFinite(stats.sizeBytes) && stats.sizeBytes >= 0)).toBe(true);
    });

    it('prepares again without losing anything', async () => {
      await engine.prepare();
      expect((await engine.stats()).documents).toEqual(perType(CONTRACT_CORPUS));
      expect(await idsOf('kestrel ')).toEqual([RANKING.title, RANKING.heading, RANKING.body]);
    });

    it('starts again over what it holds: a new engine on the same index prepares and answers alike', async () => {
      // Anything an engine keeps only in memory (a vocabulary for typos, a cache) is gone after a restart.
      const again = (handle as TestEngine).reopen();
      await again.prepare();
      expect((await again.stats()).documents).toEqual(perType(CONTRACT_CORPUS));
      for (const text of ['kestrel ', 'diabetis ', 'diab', 'brannigan ', '"social prescribing"', 'kestrel or osprey ', 'beacan ']) {
        for (const readable of [OUTSIDER, INSIDER]) {
          const asked = { query: parseQuery(text), readable, filters: {}, page: 1, pageSize: 20, facets: ALL_FACETS };
          expect(await again.search(asked), text).toEqual(await engine.search(asked));
        }
      }
      expect(await again.correct(parseQuery('diebetis '), ANONYMOUS, {})).toEqual(await engine.correct(parseQuery('diebetis '), ANONYMOUS, {}));
      expect(await again.scan('page', null, 5)).toEqual(await engine.scan('page', null, 5));
    });

    it('scans ids and hashes of one type in id order, a page after a given id at a time', async () => {
      for (const type of Object.keys(perType(CONTRACT_CORPUS))) {
        const expected = CONTRACT_CORPUS.filter((document) => document.type === type)
          .map(({ id, hash }) => ({ id, hash }))
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        const scanned: { id: string; hash: string }[] = [];
        let after: string | null = null;
        for (;;) {
          const page = await engine.scan(type, after, 4);
          expect(page.length).toBeLessThanOrEqual(4);
          if (page.length === 0) break;
          scanned.push(...page);
          after = page[page.length - 1].id;
        }
        expect(scanned, type).toEqual(expected);
        expect(await engine.scan(type, null, 1000)).toEqual(expected);
        expect(await engine.scan(type, expected[1].id, 2)).toEqual(expected.slice(2, 4));
      }
      expect(await engine.scan('file', null, 10)).toEqual([]);
      // An id between two stored ones starts after the lower.
      expect((await engine.scan('discussion', 'discussion:meadow-05x', 1))[0].id).toBe('discussion:meadow-06');
    });

    it('empties on clear, and answers alike once everything is upserted again', async () => {
      const questions: [string, Options][] = [
        ['kestrel ', {}],
        ['lantern ', { facets: ALL_FACETS }],
        ['diabetis ', {}],
        [`${PERMISSION_WORD} `, { readable: OUTSIDER, facets: ALL_FACETS, pageSize: 100 }],
        ['meadow ', { pageSize: 30 }],
      ];
      // Equally ranked hits may come in another order after a rebuild: compare them as sets.
      const answer = async () =>
        Promise.all(
          questions.map(async ([text, options]) => {
            const { total, hits, facets } = await find(text, options);
            return { total, facets, hits: [...hits].sort((a, b) => (a.id < b.id ? -1 : 1)) };
          }),
        );
      const before = await answer();
      await engine.clear();
      expect(Object.values((await engine.stats()).documents).filter((count) => count > 0)).toEqual([]);
      for (const [text, options] of questions) expect((await find(text, options)).total, text).toBe(0);
      expect(await engine.scan('page', null, 10)).toEqual([]);
      // Upserted again in another order and in batches, as a reindex would.
      const shuffled = [...CONTRACT_CORPUS].reverse();
      for (let start = 0; start < shuffled.length; start += 20) await engine.upsert(shuffled.slice(start, start + 20));
      expect(await answer()).toEqual(before);
      expect((await engine.stats()).documents).toEqual(perType(CONTRACT_CORPUS));
    });
  });
});
