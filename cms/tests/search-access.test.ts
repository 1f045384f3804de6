import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumApi, startDiscussion, workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, signInPlatformAdmin, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';
import { minimalPdf } from '../src/plugins/files/server/src/inspection/hostile-files.ts';

/**
 * The access matrix of search (docs/search.md#access): for every actor, words that occur only in
 * a workspace they may not read — in its pages, discussions, comments, replies, files (their names
 * and the text inside them) and member list —
 * find nothing: no hit, no count, no facet value, no "did you mean". The same words find their
 * documents for those who may read them, so no refusal here can pass by finding nothing at all.
 *
 * platformAdmin: an admin-panel user. The admin panel is where their power lies; the content API
 * does not take their token.
 */
type Visibility = 'open' | 'restricted' | 'hidden';
type Actor = 'anonymous' | 'outsider' | 'pending' | 'invited' | 'member' | 'manager' | 'otherManager' | 'platformAdmin';
type Person = Exclude<Actor, 'anonymous' | 'platformAdmin'>;

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager', 'platformAdmin'];
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
const VISIBILITIES: Visibility[] = ['open', 'restricted', 'hidden'];
const KINDS = ['page', 'discussion', 'comment', 'reply', 'pageComment', 'person', 'fileName', 'fileText'] as const;
type Kind = (typeof KINDS)[number];

let cms: TestCms;
const people = {} as Record<Person, TestPerson>;
let author: TestPerson;
let adminAuth: { authorization: string };
/** Per workspace: a word found only in each kind of its content, and the ids the changes below act on. */
const fixtures = {} as Record<Visibility, { slug: string; words: Record<Kind, string>; commentId: number; pageDocumentId: string }>;

/** A made-up word of letters only, so it is one word to every engine and occurs nowhere else. */
function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = 'q';
  for (let i = 0; i < 11; i += 1) word += letters[Math.floor(Math.random() * letters.length)];
  return word;
}

/** One typo away (the last letter changed): an engine's typo tolerance would find the word from it. */
const typoOf = (word: string) => `${word.slice(0, -1)}${word.endsWith('x') ? 'z' : 'x'}`;

function canRead(visibility: Visibility, actor: Actor): boolean {
  if (actor === 'member' || actor === 'manager') return true;
  return visibility === 'open' && actor !== 'anonymous' && actor !== 'platformAdmin';
}

function ask(actor: Actor | { authorization: string }, query: Record<string, string | string[]>) {
  const request = cms.http.get('/api/search').query(query);
  if (typeof actor === 'object') return request.set(actor);
  if (actor === 'anonymous') return request.set({ authorization: `Bearer ${cms.siteToken}` });
  if (actor === 'platformAdmin') return request.set(adminAuth);
  return request.set(people[actor].auth);
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function foundBy(actor: Actor | { authorization: string }, word: string): Promise<boolean> {
  const response = await ask(actor, { q: word });
  return response.status === 200 && response.body.total > 0;
}

/** Nothing about the word, in any part of the answer. */
function expectNothing(response: { status: number; text: string; body: any }, word: string, actor: string) {
  expect(response.status, `${actor}: ${response.text}`).toBe(200);
  expect(response.body.total, actor).toBe(0);
  expect(response.body.hits, actor).toEqual([]);
  expect(response.body.facets, actor).toEqual({ type: [], workspace: [], region: [], topic: [] });
  expect(response.body.didYouMean, actor).toBeNull();
  // The answer repeats the query it answers; nothing else in it may hold the word.
  const { query: _echo, ...rest } = response.body;
  expect(JSON.stringify(rest).toLowerCase(), actor).not.toContain(word);
}

async function comment(person: TestPerson, thread: string, body: string, parentId?: number) {
  const response = await cms.http
    .post(forumApi(`${thread}/comments`))
    .set(person.auth)
    .send({ body, ...(parentId ? { parentId } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.id as number;
}

beforeAll(async () => {
  cms = await startTestCms({ REVALIDATE_SECRET: '' });
  for (const actor of PEOPLE) people[actor] = await createPerson(cms.strapi, actor);
  author = await createPerson(cms.strapi, 'author');
  adminAuth = await signInPlatformAdmin(cms, 'search.admin@example.nhs.net');
  const memberships = cms.strapi.db.query('plugin::membership.membership');

  for (const visibility of VISIBILITIES) {
    const words = Object.fromEntries(KINDS.map((kind) => [kind, uniqueWord()])) as Record<Kind, string>;
    // Someone known only as a member of this workspace: their name is in its member list alone.
    const listed = await createPerson(cms.strapi, words.person);
    const { id, slug } = await workspaceWithMembers(cms, people.manager, `search-matrix-${visibility}`, visibility, [people.member, author, listed]);
    await memberships.create({ data: { workspace: id, user: people.pending.id, role: 'member', state: 'pending' } });
    await memberships.create({ data: { workspace: id, user: people.invited.id, role: 'member', state: 'invited' } });
    const workspace = await cms.strapi.db.query('api::workspace.workspace').findOne({ select: ['documentId'], where: { id } });
    const page = await cms.strapi.documents('api::page.page').create({
      data: {
        title: 'Talk page',
        slug: 'talk',
        position: 1,
        isHome: false,
        workspace: workspace.documentId,
        blocks: [{ __component: 'blocks.rich-text', body: `## Agenda\n\nWe will discuss ${words.page} at the next meeting.` }],
      } as never,
      status: 'published',
    });
    const turnedOn = await cms.http.put(forumApi(`/workspaces/${slug}/pages/talk/settings`)).set(people.manager.auth).send({ commentsEnabled: true });
    expect(turnedOn.status).toBe(200);
    const discussionId = await startDiscussion(cms, author, slug, `Planning ${words.discussion}`, 'Opening post for the matrix');
    const thread = `/workspaces/${slug}/discussions/${discussionId}`;
    const commentId = await comment(author, thread, `A comment about ${words.comment}`);
    await comment(author, thread, `A reply about ${words.reply}`, commentId);
    await comment(author, `/workspaces/${slug}/pages/talk`, `A page comment about ${words.pageComment}`);
    // A file found by its name, and one by the text inside it (extracted in the background).
    const uploaded = await cms.http
      .post(`/api/files/workspaces/${slug}/folders/root/files`)
      .set(author.auth)
      .attach('files', Buffer.from('Minutes of the matrix meeting\n'), `${words.fileName} minutes.txt`)
      .attach('files', minimalPdf([`Board paper on ${words.fileText} for the matrix`]), 'board-paper.pdf');
    expect(uploaded.status, uploaded.text).toBe(201);
    fixtures[visibility] = { slug, words, commentId, pageDocumentId: page.documentId };
  }
  await workspaceWithMembers(cms, people.otherManager, 'search-matrix-elsewhere', 'open');

  // Positive control: every word is found by a member before anyone is refused.
  for (const visibility of VISIBILITIES) {
    for (const kind of KINDS) {
      const word = fixtures[visibility].words[kind];
      await until(() => foundBy('member', word), `the ${kind} of the ${visibility} workspace to be indexed`);
    }
  }
});

afterAll(async () => {
  await cms?.stop();
});

describe('the search route', () => {
  it('is open to the authenticated role and the site token, and to no one else', async () => {
    const permissions = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::search.' } }, populate: ['role'] });
    expect(permissions.map((permission: any) => [permission.role.type, permission.action])).toEqual([['authenticated', 'plugin::search.search.search']]);
    const bare = await cms.http.get('/api/search').query({ q: 'anything' });
    expect(bare.status).toBe(403);
  });
});

describe.each(VISIBILITIES)('words only a %s workspace holds', (visibility) => {
  describe.each(KINDS)('in its %s', (kind) => {
    it.each(ACTORS)('for %s', async (actor) => {
      const word = fixtures[visibility].words[kind];
      // An open workspace's member list is read by everyone signed in, as its other content is.
      if (canRead(visibility, actor)) {
        const response = await ask(actor, { q: word });
        expect(response.status).toBe(200);
        expect(response.body.total, `${actor} should find the ${kind}`).toBeGreaterThan(0);
        return;
      }
      if (actor === 'platformAdmin') {
        const response = await ask(actor, { q: word });
        expect(response.status).toBe(401);
        expect(response.text.toLowerCase()).not.toContain(word);
        return;
      }
      for (const query of [{ q: word }, { q: typoOf(word) }, { q: word.slice(0, 6) }, { q: word, workspace: fixtures[visibility].slug }, { q: word, type: kind === 'person' ? 'person' : kind.startsWith('file') ? 'file' : 'comment' }]) {
        const response = await ask(actor, query);
        if (query.workspace && visibility === 'hidden') {
          // A hidden workspace is not there at all for those it does not involve.
          expect(response.status, JSON.stringify(query)).toBe(actor === 'pending' || actor === 'invited' ? 200 : 404);
          if (response.status === 404) {
            expect(response.text.toLowerCase()).not.toContain(word);
            continue;
          }
        }
        expectNothing(response, word, `${actor} ${JSON.stringify(query)}`);
      }
    });
  });
});

describe('a search for what every workspace holds', () => {
  it.each(ACTORS.filter((actor) => actor !== 'platformAdmin'))('counts and names only what %s may read', async (actor) => {
    const response = await ask(actor, { q: 'matrix' });
    expect(response.status).toBe(200);
    // Open and restricted workspaces are listed to everyone (their own title and summary are
    // public); a hidden one is named only to its members.
    const slugs = response.body.facets.workspace.map((value: { value: string }) => value.value);
    expect(slugs.includes(fixtures.hidden.slug), 'the hidden workspace named').toBe(canRead('hidden', actor));
    for (const visibility of VISIBILITIES) expect(slugs.includes(fixtures[visibility].slug), visibility).toBe(visibility !== 'hidden' || canRead('hidden', actor));
    for (const visibility of VISIBILITIES.filter((v) => !canRead(v, actor))) {
      for (const word of Object.values(fixtures[visibility].words)) expect(JSON.stringify(response.body.hits).toLowerCase()).not.toContain(word);
      const workspaceHits = response.body.hits.filter((hit: any) => hit.workspace?.slug === fixtures[visibility].slug && hit.type !== 'workspace');
      expect(workspaceHits).toEqual([]);
    }
    const counted = response.body.facets.type.reduce((sum: number, value: { count: number }) => sum + value.count, 0);
    expect(counted).toBe(response.body.total);
  });
});

describe('changes take effect on the next search', () => {
  it('a removed member finds nothing of the workspace at once', async () => {
    const leaver = await createPerson(cms.strapi, 'leaver');
    const { slug, words } = fixtures.hidden;
    const workspace = await cms.strapi.db.query('api::workspace.workspace').findOne({ select: ['id'], where: { slug } });
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: workspace.id, user: leaver.id, role: 'member', state: 'active' } });
    expect(await foundBy(leaver.auth, words.discussion)).toBe(true);
    const removed = await cms.http.post(`/api/membership/workspaces/${slug}/members/${leaver.id}/remove`).set(people.manager.auth).send({});
    expect(removed.status, removed.text).toBe(200);
    for (const word of Object.values(words)) expectNothing(await ask(leaver.auth, { q: word }), word, 'the removed member');
  });

  it('a hidden comment is gone from the next search, even before the index catches up', async () => {
    const { slug, words, commentId } = fixtures.restricted;
    expect(await foundBy('member', words.comment)).toBe(true);
    const hidden = await cms.http.post(forumApi(`/workspaces/${slug}/moderation/${commentId}/hide`)).set(people.manager.auth).send({ reason: 'Off topic' });
    expect(hidden.status, hidden.text).toBe(200);
    expectNothing(await ask('member', { q: words.comment }), words.comment, 'a member after the comment was hidden');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expectNothing(await ask('member', { q: words.comment }), words.comment, 'a member once the index caught up');
  });

  it('a file put in the recycle bin is gone from the next search, and back once restored', async () => {
    const { slug, words } = fixtures.restricted;
    const listed = await cms.http.get(`/api/files/workspaces/${slug}/folders/root`).set(people.member.auth);
    const item = listed.body.data.items.find((entry: { name: string }) => entry.name.startsWith(words.fileName));
    expect(item, listed.text).toBeTruthy();
    const binned = await cms.http.delete(`/api/files/workspaces/${slug}/items/${item.id}`).set(people.manager.auth);
    expect(binned.status, binned.text).toBe(200);
    expectNothing(await ask('member', { q: words.fileName }), words.fileName, 'a member after the file went to the bin');
    const restored = await cms.http.post(`/api/files/workspaces/${slug}/bin/item/${item.id}/restore`).set(people.manager.auth);
    expect(restored.status, restored.text).toBe(200);
    await until(() => foundBy('member', words.fileName), 'the restored file to be found again');
  });

  it('an unpublished page is gone from the next search', async () => {
    const { words, pageDocumentId } = fixtures.restricted;
    expect(await foundBy('member', words.page)).toBe(true);
    await cms.strapi.documents('api::page.page').unpublish({ documentId: pageDocumentId });
    expectNothing(await ask('member', { q: words.page }), words.page, 'a member after the page was unpublished');
  });

  it('a workspace made hidden is unreadable to outsiders at once, and still read by its members', async () => {
    const { slug, words } = fixtures.open;
    expect(await foundBy('outsider', words.discussion)).toBe(true);
    const changed = await cms.http.patch(`/api/membership/workspaces/${slug}/visibility`).set(people.manager.auth).send({ visibility: 'hidden' });
    expect(changed.status, changed.text).toBe(200);
    for (const word of Object.values(words)) expectNothing(await ask('outsider', { q: word }), word, 'an outsider after the workspace was hidden');
    await until(() => foundBy('member', words.discussion), 'the member to find the re-indexed discussion');
    for (const word of Object.values(words)) expectNothing(await ask('outsider', { q: word }), word, 'an outsider once the index caught up');
  });
});
