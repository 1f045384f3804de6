import { folderViewSchema, itemViewSchema } from '@futurenhs/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceWithMembers } from './helpers/forum.ts';
import { bytesOrJson, download, filesApi, storedNamesOf, textFile, uploadFile, uploadRequest, addVersion, createFolder, type UploadFile } from './helpers/files.ts';
import { createPerson, signInPlatformAdmin, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The access matrix of the files plugin (docs/files.md): every route × every actor × every
 * visibility, through real HTTP against the real CMS. Adding a route without a row here fails.
 * Requests are valid, so an allowed one is a real success (each probe that changes or removes
 * something acts on a fresh folder or file made for it), and no refusal carries anything of the
 * workspace's files. Then what the matrix cannot show: whose a folder or file is, a member removed
 * or a workspace hidden taking effect on the next request (links kept included), ids of one
 * workspace asked for under another's slug, the bin, and the static /uploads path.
 */
let cms: TestCms;

/** platformAdmin: a Strapi admin-panel user; their token opens nothing of the content API. */
type Actor = 'anonymous' | 'outsider' | 'pending' | 'invited' | 'member' | 'manager' | 'otherManager' | 'platformAdmin';
type Person = Exclude<Actor, 'anonymous' | 'platformAdmin'>;
type Visibility = 'open' | 'restricted' | 'hidden';
/**
 * view/post/manage: the route's membership policy (canView/canPost/canManage).
 * own: canPost, then the folder's or file's creator (here the member) or a manager.
 */
type Guard = 'view' | 'post' | 'own' | 'manage';
type Outcome = 'allow' | 'forbidden' | 'not-found' | 'sign-in';

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager', 'platformAdmin'];
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
const VISIBILITIES: Visibility[] = ['open', 'restricted', 'hidden'];
const HIDDEN_MESSAGE = 'This workspace does not exist';
const ELSEWHERE = 'files-matrix-elsewhere';

/** What a probe acts on: made fresh for it where it changes or removes it. */
type Target = 'folder' | 'freshFolder' | 'item' | 'freshItem' | 'twoVersions' | 'image' | 'binned' | 'none';

interface Probe {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** The route exactly as the plugin declares it. */
  route: string;
  /** A query string, for the same route asked differently (a version's download). */
  query?: string;
  guard: Guard;
  status: number;
  target: Target;
  body?: () => Record<string, unknown>;
  /** Multipart files, as the site's form sends them. */
  files?: { field: string; make: () => UploadFile };
}

let unique = 0;
const fresh = (stem: string) => `${stem} ${++unique}`;

const PROBES: Probe[] = [
  { method: 'get', route: '/workspaces/:slug/folders/:folder', guard: 'view', status: 200, target: 'folder' },
  { method: 'get', route: '/workspaces/:slug/folders/:folder', query: '?sort=size&order=asc&page=1&pageSize=10', guard: 'view', status: 200, target: 'folder' },
  { method: 'post', route: '/workspaces/:slug/folders', guard: 'post', status: 201, target: 'none', body: () => ({ name: fresh('Matrix folder'), parentId: null }) },
  { method: 'patch', route: '/workspaces/:slug/folders/:folder', guard: 'own', status: 200, target: 'freshFolder', body: () => ({ name: fresh('Renamed folder') }) },
  { method: 'delete', route: '/workspaces/:slug/folders/:folder', guard: 'own', status: 200, target: 'freshFolder' },
  { method: 'post', route: '/workspaces/:slug/folders/:folder/files', guard: 'post', status: 201, target: 'folder', files: { field: 'files', make: () => textFile(`${fresh('matrix upload')}.txt`) } },
  { method: 'get', route: '/workspaces/:slug/items/:id', guard: 'view', status: 200, target: 'item' },
  { method: 'patch', route: '/workspaces/:slug/items/:id', guard: 'own', status: 200, target: 'freshItem', body: () => ({ name: `${fresh('renamed')}.txt`, description: 'Changed by the matrix' }) },
  { method: 'delete', route: '/workspaces/:slug/items/:id', guard: 'own', status: 200, target: 'freshItem' },
  { method: 'post', route: '/workspaces/:slug/items/:id/versions', guard: 'own', status: 201, target: 'freshItem', files: { field: 'file', make: () => textFile('next.txt', 80, 'a newer version') } },
  { method: 'post', route: '/workspaces/:slug/items/:id/versions/:number/restore', guard: 'own', status: 200, target: 'twoVersions', body: () => ({ comment: 'Back to the first' }) },
  { method: 'get', route: '/workspaces/:slug/items/:id/download', guard: 'view', status: 200, target: 'item' },
  { method: 'get', route: '/workspaces/:slug/items/:id/download', query: '?version=1', guard: 'view', status: 200, target: 'item' },
  { method: 'get', route: '/workspaces/:slug/items/:id/download', query: '?version=2', guard: 'view', status: 200, target: 'item' },
  { method: 'get', route: '/workspaces/:slug/items/:id/preview', guard: 'view', status: 200, target: 'image' },
  { method: 'get', route: '/workspaces/:slug/bin', guard: 'manage', status: 200, target: 'none' },
  { method: 'post', route: '/workspaces/:slug/bin/:kind/:id/restore', guard: 'manage', status: 200, target: 'binned' },
  { method: 'delete', route: '/workspaces/:slug/bin/:kind/:id', guard: 'manage', status: 200, target: 'binned' },
  { method: 'delete', route: '/workspaces/:slug/bin', guard: 'manage', status: 200, target: 'none' },
];

function canView(visibility: Visibility, actor: Actor) {
  return actor === 'member' || actor === 'manager' || (visibility === 'open' && !['anonymous', 'platformAdmin'].includes(actor));
}

function expected(guard: Guard, visibility: Visibility, actor: Actor): Outcome {
  // An admin-panel token is no content-API credential: Strapi answers 401.
  if (actor === 'platformAdmin') return 'sign-in';
  // Nothing of a workspace's files is public: Strapi refuses anonymous callers before any lookup.
  if (actor === 'anonymous') return 'forbidden';
  const involved = ['pending', 'invited', 'member', 'manager'].includes(actor);
  if (visibility === 'hidden' && !involved) return 'not-found';
  const allowed = { view: canView(visibility, actor), post: actor === 'member' || actor === 'manager', own: actor === 'member' || actor === 'manager', manage: actor === 'manager' }[guard];
  return allowed ? 'allow' : 'forbidden';
}

function outcomeOf(response: { status: number; body: any }, probe: Pick<Probe, 'status'>): Outcome | string {
  if (response.status === 401) return 'sign-in';
  if (response.status === 403) return 'forbidden';
  if (response.status === 404 && response.body?.error?.message === HIDDEN_MESSAGE) return 'not-found';
  if (response.status === probe.status) return 'allow';
  return `unexpected ${response.status}: ${JSON.stringify(response.body)}`;
}

interface WorkspaceFixture {
  id: number;
  slug: string;
  folderId: number;
  /** A text file in the folder, with two versions. */
  itemId: number;
  imageId: number;
  /** Names only those who may read the workspace may ever see. */
  secrets: string[];
}

const people = {} as Record<Person, TestPerson>;
let adminAuth: { authorization: string };
const fixtures = {} as Record<Visibility, WorkspaceFixture>;
let png: Buffer;

function authOf(actor: Actor | { authorization: string }) {
  if (typeof actor === 'object') return actor;
  if (actor === 'platformAdmin') return adminAuth;
  if (actor === 'anonymous') return {};
  return people[actor].auth;
}

function fill(route: string, params: Record<string, string | number>) {
  return route.replace(/:(\w+)/g, (_, name: string) => {
    if (params[name] === undefined) throw new Error(`No value for :${name} in ${route}`);
    return encodeURIComponent(String(params[name]));
  });
}

function send(probe: Pick<Probe, 'method' | 'body' | 'files' | 'query'>, path: string, actor: Actor | { authorization: string }) {
  let request = cms.http[probe.method](filesApi(path) + (probe.query ?? '')).set(authOf(actor));
  // The bytes of a download, to see what they hold; refusals are JSON as ever.
  if (/\/(download|preview)$/.test(path)) request = request.buffer(true).parse(bytesOrJson);
  if (probe.files) {
    const file = probe.files.make();
    return request.attach(probe.files.field, Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data), file.name);
  }
  if (probe.body) request = request.send(probe.body());
  return request;
}

/** Makes what the probe acts on (the member's, in that workspace) and gives the route's parameters. */
async function paramsFor(probe: Probe, fixture: { slug: string; folderId: number; itemId: number; imageId: number }) {
  const base = { slug: fixture.slug, folder: fixture.folderId, id: fixture.itemId, kind: 'item', number: 1 };
  switch (probe.target) {
    case 'freshFolder':
      return { ...base, folder: await createFolder(cms, people.member, fixture.slug, fresh('Fresh folder'), fixture.folderId) };
    case 'freshItem':
      return { ...base, id: await uploadFile(cms, people.member, fixture.slug, fixture.folderId, textFile(`${fresh('fresh')}.txt`)) };
    case 'twoVersions': {
      const id = await uploadFile(cms, people.member, fixture.slug, fixture.folderId, textFile(`${fresh('versioned')}.txt`));
      await addVersion(cms, people.member, fixture.slug, id, textFile('v2.txt', 70, 'second'));
      return { ...base, id };
    }
    case 'binned': {
      const id = await uploadFile(cms, people.member, fixture.slug, fixture.folderId, textFile(`${fresh('binned')}.txt`));
      const removed = await cms.http.delete(filesApi(`/workspaces/${fixture.slug}/items/${id}`)).set(people.member.auth);
      expect(removed.status, JSON.stringify(removed.body)).toBe(200);
      return { ...base, id };
    }
    case 'image':
      return { ...base, id: fixture.imageId };
    default:
      return base;
  }
}

/** Everything the actor may not read: no response to them may carry any of it. */
function secretsHiddenFrom(actor: Actor) {
  return VISIBILITIES.filter((visibility) => !canView(visibility, actor)).flatMap((visibility) => fixtures[visibility].secrets);
}

/** What a response says, whether it is JSON or a file's bytes. */
const textOf = (response: { text?: string; body: unknown }) => (Buffer.isBuffer(response.body) ? response.body.toString('latin1') : (response.text ?? JSON.stringify(response.body)));

function expectNoLeak(response: { status: number; text: string; body: any; headers: Record<string, string> }, actor: Actor, outcome: Outcome) {
  for (const secret of secretsHiddenFrom(actor)) expect(textOf(response), `${actor} was shown "${secret}"`).not.toContain(secret);
  if (outcome !== 'allow') {
    // A refusal is Strapi's error shape and nothing else.
    expect(response.body.data ?? null).toBeNull();
    expect(Object.keys(response.body).sort()).toEqual(['data', 'error']);
    expect(response.headers['content-disposition']).toBeUndefined();
  }
}

beforeAll(async () => {
  // The matrix makes a few hundred files as one member: far past a person's limits.
  cms = await startTestCms({ REVALIDATE_SECRET: '', RATE_LIMIT_UPLOADING: '100000', RATE_LIMIT_POSTING: '100000' });
  for (const actor of PEOPLE) people[actor] = await createPerson(cms.strapi, actor);
  adminAuth = await signInPlatformAdmin(cms, 'files.admin@example.nhs.net');
  png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#005eb8' } }).png().toBuffer();
  const memberships = cms.strapi.db.query('plugin::membership.membership');

  for (const visibility of VISIBILITIES) {
    const { id, slug } = await workspaceWithMembers(cms, people.manager, `files-matrix-${visibility}`, visibility, [people.member]);
    await memberships.create({ data: { workspace: id, user: people.pending.id, role: 'member', state: 'pending' } });
    await memberships.create({ data: { workspace: id, user: people.invited.id, role: 'member', state: 'invited' } });
    const secret = `${visibility}${Math.random().toString(36).slice(2, 10)}`;
    const secrets = [`Board papers ${secret}`, `Minutes ${secret}.txt`, `Chart ${secret}.png`, `minutes text ${secret}`];
    const folderId = await createFolder(cms, people.member, slug, secrets[0]!);
    const itemId = await uploadFile(cms, people.member, slug, folderId, textFile(secrets[1]!, 100, secrets[3]));
    await addVersion(cms, people.member, slug, itemId, textFile('v2.txt', 120, secrets[3]), `Second draft ${secret}`);
    secrets.push(`Second draft ${secret}`);
    const imageId = await uploadFile(cms, people.member, slug, folderId, { name: secrets[2]!, data: png });
    fixtures[visibility] = { id, slug, folderId, itemId, imageId, secrets };
  }
  await workspaceWithMembers(cms, people.otherManager, ELSEWHERE, 'open');
});

afterAll(async () => {
  await cms?.stop();
});

describe('the files plugin', () => {
  it('has every one of its routes in this matrix', () => {
    const routes = cms.strapi.plugin('files').routes['content-api'].routes.map((route: { method: string; path: string }) => `${route.method} ${route.path}`);
    const covered = [...new Set(PROBES.map((probe) => `${probe.method.toUpperCase()} ${probe.route}`))];
    expect([...routes].sort()).toEqual(covered.sort());
  });

  it('puts every route behind exactly one membership policy', () => {
    for (const route of cms.strapi.plugin('files').routes['content-api'].routes as { path: string; config?: { policies?: string[]; auth?: unknown } }[]) {
      expect(route.config?.auth, route.path).not.toBe(false);
      expect(route.path.startsWith('/workspaces/:slug/'), route.path).toBe(true);
      expect(route.config?.policies?.filter((policy) => policy.startsWith('plugin::membership.')), route.path).toHaveLength(1);
    }
  });

  it('lets the authenticated role call its routes, and the public role none', async () => {
    const permissions = await cms.strapi.db
      .query('plugin::users-permissions.permission')
      .findMany({ where: { action: { $startsWith: 'plugin::files.' } }, populate: ['role'] });
    expect(permissions.filter((permission: any) => permission.role.type !== 'authenticated')).toEqual([]);
    const handlers = new Set(cms.strapi.plugin('files').routes['content-api'].routes.map((route: { handler: string }) => `plugin::files.${route.handler}`));
    expect(permissions.map((permission: any) => permission.action).sort()).toEqual([...handlers].sort());
  });
});

describe.each(VISIBILITIES)('a %s workspace', (visibility) => {
  describe.each(PROBES.map((probe) => ({ ...probe, name: `${probe.method.toUpperCase()} ${probe.route}${probe.query ?? ''}` })))('$name', (probe) => {
    it.each(ACTORS)('for %s', async (actor) => {
      const params = await paramsFor(probe, fixtures[visibility]);
      const response = await send(probe, fill(probe.route, params), actor);
      const outcome = expected(probe.guard, visibility, actor);
      expect(outcomeOf(response, probe)).toBe(outcome);
      expectNoLeak(response, actor, outcome);
      if (outcome === 'not-found') {
        // Exactly as a workspace that does not exist.
        const missing = await send(probe, fill(probe.route, { ...params, slug: 'no-such-workspace' }), actor);
        expect([response.status, response.body]).toEqual([missing.status, missing.body]);
      }
      if (outcome === 'allow' && probe.route.endsWith('/folders/:folder') && probe.method === 'get') {
        expect(folderViewSchema.safeParse(response.body).error).toBeUndefined();
      }
      if (outcome === 'allow' && probe.route.endsWith('/items/:id') && probe.method === 'get') {
        expect(itemViewSchema.safeParse(response.body).error).toBeUndefined();
      }
      if (outcome === 'allow' && probe.route.endsWith('/download')) {
        // The version asked for (the first is 100 bytes, the second and current 120), as an attachment.
        expect(response.body.length).toBe(probe.query === '?version=1' ? 100 : 120);
        expect(response.headers).toMatchObject({ 'content-type': 'application/octet-stream', 'x-content-type-options': 'nosniff' });
        expect(response.headers['content-disposition']).toMatch(/^attachment;/);
      }
      if (outcome === 'allow' && probe.route.endsWith('/preview')) {
        expect(response.body.equals(png)).toBe(true);
        expect(response.headers).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff' });
        expect(response.headers['content-disposition']).toMatch(/^inline;/);
      }
    });
  });
});

describe('what each reader may do, as the answers say and the writes enforce', () => {
  it('folder and file abilities follow creator, member and manager', async () => {
    const { slug, folderId, itemId } = fixtures.restricted;
    const other = await createPerson(cms.strapi, 'colleague');
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: fixtures.restricted.id, user: other.id, role: 'member', state: 'active' } });
    const page = async (person: TestPerson) => (await cms.http.get(filesApi(`/workspaces/${slug}/folders/root`)).set(person.auth)).body.data;
    const inFolder = async (person: TestPerson) => (await cms.http.get(filesApi(`/workspaces/${slug}/folders/${folderId}`)).set(person.auth)).body.data;
    const folderOf = (data: any) => data.folders.find((folder: { id: number }) => folder.id === folderId);
    const itemOf = (data: any) => data.items.find((item: { id: number }) => item.id === itemId);
    // The member made the folder and the file; it holds files, so only a manager may delete it.
    expect(folderOf(await page(people.member)).can).toEqual({ change: true, delete: false });
    expect(folderOf(await page(other)).can).toEqual({ change: false, delete: false });
    expect(folderOf(await page(people.manager)).can).toEqual({ change: true, delete: true });
    expect(itemOf(await inFolder(people.member)).can).toEqual({ change: true, delete: true });
    expect(itemOf(await inFolder(other)).can).toEqual({ change: false, delete: false });
    expect(itemOf(await inFolder(people.manager)).can).toEqual({ change: true, delete: true });
    expect((await page(other)).can).toEqual({ upload: true, createFolder: true, manageBin: false });
    expect((await page(people.manager)).can).toEqual({ upload: true, createFolder: true, manageBin: true });

    // Another member: refused every change to the member's folder and file, and nothing changed.
    const item = (path: string) => filesApi(`/workspaces/${slug}/items/${itemId}${path}`);
    const refusals = [
      await cms.http.patch(item('')).set(other.auth).send({ name: 'Taken over.txt' }),
      await cms.http.delete(item('')).set(other.auth),
      await cms.http.post(item('/versions')).set(other.auth).attach('file', Buffer.from('Not mine to replace'), 'x.txt'),
      await cms.http.post(item('/versions/1/restore')).set(other.auth).send({}),
      await cms.http.patch(filesApi(`/workspaces/${slug}/folders/${folderId}`)).set(other.auth).send({ name: 'Taken over' }),
      await cms.http.delete(filesApi(`/workspaces/${slug}/folders/${folderId}`)).set(other.auth),
    ];
    expect(refusals.map((response) => response.status)).toEqual([403, 403, 403, 403, 403, 403]);
    const after = await cms.http.get(item('')).set(other.auth);
    expect(after.body.data.item.name).toBe(fixtures.restricted.secrets[1]);
    expect(after.body.data.versions).toHaveLength(2);

    // Their own empty folder is theirs to delete; once it holds a file, only a manager may.
    const theirs = await createFolder(cms, other, slug, 'Colleague’s folder');
    const theirsEmpty = await createFolder(cms, other, slug, 'Colleague’s empty folder');
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/folders/${theirsEmpty}`)).set(other.auth)).status).toBe(200);
    await uploadFile(cms, people.member, slug, theirs, textFile('member’s paper.txt'));
    const notEmpty = await cms.http.delete(filesApi(`/workspaces/${slug}/folders/${theirs}`)).set(other.auth);
    expect([notEmpty.status, notEmpty.body.error?.message]).toEqual([409, 'This folder is not empty: only a workspace manager can delete a folder with files in it']);
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/folders/${theirs}`)).set(people.manager.auth)).status).toBe(200);

    // A manager changes and deletes the member's file.
    const managed = await uploadFile(cms, people.member, slug, 'root', textFile('to be managed.txt'));
    expect((await cms.http.patch(filesApi(`/workspaces/${slug}/items/${managed}`)).set(people.manager.auth).send({ name: 'managed.txt' })).status).toBe(200);
    expect((await addVersion(cms, people.manager, slug, managed, textFile('m.txt', 90, 'manager version'))).version).toBe(2);
    expect((await cms.http.post(filesApi(`/workspaces/${slug}/items/${managed}/versions/1/restore`)).set(people.manager.auth).send({})).status).toBe(200);
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/items/${managed}`)).set(people.manager.auth)).status).toBe(200);
  });
});

describe('access follows membership and visibility on every request', () => {
  it.each(['restricted', 'hidden'] as const)('a member removed from a %s workspace loses its folders and files, links they kept included', async (visibility) => {
    const { id, slug, folderId, itemId } = fixtures[visibility];
    const leaver = await createPerson(cms.strapi, 'leaver');
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: id, user: leaver.id, role: 'member', state: 'active' } });
    const own = await uploadFile(cms, leaver, slug, folderId, textFile(`leaver-${visibility}.txt`));
    const links = [
      `/workspaces/${slug}/folders/root`,
      `/workspaces/${slug}/folders/${folderId}`,
      `/workspaces/${slug}/items/${itemId}`,
      `/workspaces/${slug}/items/${itemId}/download`,
      `/workspaces/${slug}/items/${itemId}/download?version=1`,
      `/workspaces/${slug}/items/${own}/download`,
      `/workspaces/${slug}/items/${fixtures[visibility].imageId}/preview`,
    ];
    for (const link of links) expect([link, (await cms.http.get(filesApi(link)).set(leaver.auth)).status]).toEqual([link, 200]);

    const removal = await cms.http.post(`/api/membership/workspaces/${slug}/members/${leaver.id}/remove`).set(people.manager.auth);
    expect(removal.status, JSON.stringify(removal.body)).toBeLessThan(300);
    const status = visibility === 'hidden' ? 404 : 403;
    for (const link of links) {
      const response = await cms.http.get(filesApi(link)).set(leaver.auth);
      expect([link, response.status]).toEqual([link, status]);
      for (const secret of fixtures[visibility].secrets) expect(response.text).not.toContain(secret);
    }
    // Nor their own file: they are no longer a member who may change it.
    expect((await cms.http.patch(filesApi(`/workspaces/${slug}/items/${own}`)).set(leaver.auth).send({ name: 'still mine.txt' })).status).toBe(status);
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/items/${own}`)).set(leaver.auth)).status).toBe(status);
  });

  it('a member who leaves an open workspace still reads it, but no longer changes their own files', async () => {
    const { id, slug } = fixtures.open;
    const leaver = await createPerson(cms.strapi, 'open-leaver');
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: id, user: leaver.id, role: 'member', state: 'active' } });
    const own = await uploadFile(cms, leaver, slug, 'root', textFile('open leaver.txt'));
    expect((await cms.http.post(`/api/membership/workspaces/${slug}/members/${leaver.id}/remove`).set(people.manager.auth)).status).toBeLessThan(300);
    expect((await download(cms, leaver.auth, slug, own)).status).toBe(200);
    const view = await cms.http.get(filesApi(`/workspaces/${slug}/items/${own}`)).set(leaver.auth);
    expect(view.body.data.item.can).toEqual({ change: false, delete: false });
    expect((await cms.http.patch(filesApi(`/workspaces/${slug}/items/${own}`)).set(leaver.auth).send({ name: 'renamed.txt' })).status).toBe(403);
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/items/${own}`)).set(leaver.auth)).status).toBe(403);
  });

  it('an open workspace made hidden stops serving its files to outsiders at once, and serves them again when it is open', async () => {
    const { slug, folderId, itemId } = fixtures.open;
    const links = [`/workspaces/${slug}/folders/${folderId}`, `/workspaces/${slug}/items/${itemId}`, `/workspaces/${slug}/items/${itemId}/download`];
    for (const link of links) expect((await cms.http.get(filesApi(link)).set(people.outsider.auth)).status).toBe(200);
    const hide = await cms.http.patch(`/api/membership/workspaces/${slug}/visibility`).set(people.manager.auth).send({ visibility: 'hidden' });
    expect(hide.status, JSON.stringify(hide.body)).toBe(200);
    try {
      for (const link of links) {
        const response = await cms.http.get(filesApi(link)).set(people.outsider.auth);
        expect([link, response.status, response.body.error?.message]).toEqual([link, 404, HIDDEN_MESSAGE]);
        expect((await cms.http.get(filesApi(link)).set(people.member.auth)).status).toBe(200);
      }
    } finally {
      expect((await cms.http.patch(`/api/membership/workspaces/${slug}/visibility`).set(people.manager.auth).send({ visibility: 'open' })).status).toBe(200);
    }
    expect((await download(cms, people.outsider.auth, slug, itemId)).status).toBe(200);
  });
});

describe('a manager elsewhere cannot reach this workspace’s files through their own workspace', () => {
  // otherManager passes every policy of their own workspace: the ids must still be confined to it.
  const naming = PROBES.filter((probe) => /:(folder|id)/.test(probe.route));
  it.each(VISIBILITIES.flatMap((visibility) => naming.map((probe) => [visibility, `${probe.method.toUpperCase()} ${probe.route}${probe.query ?? ''}`, probe] as const)))(
    'ids of the %s workspace: %s',
    async (visibility, _, probe) => {
      const params = await paramsFor(probe, fixtures[visibility]);
      const response = await send(probe, fill(probe.route, { ...params, slug: ELSEWHERE }), 'otherManager');
      expect(response.status, JSON.stringify(response.body)).toBe(404);
      expect(response.body.error?.message).not.toBe(HIDDEN_MESSAGE);
      for (const secret of fixtures[visibility].secrets) expect(textOf(response)).not.toContain(secret);
    },
  );

  it.each(VISIBILITIES)('nor puts anything into the %s workspace’s folders by naming them', async (visibility) => {
    const { folderId, itemId, slug } = fixtures[visibility];
    const own = await uploadFile(cms, people.otherManager, ELSEWHERE, 'root', textFile(`${fresh('mine')}.txt`));
    const ownFolder = await createFolder(cms, people.otherManager, ELSEWHERE, fresh('Mine'));
    const tries = [
      await cms.http.post(filesApi(`/workspaces/${ELSEWHERE}/folders`)).set(people.otherManager.auth).send({ name: 'Planted', parentId: folderId }),
      await cms.http.patch(filesApi(`/workspaces/${ELSEWHERE}/items/${own}`)).set(people.otherManager.auth).send({ folderId }),
      await cms.http.patch(filesApi(`/workspaces/${ELSEWHERE}/folders/${ownFolder}`)).set(people.otherManager.auth).send({ parentId: folderId }),
      await uploadRequest(cms, people.otherManager.auth, ELSEWHERE, folderId, [textFile('planted.txt')]),
    ];
    for (const response of tries) expect(response.status, JSON.stringify(response.body)).toBe(404);
    const inside = await cms.http.get(filesApi(`/workspaces/${slug}/folders/${folderId}?pageSize=100`)).set(people.manager.auth);
    expect(JSON.stringify(inside.body)).not.toMatch(/Planted|planted\.txt|mine /);
    // And the other workspace's bin never holds this one's entries.
    const bin = await cms.http.get(filesApi(`/workspaces/${ELSEWHERE}/bin`)).set(people.otherManager.auth);
    expect(bin.body.data.entries.map((entry: { id: number }) => entry.id)).not.toContain(itemId);
  });
});

describe('the recycle bin', () => {
  it.each(VISIBILITIES)('a file in the %s workspace’s bin is not listed, shown or downloaded by anyone, until it is restored', async (visibility) => {
    const { slug, folderId } = fixtures[visibility];
    const name = `${fresh('in the bin')}.png`;
    const id = await uploadFile(cms, people.member, slug, folderId, { name, data: png });
    await addVersion(cms, people.member, slug, id, { name: 'again.png', data: png });
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/items/${id}`)).set(people.member.auth)).status).toBe(200);
    for (const actor of ['member', 'manager'] as const) {
      for (const options of [{}, { version: 1 }, { version: 2 }, { preview: true }]) {
        const response = await download(cms, people[actor].auth, slug, id, options);
        expect([actor, options, response.status]).toEqual([actor, options, 404]);
        expect(response.headers['content-disposition']).toBeUndefined();
      }
      expect((await cms.http.get(filesApi(`/workspaces/${slug}/items/${id}`)).set(people[actor].auth)).status).toBe(404);
      const listing = await cms.http.get(filesApi(`/workspaces/${slug}/folders/${folderId}?pageSize=100`)).set(people[actor].auth);
      expect(listing.text).not.toContain(name);
    }
    // Nor changed: the bin is for managers to restore from.
    expect((await cms.http.patch(filesApi(`/workspaces/${slug}/items/${id}`)).set(people.manager.auth).send({ name: 'x.png' })).status).toBe(404);
    expect((await cms.http.post(filesApi(`/workspaces/${slug}/items/${id}/versions/1/restore`)).set(people.manager.auth).send({})).status).toBe(404);
    const restored = await cms.http.post(filesApi(`/workspaces/${slug}/bin/item/${id}/restore`)).set(people.manager.auth);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect((await download(cms, people.member.auth, slug, id, { version: 1 })).status).toBe(200);
  });

  it('a folder’s bin entry is not restored or purged as a file, nor a file’s as a folder', async () => {
    const { slug } = fixtures.restricted;
    const folder = await createFolder(cms, people.member, slug, fresh('Binned folder'));
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/folders/${folder}`)).set(people.member.auth)).status).toBe(200);
    expect((await cms.http.post(filesApi(`/workspaces/${slug}/bin/item/${folder}/restore`)).set(people.manager.auth)).status).toBe(404);
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/bin/item/${folder}`)).set(people.manager.auth)).status).toBe(404);
    expect((await cms.http.post(filesApi(`/workspaces/${slug}/bin/folder/${folder}/restore`)).set(people.manager.auth)).status).toBe(200);
    // A live file is not in the bin: nothing to restore or purge.
    expect((await cms.http.delete(filesApi(`/workspaces/${slug}/bin/item/${fixtures.restricted.itemId}`)).set(people.manager.auth)).status).toBe(404);
    expect((await download(cms, people.member.auth, slug, fixtures.restricted.itemId)).status).toBe(200);
  });
});

describe('the static /uploads path', () => {
  it('serves no stored version of any workspace file, to anyone', async () => {
    const itemIds = (await cms.strapi.db.query('plugin::files.item').findMany({ select: ['id'] })).map((row: { id: number }) => row.id);
    const names = await storedNamesOf(cms.strapi, itemIds);
    expect(names.length).toBeGreaterThan(20);
    const missing = await cms.http.get(`/uploads/${'0'.repeat(32)}.txt`);
    expect(missing.status).toBe(404);
    for (const name of names) {
      expect(name).toMatch(/^[a-f0-9]{32}\.[a-z]{2,4}$/);
      for (const actor of ['anonymous', 'member', 'manager', 'platformAdmin'] as const) {
        const response = await cms.http.get(`/uploads/${name}`).set(authOf(actor));
        expect([name, actor, response.status, response.body]).toEqual([name, actor, 404, missing.body]);
      }
    }
  });
});

describe('the page builder’s image route', () => {
  it('serves no version of a workspace file, not even to its members (only the files route does, with its checks)', async () => {
    for (const visibility of VISIBILITIES) {
      const { slug, imageId, itemId } = fixtures[visibility];
      for (const name of await storedNamesOf(cms.strapi, [imageId, itemId])) {
        for (const actor of ['member', 'manager'] as const) {
          const response = await cms.http.get(`/api/page-builder/workspaces/${slug}/images/${name}`).set(authOf(actor));
          expect([visibility, name, actor, response.status]).toEqual([visibility, name, actor, 404]);
        }
      }
    }
  });
});

describe('the site’s API token', () => {
  it('is refused every files route', async () => {
    for (const probe of PROBES) {
      const params = { slug: fixtures.open.slug, folder: fixtures.open.folderId, id: fixtures.open.itemId, kind: 'item', number: 1 };
      const response = await send(probe, fill(probe.route, params), { authorization: `Bearer ${cms.siteToken}` });
      expect([`${probe.method} ${probe.route}`, response.status]).toEqual([`${probe.method} ${probe.route}`, 403]);
    }
  });
});
