import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goodFiles, hostileFiles, type CorpusFile } from '../src/plugins/files/server/src/inspection/hostile-files.ts';
import { workspaceWithMembers } from './helpers/forum.ts';
import { download, ITEM_UID, STORED_FILE_UID, uploadRequest, VERSION_UID } from './helpers/files.ts';
import { createPerson, signInPlatformAdmin, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The hostile-file corpus (inspection/hostile-files.ts) through the two ways files get in: a
 * member's upload into a workspace's folder, where each hostile file is refused with a message and
 * nothing stored, or stored and served only so that nothing of it can run; and the admin's media
 * library, whose files are public, where whatever it takes must be served inert by /uploads.
 */
let cms: TestCms;
let member: TestPerson;
let adminAuth: { authorization: string };
let slug: string;
let hostile: CorpusFile[];
let good: CorpusFile[];

const bytesOf = (file: CorpusFile) => readFileSync(file.path);
const counts = async () => ({
  items: await cms.strapi.db.query(ITEM_UID).count(),
  versions: await cms.strapi.db.query(VERSION_UID).count(),
  stored: await cms.strapi.db.query(STORED_FILE_UID).count(),
});
const PREVIEWED = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function expectInert(response: { headers: Record<string, string> }) {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['content-security-policy']).toMatch(/(^|;)\s*sandbox\s*(;|$)/);
  expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
}

beforeAll(async () => {
  cms = await startTestCms({ REVALIDATE_SECRET: '', RATE_LIMIT_UPLOADING: '100000' });
  member = await createPerson(cms.strapi, 'member');
  const manager = await createPerson(cms.strapi, 'manager');
  ({ slug } = await workspaceWithMembers(cms, manager, 'files-hostile', 'restricted', [member]));
  adminAuth = await signInPlatformAdmin(cms, 'hostile.admin@example.nhs.net');
  const dir = mkdtempSync(join(tmpdir(), 'files-hostile-'));
  [hostile, good] = await Promise.all([hostileFiles(join(dir, 'hostile')), goodFiles(join(dir, 'good'))]);
});

afterAll(async () => {
  await cms?.stop();
});

describe('through a member’s upload', () => {
  it('has refused and inert files to try', () => {
    expect(hostile.filter((file) => file.expect === 'refused').length).toBeGreaterThan(10);
    expect(hostile.filter((file) => file.expect === 'inert').map((file) => file.name)).toEqual(expect.arrayContaining(['cat.gif', 'paper.pdf']));
  });

  it.each([0, 1].map((part) => [part]))('refuses every hostile file, with what to do, and stores nothing (part %i)', async (part) => {
    const refused = hostile.filter((file) => file.expect === 'refused').filter((_, index) => index % 2 === part);
    for (const file of refused) {
      const before = await counts();
      const response = await uploadRequest(cms, member.auth, slug, 'root', [{ name: file.name, data: bytesOf(file) }]);
      expect([file.name, response.status], file.why).toEqual([file.name, 400]);
      const [error] = response.body.error.details.errors;
      expect(error.path, file.why).toEqual(['files', 0]);
      // The member's words: which file, and a sentence; never a stack or a library's code.
      expect(error.message, file.why).toMatch(new RegExp(`^${file.name.replace(/\./g, '\\.')}: [A-Z].{20,}[.!]?$`));
      expect(error.message).not.toMatch(/Error|undefined|ENOENT|yauzl|sharp/);
      expect(await counts(), file.why).toEqual(before);
    }
  });

  it('refuses them all at once, each at its place, and stores none of the good files sent with them', async () => {
    const refused = hostile.filter((file) => file.expect === 'refused').slice(0, 12);
    const sent = [good[0]!, ...refused, good[1]!];
    const before = await counts();
    const response = await uploadRequest(cms, member.auth, slug, 'root', sent.map((file) => ({ name: file.name, data: bytesOf(file) })));
    expect(response.status).toBe(400);
    const paths = response.body.error.details.errors.map((error: { path: [string, number] }) => error.path[1]);
    expect(paths).toEqual(refused.map((_, index) => index + 1));
    expect(await counts()).toEqual(before);
  });

  it('stores inert files as what their bytes are, and serves them so that nothing runs', async () => {
    for (const file of hostile.filter((entry) => entry.expect === 'inert')) {
      const response = await uploadRequest(cms, member.auth, slug, 'root', [{ name: file.name, data: bytesOf(file) }]);
      expect([file.name, response.status, response.body.data?.items?.[0]?.mime], file.why).toEqual([file.name, 201, file.mime]);
      const id = response.body.data.items[0].id;
      const bytes = await download(cms, member.auth, slug, id);
      expect(bytes.status).toBe(200);
      expect(bytes.body.equals(bytesOf(file)), file.why).toBe(true);
      expectInert(bytes);
      expect(bytes.headers['content-type'], file.why).toBe('application/octet-stream');
      expect(bytes.headers['content-disposition'], file.why).toMatch(/^attachment; filename="/);
      const preview = await download(cms, member.auth, slug, id, { preview: true });
      if (PREVIEWED.has(file.mime!)) {
        // A polyglot is shown only as its benign type, and sandboxed: its other reading never runs.
        expect([file.name, preview.status, preview.headers['content-type']]).toEqual([file.name, 200, file.mime]);
        expect(preview.headers['content-disposition']).toMatch(/^inline; /);
        expectInert(preview);
      } else {
        expect([file.name, preview.status]).toEqual([file.name, 404]);
        expect(preview.headers['content-type']).toMatch(/json/);
      }
    }
  });

  it('takes a good sample of every accepted kind, gives back its very bytes, and previews only PDFs and images', async () => {
    for (const file of good) {
      const response = await uploadRequest(cms, member.auth, slug, 'root', [{ name: `good ${file.name}`, data: bytesOf(file) }]);
      expect([file.name, response.status, response.body.data?.items?.[0]?.mime], JSON.stringify(response.body.error)).toEqual([file.name, 201, file.mime]);
      const id = response.body.data.items[0].id;
      const bytes = await download(cms, member.auth, slug, id);
      expect(bytes.body.equals(bytesOf(file)), file.name).toBe(true);
      expectInert(bytes);
      expect(bytes.headers['content-type']).toBe('application/octet-stream');
      const preview = await download(cms, member.auth, slug, id, { preview: true });
      expect([file.name, preview.status]).toEqual([file.name, PREVIEWED.has(file.mime!) ? 200 : 404]);
    }
  });
});

describe('through the admin’s media library', () => {
  it('serves whatever it takes inert by /uploads, in every size', async () => {
    const served: string[] = [];
    for (const file of [...hostile, ...good]) {
      const response = await cms.http
        .post('/upload')
        .set(adminAuth)
        .field('fileInfo', JSON.stringify({ name: file.name }))
        .attach('files', bytesOf(file), file.name);
      if (response.status >= 300) {
        // Refused: nothing of it is served.
        expect(response.status, `${file.name}: ${JSON.stringify(response.body)}`).toBeLessThan(500);
        continue;
      }
      for (const stored of response.body as { url: string; formats?: Record<string, { url: string }> | null }[]) {
        for (const url of [stored.url, ...Object.values(stored.formats ?? {}).map((format) => format.url)]) {
          const name = url.split('/').pop()!;
          // A stored name says nothing of the file: not its name, not its kind.
          expect(name, file.name).toMatch(/^(?:(?:thumbnail|small|medium|large|xlarge)_)?[a-f0-9]{32}(\.[a-z0-9]{1,8})?$/);
          const fetched = await cms.http.get(`/uploads/${name}`).buffer(true);
          expect([file.name, name, fetched.status]).toEqual([file.name, name, 200]);
          // An editor's HTML or SVG keeps its type here (storage README): the sandbox is what stops it running.
          expectInert(fetched);
          served.push(file.name);
        }
      }
    }
    // The library takes what editors give it (its own checks are Strapi's): the test is how it serves them.
    expect(served).toEqual(expect.arrayContaining(['page.html', 'drawing.svg', 'cat.gif', 'board-pack.pdf']));
  });
});

describe('a workspace file’s versions, from the admin’s media library', () => {
  it('cannot be replaced, renamed or deleted there: the bytes and their SHA-256 stay the members’', async () => {
    const original = Buffer.from('Board minutes, as the members wrote them\n');
    const uploaded = await uploadRequest(cms, member.auth, slug, 'root', [{ name: 'admin-proof minutes.txt', data: original }]);
    expect(uploaded.status, uploaded.text).toBe(201);
    const itemId = uploaded.body.data.items[0].id as number;
    const version = (await cms.strapi.db.query(VERSION_UID).findOne({ where: { itemId } })) as { storedFileId: number };
    const stored = version.storedFileId;

    const replaced = await cms.http
      .post(`/upload?id=${stored}`)
      .set(adminAuth)
      .field('fileInfo', JSON.stringify({ name: 'swapped.txt' }))
      .attach('files', Buffer.from('Bytes an admin put in their place\n'), 'swapped.txt');
    expect(replaced.status, replaced.text).toBe(403);
    const renamed = await cms.http.post(`/upload?id=${stored}`).set(adminAuth).field('fileInfo', JSON.stringify({ name: 'renamed.txt' }));
    expect(renamed.status, renamed.text).toBe(403);
    const deleted = await cms.http.delete(`/upload/files/${stored}`).set(adminAuth);
    expect(deleted.status, deleted.text).toBe(403);
    const bulk = await cms.http.post('/upload/actions/bulk-delete').set(adminAuth).send({ fileIds: [stored], folderIds: [] });
    expect(bulk.status, bulk.text).toBeGreaterThanOrEqual(400);

    const fetched = await download(cms, member.auth, slug, itemId);
    expect(fetched.status).toBe(200);
    expect(Buffer.compare(fetched.body, original)).toBe(0);
  });
});
