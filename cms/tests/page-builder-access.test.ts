import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, signInPlatformAdmin, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The access matrix of the page-builder plugin: every route (read from the plugin at run time,
 * so a new route fails here until it has a row) × eight kinds of actor × open, restricted and
 * hidden workspaces, through real HTTP against the real CMS. Requests are valid, so an allowed
 * one is a real success, and no refusal carries anything of the workspace.
 */
let cms: TestCms;

type Actor = 'anonymous' | 'outsider' | 'pending' | 'invited' | 'member' | 'manager' | 'otherManager' | 'platformAdmin';
type Person = Exclude<Actor, 'anonymous' | 'platformAdmin'>;
type Visibility = 'open' | 'restricted' | 'hidden';
/** manage: plugin::membership.canManage; view: canView (images and redirects). */
type Guard = 'manage' | 'view';
type Outcome = 'allow' | 'forbidden' | 'not-found' | 'sign-in';

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager', 'platformAdmin'];
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
const VISIBILITIES: Visibility[] = ['open', 'restricted', 'hidden'];
const HIDDEN_MESSAGE = 'This workspace does not exist';
const PAGE_UID = 'api::page.page';

interface WorkspaceFixture {
  id: number;
  slug: string;
  /** The home page: published, with a kept version 1, an image and a former address. */
  home: string;
  image: string;
  /** Text only those who may read the workspace may ever see. */
  secrets: string[];
}

interface Probe {
  method: 'get' | 'post' | 'put' | 'delete';
  /** The route exactly as the plugin declares it. */
  route: string;
  guard: Guard;
  status: number;
  /** The request body, made when the probe runs (the page's current revision, a fresh page...). */
  body?: (fixture: WorkspaceFixture) => Promise<Record<string, unknown>>;
  /** The page the probe acts on: the home page, or a fresh one it may delete. */
  page?: 'fresh';
  upload?: boolean;
}

const people = {} as Record<Person, TestPerson>;
let adminAuth: { authorization: string };
let png: Buffer;
const fixtures = {} as Record<Visibility, WorkspaceFixture>;

const revisionOf = async (documentId: string) =>
  ((await cms.strapi.db.query(PAGE_UID).findOne({ select: ['revision'], where: { documentId, publishedAt: { $null: true } } })) as { revision: number }).revision;

const probes: Probe[] = [
  { method: 'get', route: '/workspaces/:slug/pages', guard: 'manage', status: 200 },
  { method: 'post', route: '/workspaces/:slug/pages', guard: 'manage', status: 201, body: async () => ({ title: 'Made by the matrix' }) },
  {
    method: 'put',
    route: '/workspaces/:slug/pages/order',
    guard: 'manage',
    status: 200,
    body: async (fixture) => ({ order: (await pageIds(fixture.id)).map((page) => page.documentId) }),
  },
  { method: 'get', route: '/workspaces/:slug/pages/:documentId', guard: 'manage', status: 200 },
  {
    method: 'put',
    route: '/workspaces/:slug/pages/:documentId',
    guard: 'manage',
    status: 200,
    body: async (fixture) => ({ revision: await revisionOf(fixture.home), blocks: [{ __component: 'blocks.rich-text', body: 'Saved by the matrix' }] }),
  },
  { method: 'delete', route: '/workspaces/:slug/pages/:documentId', guard: 'manage', status: 204, page: 'fresh' },
  {
    method: 'put',
    route: '/workspaces/:slug/pages/:documentId/settings',
    guard: 'manage',
    status: 200,
    body: async (fixture) => {
      const row = await cms.strapi.db.query(PAGE_UID).findOne({ select: ['title', 'slug'], where: { documentId: fixture.home, publishedAt: { $null: true } } });
      return { title: row.title, slug: row.slug };
    },
  },
  { method: 'post', route: '/workspaces/:slug/pages/:documentId/home', guard: 'manage', status: 200 },
  {
    method: 'post',
    route: '/workspaces/:slug/pages/:documentId/publish',
    guard: 'manage',
    status: 200,
    body: async (fixture) => ({ revision: await revisionOf(fixture.home) }),
  },
  // A fresh draft: unpublishing what is not published succeeds and changes nothing.
  { method: 'post', route: '/workspaces/:slug/pages/:documentId/unpublish', guard: 'manage', status: 200, page: 'fresh' },
  { method: 'get', route: '/workspaces/:slug/pages/:documentId/versions', guard: 'manage', status: 200 },
  { method: 'get', route: '/workspaces/:slug/pages/:documentId/versions/:number', guard: 'manage', status: 200 },
  {
    method: 'post',
    route: '/workspaces/:slug/pages/:documentId/versions/:number/restore',
    guard: 'manage',
    status: 200,
    body: async (fixture) => ({ revision: await revisionOf(fixture.home) }),
  },
  { method: 'post', route: '/workspaces/:slug/pages/:documentId/presence', guard: 'manage', status: 200 },
  { method: 'post', route: '/workspaces/:slug/images', guard: 'manage', status: 201, upload: true },
  { method: 'get', route: '/workspaces/:slug/images/:file', guard: 'view', status: 200 },
  { method: 'get', route: '/workspaces/:slug/redirects/:from', guard: 'view', status: 200 },
];

async function pageIds(workspaceId: number) {
  return (await cms.strapi.db.query(PAGE_UID).findMany({
    select: ['documentId'],
    where: { workspace: { id: workspaceId }, publishedAt: { $null: true } },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
  })) as { documentId: string }[];
}

function canView(visibility: Visibility, actor: Actor) {
  return actor === 'member' || actor === 'manager' || (visibility === 'open' && actor !== 'anonymous' && actor !== 'platformAdmin');
}

function expected(guard: Guard, visibility: Visibility, actor: Actor): Outcome {
  // An admin-panel token is no content-API credential.
  if (actor === 'platformAdmin') return 'sign-in';
  // The public role has none of the plugin's routes: refused before any lookup.
  if (actor === 'anonymous') return 'forbidden';
  const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
  if (visibility === 'hidden' && !involved) return 'not-found';
  const allowed = guard === 'manage' ? actor === 'manager' : canView(visibility, actor);
  return allowed ? 'allow' : 'forbidden';
}

function outcomeOf(response: { status: number; body: any }, probe: Probe): Outcome | string {
  if (response.status === 401) return 'sign-in';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404 && response.body?.error?.message === HIDDEN_MESSAGE) return 'not-found';
  if (response.status === probe.status) return 'allow';
  return `unexpected ${response.status}: ${JSON.stringify(response.body)}`;
}

function fill(route: string, params: Record<string, string | number>) {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`No value for :${name} in ${route}`);
    return encodeURIComponent(String(params[name]));
  });
}

function authOf(actor: Actor | { authorization: string }) {
  if (typeof actor === 'object') return actor;
  if (actor === 'platformAdmin') return adminAuth;
  if (actor === 'anonymous') return {};
  return people[actor].auth;
}

async function send(probe: Probe, path: string, actor: Actor | { authorization: string }, fixture: WorkspaceFixture) {
  const request = (cms.http as any)[probe.method](`/api/page-builder${path}`).set(authOf(actor));
  if (probe.upload) return request.attach('file', png, 'matrix.png');
  return probe.body ? request.send(await probe.body(fixture)) : request;
}

async function freshPage(fixture: WorkspaceFixture) {
  const created = await cms.http.post(`/api/page-builder/workspaces/${fixture.slug}/pages`).set(people.manager.auth).send({ title: 'A page to act on' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.data.documentId as string;
}

function secretsHiddenFrom(actor: Actor) {
  return VISIBILITIES.filter((visibility) => !canView(visibility, actor)).flatMap((visibility) => fixtures[visibility].secrets);
}

function expectNoLeak(response: { status: number; text: string; body: any }, actor: Actor, outcome: Outcome) {
  for (const secret of secretsHiddenFrom(actor)) expect(response.text ?? '', `${actor} was shown "${secret}"`).not.toContain(secret);
  if (outcome !== 'allow') {
    // A refusal is Strapi's error shape and nothing else.
    expect(response.body.data ?? null).toBeNull();
    expect(Object.keys(response.body).sort()).toEqual(['data', 'error']);
  }
}

beforeAll(async () => {
  cms = await startTestCms({ REVALIDATE_SECRET: '', RATE_LIMIT_UPLOADING: '1000' });
  png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#005eb8' } }).png().toBuffer();
  for (const actor of PEOPLE) people[actor] = await createPerson(cms.strapi, actor);
  adminAuth = await signInPlatformAdmin(cms, 'pages.admin@example.nhs.net');
  const memberships = cms.strapi.db.query('plugin::membership.membership');
  const manager = people.manager;
  for (const visibility of VISIBILITIES) {
    const { id, slug } = await workspaceWithMembers(cms, manager, `pages-matrix-${visibility}`, visibility, [people.member]);
    await memberships.create({ data: { workspace: id, user: people.pending.id, role: 'member', state: 'pending' } });
    await memberships.create({ data: { workspace: id, user: people.invited.id, role: 'member', state: 'invited' } });
    const secret = `${visibility}-${Math.random().toString(36).slice(2, 10)}`;
    const api = (path: string) => `/api/page-builder/workspaces/${slug}${path}`;
    const created = await cms.http.post(api('/pages')).set(manager.auth).send({ title: `Home ${secret}`, slug: 'first-address' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const home = created.body.data.documentId as string;
    const uploaded = await cms.http.post(api('/images')).set(manager.auth).attach('file', png, 'setup.png');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const saved = await cms.http
      .put(api(`/pages/${home}`))
      .set(manager.auth)
      .send({ revision: 0, blocks: [{ __component: 'blocks.image', image: uploaded.body.data.id, altText: `Alt ${secret}`, isDecorative: false, caption: null }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await cms.http.post(api(`/pages/${home}/publish`)).set(manager.auth).send({ revision: 1 })).status).toBe(200);
    expect((await cms.http.put(api(`/pages/${home}/settings`)).set(manager.auth).send({ title: `Home ${secret}`, slug: 'home' })).status).toBe(200);
    fixtures[visibility] = { id, slug, home, image: uploaded.body.data.url.split('/').pop(), secrets: [`Home ${secret}`, `Alt ${secret}`] };
  }
  await workspaceWithMembers(cms, people.otherManager, 'pages-matrix-elsewhere', 'open');
});

afterAll(async () => {
  await cms?.stop();
});

describe('the page-builder plugin', () => {
  it('has every one of its routes in this matrix', () => {
    const routes = cms.strapi.plugin('page-builder').routes['content-api'].routes.map((route: { method: string; path: string }) => `${route.method} ${route.path}`);
    const covered = probes.map((probe) => `${probe.method.toUpperCase()} ${probe.route}`);
    expect(new Set(covered).size).toBe(covered.length);
    expect([...routes].sort()).toEqual([...covered].sort());
  });

  it('puts every route behind exactly one membership policy, and none is public', () => {
    for (const route of cms.strapi.plugin('page-builder').routes['content-api'].routes as { path: string; handler: string; config?: { policies?: unknown[]; auth?: unknown } }[]) {
      expect(route.config?.auth, route.path).not.toBe(false);
      const names = (route.config?.policies ?? []).map((policy) => (typeof policy === 'string' ? policy : (policy as { name: string }).name));
      const probe = probes.find((candidate) => candidate.route === route.path && candidate.method.toUpperCase() === (route as any).method);
      expect(names, route.path).toEqual([probe?.guard === 'view' ? 'plugin::membership.canView' : 'plugin::membership.canManage']);
    }
  });

  it('lets the authenticated role call its routes, and the public role none', async () => {
    const permissions = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::page-builder.' } }, populate: ['role'] });
    expect(permissions.filter((permission: any) => permission.role.type !== 'authenticated')).toEqual([]);
    const handlers = new Set(cms.strapi.plugin('page-builder').routes['content-api'].routes.map((route: { handler: string }) => `plugin::page-builder.${route.handler}`));
    expect(permissions.map((permission: any) => permission.action).sort()).toEqual([...handlers].sort());
  });
});

describe.each(VISIBILITIES)('a %s workspace', (visibility) => {
  describe.each(probes)('$method $route', (probe) => {
    it.each(ACTORS)('for %s', async (actor) => {
      const fixture = fixtures[visibility];
      const documentId = probe.page === 'fresh' ? await freshPage(fixture) : fixture.home;
      const params = { slug: fixture.slug, documentId, number: 1, file: fixture.image, from: 'first-address' };
      const response = await send(probe, fill(probe.route, params), actor, fixture);
      const outcome = expected(probe.guard, visibility, actor);
      expect(outcomeOf(response, probe)).toBe(outcome);
      expectNoLeak(response, actor, outcome);
      if (outcome === 'not-found') {
        // Exactly as a workspace that does not exist.
        const missing = await send(probe, fill(probe.route, { ...params, slug: 'no-such-workspace' }), actor, fixture);
        expect([response.status, response.body]).toEqual([missing.status, missing.body]);
      }
      if (outcome !== 'allow' && probe.page === 'fresh') {
        // Refused means untouched.
        expect(await cms.strapi.db.query(PAGE_UID).count({ where: { documentId } })).toBe(1);
      }
    });
  });
});

describe('images and redirects of another workspace', () => {
  it('are not found through a workspace the reader may read', async () => {
    // The open workspace's reader asks for the restricted workspace's image through the open one.
    const image = await cms.http.get(`/api/page-builder/workspaces/${fixtures.open.slug}/images/${fixtures.restricted.image}`).set(people.outsider.auth);
    expect([image.status, image.body.error?.message]).toEqual([404, 'This image does not exist']);
    const own = await cms.http.get(`/api/page-builder/workspaces/${fixtures.open.slug}/images/${fixtures.open.image}`).set(people.outsider.auth);
    expect(own.status).toBe(200);
  });

  it('pages of another workspace are not found through one the manager manages', async () => {
    // The matrix's manager manages all three: another manager asks through their own workspace.
    const other = '/api/page-builder/workspaces/pages-matrix-elsewhere';
    for (const visibility of VISIBILITIES) {
      const home = fixtures[visibility].home;
      for (const [method, path, body] of [
        ['get', `/pages/${home}`, undefined],
        ['put', `/pages/${home}`, { revision: await revisionOf(home), blocks: [] }],
        ['get', `/pages/${home}/versions/1`, undefined],
        ['post', `/pages/${home}/versions/1/restore`, { revision: await revisionOf(home) }],
        ['delete', `/pages/${home}`, undefined],
      ] as const) {
        const request = (cms.http as any)[method](`${other}${path}`).set(people.otherManager.auth);
        const response = await (body ? request.send(body) : request);
        expect([method, path, response.status, response.body.error?.message]).toEqual([method, path, 404, 'This page does not exist']);
      }
      const redirect = await cms.http.get(`${other}/redirects/first-address`).set(people.otherManager.auth);
      expect(redirect.status).toBe(404);
    }
  });

  it('a manager cannot put another workspace’s image on their page', async () => {
    const fixture = fixtures.open;
    const [restrictedImage] = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { hash: fixtures.restricted.image.replace('.webp', '') } });
    const response = await cms.http
      .put(`/api/page-builder/workspaces/${fixture.slug}/pages/${fixture.home}`)
      .set(people.manager.auth)
      .send({ revision: await revisionOf(fixture.home), blocks: [{ __component: 'blocks.image', image: restrictedImage.id, altText: 'Borrowed', isDecorative: false }] });
    expect(response.status).toBe(400);
    expect(response.body.error.details.errors[0].path).toEqual(['blocks', 0, 'image']);
  });

  it('private images are never served by their /uploads address, in any spelling', async () => {
    const missing = await cms.http.get('/uploads/no_such_file_0123456789.webp');
    expect(missing.status).toBe(404);
    // Other uploads (platform images, even one named after a workspace) are served as before, under a name that says nothing.
    const folder = mkdtempSync(join(tmpdir(), 'public-upload-'));
    const filepath = join(folder, 'poster.png');
    writeFileSync(filepath, png);
    const [poster] = await cms.strapi.plugin('upload').service('upload').upload({
      data: { fileInfo: { name: 'my workspace 2 poster.png' } },
      files: { filepath, originalFilename: 'my workspace 2 poster.png', mimetype: 'image/png', size: png.length },
    });
    expect(poster.url).toMatch(/^\/uploads\/[a-f0-9]{32}\.png$/);
    expect((await cms.http.get(poster.url)).status).toBe(200);
    for (const visibility of VISIBILITIES) {
      const file = fixtures[visibility].image;
      const encoded = `${file.slice(0, 3)}%${file.charCodeAt(3).toString(16)}${file.slice(4)}`;
      for (const path of [`/uploads/${file}`, `/uploads/${encoded}`, `/uploads/x/../${file}`, `/x/..%2Fuploads/${file}`, `/uploads/%2e%2e/uploads/${file}`]) {
        for (const auth of [{}, people.manager.auth, adminAuth]) {
          const response = await cms.http.get(path).set(auth);
          expect([path, response.status, response.body]).toEqual([path, 404, missing.body]);
        }
      }
    }
  });
});

describe('no side door through the core page API', () => {
  it('the authenticated and public roles have no page permission at all', async () => {
    const permissions = await cms.strapi.db.query('plugin::users-permissions.permission').findMany({ where: { action: { $startsWith: 'api::page.page.' } }, populate: ['role'] });
    expect(permissions).toEqual([]);
  });

  it('members, managers and anonymous callers cannot write pages through /api/pages', async () => {
    const fixture = fixtures.open;
    for (const actor of ['anonymous', 'member', 'manager'] as Actor[]) {
      const auth = authOf(actor);
      const created = await cms.http.post('/api/pages').set(auth).send({ data: { title: 'Side door', slug: 'side-door', workspace: fixture.id } });
      const updated = await cms.http.put(`/api/pages/${fixture.home}`).set(auth).send({ data: { title: 'Side door' } });
      const removed = await cms.http.delete(`/api/pages/${fixture.home}`).set(auth);
      expect([created.status, updated.status, removed.status], actor).toEqual([403, 403, 403]);
    }
    const title = (await cms.strapi.db.query(PAGE_UID).findOne({ select: ['title'], where: { documentId: fixture.home, publishedAt: { $null: true } } })).title;
    expect(title).not.toBe('Side door');
  });

  it('nobody lists, reads or uploads files through the upload plugin’s own API', async () => {
    const [file] = await cms.strapi.db.query('plugin::upload.file').findMany({ select: ['id'], where: { hash: fixtures.hidden.image.replace('.webp', '') } });
    for (const auth of [{}, people.member.auth, people.manager.auth, { authorization: `Bearer ${cms.siteToken}` }]) {
      const list = await cms.http.get('/api/upload/files').set(auth);
      const one = await cms.http.get(`/api/upload/files/${file.id}`).set(auth);
      const upload = await cms.http.post('/api/upload').set(auth).attach('files', png, 'workspace_1_forged.png');
      expect([list.status, one.status, upload.status]).toEqual([403, 403, 403]);
      expect(list.text + one.text).not.toContain(fixtures.hidden.image);
    }
  });

  it('the site’s token reads published pages and writes none, nor calls the page builder', async () => {
    const site = { authorization: `Bearer ${cms.siteToken}` };
    const fixture = fixtures.open;
    expect((await cms.http.get('/api/pages').set(site)).status).toBe(200);
    const created = await cms.http.post('/api/pages').set(site).send({ data: { title: 'Side door', slug: 'side-door', workspace: fixture.id } });
    const updated = await cms.http.put(`/api/pages/${fixture.home}`).set(site).send({ data: { title: 'Side door' } });
    const removed = await cms.http.delete(`/api/pages/${fixture.home}`).set(site);
    expect([created.status, updated.status, removed.status]).toEqual([403, 403, 403]);
    for (const probe of probes) {
      const path = fill(probe.route, { slug: fixture.slug, documentId: fixture.home, number: 1, file: fixture.image, from: 'first-address' });
      const response = await send(probe, path, site, fixture);
      expect(response.status, `${probe.method} ${probe.route}`).toBe(403);
    }
  });
});
