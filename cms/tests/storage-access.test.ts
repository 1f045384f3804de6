import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUser } from '../seed/seed-demo.ts';
import { workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The storage rule (cms/src/plugins/storage): every stored file has an owner, and nothing a
 * workspace owns is ever served by the static /uploads path, whatever its name or size variant.
 * Each kind of owner (a hidden, restricted or open workspace's cover and page images, a case
 * study, a member's photo, a file nothing uses) × each stored variant × every kind of actor,
 * by the static path and by the checked route, through real HTTP against the real CMS.
 */
let cms: TestCms;

type Actor = 'anonymous' | 'outsider' | 'pending' | 'member' | 'manager' | 'otherManager' | 'platformAdmin';
type Person = Exclude<Actor, 'anonymous' | 'platformAdmin'>;
type Visibility = 'open' | 'restricted' | 'hidden';

const ACTORS: Actor[] = ['anonymous', 'outsider', 'pending', 'member', 'manager', 'otherManager', 'platformAdmin'];
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
const VISIBILITIES: Visibility[] = ['open', 'restricted', 'hidden'];
const FILE_UID = 'plugin::upload.file';
const WORKSPACE_UID = 'api::workspace.workspace';
const PAGE_UID = 'api::page.page';
/** A stored name says nothing: 32 random hex digits, after a size variant's prefix. */
const STORED_NAME = /^(?:(?:thumbnail|small|medium|large|xlarge)_)?[a-f0-9]{32}\.[a-z]{3,4}$/;

interface Stored {
  id: number;
  /** The original and every size variant, by their stored names. */
  names: string[];
}
interface WorkspaceFixture {
  id: number;
  slug: string;
  cover: Stored;
  /** An image from the media library on one of the workspace's published pages. */
  pageImage: Stored;
  pageDocumentId: string;
}

const people = {} as Record<Person, TestPerson>;
let adminAuth: { authorization: string };
const fixtures = {} as Record<Visibility, WorkspaceFixture>;
let caseStudyHero: Stored;
let memberPhoto: Stored;
let unattached: Stored;
let folder: string;

const namesOf = (file: { url: string; formats?: Record<string, { url: string }> | null }) => [
  file.url.split('/').pop()!,
  ...Object.values(file.formats ?? {}).map((format) => format.url.split('/').pop()!),
];

/** Uploads through Strapi's upload service, as the admin's media library does (variants included). */
async function uploadToLibrary(name: string, colour: string): Promise<Stored> {
  const filepath = join(folder, `${Math.random().toString(36).slice(2)}.jpg`);
  writeFileSync(filepath, await sharp({ create: { width: 1200, height: 800, channels: 3, background: colour } }).jpeg().toBuffer());
  const [file] = await cms.strapi.plugin('upload').service('upload').upload({
    data: { fileInfo: { name, alternativeText: '' } },
    files: { filepath, originalFilename: name, mimetype: 'image/jpeg', size: 1000 },
  });
  return { id: file.id, names: namesOf(file) };
}

const staticStatus = async (name: string) => (await cms.http.get(`/uploads/${name}`)).status;

function authOf(actor: Actor) {
  if (actor === 'platformAdmin') return adminAuth;
  if (actor === 'anonymous') return {};
  return people[actor].auth;
}

const routeGet = (slug: string, name: string, actor: Actor) => cms.http.get(`/api/page-builder/workspaces/${slug}/images/${name}`).set(authOf(actor));

function canView(visibility: Visibility, actor: Actor) {
  return actor === 'member' || actor === 'manager' || (visibility === 'open' && ['outsider', 'pending', 'otherManager'].includes(actor));
}

/** What the checked route answers an actor for a file this workspace's readers may read. */
function expectedStatus(visibility: Visibility, actor: Actor): number {
  if (actor === 'platformAdmin') return 401; // an admin-panel token is no content-API credential
  if (actor === 'anonymous') return 403; // the public role has no plugin route
  if (canView(visibility, actor)) return 200;
  return visibility === 'hidden' && actor !== 'pending' ? 404 : 403;
}

beforeAll(async () => {
  cms = await startTestCms({ REVALIDATE_SECRET: '' });
  folder = mkdtempSync(join(tmpdir(), 'storage-access-'));
  for (const actor of PEOPLE) people[actor] = await createPerson(cms.strapi, actor);
  Object.assign(process.env, { ADMIN_EMAIL: 'storage.admin@example.nhs.net', ADMIN_PASSWORD: 'Platform-admin-password-1' });
  await ensureAdminUser(cms.strapi, () => undefined);
  const login = await cms.http.post('/admin/login').send({ email: 'storage.admin@example.nhs.net', password: 'Platform-admin-password-1' });
  adminAuth = { authorization: `Bearer ${login.body.data.token}` };

  for (const visibility of VISIBILITIES) {
    const slug = `icb-finance-leads-${visibility}`;
    const { id } = await workspaceWithMembers(cms, people.manager, slug, visibility, [people.member]);
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: id, user: people.pending.id, role: 'member', state: 'pending' } });
    // The names an editor gives files say whose they are: the stored names must not.
    const cover = await uploadToLibrary(`${slug} cover.jpg`, '#005eb8');
    const workspace = await cms.strapi.db.query(WORKSPACE_UID).findOne({ select: ['documentId'], where: { id } });
    await cms.strapi.documents(WORKSPACE_UID as never).update({ documentId: workspace.documentId, data: { image: cover.id } as never });
    const pageImage = await uploadToLibrary(`${slug} board pack.jpg`, '#330072');
    const page = await cms.strapi.documents(PAGE_UID as never).create({
      data: {
        title: 'Board',
        slug: 'board',
        position: 1,
        workspace: workspace.documentId,
        blocks: [{ __component: 'blocks.image', image: pageImage.id, altText: 'The board', isDecorative: false }],
      } as never,
      status: 'published',
    });
    fixtures[visibility] = { id, slug, cover, pageImage, pageDocumentId: (page as { documentId: string }).documentId };
  }
  await workspaceWithMembers(cms, people.otherManager, 'storage-elsewhere', 'open');

  caseStudyHero = await uploadToLibrary('total triage hero.jpg', '#009639');
  const region = (cms.strapi.getModel('api::case-study.case-study' as never) as { attributes: { region: { enum: string[] } } }).attributes.region.enum[0];
  await cms.strapi.documents('api::case-study.case-study' as never).create({
    data: { title: 'Total triage', slug: 'total-triage', summary: 'S', organisation: 'O', region, heroImage: caseStudyHero.id } as never,
    status: 'published',
  });
  const photo = await cms.http
    .put('/api/accounts/me/photo')
    .set(people.member.auth)
    .attach('photo', await sharp({ create: { width: 500, height: 500, channels: 3, background: '#ae2573' } }).png().toBuffer(), 'tom evans.png');
  expect(photo.status, JSON.stringify(photo.body)).toBe(200);
  const photoRow = await cms.strapi.db.query(FILE_UID).findOne({ where: { url: photo.body.data.photoUrl } });
  memberPhoto = { id: photoRow.id, names: namesOf(photoRow) };
  unattached = await uploadToLibrary('just uploaded.jpg', '#768692');
});

afterAll(async () => {
  await cms?.stop();
});

describe('stored names', () => {
  it('say nothing of the file, its uploader or its workspace', () => {
    const all = [caseStudyHero, memberPhoto, unattached, ...VISIBILITIES.flatMap((visibility) => [fixtures[visibility].cover, fixtures[visibility].pageImage])];
    for (const stored of all) {
      expect(stored.names.length).toBeGreaterThan(0);
      for (const name of stored.names) expect(name).toMatch(STORED_NAME);
    }
    // The library made size variants of the large images: each is a stored file of its own to guard.
    expect(fixtures.hidden.cover.names.length).toBeGreaterThanOrEqual(4);
  });
});

describe('the static /uploads path', () => {
  it('serves public files (case studies, photos, open and restricted listings, files nothing uses yet) in every size', async () => {
    for (const stored of [caseStudyHero, memberPhoto, unattached, fixtures.open.cover, fixtures.restricted.cover]) {
      for (const name of stored.names) {
        const response = await cms.http.get(`/uploads/${name}`);
        expect([name, response.status]).toEqual([name, 200]);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['content-security-policy']).toContain('sandbox');
      }
    }
  });

  it('never serves anything a workspace owns, in any size or spelling, whoever asks', async () => {
    const missing = await cms.http.get(`/uploads/${'0'.repeat(32)}.jpg`);
    expect(missing.status).toBe(404);
    const privateFiles = [fixtures.hidden.cover, ...VISIBILITIES.map((visibility) => fixtures[visibility].pageImage)];
    for (const stored of privateFiles) {
      for (const name of stored.names) {
        const encoded = `${name.slice(0, 2)}%${name.charCodeAt(2).toString(16)}${name.slice(3)}`;
        for (const path of [`/uploads/${name}`, `/uploads/${encoded}`, `/uploads/x/../${name}`, `/x/..%2Fuploads/${name}`, `/uploads/%2e%2e/uploads/${name}`, `//uploads/${name}`]) {
          for (const actor of ACTORS) {
            const response = await cms.http.get(path).set(authOf(actor));
            expect([path, actor, response.status, response.body]).toEqual([path, actor, 404, missing.body]);
          }
        }
        expect((await cms.http.head(`/uploads/${name}`)).status).toBe(404);
      }
    }
  });

  it('serves nothing that is not a stored file (the folder itself, hidden files, nested paths)', async () => {
    for (const path of ['/uploads', '/uploads/', '/uploads/.gitkeep', `/uploads/a/${caseStudyHero.names[0]}`, '/uploads/%zz']) {
      expect([path, (await cms.http.get(path)).status]).toEqual([path, 404]);
    }
  });
});

describe('the checked route', () => {
  it('serves a workspace’s cover and page images, in every size, to those who may read it, and only them', async () => {
    for (const visibility of VISIBILITIES) {
      const { slug, cover, pageImage } = fixtures[visibility];
      for (const name of [...cover.names, ...pageImage.names]) {
        for (const actor of ACTORS) {
          const response = await routeGet(slug, name, actor);
          expect([visibility, name, actor, response.status]).toEqual([visibility, name, actor, expectedStatus(visibility, actor)]);
          if (response.status === 200) {
            expect(response.headers).toMatchObject({ 'content-type': 'image/jpeg', 'x-content-type-options': 'nosniff', 'cache-control': 'private, no-store' });
            expect(response.headers['content-security-policy']).toContain('sandbox');
          } else {
            expect(JSON.stringify(response.body)).not.toContain(name);
          }
        }
      }
    }
  });

  it('never serves one workspace’s file through another’s route', async () => {
    for (const visibility of VISIBILITIES) {
      const others = VISIBILITIES.filter((other) => other !== visibility);
      for (const other of others) {
        for (const name of fixtures[other].pageImage.names) {
          const response = await routeGet(fixtures[visibility].slug, name, 'manager');
          expect([visibility, other, name, response.status]).toEqual([visibility, other, name, 404]);
        }
      }
    }
  });

  it('serves public files in any workspace its readers may read (a case study shown on a page)', async () => {
    for (const name of caseStudyHero.names) {
      expect((await routeGet(fixtures.hidden.slug, name, 'member')).status).toBe(200);
      expect((await routeGet(fixtures.hidden.slug, name, 'outsider')).status).toBe(404);
    }
  });
});

describe('access follows membership and visibility at once', () => {
  it('a removed member loses every file of the workspace on the next request', async () => {
    const removed = await createPerson(cms.strapi, 'leaver');
    const { id, slug, pageImage, cover } = fixtures.hidden;
    const membership = await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: id, user: removed.id, role: 'member', state: 'active' } });
    for (const name of [pageImage.names[0], cover.names[0]]) expect((await cms.http.get(`/api/page-builder/workspaces/${slug}/images/${name}`).set(removed.auth)).status).toBe(200);
    const removal = await cms.http.post(`/api/membership/workspaces/${slug}/members/${removed.id}/remove`).set(people.manager.auth);
    expect(removal.status, JSON.stringify(removal.body)).toBeLessThan(300);
    expect(await cms.strapi.db.query('plugin::membership.membership').findOne({ where: { id: membership.id, state: 'active' } })).toBeNull();
    for (const name of [pageImage.names[0], cover.names[0]]) {
      expect((await cms.http.get(`/api/page-builder/workspaces/${slug}/images/${name}`).set(removed.auth)).status).toBe(404);
      expect(await staticStatus(name)).toBe(404);
    }
  });

  it('a cover stops being public the moment its workspace is hidden, and is public again when it is not', async () => {
    const { slug, cover } = fixtures.open;
    expect(await staticStatus(cover.names[0])).toBe(200);
    const hide = await cms.http.patch(`/api/membership/workspaces/${slug}/visibility`).set(people.manager.auth).send({ visibility: 'hidden' });
    expect(hide.status, JSON.stringify(hide.body)).toBe(200);
    for (const name of cover.names) expect(await staticStatus(name)).toBe(404);
    expect((await routeGet(slug, cover.names[0], 'member')).status).toBe(200);
    expect((await cms.http.patch(`/api/membership/workspaces/${slug}/visibility`).set(people.manager.auth).send({ visibility: 'open' })).status).toBe(200);
    expect(await staticStatus(cover.names[0])).toBe(200);
  });

  it('a file taken off a workspace’s page stays that workspace’s (never public again)', async () => {
    const { pageImage, pageDocumentId } = fixtures.restricted;
    await cms.strapi.documents(PAGE_UID as never).update({ documentId: pageDocumentId, data: { blocks: [] } as never });
    await cms.strapi.documents(PAGE_UID as never).publish({ documentId: pageDocumentId } as never);
    for (const name of pageImage.names) expect(await staticStatus(name)).toBe(404);
    expect((await routeGet(fixtures.restricted.slug, pageImage.names[0], 'member')).status).toBe(200);
  });

  it('a public file put on a workspace’s page becomes that workspace’s', async () => {
    const late = await uploadToLibrary('later.jpg', '#ed8b00');
    expect(await staticStatus(late.names[0])).toBe(200);
    await cms.strapi.documents(PAGE_UID as never).update({
      documentId: fixtures.open.pageDocumentId,
      data: { blocks: [{ __component: 'blocks.image', image: late.id, altText: 'Late', isDecorative: false }] } as never,
    });
    for (const name of late.names) expect(await staticStatus(name)).toBe(404);
  });
});

describe('the migration of files stored before this rule', () => {
  it('records their owners, renames them at random, and leaves no old address answering', async () => {
    const uploads = join(cms.strapi.dirs.static.public, 'uploads');
    const suffix = Math.random().toString(16).slice(2, 12);
    const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#003087' } }).jpeg().toBuffer();
    // Strapi's old names carried the slug of what was uploaded; the page builder's its workspace's id.
    const slugged = `icb_finance_leads_${suffix}`;
    writeFileSync(join(uploads, `${slugged}.jpg`), jpeg);
    writeFileSync(join(uploads, `thumbnail_${slugged}.jpg`), jpeg);
    const legacyBuilder = `workspace_${fixtures.hidden.id}_${suffix}${suffix}`;
    writeFileSync(join(uploads, `${legacyBuilder}.webp`), await sharp(jpeg).webp().toBuffer());
    const common = { ext: '.jpg', mime: 'image/jpeg', size: 1, provider: 'local', folderPath: '/' };
    const old = await cms.strapi.db.query(FILE_UID).create({
      data: {
        ...common,
        name: 'ICB finance leads.jpg',
        hash: slugged,
        url: `/uploads/${slugged}.jpg`,
        formats: { thumbnail: { name: 'thumbnail_ICB finance leads.jpg', hash: `thumbnail_${slugged}`, ext: '.jpg', mime: 'image/jpeg', url: `/uploads/thumbnail_${slugged}.jpg`, width: 30, height: 20, size: 1 } },
      },
    });
    const builder = await cms.strapi.db.query(FILE_UID).create({ data: { ...common, ext: '.webp', mime: 'image/webp', name: `${legacyBuilder}.webp`, hash: legacyBuilder, url: `/uploads/${legacyBuilder}.webp` } });
    // Put on a hidden workspace's page behind the storage rule's back (as data written before it existed).
    const [pageRow] = await cms.strapi.db.query(PAGE_UID).findMany({ select: ['id'], where: { documentId: fixtures.hidden.pageDocumentId } });
    const knex = cms.strapi.db.connection;
    const [component] = await knex('pages_cmps').select('cmp_id').where({ entity_id: pageRow.id, component_type: 'blocks.image' });
    await knex('files_related_mph').insert({ file_id: old.id, related_id: component.cmp_id, related_type: 'blocks.image', field: 'image', order: 2 });
    // Before the migration, the page builder's old image was public to anyone who knew its name.
    expect(await staticStatus(`${legacyBuilder}.webp`)).toBe(200);

    await cms.strapi.plugin('storage').service('migration').run();

    const renamed = await cms.strapi.db.query(FILE_UID).findOne({ where: { id: old.id } });
    const renamedBuilder = await cms.strapi.db.query(FILE_UID).findOne({ where: { id: builder.id } });
    for (const name of [...namesOf(renamed), ...namesOf(renamedBuilder)]) {
      expect(name).toMatch(STORED_NAME);
      expect(existsSync(join(uploads, name)), name).toBe(true);
      expect(await staticStatus(name)).toBe(404);
    }
    for (const name of [`${slugged}.jpg`, `thumbnail_${slugged}.jpg`, `${legacyBuilder}.webp`]) {
      expect(existsSync(join(uploads, name)), name).toBe(false);
      expect(await staticStatus(name)).toBe(404);
    }
    expect((await routeGet(fixtures.hidden.slug, namesOf(renamed)[1], 'member')).status).toBe(200);
    expect((await routeGet(fixtures.hidden.slug, namesOf(renamedBuilder)[0], 'member')).status).toBe(200);
    expect((await routeGet(fixtures.hidden.slug, namesOf(renamedBuilder)[0], 'outsider')).status).toBe(404);
    // Run again: nothing left to move.
    await cms.strapi.plugin('storage').service('migration').run();
    expect((await cms.strapi.db.query(FILE_UID).findOne({ where: { id: old.id } })).hash).toBe(renamed.hash);
  });
});
