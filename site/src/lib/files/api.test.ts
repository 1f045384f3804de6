import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workspaceWithMembers } from '../../../../cms/tests/helpers/forum.ts';
import { createPerson, type TestPerson } from '../../../../cms/tests/helpers/members.ts';
import { startTestCms, type TestCms } from '../../../../cms/tests/helpers/test-strapi.ts';
import type { PageContext } from '../accounts/page.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { createMemberClient, type MemberCms } from '../cms/member-client.ts';
import { binKind, deleteItem, folderTree, getBin, getFolder, getItem, restoreFromBin, restoreVersion, updateItem } from './api.ts';
import { fileBytes } from './bytes.ts';
import { streamUpload } from './upload.ts';

/**
 * The site's files client against the real CMS (booted in this process on a throwaway database),
 * over HTTP: every answer must pass the contract's schemas as the CMS really sends it, refusals
 * come back as errors a page can explain, bytes stream with ranges, and an upload streamed
 * through the site's own code lands (or comes back with the member's errors and what they typed).
 */
let cms: TestCms;
let baseUrl: string;
let manager: TestPerson;
let member: TestPerson;
let outsider: TestPerson;
const slug = 'files-client';

/** Text that the CMS's inspection takes as text: `size` bytes saying which file they are. */
const textFile = (name: string, size: number) => ({ name, data: Buffer.alloc(size, `${name} `) });

/** Arranging through the CMS's own routes, as the person: the site's client is what is under test. */
async function uploadFiles(cms: TestCms, person: TestPerson, slug: string, folder: number | 'root', files: { name: string; data: Buffer }[]): Promise<number[]> {
  let request = cms.http.post(`/api/files/workspaces/${slug}/folders/${folder}/files`).set(person.auth);
  for (const file of files) request = request.attach('files', file.data, file.name);
  const response = await request;
  if (response.status !== 201) throw new Error(`Uploading answered ${response.status}: ${JSON.stringify(response.body)}`);
  const items = response.body.data.items as { id: number; name: string }[];
  return files.map((file) => items.find((item) => item.name === file.name)!.id);
}

async function createFolderInCms(cms: TestCms, person: TestPerson, slug: string, name: string, parentId: number | null = null): Promise<number> {
  const response = await cms.http.post(`/api/files/workspaces/${slug}/folders`).set(person.auth).send({ name, parentId });
  if (response.status !== 201) throw new Error(`Creating a folder answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.data.id as number;
}

const clientOf = (person: TestPerson): MemberCms =>
  createMemberClient({ baseUrl, timeoutMs: 5000 }, { accessToken: () => person.jwt, refresh: async () => false, changed: () => {} });
const sessionOf = (person: TestPerson) => ({ accessToken: () => person.jwt, refresh: async () => false });

/** Just what streamUpload reads of an Astro page's context. */
function uploadContext(person: TestPerson, form: FormData, accept = 'text/html', length?: number): PageContext & { flashes: string[] } {
  const flashes: string[] = [];
  const body = new Request('http://site.test/upload', { method: 'POST', body: form });
  const headers: Record<string, string> = { 'content-type': body.headers.get('content-type')!, accept };
  if (length !== undefined) headers['content-length'] = String(length);
  const request = new Request('http://site.test/upload', { method: 'POST', body: body.body, headers, duplex: 'half' } as RequestInit);
  return {
    request,
    url: new URL(request.url),
    clientAddress: '127.0.0.1',
    cookies: { set: (_name: string, value: string) => flashes.push(value), get: () => undefined, delete: () => {} } as unknown as PageContext['cookies'],
    locals: { session: sessionOf(person) } as unknown as App.Locals,
    flashes,
  };
}

beforeAll(async () => {
  cms = await startTestCms({ FILES_MAX_MB: '1' });
  const server = cms.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The site's configuration is read once, on first use: the CMS it talks to is this one.
  process.env.CMS_URL = baseUrl;
  process.env.SITE_URL = 'http://site.test';
  manager = await createPerson(cms.strapi, 'manager');
  member = await createPerson(cms.strapi, 'member');
  outsider = await createPerson(cms.strapi, 'outsider');
  await workspaceWithMembers(cms, manager, slug, 'restricted', [member]);
});

afterAll(async () => {
  await cms?.stop();
});

describe('the files client', () => {
  it('reads folders, files and their history as the contract says, with what the viewer may do', async () => {
    const folder = await createFolderInCms(cms, manager, slug, 'Board papers');
    await createFolderInCms(cms, manager, slug, 'Minutes', folder);
    const [mine] = await uploadFiles(cms, member, slug, 'root', [textFile('mine.txt', 200)]);
    await uploadFiles(cms, manager, slug, folder, [textFile('theirs.txt', 300)]);

    const root = await getFolder(clientOf(member), slug, null, { sort: 'size', order: 'desc', page: 1 });
    expect(root.folder).toBeNull();
    expect(root.folders.map((entry) => entry.name)).toEqual(['Board papers']);
    expect(root.items.map((item) => [item.name, item.size, item.can.change])).toEqual([['mine.txt', 200, true]]);
    expect(root.can).toEqual({ upload: true, createFolder: true, manageBin: false });
    expect(root.maxUploadBytes).toBe(1024 * 1024);

    const inside = await getFolder(clientOf(member), slug, folder);
    expect(inside.breadcrumbs.map((crumb) => crumb.name)).toEqual(['Board papers']);
    expect(inside.items[0].can).toEqual({ change: false, delete: false });

    const item = await getItem(clientOf(member), slug, mine);
    expect(item.item.name).toBe('mine.txt');
    expect(item.versions).toHaveLength(1);
    expect(item.versions[0].sha256).toMatch(/^[0-9a-f]{64}$/);

    const tree = await folderTree(clientOf(member), slug);
    expect(tree).toEqual({ folders: [expect.objectContaining({ name: 'Board papers', depth: 1 }), expect.objectContaining({ name: 'Minutes', depth: 2 })], complete: true });
    expect((await folderTree(clientOf(member), slug, folder)).folders).toEqual([]);
  });

  it('refuses a stranger as the pages expect: not found or forbidden, never an answer', async () => {
    const refused = await getFolder(clientOf(outsider), slug, null).catch((error: unknown) => error);
    expect(isCmsRequestError(refused, 403)).toBe(true);
  });

  it('moves, deletes to the bin and restores; restores a version', async () => {
    const [id] = await uploadFiles(cms, member, slug, 'root', [textFile('cycle.txt', 100)]);
    await updateItem(clientOf(member), slug, id, { name: 'cycled.txt' });
    const form = new FormData();
    form.append('file', new Blob([Buffer.alloc(150, 'second ')]), 'cycled.txt');
    const version = uploadContext(member, form);
    expect(((await streamUpload(version, { cmsPath: `/api/files/workspaces/${slug}/items/${id}/versions`, kind: 'version', maxUploadBytes: 1024 * 1024, success: () => ({ message: 'ok', location: '/x' }) })) as Response).status).toBe(303);
    await restoreVersion(clientOf(member), slug, id, 1, 'Back to the first');
    const item = await getItem(clientOf(member), slug, id);
    expect(item.versions.map((entry) => [entry.number, entry.restoredFrom])).toEqual([
      [3, 1],
      [2, null],
      [1, null],
    ]);
    expect(item.versions[0].sha256).toBe(item.versions[2].sha256);

    await deleteItem(clientOf(member), slug, id);
    const bin = await getBin(clientOf(manager), slug, 1);
    const entry = bin.entries.find((candidate) => candidate.name === 'cycled.txt')!;
    expect(binKind(entry.kind)).toBe('item');
    await restoreFromBin(clientOf(manager), slug, binKind(entry.kind), entry.id);
    expect((await getItem(clientOf(member), slug, id)).item.name).toBe('cycled.txt');
  });

  it('streams bytes with a range, and refuses a preview of what is not an image or a PDF', async () => {
    const [id] = await uploadFiles(cms, member, slug, 'root', [textFile('bytes.txt', 1000)]);
    const signal = new AbortController().signal;
    const part = await fileBytes(sessionOf(member), { signal, range: 'bytes=100-199' }, { slug, id, what: 'download' });
    expect(part.kind).toBe('bytes');
    const response = (part as { response: Response }).response;
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect((await response.arrayBuffer()).byteLength).toBe(100);
    expect((await fileBytes(sessionOf(member), { signal }, { slug, id, what: 'preview' })).kind).toBe('not-found');
    expect((await fileBytes(sessionOf(outsider), { signal }, { slug, id, what: 'download' })).kind).toBe('forbidden');
  });

  it('streams an upload to the CMS, and brings back its refusals with the file named and the description kept', async () => {
    const good = new FormData();
    good.append('description', 'Two papers');
    good.append('files', new Blob(['Agenda for the board\n']), 'agenda-stream.txt');
    good.append('files', new Blob(['Minutes of the board\n']), 'minutes-stream.txt');
    const ok = uploadContext(member, good, 'application/json');
    const answer = (await streamUpload(ok, { cmsPath: `/api/files/workspaces/${slug}/folders/root/files`, kind: 'files', maxUploadBytes: 1024 * 1024, success: (count) => ({ message: `${count} uploaded`, location: '/done' }) })) as Response;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ location: '/done' });
    expect(ok.flashes).toHaveLength(1);
    const root = await getFolder(clientOf(member), slug, null);
    expect(root.items.find((item) => item.name === 'agenda-stream.txt')?.description).toBe('Two papers');

    const bad = new FormData();
    bad.append('files', new Blob(['Fine text\n']), 'fine.txt');
    bad.append('files', new Blob(['<!doctype html><html><body><script>alert(1)</script></body></html>']), 'page.html');
    bad.append('description', 'Kept when refused');
    const refused = await streamUpload(uploadContext(member, bad), { cmsPath: `/api/files/workspaces/${slug}/folders/root/files`, kind: 'files', maxUploadBytes: 1024 * 1024, success: () => ({ message: '', location: '' }) });
    expect(refused).not.toBeInstanceOf(Response);
    const outcome = refused as Exclude<typeof refused, Response>;
    expect(outcome.status).toBe(400);
    expect(outcome.errors.files).toContain('page.html');
    expect(outcome.values.description).toBe('Kept when refused');

    const large = new FormData();
    large.append('files', new Blob([Buffer.alloc(1024 * 1024 + 10, 'a')]), 'large.txt');
    const tooLarge = (await streamUpload(uploadContext(member, large), { cmsPath: `/api/files/workspaces/${slug}/folders/root/files`, kind: 'files', maxUploadBytes: 1024 * 1024, success: () => ({ message: '', location: '' }) })) as Exclude<Awaited<ReturnType<typeof streamUpload>>, Response>;
    // One file over the limit: the CMS names it (a request may hold several files' worth).
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.errors.files).toContain('large.txt: The file must be 1 MB or smaller');

    // Longer than the CMS would ever take in one request: refused by the site before reading a byte.
    const early = uploadContext(member, good, 'text/html', 4 * 1024 * 1024 + 65 * 1024);
    const refusedEarly = (await streamUpload(early, { cmsPath: `/api/files/workspaces/${slug}/folders/root/files`, kind: 'files', maxUploadBytes: 1024 * 1024, success: () => ({ message: '', location: '' }) })) as Exclude<Awaited<ReturnType<typeof streamUpload>>, Response>;
    expect(refusedEarly.status).toBe(413);
    expect(refusedEarly.errors.files).toContain('each may be up to 1 MB');
    expect(early.request.bodyUsed).toBe(false);
  });
});
