import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscussion, workspaceWithMembers } from '../../../../cms/tests/helpers/forum.ts';
import { createPerson, type TestPerson } from '../../../../cms/tests/helpers/members.ts';
import { startTestCms, type TestCms } from '../../../../cms/tests/helpers/test-strapi.ts';
import { parseSearchParams, type SearchRequest } from '../search/params.ts';
import { createCmsClient, type CmsClient } from './client.ts';
import { createMemberClient } from './member-client.ts';
import { searchSite, searchSuggestions, type SearchAsker, type SearchOutcome } from './search.ts';

/**
 * The site's search client against the real CMS (booted in this process on a throwaway database:
 * SQLite, or PostgreSQL with TEST_DATABASE_URL), over HTTP: a visitor asks with the site's token,
 * members with their own, and the CMS answers each with what they may read, or refuses bad input
 * with a message the page can show.
 */
let cms: TestCms;
let baseUrl: string;
let site: CmsClient;
let manager: TestPerson;
let member: TestPerson;
let outsider: TestPerson;

const OPEN_WORD = 'quokkaopen';
const HIDDEN_WORD = 'quokkahidden';
const STUDY_WORD = 'quokkastudy';

/** A visitor: the site's own (cached) client answers. */
const visitor: SearchAsker = { viewer: null, cms: createMemberClient({ baseUrl: '', timeoutMs: 1 }, { accessToken: () => undefined, refresh: async () => false, changed: () => {} }) };

function asPerson(person: TestPerson): SearchAsker {
  const session = { accessToken: () => person.jwt, refresh: async () => false, changed: () => {} };
  return { viewer: { id: String(person.id) }, cms: createMemberClient({ baseUrl, timeoutMs: 5000 }, session) };
}

const request = (query: string): SearchRequest => parseSearchParams(new URLSearchParams(query)).request;

/** Asks until the answer has hits (what was just written is indexed in the background), then once more for what it is. */
async function searchUntilFound(asker: SearchAsker, query: string): Promise<SearchOutcome> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const outcome = await searchSite(asker, request(query), asker === visitor ? freshSite() : site);
    if (outcome.kind === 'answer' && outcome.answer.total > 0) return outcome;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return searchSite(asker, request(query), site);
}

/** A client with no cache, so a visitor's repeated search asks the CMS again. */
const freshSite = () => createCmsClient({ baseUrl, token: cms.siteToken, timeoutMs: 5000 });

beforeAll(async () => {
  cms = await startTestCms({ SITE_URL: 'https://site.example', REVALIDATE_SECRET: '' });
  const server = cms.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  site = freshSite();
  manager = await createPerson(cms.strapi, 'manager');
  member = await createPerson(cms.strapi, 'member');
  outsider = await createPerson(cms.strapi, 'outsider');
  await workspaceWithMembers(cms, manager, 'open-search', 'open', [member]);
  await workspaceWithMembers(cms, manager, 'hidden-search', 'hidden', [member]);
  await startDiscussion(cms, member, 'open-search', `Weekend ${OPEN_WORD} rota`, 'Who covers Saturdays?');
  await startDiscussion(cms, member, 'hidden-search', `Secret ${HIDDEN_WORD} plan`, 'Not for outsiders');
  await cms.strapi.documents('api::case-study.case-study').create({
    data: { title: `A ${STUDY_WORD} case study`, slug: 'quokka-study', summary: 'How a practice did it', organisation: 'A Trust', region: 'london' } as never,
    status: 'published',
  });
});

afterAll(async () => {
  await cms?.stop();
});

describe('searchSite', () => {
  it('finds, for a member, what they may read, with facets, highlighted', async () => {
    const outcome = await searchUntilFound(asPerson(member), `q=${OPEN_WORD}`);
    expect(outcome.kind).toBe('answer');
    if (outcome.kind !== 'answer') return;
    const { answer } = outcome;
    expect(answer.total).toBe(1);
    expect(answer.pageSize).toBe(10);
    expect(answer.hits[0]).toMatchObject({ type: 'discussion', workspace: { slug: 'open-search' } });
    expect(answer.hits[0].title).toContainEqual({ text: expect.stringMatching(new RegExp(OPEN_WORD, 'i')), match: true });
    expect(answer.facets.type).toEqual([expect.objectContaining({ value: 'discussion', count: 1 })]);
  });

  it('finds nothing of a hidden workspace for an outsider, which its member finds', async () => {
    const found = await searchUntilFound(asPerson(member), `q=${HIDDEN_WORD}`);
    expect(found.kind === 'answer' && found.answer.total).toBe(1);
    const outcome = await searchSite(asPerson(outsider), request(`q=${HIDDEN_WORD}`), site);
    expect(outcome).toMatchObject({ kind: 'answer', answer: { total: 0, hits: [], didYouMean: null } });
    if (outcome.kind === 'answer') expect(outcome.answer.facets.workspace).toEqual([]);
  });

  it('answers a visitor with the site’s token: published case studies, nothing inside workspaces', async () => {
    const outcome = await searchUntilFound(visitor, `q=${STUDY_WORD}`);
    expect(outcome).toMatchObject({ kind: 'answer', answer: { total: 1, hits: [expect.objectContaining({ type: 'case-study', url: '/case-studies/quokka-study' })] } });
    if (outcome.kind === 'answer') expect(outcome.answer.facets.region).toEqual([expect.objectContaining({ value: 'london', count: 1 })]);
    expect(await searchSite(visitor, request(`q=${OPEN_WORD}`), freshSite())).toMatchObject({ kind: 'answer', answer: { total: 0 } });
  });

  it('sends types and facet values as lists the CMS reads', async () => {
    const asker = asPerson(member);
    await searchUntilFound(asker, `q=${OPEN_WORD}`);
    expect(await searchSite(asker, request(`q=${OPEN_WORD}&type=discussion&type=comment`), site)).toMatchObject({ kind: 'answer', answer: { total: 1 } });
    expect(await searchSite(asker, request(`q=${OPEN_WORD}&type=page`), site)).toMatchObject({ kind: 'answer', answer: { total: 0 } });
    expect(await searchSite(asker, request(`q=${OPEN_WORD}&workspace=open-search`), site)).toMatchObject({ kind: 'answer', answer: { total: 1 } });
  });

  it('returns the CMS’s message when it refuses the request', async () => {
    const outcome = await searchSite(asPerson(member), { ...request('q=x'), q: 'x'.repeat(101) }, site);
    expect(outcome.kind).toBe('refused');
    if (outcome.kind === 'refused') expect(outcome.message.length).toBeGreaterThan(0);
    const tooFar = await searchSite(visitor, { ...request(`q=${STUDY_WORD}`), page: 51 }, freshSite());
    expect(tooFar.kind).toBe('refused');
  });
});

describe('searchSuggestions', () => {
  it('gives the top hits as title, type, workspace and link', async () => {
    await searchUntilFound(asPerson(member), `q=${OPEN_WORD}`);
    expect(await searchSuggestions(asPerson(member), request(`q=${OPEN_WORD}`), site)).toEqual([
      { title: expect.arrayContaining([expect.objectContaining({ match: true })]), type: 'Discussion', workspace: 'Forum open-search', url: expect.stringMatching(/^\/workspaces\/open-search\/discussions\/\d+/) },
    ]);
    expect(await searchSuggestions(asPerson(outsider), request(`q=${HIDDEN_WORD}`), site)).toEqual([]);
    expect(await searchSuggestions(asPerson(member), { ...request('q=x'), q: 'x'.repeat(101) }, site)).toEqual([]);
  });
});
