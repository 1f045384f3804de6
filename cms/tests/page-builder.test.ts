import { blocksPopulate, catalogue, renderMarkdown } from '@futurenhs/blocks';
import { allFixtures } from '@futurenhs/blocks/fixtures.ts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { strapiQuery } from './helpers/query-string.ts';
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
    .query('plugin::accounts.audit-event')
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
  cms = await startTestCms({ RATE_LIMIT_UPLOADING: '1000' });
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
    expect(second.body.error.message).toMatch(/^builder Tester changed this page on \d{1,2} \w+ \d{4} at \d{1,2}:\d{2}(am|pm), after you opened it$/);
    expect(second.body.error.details.current).toMatchObject({ documentId: page.documentId, revision: 1, updatedBy: { name: 'builder Tester' } });
    const keptAs = second.body.error.details.keptAs as number;
    expect(keptAs).toEqual(expect.any(Number));
    const kept = await get(colleague, `/pages/${page.documentId}/versions/${keptAs}`);
    expect(kept.body.data).toMatchObject({ number: keptAs, kind: 'conflict', author: { name: 'colleague Tester' } });
    expect(kept.body.data.blocks).toEqual(theirs);
    // The draft is the first manager's.
    expect((await get(manager, `/pages/${page.documentId}`)).body.data.blocks).toEqual(mine);
  });

  it('a manager’s own save in another tab is named as theirs; a restore sent twice restores once', async () => {
    const page = await createPage('Two tabs');
    await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('Tab one')] });
    await post(manager, `/pages/${page.documentId}/publish`, { revision: 1 });
    const otherTab = await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('Tab two')] });
    expect([otherTab.status, otherTab.body.error.message]).toEqual([409, expect.stringMatching(/^You changed this page on .* in another window or tab, after this one was opened$/)]);
    await put(manager, `/pages/${page.documentId}`, { revision: 1, blocks: [inset('Tab one, later')] });
    const restores = await Promise.all([1, 2].map(() => post(manager, `/pages/${page.documentId}/versions/1/restore`, { revision: 2 })));
    expect(restores.map((response) => response.status)).toEqual([200, 200]);
    expect(restores.map((response) => response.body.data.blocks)).toEqual([[inset('Tab one')], [inset('Tab one')]]);
    const history = (await get(manager, `/pages/${page.documentId}/versions`)).body.data as { number: number; kind: string }[];
    expect(history.map((version) => version.kind)).toEqual(['restore', 'replaced', 'conflict', 'publish']);
    // The unpublished draft the restore wrote over is kept, exactly.
    const replaced = await get(manager, `/pages/${page.documentId}/versions/${history[1].number}`);
    expect(replaced.body.data).toMatchObject({ kind: 'replaced', title: 'Two tabs', author: { name: 'builder Tester' } });
    expect(replaced.body.data.blocks).toEqual([inset('Tab one, later')]);
  });

  it('the same save sent twice (a double click) is no conflict', async () => {
    const page = await createPage('Double click');
    const blocks = [inset('Clicked twice')];
    const [once, twice] = await Promise.all([
      put(manager, `/pages/${page.documentId}`, { revision: 0, blocks }),
      put(manager, `/pages/${page.documentId}`, { revision: 0, blocks }),
    ]);
    expect([once.status, twice.status]).toEqual([200, 200]);
    expect([once.body.data.revision, twice.body.data.revision]).toEqual([1, 1]);
    expect((await get(manager, `/pages/${page.documentId}/versions`)).body.data).toEqual([]);
  });
});

describe('two managers saving at the same moment', () => {
  it('one save wins, the other is refused and kept', async () => {
    const page = await createPage('Raced');
    const [a, b] = await Promise.all([
      put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('From the first')] }),
      put(colleague, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('From the second')] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    const versions = await get(manager, `/pages/${page.documentId}/versions`);
    expect(versions.body.data).toEqual([expect.objectContaining({ number: refused.body.error.details.keptAs, kind: 'conflict' })]);
    expect((await get(manager, `/pages/${page.documentId}`)).body.data.revision).toBe(1);
  });
});

const image = async (width: number, height: number, format: 'png' | 'jpeg' = 'png') => {
  const base = sharp({ create: { width, height, channels: 3, background: { r: 0, g: 94, b: 184 } } });
  return format === 'png' ? base.png().toBuffer() : base.jpeg().withExif({ IFD0: { Make: 'SecretCam', Copyright: 'Location: 51.5N' } }).toBuffer();
};
const upload = (buffer: Buffer, name: string, person = manager) => cms.http.post(api('/images')).set(person.auth).attach('file', buffer, name);

describe('versions and restore', () => {
  it('each publish keeps a version; restoring one brings back its title and blocks exactly', async () => {
    const page = await createPage('Original title');
    const picture = await upload(await image(120, 80), 'team.png');
    const first = [
      inset('The first version'),
      {
        __component: 'blocks.card-group',
        heading: 'Cards',
        headingLevel: 'h2',
        columns: 'three',
        cards: [{ title: 'One', description: null, href: '/one', image: picture.body.data.id, imageAltText: 'Our team', imageIsDecorative: false }],
      },
    ];
    expect((await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: first })).status).toBe(200);
    const v1 = await post(manager, `/pages/${page.documentId}/publish`, { revision: 1 });
    expect(v1.status, JSON.stringify(v1.body)).toBe(200);
    const before = (await get(manager, `/pages/${page.documentId}`)).body.data;

    await put(manager, `/pages/${page.documentId}/settings`, { title: 'A new title', slug: page.slug });
    expect((await put(colleague, `/pages/${page.documentId}`, { revision: 1, blocks: [inset('The second version')] })).status).toBe(200);
    expect((await post(colleague, `/pages/${page.documentId}/publish`, { revision: 2 })).status).toBe(200);

    const stale = await post(manager, `/pages/${page.documentId}/versions/1/restore`, { revision: 1 });
    expect([stale.status, stale.body.error.details.keptAs]).toEqual([409, null]);
    expect(stale.body.error.message).toMatch(/^colleague Tester changed this page on .*, after you opened it$/);

    const restored = await post(manager, `/pages/${page.documentId}/versions/1/restore`, { revision: 2 });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.data.title).toBe('Original title');
    expect(restored.body.data.blocks).toEqual(before.blocks);
    expect(restored.body.data).toMatchObject({ revision: 3, status: 'changed', updatedBy: { name: 'builder Tester' } });
    expect(restored.body.data.blocks[1].cards[0].image).toEqual({ id: picture.body.data.id, url: picture.body.data.url, width: 120, height: 80, mime: 'image/webp' });

    const history = await get(manager, `/pages/${page.documentId}/versions`);
    expect(history.body.data.map((version: any) => [version.number, version.kind, version.title, version.author.name])).toEqual([
      [3, 'restore', 'Original title', 'builder Tester'],
      [2, 'publish', 'A new title', 'colleague Tester'],
      [1, 'publish', 'Original title', 'builder Tester'],
    ]);
    expect(history.body.data[0].restoredFrom).toBe(1);
    const one = await get(manager, `/pages/${page.documentId}/versions/1`);
    expect(one.body.data).toMatchObject({ number: 1, kind: 'publish', title: 'Original title' });
    expect(one.body.data.blocks).toEqual(before.blocks);
    expect((await get(manager, `/pages/${page.documentId}/versions/99`)).status).toBe(404);

    // Published again, the restored version is what members read.
    expect((await post(manager, `/pages/${page.documentId}/publish`, { revision: 3 })).body.data.status).toBe('published');
    const events = (await auditActions()).filter((event) => event.details?.page === page.documentId).map((event) => event.action);
    expect(events).toEqual(['page.created', 'page.published', 'page.settings-changed', 'page.published', 'page.restored', 'page.published']);
  });
});

describe('order, home page, unpublishing and deleting', () => {
  it('reorder every page at once, and refuse an order that misses one', async () => {
    const list = (await get(manager, '/pages')).body.data as { documentId: string }[];
    const reversed = list.map((page) => page.documentId).reverse();
    const ordered = await put(manager, '/pages/order', { order: reversed });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(200);
    expect(ordered.body.data.map((page: { documentId: string }) => page.documentId)).toEqual(reversed);
    expect(ordered.body.data.map((page: { position: number }) => page.position)).toEqual(reversed.map((_, index) => index));
    const missing = await put(manager, '/pages/order', { order: reversed.slice(1) });
    expect([missing.status, missing.body.error.details.errors[0].path]).toEqual([400, ['order']]);
    const twice = await put(manager, '/pages/order', { order: [...reversed.slice(1), reversed[1]] });
    expect(twice.status).toBe(400);
    expect((await auditActions()).at(-1)).toMatchObject({ action: 'page.settings-changed', details: { changes: ['order'] } });
  });

  it('one home page at a time; the home page is neither deleted nor unpublished', async () => {
    const list = (await get(manager, '/pages')).body.data as { documentId: string; isHome: boolean; slug: string }[];
    const formerHome = list.find((page) => page.isHome)!;
    const next = await createPage('Next home');
    await post(manager, `/pages/${next.documentId}/publish`, { revision: 0 });
    const moved = await post(manager, `/pages/${next.documentId}/home`);
    expect(moved.status).toBe(200);
    expect(moved.body.data.filter((page: { isHome: boolean }) => page.isHome).map((page: { documentId: string }) => page.documentId)).toEqual([next.documentId]);
    const rows = await cms.strapi.db.query('api::page.page').findMany({ select: ['documentId', 'isHome'], where: { isHome: true, workspace: { id: workspaceId } } });
    expect(new Set(rows.map((row: { documentId: string }) => row.documentId))).toEqual(new Set([next.documentId]));
    expect((await auditActions()).at(-1)).toMatchObject({ action: 'page.settings-changed', details: { changes: ['home'], previousHome: formerHome.slug } });

    const deleteHome = await cms.http.delete(api(`/pages/${next.documentId}`)).set(manager.auth);
    expect([deleteHome.status, deleteHome.body.error.message]).toEqual([400, 'Choose another home page before deleting this one']);
    const unpublishHome = await post(manager, `/pages/${next.documentId}/unpublish`);
    expect([unpublishHome.status, unpublishHome.body.error.message]).toEqual([400, 'Choose another home page before unpublishing this one']);
  });

  it('unpublish takes a page down; delete removes it with its versions and redirects', async () => {
    const page = await createPage('Short lived', 'short-lived');
    await post(manager, `/pages/${page.documentId}/publish`, { revision: 0 });
    await put(manager, `/pages/${page.documentId}/settings`, { title: 'Short lived', slug: 'shorter-lived' });
    const down = await post(manager, `/pages/${page.documentId}/unpublish`);
    expect(down.body.data).toMatchObject({ status: 'draft', publishedAt: null });
    expect(await cms.strapi.db.query('api::page.page').count({ where: { documentId: page.documentId, publishedAt: { $notNull: true } } })).toBe(0);
    // An unpublished page's old address leads nowhere members could go.
    expect((await get(member, '/redirects/short-lived')).status).toBe(404);

    const removed = await cms.http.delete(api(`/pages/${page.documentId}`)).set(manager.auth);
    expect(removed.status).toBe(204);
    expect((await get(manager, `/pages/${page.documentId}`)).status).toBe(404);
    for (const uid of ['plugin::page-builder.version', 'plugin::page-builder.redirect', 'plugin::page-builder.draft-save']) {
      expect(await cms.strapi.db.query(uid as never).count({ where: { pageDocumentId: page.documentId } }), uid).toBe(0);
    }
    const actions = (await auditActions()).filter((event) => event.details?.page === page.documentId).map((event) => event.action);
    expect(actions).toEqual(['page.created', 'page.published', 'page.settings-changed', 'page.unpublished', 'page.deleted']);
  });

  it('a new page takes an address a moved page left, and the redirect goes', async () => {
    const moved = await createPage('Was here', 'was-here');
    await post(manager, `/pages/${moved.documentId}/publish`, { revision: 0 });
    await put(manager, `/pages/${moved.documentId}/settings`, { title: 'Was here', slug: 'is-elsewhere' });
    expect((await get(member, '/redirects/was-here')).body.data).toEqual({ slug: 'is-elsewhere', isHome: false });
    await createPage('Now here', 'was-here');
    expect((await get(member, '/redirects/was-here')).status).toBe(404);
  });
});

describe('presence', () => {
  it('lists the other managers who have the page open', async () => {
    const page = await createPage('Busy page');
    expect((await post(manager, `/pages/${page.documentId}/presence`)).body.data).toEqual([]);
    const seen = await post(colleague, `/pages/${page.documentId}/presence`);
    expect(seen.body.data).toEqual([{ name: 'builder Tester', seenAt: expect.any(String) }]);
    expect((await post(manager, `/pages/${page.documentId}/presence`)).body.data).toEqual([{ name: 'colleague Tester', seenAt: expect.any(String) }]);
    // Gone for more than a minute: no longer listed.
    await cms.strapi.db.query('plugin::page-builder.presence').updateMany({ where: { pageDocumentId: page.documentId, userId: colleague.id }, data: { seenAt: new Date(Date.now() - 61_000) } });
    expect((await post(manager, `/pages/${page.documentId}/presence`)).body.data).toEqual([]);
  });
});

describe('images', () => {
  it('are checked by their bytes, not their name', async () => {
    const pngAsJpg = await upload(await image(64, 48), 'photo.jpg');
    expect(pngAsJpg.status, JSON.stringify(pngAsJpg.body)).toBe(201);
    expect(pngAsJpg.body.data).toMatchObject({ width: 64, height: 48, mime: 'image/webp' });
    expect(pngAsJpg.body.data.url).toMatch(/^\/uploads\/[a-f0-9]{32}\.webp$/);

    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>');
    const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
    for (const [buffer, name] of [
      [svg, 'drawing.png'],
      [svg, 'drawing.svg'],
      [html, 'page.png'],
      [Buffer.from('GIF89a not really'), 'broken.gif'],
    ] as const) {
      const refused = await upload(buffer, name);
      expect([name, refused.status, refused.body.error.details.errors[0]]).toEqual([name, 400, { path: ['file'], message: 'The file must be a JPG, PNG, WebP or GIF image' }]);
    }
    const none = await cms.http.post(api('/images')).set(manager.auth);
    expect([none.status, none.body.error.message]).toEqual([400, 'Choose an image to upload']);
  });

  it('over 10 MB or 40 megapixels are refused', async () => {
    const huge = Buffer.concat([await image(10, 10), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const tooBig = await upload(huge, 'huge.png');
    expect([tooBig.status, tooBig.body.error.message]).toEqual([400, 'The image must be 10 MB or smaller']);
    const tooManyPixels = await upload(await image(8000, 6000), 'wide.png');
    expect([tooManyPixels.status, tooManyPixels.body.error.message]).toEqual([400, 'The image must be at most 40 megapixels']);
  });

  it('are resized to at most 1600 px wide, lose their EXIF, and have no public copies', async () => {
    const original = await image(3200, 2000, 'jpeg');
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const uploaded = await upload(original, 'camera.jpg');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.data).toMatchObject({ width: 1600, height: 1000, mime: 'image/webp' });
    const file = uploaded.body.data.url.split('/').pop();
    const read = await cms.http.get(api(`/images/${file}`)).set(member.auth).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(read.status).toBe(200);
    expect(read.headers).toMatchObject({ 'content-type': 'image/webp', 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' });
    const metadata = await sharp(read.body as Buffer).metadata();
    expect([metadata.format, metadata.width, metadata.height, metadata.exif]).toEqual(['webp', 1600, 1000, undefined]);
    const row = await cms.strapi.db.query('plugin::upload.file').findOne({ where: { id: uploaded.body.data.id } });
    expect(row.formats ?? null).toBeNull();
    expect((await cms.http.get(uploaded.body.data.url)).status).toBe(404);

    const outsider = await createPerson(cms.strapi, 'outsider');
    const refused = await cms.http.get(api(`/images/${file}`)).set(outsider.auth);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('RIFF');
    expect((await cms.http.get(api(`/images/${'0'.repeat(32)}.webp`)).set(member.auth)).status).toBe(404);
    expect((await cms.http.get(api('/images/..%2F..%2Fpackage.json')).set(member.auth)).status).toBe(404);
  });
});

const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;

/** A fixture (read form) as the builder's forms send it: references as ids, component ids dropped. */
function toInputForm(fields: Record<string, any>, value: Record<string, unknown>, refs: { image: number; caseStudy: string }): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (!(name in value)) continue;
    const raw = value[name];
    if (field.kind === 'image') input[name] = raw ? refs.image : null;
    else if (field.kind === 'case-study') input[name] = raw ? refs.caseStudy : null;
    else if (field.kind === 'list') input[name] = (raw as Record<string, unknown>[]).map((item) => toInputForm(field.item.fields, item, refs));
    else input[name] = raw;
  }
  return input;
}

/** What the builder keeps of that input: every field, defaults for empty choices and switches, direction overrides gone. */
function storedForm(fields: Record<string, any>, input: Record<string, unknown>): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const raw = input[name];
    if (['choice', 'boolean', 'integer'].includes(field.kind) && (raw === null || raw === undefined)) {
      const fallback = field.schema.safeParse(null);
      stored[name] = fallback.success ? (fallback.data ?? null) : null;
    } else if (field.kind === 'list') stored[name] = ((raw as Record<string, unknown>[] | undefined) ?? []).map((item) => storedForm(field.item.fields, item));
    else if (typeof raw === 'string' && ['text', 'multiline', 'markdown'].includes(field.kind)) stored[name] = raw.replace(BIDI, '') || (field.required ? '' : null);
    else stored[name] = raw ?? null;
  }
  return stored;
}

/** Read form → input form, to compare what was stored with what was sent. */
function readToInput(fields: Record<string, any>, value: Record<string, any>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const raw = value[name];
    if (field.kind === 'image') input[name] = raw?.id ?? null;
    else if (field.kind === 'case-study') input[name] = raw?.documentId ?? null;
    else if (field.kind === 'list') input[name] = (raw ?? []).map((item: Record<string, any>) => readToInput(field.item.fields, item));
    else input[name] = raw;
  }
  return input;
}

/** The site's REST read, without Strapi's component ids and the media's documentId. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const media = typeof object.url === 'string' && 'mime' in object;
  return Object.fromEntries(
    Object.entries(object)
      .filter(([key]) => (media ? key !== 'documentId' : key !== 'id'))
      .map(([key, item]) => [key, withoutIds(item)]),
  );
}

describe('every block of the catalogue', () => {
  let refs: { image: number; caseStudy: string };

  beforeAll(async () => {
    const uploaded = await upload(await image(900, 600), 'catalogue.png');
    const study = await cms.strapi.documents('api::case-study.case-study').create({
      data: { title: 'Derby frailty ward', slug: 'derby-frailty-ward', summary: 'Home sooner', organisation: 'Derby NHS Trust', region: 'midlands' } as never,
      status: 'published',
    });
    refs = { image: uploaded.body.data.id, caseStudy: study.documentId };
  });

  it.each(catalogue.map((definition) => [definition.uid, definition] as const))('%s: every fixture is saved and published through the API', async (uid, definition) => {
    const fixtures = Object.values(allFixtures[uid]) as Record<string, unknown>[];
    const input = fixtures.map((fixture) => ({ __component: uid, ...toInputForm(definition.fields, fixture, refs) }));
    const page = await createPage(`All of ${definition.displayName}`);
    const saved = await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: input });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const blocks = saved.body.data.blocks as Record<string, any>[];
    expect(blocks.map((block) => ({ __component: block.__component, ...readToInput(definition.fields, block) }))).toEqual(
      input.map((block) => ({ __component: uid, ...storedForm(definition.fields, block) })),
    );
    const published = await post(manager, `/pages/${page.documentId}/publish`, { revision: 1 });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body.data).toMatchObject({ status: 'published', blocks });
    // Sent back as read (references as objects), nothing changes: no new revision, still published.
    const again = await put(manager, `/pages/${page.documentId}`, { revision: 1, blocks });
    expect([again.status, again.body.data?.revision, again.body.data?.status], JSON.stringify(again.body)).toEqual([200, 1, 'published']);
    expect(again.body.data.blocks).toEqual(blocks);

    // What the site reads with its token is what the builder answered.
    const query = strapiQuery({ filters: { documentId: { $eq: page.documentId } }, populate: { blocks: blocksPopulate() } });
    const site = await cms.http.get(`/api/pages?${query}`).set({ authorization: `Bearer ${cms.siteToken}` });
    expect(site.status, JSON.stringify(site.body)).toBe(200);
    expect(withoutIds(site.body.data[0].blocks)).toEqual(blocks);
  });
});

describe('hostile input', () => {
  let page: { documentId: string };
  let revision = 0;
  const save = async (blocks: unknown[]) => {
    const response = await put(manager, `/pages/${page.documentId}`, { revision, blocks });
    if (response.status === 200) revision = response.body.data.revision;
    return response;
  };

  beforeAll(async () => {
    page = await createPage('Hostile');
  });

  it('links other than web, site, mail and phone addresses are refused at the field', async () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example/phish', '/\\evil.example', 'https://nhs.uk/\u202Eexe.txt']) {
      const response = await save([{ __component: 'blocks.action-link', text: 'Go', href }]);
      expect([href, response.status, response.body.error?.details?.errors?.[0]?.path]).toEqual([href, 400, ['blocks', 0, 'href']]);
    }
    const nested = await save([{ __component: 'blocks.card-group', cards: [{ title: 'x', href: '/ok' }, { title: 'y', href: 'javascript:alert(1)' }] }]);
    expect(nested.body.error.details.errors.map((error: { path: unknown[] }) => error.path)).toEqual([['blocks', 0, 'cards', 1, 'href']]);
  });

  it('markup in text is stored as text and renders inert; direction overrides are dropped', async () => {
    const script = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const response = await save([
      { __component: 'blocks.warning-callout', heading: script, headingLevel: 'h2', body: `${script}\n\n[click](javascript:alert(1))` },
      { __component: 'blocks.quote', quote: 'Said \u202Eexe.txt', name: 'Dr \u2066Evil\u2069', role: null },
    ]);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const [callout, quote] = response.body.data.blocks;
    expect(callout.heading).toBe(script);
    expect([quote.quote, quote.name]).toEqual(['Said exe.txt', 'Dr Evil']);
    const html = renderMarkdown(callout.body);
    expect(html).not.toMatch(/<script|<img|javascript:/i);
    const title = await put(manager, `/pages/${page.documentId}/settings`, { title: 'Hostile \u202Etxt.exe', slug: 'hostile' });
    expect(title.body.data.title).toBe('Hostile txt.exe');
  });

  it('unknown blocks, wrong references, too many blocks and bodies over 1 MB are refused', async () => {
    const unknown = await save([{ __component: 'blocks.raw-html', html: '<script>alert(1)</script>' }]);
    expect([unknown.status, unknown.body.error.details.errors[0].path]).toEqual([400, ['blocks', 0]]);
    const wrongImage = await save([{ __component: 'blocks.image', image: { url: 'https://evil.example/x.png' }, altText: 'x' }]);
    expect([wrongImage.status, wrongImage.body.error.details.errors[0].path]).toEqual([400, ['blocks', 0, 'image']]);
    const missingImage = await save([{ __component: 'blocks.image', image: 999_999, altText: 'x' }]);
    expect([missingImage.status, missingImage.body.error.details.errors[0].path]).toEqual([400, ['blocks', 0, 'image']]);
    const noStudy = await save([{ __component: 'blocks.case-study-highlight', caseStudy: null }]);
    expect([noStudy.status, noStudy.body.error.details.errors[0].path]).toEqual([400, ['blocks', 0, 'caseStudy']]);
    const tooMany = await save(Array.from({ length: 101 }, () => inset('x')));
    expect([tooMany.status, tooMany.body.error.details.errors[0].path]).toEqual([400, ['blocks']]);
    const huge = await save([{ __component: 'blocks.rich-text', body: 'x'.repeat(1024 * 1024) }]);
    expect(huge.status).toBe(413);
    const draft = (await get(manager, `/pages/${page.documentId}`)).body.data;
    expect(draft.revision).toBe(revision);
  });
});

describe('changes made elsewhere, and the site', () => {
  it('an edit in the admin panel moves the revision on, so a builder save based on the older one is refused', async () => {
    const page = await createPage('Edited by an admin');
    // As the admin's form sends it: every field, with the revision it was opened with.
    await cms.strapi.documents('api::page.page').update({ documentId: page.documentId, data: { title: 'Edited by an admin', revision: 0, blocks: [inset('By the admin')] } as never });
    const refused = await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('By the manager')] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/^Someone else changed this page on /);
    expect(refused.body.error.details.current).toMatchObject({ revision: 1, updatedBy: null });
  });

  it('publishing twice keeps one version; the site is told after every change members can see', async () => {
    const reasons: string[] = [];
    const listener = (event: { reason: string }) => void reasons.push(event.reason);
    cms.strapi.eventHub.on('site.changed', listener);
    try {
      const page = await createPage('Told to the site', 'told');
      await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('Draft only')] });
      expect(reasons).toEqual([]);
      expect((await post(manager, `/pages/${page.documentId}/publish`, { revision: 1 })).status).toBe(200);
      expect((await post(manager, `/pages/${page.documentId}/publish`, { revision: 1 })).status).toBe(200);
      expect((await get(manager, `/pages/${page.documentId}/versions`)).body.data).toHaveLength(1);
      await put(manager, `/pages/${page.documentId}/settings`, { title: 'Told to the site', slug: 'told-again' });
      await post(manager, `/pages/${page.documentId}/unpublish`);
      await cms.http.delete(api(`/pages/${page.documentId}`)).set(manager.auth);
      expect(reasons.map((reason) => reason.replace(` in ${slug}`, ''))).toEqual(['page published', 'page slug changed', 'page unpublished', 'page deleted']);
    } finally {
      cms.strapi.eventHub.off('site.changed', listener);
    }
  });
});

describe('writes spanning rows', () => {
  it('are all or nothing: a failure part-way leaves the page as it was', async () => {
    await createPage('Not this one');
    const page = await createPage('All or nothing', 'all-or-nothing');
    await put(manager, `/pages/${page.documentId}`, { revision: 0, blocks: [inset('Before')] });
    // The audit log refuses the event, as a database failure would, after the page rows were written.
    const failing = new Set(['page.published', 'page.deleted', 'page.restored', 'page.settings-changed']);
    const unsubscribe = cms.strapi.db.lifecycles.subscribe({
      models: ['plugin::accounts.audit-event'],
      async beforeCreate(event: any) {
        if (failing.has(event.params.data.action)) throw new Error('The audit log is unavailable');
      },
    });
    try {
      expect((await post(manager, `/pages/${page.documentId}/publish`, { revision: 1 })).status).toBe(500);
      expect(await cms.strapi.db.query('api::page.page').count({ where: { documentId: page.documentId, publishedAt: { $notNull: true } } })).toBe(0);
      expect(await cms.strapi.db.query('plugin::page-builder.version').count({ where: { pageDocumentId: page.documentId } })).toBe(0);

      expect((await put(manager, `/pages/${page.documentId}/settings`, { title: 'Renamed', slug: 'renamed' })).status).toBe(500);
      expect((await get(manager, `/pages/${page.documentId}`)).body.data).toMatchObject({ title: 'All or nothing', slug: 'all-or-nothing' });
      expect(await cms.strapi.db.query('plugin::page-builder.redirect').count({ where: { pageDocumentId: page.documentId } })).toBe(0);

      expect((await cms.http.delete(api(`/pages/${page.documentId}`)).set(manager.auth)).status).toBe(500);
      const after = (await get(manager, `/pages/${page.documentId}`)).body.data;
      expect(after).toMatchObject({ revision: 1, status: 'draft', blocks: [inset('Before')] });
    } finally {
      unsubscribe();
    }
  });
});
