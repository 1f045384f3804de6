import { searchAnswerSchema } from '@futurenhs/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORUM_CORPUS } from '../../site/tests/e2e/hostile-corpus.ts';
import { forumApi, startDiscussion, workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The search route as the site uses it (docs/search.md): what it reads, what it answers, and that
 * nothing a member types or writes can break it or come back as markup.
 */
let cms: TestCms;
let member: TestPerson;
let slug: string;

const search = (query: Record<string, string | string[]>, person: TestPerson | null = member) =>
  cms.http
    .get('/api/search')
    .query(query)
    .set({ authorization: `Bearer ${person ? person.jwt : cms.siteToken}` });

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  cms = await startTestCms({ REVALIDATE_SECRET: '' });
  member = await createPerson(cms.strapi, 'seeker');
  const manager = await createPerson(cms.strapi, 'keeper');
  ({ slug } = await workspaceWithMembers(cms, manager, 'search-route', 'open', [member]));
  for (let i = 1; i <= 23; i += 1) {
    await startDiscussion(cms, member, slug, `Hypertension clinic ${i}`, `Notes on hypertension, number ${i}`);
  }
  const discussionId = await startDiscussion(cms, member, slug, 'Hostile corpus', 'Every hostile string');
  for (const text of Object.values(FORUM_CORPUS)) {
    const response = await cms.http.post(forumApi(`/workspaces/${slug}/discussions/${discussionId}/comments`)).set(member.auth).send({ body: `hostilecorpus ${text}` });
    expect(response.status).toBe(201);
  }
  await until(async () => (await search({ q: 'hypertension' })).body.total === 23, 'the discussions to be indexed');
  await until(async () => (await search({ q: 'hostilecorpus', type: 'comment' })).body.total === Object.keys(FORUM_CORPUS).length, 'the comments to be indexed');
});

afterAll(async () => {
  await cms?.stop();
});

describe('GET /api/search', () => {
  it('answers in the contract’s shape, a page at a time, with counts per type', async () => {
    const first = await search({ q: 'hypertension', pageSize: '10' });
    expect(first.status).toBe(200);
    const answer = searchAnswerSchema.parse(first.body);
    expect(answer.total).toBe(23);
    expect(answer.hits).toHaveLength(10);
    expect(answer.facets.type).toEqual([{ value: 'discussion', label: 'Discussions', count: 23 }]);
    expect(answer.facets.workspace).toEqual([{ value: slug, label: 'Forum search-route', count: 23 }]);
    const pages = [answer, ...(await Promise.all([2, 3].map(async (page) => searchAnswerSchema.parse((await search({ q: 'hypertension', pageSize: '10', page: String(page) })).body))))];
    const ids = pages.flatMap((page) => page.hits.map((hit) => hit.id));
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    const hit = answer.hits[0];
    expect(hit.url).toMatch(new RegExp(`^/workspaces/${slug}/discussions/\\d+$`));
    expect(hit.workspace).toEqual({ slug, title: 'Forum search-route' });
    expect(hit.title.some((segment) => segment.match && segment.text.toLowerCase().startsWith('hypertension'))).toBe(true);
  });

  it('filters by type and keeps a search to one workspace', async () => {
    expect((await search({ q: 'hypertension', type: 'comment' })).body.total).toBe(0);
    expect((await search({ q: 'hypertension', type: ['comment', 'discussion'] })).body.total).toBe(23);
    expect((await search({ q: 'hypertension', workspace: slug })).body.total).toBe(23);
    const unknown = await search({ q: 'hypertension', workspace: 'no-such-workspace' });
    expect(unknown.status).toBe(404);
  });

  it('suggests a spelling that finds something, when nothing matches', async () => {
    const answer = (await search({ q: 'hypertesnoin clinc' })).body;
    if (answer.total === 0) expect(answer.didYouMean).toMatch(/hypertension/);
  });

  it('refuses what it cannot read with a message, and never answers 500', async () => {
    const cases: [Record<string, string | string[]>, string][] = [
      [{ q: 'x'.repeat(101) }, 'Search term must be 100 characters or fewer'],
      [{ q: 'x', type: 'secret' }, 'Choose a type of result from the list'],
      [{ q: 'x', page: '51' }, 'Page must be 50 or less'],
      [{ q: 'x', page: 'two' }, 'Page must be a number'],
      [{ q: 'x', region: 'atlantis' }, 'Choose a region from the list'],
    ];
    for (const [query, message] of cases) {
      const response = await search(query);
      expect(response.status, JSON.stringify(query)).toBe(400);
      expect(response.body.error.message).toBe(message);
    }
  });

  it('reads hostile queries as words, never as syntax', async () => {
    const queries = [
      ...Object.values(FORUM_CORPUS).map((text) => text.slice(0, 100)),
      '"',
      '"""',
      '"unbalanced',
      'AND OR NOT',
      '- -- ---',
      "'; DROP TABLE forum_comments; --",
      '%_*?:&|!()<>[]{}^$\\/.+',
      '\u0000\u0001',
      '(a|b)+$',
      'hypertension:* & !clinic',
      '🙂 ‮rtl‬ עברית',
    ];
    for (const q of queries) {
      const response = await search({ q });
      expect(response.status, q).toBe(200);
      searchAnswerSchema.parse(response.body);
    }
    const long = await search({ q: 'a'.repeat(10_000) });
    expect(long.status).toBe(400);
  });

  it('gives back members’ markup as text: no segment is ever markup of its own', async () => {
    const pages = await Promise.all(['1', '2'].map(async (page) => searchAnswerSchema.parse((await search({ q: 'hostilecorpus', type: 'comment', pageSize: '20', page })).body)));
    expect(pages[0].total).toBe(Object.keys(FORUM_CORPUS).length);
    const texts = pages
      .flatMap((answer) => answer.hits)
      .flatMap((hit) => [...hit.title, ...hit.snippet])
      .map((segment) => segment.text)
      .join('');
    // The stored text comes back as it was written, as text: the site escapes it like any other.
    expect(texts).toContain('<script>window.__pwned = "script tag"</script>');
    expect(texts).not.toContain('<mark');
  });

  it('answers an empty query with nothing, quickly, without asking the engine', async () => {
    const answer = searchAnswerSchema.parse((await search({ q: '   ' })).body);
    expect(answer).toMatchObject({ total: 0, hits: [], didYouMean: null });
  });

  it('keeps what was searched for out of the request log', async () => {
    const lines: string[] = [];
    const log = cms.strapi.log as unknown as { http: (line: string) => void };
    const original = log.http;
    log.http = (line: string) => {
      lines.push(line);
    };
    try {
      await search({ q: 'confidential diagnosis' });
    } finally {
      log.http = original;
    }
    expect(lines.some((line) => line.startsWith('GET /api/search '))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/confidential|diagnosis|q=/);
  });

  it('fills a new index from the database by itself (a new engine, or content older than search)', async () => {
    const engine = cms.strapi.plugin('search').service('engines').engine();
    await engine.clear();
    expect((await search({ q: 'hypertension' })).body.total).toBe(0);
    const queue = cms.strapi.plugin('jobs').service('jobs');
    // As on a new engine: the mark of a completed fill is gone with the index.
    const store = cms.strapi.store({ type: 'plugin', name: 'search' });
    for (const key of ['filled:sqlite:futurenhs', 'filled:postgres:futurenhs']) await store.delete({ key });
    await queue.enqueue('search.fill', {}, { key: 'search.fill' });
    await until(async () => (await search({ q: 'hypertension' })).body.total === 23, 'the index to be filled');
  });
});
