import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/** The page builder's flows through real HTTP against the real CMS and database. */
let cms: TestCms;
let manager: TestPerson;
let colleague: TestPerson;
let member: TestPerson;
let slug: string;
let workspaceId: number;

const api = (path: string) => `/api/page-builder/workspaces/${slug}${path}`;
const get = (person: TestPerson, path: string) => cms.http.get(api(path)).set(person.auth);
const post = (person: TestPerson, path: string, body: Record<string, unknown> = {}) => cms.http.post(api(path)).set(person.auth).send(body);
const put = (person: TestPerson, path: string, body: Record<string, unknown>) => cms.http.put(api(path)).set(person.auth).send(body);

async function auditActions() {
  const events = await cms.strapi.db
    .query('plugin::membership.audit-event')
    .findMany({ select: ['action', 'details'], where: { workspace: { id: workspaceId } }, orderBy: [{ id: 'asc' }] });
  return events as { action: string; details: Record<string, unknown> }[];
}

async function createPage(title: string, pageSlug?: string) {
  const response = await post(manager, '/pages', { title, ...(pageSlug ? { slug: pageSlug } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data as { documentId: string; revision: number; slug: string };
}

const inset = (body: string) => ({ __component: 'blocks.inset-text', visuallyHiddenPrefix: null, body });

beforeAll(async () => {
  cms = await startTestCms();
  manager = await createPerson(cms.strapi, 'builder');
  colleague = await createPerson(cms.strapi, 'colleague');
  member = await createPerson(cms.strapi, 'reader');
  ({ slug, id: workspaceId } = await workspaceWithMembers(cms, manager, 'page-builder-flows', 'restricted', [colleague, member]));
  const memberships = cms.strapi.db.query('plugin::membership.membership');
  const row = await memberships.findOne({ where: { user: { id: colleague.id }, workspace: { id: workspaceId } } });
  await memberships.update({ where: { id: row.id }, data: { role: 'manager' } });
});

afterAll(async () => {
  await cms?.stop();
});

describe('pages', () => {
  it('are created (the first one becomes home), listed by position, and read as drafts', async () => {
    const home = await createPage('Welcome to the team');
    expect(home).toMatchObject({ slug: 'welcome-to-the-team', revision: 0, isHome: true, status: 'draft', publishedAt: null, blocks: [], updatedBy: { name: 'builder Tester' } });
    const second = await createPage('Team news & events');
    expect(second).toMatchObject({ slug: 'team-news-and-events', isHome: false, position: 1 });
    const again = await createPage('Team news & events');
    expect(again.slug).toBe('team-news-and-events-2');

    const list = await get(manager, '/pages');
    expect(list.status).toBe(200);
    expect(list.body.data.map((page: { slug: string }) => page.slug)).toEqual(['welcome-to-the-team', 'team-news-and-events', 'team-news-and-events-2']);
    const shown = await get(manager, `/pages/${second.documentId}`);
    expect(shown.body.data).toMatchObject({ documentId: second.documentId, title: 'Team news & events', blocks: [] });
    expect((await auditActions()).filter((event) => event.action === 'page.created')).toHaveLength(3);
  });

  it('refuse a bad or duplicate address and a bad title, at the field', async () => {
    const duplicate = await post(manager, '/pages', { title: 'Another', slug: 'welcome-to-the-team' });
    expect([duplicate.status, duplicate.body.error.details.errors[0].path]).toEqual([400, ['slug']]);
    const bad = await post(manager, '/pages', { title: 'Another', slug: 'Not A Slug' });
    expect([bad.status, bad.body.error.details.errors[0].path]).toEqual([400, ['slug']]);
    const long = await post(manager, '/pages', { title: 'x'.repeat(121) });
    expect([long.status, long.body.error.details.errors[0].path]).toEqual([400, ['title']]);
    const empty = await post(manager, '/pages', { title: '  ' });
    expect([empty.status, empty.body.error.message]).toEqual([400, 'Enter a title']);
  });

  it('save blocks against the revision they were based on, and publish', async () => {
    const page = await createPage('Saving');
    const saved = await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('First'), { __component: 'blocks.rich-text', body: '## Hello', extra: 'dropped' }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data).toMatchObject({ revision: 1, status: 'draft' });
    expect(saved.body.data.blocks).toEqual([
      { __component: 'blocks.inset-text', visuallyHiddenPrefix: null, body: 'First' },
      { __component: 'blocks.rich-text', body: '## Hello' },
    ]);
    const invalid = await put(manager, `/pages/${page.documentId}`, { revision: 1, blocks: [inset('ok'), { __component: 'blocks.key-links', heading: '', links: [] }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^Block 2 \(Key links\): /);
    expect(invalid.body.error.details.errors.map((error: { path: unknown[] }) => error.path)).toEqual(expect.arrayContaining([['blocks', 1, 'heading'], ['blocks', 1, 'links']]));

    const published = await post(manager, `/pages/${page.documentId}/publish`, { revision: 1 });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.data).toMatchObject({ status: 'published', revision: 1 });
    expect(published.body.data.publishedAt).toEqual(expect.any(String));
    const changed = await put(manager, `/pages/${page.documentId}`, { revision: 1, blocks: [inset('Second')] });
    expect(changed.body.data).toMatchObject({ status: 'changed', revision: 2 });
    // Members read the published page, not the draft.
    const live = await cms.strapi.documents('api::page.page').findOne({ documentId: page.documentId, status: 'published', populate: { blocks: true } } as never);
    expect((live as any).blocks.map((block: { body?: string }) => block.body)).toEqual(['First', '## Hello']);
  });

  it('rename and re-slug at once on draft and live page, leaving redirects from every old address', async () => {
    const page = await createPage('Moving', 'moving');
    await post(manager, `/pages/${page.documentId}/publish`, { revision: 0 });
    const renamed = await put(manager, `/pages/${page.documentId}/settings`, { title: 'Moved once', slug: 'moved-once' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect(renamed.body.data).toMatchObject({ title: 'Moved once', slug: 'moved-once', status: 'published' });
    await put(manager, `/pages/${page.documentId}/settings`, { title: 'Moved twice', slug: 'moved-twice' });
    for (const from of ['moving', 'moved-once']) {
      const redirect = await get(member, `/redirects/${from}`);
      expect([redirect.status, redirect.body.data]).toEqual([200, { slug: 'moved-twice', isHome: false }]);
    }
    expect((await get(member, '/redirects/never-was')).status).toBe(404);
    const live = await cms.strapi.db.query('api::page.page').findMany({ select: ['title', 'slug'], where: { documentId: page.documentId } });
    expect(live).toEqual([
      { title: 'Moved twice', slug: 'moved-twice' },
      { title: 'Moved twice', slug: 'moved-twice' },
    ]);
    const duplicate = await put(manager, `/pages/${page.documentId}/settings`, { title: 'Clash', slug: 'welcome-to-the-team' });
    expect([duplicate.status, duplicate.body.error.details.errors[0].path]).toEqual([400, ['slug']]);
    const settingsEvents = (await auditActions()).filter((event) => event.action === 'page.settings-changed');
    expect(settingsEvents.at(-1)?.details).toMatchObject({ changes: ['title', 'slug'], from: { slug: 'moved-once' }, to: { slug: 'moved-twice' } });
  });
});

describe('two managers editing the same page', () => {
  it('the second save is refused with who saved when, and nothing is lost', async () => {
    const page = await createPage('Shared');
    const mine = [inset('Mine')];
    const theirs = [inset('Theirs'), { __component: 'blocks.warning-callout', heading: 'Careful', headingLevel: 'h3', body: 'Theirs too' }];
    const first = await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: mine });
    expect(first.status).toBe(200);
    const second = await put(colleague, `/pages/${page.documentId}`, { revision: 0, blocks: theirs });
    expect(second.status).toBe(409);
    expect(second.body.error.name).toBe('ConflictError');
    expect(second.body.error.message).toMatch(/^builder Tester changed this page on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm), after you opened it/);
    expect(second.body.error.details.current).toMatchObject({ documentId: page.documentId, revision: 1, updatedBy: { name: 'builder Tester' } });
    const keptAs = second.body.error.details.keptAs as number;
    expect(second.body.error.message).toContain(`version ${keptAs}`);
    const kept = await get(colleague, `/pages/${page.documentId}/versions/${keptAs}`);
    expect(kept.body.data).toMatchObject({ number: keptAs, kind: 'conflict', author: { name: 'colleague Tester' } });
    expect(kept.body.data.blocks).toEqual(theirs);
    // The draft is the first manager's.
    expect((await get(manager, `/pages/${page.documentId}`)).body.data.blocks).toEqual(mine);
  });
});
