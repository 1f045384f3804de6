import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { binViewSchema, folderViewSchema, FOLDER_DEPTH_MAX, itemViewSchema, uploadedSchema } from '@futurenhs/contract';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../src/plugins/files/server/src/inspection/hostile-files.ts';
import { workspaceWithMembers } from './helpers/forum.ts';
import {
  addVersion,
  auditEvents,
  createFolder,
  download,
  filesApi,
  FOLDER_UID,
  ITEM_UID,
  newVersionRequest,
  sha256,
  STORED_FILE_UID,
  storedNamesOf,
  storedOnDisk,
  textFile,
  uploadFile,
  uploadFiles,
  uploadRequest,
  VERSION_UID,
  type UploadFile,
} from './helpers/files.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The files plugin's flows and edge cases through real HTTP (multipart uploads, downloads read
 * byte for byte): uploads all or none, versions and restoring them (checksums), moving and the
 * folder rules, the recycle bin down to the stored bytes, sorting and paging, byte ranges, the
 * headers that make any file inert, the audit log, and a 400 naming every field at fault. The
 * upload limit is set to 1 MB here (FILES_MAX_MB), so the limit is tested with small files.
 */
let cms: TestCms;
let member: TestPerson;
let colleague: TestPerson;
let manager: TestPerson;
let slug: string;
let workspaceId: number;
const MB = 1024 * 1024;

const api = (path: string) => filesApi(`/workspaces/${slug}${path}`);
const folderPage = async (folder: number | 'root', query = '', person = member) => {
  const response = await cms.http.get(api(`/folders/${folder}${query}`)).set(person.auth);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(folderViewSchema.safeParse(response.body).error).toBeUndefined();
  return response.body.data;
};
const itemView = async (id: number, person = member) => {
  const response = await cms.http.get(api(`/items/${id}`)).set(person.auth);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(itemViewSchema.safeParse(response.body).error).toBeUndefined();
  return response.body.data;
};
const upload = (files: UploadFile[], folder: number | 'root' = 'root', person = member) => uploadFiles(cms, person, slug, folder, files);
const folder = (name: string, parentId: number | null = null, person = member) => createFolder(cms, person, slug, name, parentId);
const removeItem = (id: number, person = member) => cms.http.delete(api(`/items/${id}`)).set(person.auth);
const removeFolder = (id: number, person = manager) => cms.http.delete(api(`/folders/${id}`)).set(person.auth);
const bin = async () => {
  const response = await cms.http.get(api('/bin')).set(manager.auth);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  expect(binViewSchema.safeParse(response.body).error).toBeUndefined();
  return response.body.data;
};
const restoreFromBin = (kind: 'item' | 'folder', id: number) => cms.http.post(api(`/bin/${kind}/${id}/restore`)).set(manager.auth);
const counts = async () => ({
  items: await cms.strapi.db.query(ITEM_UID).count(),
  versions: await cms.strapi.db.query(VERSION_UID).count(),
  stored: await cms.strapi.db.query(STORED_FILE_UID).count(),
});
const uploadsDir = () => join(cms.strapi.dirs.static.public, 'uploads');
const onDisk = () => new Set(readdirSync(uploadsDir()));
/**
 * Files written to the uploads folder since `before` that hold any of these bytes: other test
 * processes may store files there at the same time, so the folder's size proves nothing.
 */
const copiesOnDisk = (before: Set<string>, payloads: (Buffer | string)[]) =>
  [...onDisk()]
    .filter((name) => !before.has(name))
    .filter((name) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(uploadsDir(), name));
      } catch {
        return false; // another process's file, gone again
      }
      return payloads.some((payload) => bytes.equals(Buffer.isBuffer(payload) ? payload : Buffer.from(payload)));
    });
/** Strapi's 400: each field at fault, with its message. */
const fieldErrors = (response: { status: number; body: any }) => {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  return (response.body.error.details.errors as { path: (string | number)[]; message: string }[]).map(({ path, message }) => ({ path, message }));
};
/** The audit events of one item since `after` (an audit id). */
const audited = async (actions: string | string[], itemId: number) =>
  (await auditEvents(cms.strapi, actions)).filter((event) => event.details?.itemId === itemId);

let png: Buffer;

beforeAll(async () => {
  cms = await startTestCms({ REVALIDATE_SECRET: '', FILES_MAX_MB: '1', RATE_LIMIT_UPLOADING: '100000', RATE_LIMIT_POSTING: '100000' });
  member = await createPerson(cms.strapi, 'member');
  colleague = await createPerson(cms.strapi, 'colleague');
  manager = await createPerson(cms.strapi, 'manager');
  ({ slug, id: workspaceId } = await workspaceWithMembers(cms, manager, 'files-flows', 'restricted', [member, colleague]));
  png = await sharp({ create: { width: 12, height: 9, channels: 3, background: '#330072' } }).png().toBuffer();
});

afterAll(async () => {
  await cms?.stop();
});

describe('uploading', () => {
  it('stores one file exactly as sent, says what it is by its bytes, and audits it', async () => {
    const before = await counts();
    const files = onDisk();
    const response = await uploadRequest(cms, member.auth, slug, 'root', [{ name: 'Board pack.pdf', data: minimalPdf(['Board pack']) }], { description: 'For Tuesday' });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(uploadedSchema.safeParse(response.body).error).toBeUndefined();
    const [item] = response.body.data.items;
    expect(item).toMatchObject({ kind: 'file', name: 'Board pack.pdf', description: 'For Tuesday', mime: 'application/pdf', label: 'PDF', version: 1, scan: 'unscanned', can: { change: true, delete: true } });
    expect(item.size).toBe(minimalPdf(['Board pack']).length);
    const view = await itemView(item.id);
    expect(view.versions).toEqual([expect.objectContaining({ number: 1, size: item.size, sha256: sha256(minimalPdf(['Board pack'])), comment: null, restoredFrom: null })]);
    expect(view.versions[0].author).toMatchObject({ id: member.id, name: 'member Tester' });
    expect(view.previewable).toBe(true);
    expect(view.maxUploadBytes).toBe(MB);
    const bytes = await download(cms, member.auth, slug, item.id);
    expect(bytes.body.equals(minimalPdf(['Board pack']))).toBe(true);
    const after = await counts();
    expect(after).toEqual({ items: before.items + 1, versions: before.versions + 1, stored: before.stored + 1 });
    expect(copiesOnDisk(files, [minimalPdf(['Board pack'])])).toEqual(await storedNamesOf(cms.strapi, [item.id]));
    expect(await audited('file.uploaded', item.id)).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ id: member.id }), workspace: expect.objectContaining({ id: workspaceId }), details: expect.objectContaining({ name: 'Board pack.pdf', sha256: sha256(minimalPdf(['Board pack'])) }) }),
    ]);
  });

  it('stores several at once, each under its own name', async () => {
    const target = await folder('Several');
    const files = [textFile('one.txt'), { name: 'two.png', data: png }, textFile('three.csv', 40, 'a,b')];
    const ids = await upload(files, target);
    const page = await folderPage(target);
    expect(page.items.map((item: { name: string }) => item.name).sort()).toEqual(['one.txt', 'three.csv', 'two.png']);
    expect(new Set(ids).size).toBe(3);
    const mimes = Object.fromEntries(page.items.map((item: { name: string; mime: string }) => [item.name, item.mime]));
    expect(mimes).toEqual({ 'one.txt': 'text/plain', 'two.png': 'image/png', 'three.csv': 'text/csv' });
  });

  it('stores none when any is refused, and names each file at fault by its place', async () => {
    const target = await folder('All or none');
    await upload([textFile('Agenda.txt')], target);
    const before = await counts();
    const files = onDisk();
    const sent = [
      textFile('fine.txt'),
      { name: 'page.html', data: '<!DOCTYPE html><html><body><script>alert(1)</script></body></html>' },
      textFile('AGENDA.TXT'),
      textFile('also fine.txt'),
      { name: 'chart.pdf', data: png },
    ];
    const response = await uploadRequest(cms, member.auth, slug, target, sent);
    const errors = fieldErrors(response);
    expect(errors.map((error) => error.path)).toEqual([
      ['files', 1],
      ['files', 2],
      ['files', 4],
    ]);
    expect(errors[0]!.message).toMatch(/^page\.html: /);
    expect(errors[1]!.message).toBe('AGENDA.TXT: a file with this name is already in this folder. Upload it as a new version of that file, or rename yours');
    expect(errors[2]!.message).toBe("chart.pdf: The file's name says PDF but its content is a PNG image: rename it or choose the right file.");
    expect(response.body.error.message).toBe(errors[0]!.message);
    expect(await counts()).toEqual(before);
    expect(copiesOnDisk(files, sent.map((file) => file.data))).toEqual([]);
    expect((await folderPage(target)).items.map((item: { name: string }) => item.name)).toEqual(['Agenda.txt']);
  });

  it('refuses two files of one name in one upload, and a name taken in any case or spacing', async () => {
    const target = await folder('Clashes');
    const twice = fieldErrors(await uploadRequest(cms, member.auth, slug, target, [textFile('Minutes.txt'), textFile('minutes.txt')]));
    expect(twice).toEqual([{ path: ['files', 1], message: 'minutes.txt: you chose two files with this name' }]);
    await upload([textFile('Minutes.txt')], target);
    for (const name of ['minutes.txt', 'MINUTES.TXT', ' Minutes.txt ']) {
      const clash = fieldErrors(await uploadRequest(cms, member.auth, slug, target, [textFile(name)]));
      expect(clash[0]!.path).toEqual(['files', 0]);
      expect(clash[0]!.message).toMatch(/a file with this name is already in this folder/);
    }
    // The same name in another folder is another file.
    await upload([textFile('Minutes.txt')], 'root');
  });

  it('takes an accented name however the computer spelled it: "é" as one character or as "e" and an accent', async () => {
    const [composed, decomposed] = ['Café notes', 'Cafe\u0301 notes'];
    const target = await folder(composed);
    const again = await cms.http.post(api('/folders')).set(member.auth).send({ name: decomposed.toUpperCase() });
    expect(fieldErrors(again)[0]!.path).toEqual(['name']);
    const inner = await folder(decomposed, target);
    expect((await folderPage(inner)).breadcrumbs.map((crumb: { name: string }) => crumb.name)).toEqual([composed, composed]);
    await upload([textFile(`${composed}.txt`)], target);
    const clash = fieldErrors(await uploadRequest(cms, member.auth, slug, target, [textFile(`${decomposed}.txt`)]));
    expect(clash[0]!.path).toEqual(['files', 0]);
  });

  it('keeps only the last part of a name the browser sent as a path, without control characters', async () => {
    const [id] = await upload([textFile('..\\..\\windows\\evil.txt'), textFile('tab\there.txt')]);
    const names = (await folderPage('root', '?pageSize=100')).items.map((item: { name: string }) => item.name);
    expect(names).toContain('evil.txt');
    expect(names).toContain('tabhere.txt');
    expect((await itemView(id!)).item.name).toBe('evil.txt');
  });

  it('takes files up to the limit and refuses a larger one by name, storing nothing', async () => {
    const before = await counts();
    const files = onDisk();
    const [atLimit] = await upload([textFile('exactly one megabyte.txt', MB)]);
    expect((await itemView(atLimit!)).item.size).toBe(MB);
    const after = await counts();
    const tooLarge = await uploadRequest(cms, member.auth, slug, 'root', [textFile('small.txt', 10), textFile('one byte over.txt', MB + 1)]);
    expect(fieldErrors(tooLarge)).toEqual([{ path: ['files', 1], message: 'one byte over.txt: The file must be 1 MB or smaller.' }]);
    const tooLargeVersion = await newVersionRequest(cms, member.auth, slug, atLimit!, textFile('bigger.txt', MB + 1));
    expect(fieldErrors(tooLargeVersion)).toEqual([{ path: ['file'], message: 'exactly one megabyte.txt: The file must be 1 MB or smaller.' }]);
    expect(await counts()).toEqual({ ...after });
    expect(copiesOnDisk(files, [textFile('x', MB + 1, 'one byte over.txt').data, textFile('x', MB + 1, 'bigger.txt').data])).toEqual([]);
    expect(after.items).toBe(before.items + 1);
    expect((await itemView(atLimit!)).versions).toHaveLength(1);
  });

  it('takes several files each within the limit together', async () => {
    const ids = await upload(Array.from({ length: 3 }, (_, index) => textFile(`together ${index}.txt`, Math.floor(0.9 * MB))));
    expect(ids).toHaveLength(3);
  });

  it('answers 413 for one request holding more than four times the limit, before reading the rest', async () => {
    const before = await counts();
    const files = Array.from({ length: 5 }, (_, index) => textFile(`part ${index}.txt`, Math.floor(0.9 * MB)));
    const disk = onDisk();
    const response = await uploadRequest(cms, member.auth, slug, 'root', files);
    expect(response.status, JSON.stringify(response.body)).toBe(413);
    expect(await counts()).toEqual(before);
    expect(copiesOnDisk(disk, files.map((file) => file.data))).toEqual([]);
  });
});

describe('versions', () => {
  it('adds a version with a comment, keeps the history newest first, and points the item at it', async () => {
    const [id] = await upload([textFile('policy.txt', 200, 'first words')]);
    const summary = await addVersion(cms, member, slug, id!, textFile('whatever the browser called it.txt', 300, 'second words'), 'Updated after the board');
    expect(summary).toMatchObject({ id, name: 'policy.txt', version: 2, size: 300 });
    const view = await itemView(id!);
    expect(view.item).toMatchObject({ version: 2, size: 300, name: 'policy.txt' });
    expect(view.versions.map((version: { number: number; comment: string | null; size: number }) => [version.number, version.comment, version.size])).toEqual([
      [2, 'Updated after the board', 300],
      [1, null, 200],
    ]);
    expect(view.versions[0].sha256).toBe(sha256(textFile('x', 300, 'second words').data));
    expect(view.versions[0].author).toMatchObject({ id: member.id, name: 'member Tester' });
    expect((await download(cms, member.auth, slug, id!)).body.equals(textFile('x', 300, 'second words').data as Buffer)).toBe(true);
    expect((await download(cms, member.auth, slug, id!, { version: 1 })).body.equals(textFile('x', 200, 'first words').data as Buffer)).toBe(true);
    expect((await download(cms, member.auth, slug, id!, { version: 3 })).status).toBe(404);
    expect(await audited('file.version-added', id!)).toEqual([expect.objectContaining({ details: expect.objectContaining({ version: 2, size: 300 }) })]);
  });

  it('refuses a new version whose bytes are not what the file’s name says', async () => {
    const [id] = await upload([textFile('notes.txt')]);
    const errors = fieldErrors(await newVersionRequest(cms, member.auth, slug, id!, { name: 'notes.txt', data: png }));
    expect(errors).toEqual([{ path: ['file'], message: expect.stringMatching(/^notes\.txt: The file's name says Text but its content is a PNG image/) }]);
    expect((await itemView(id!)).versions).toHaveLength(1);
  });

  it('restores a version as a new one holding exactly its bytes', async () => {
    const original = minimalPdf(['The original board pack', 'Page two']);
    const [id] = await upload([{ name: 'Pack.pdf', data: original }]);
    await addVersion(cms, member, slug, id!, { name: 'Pack.pdf', data: minimalPdf(['A later draft']) }, 'Later');
    const restored = await cms.http.post(api(`/items/${id}/versions/1/restore`)).set(colleague.auth).send({});
    expect(restored.status).toBe(403);
    const response = await cms.http.post(api(`/items/${id}/versions/1/restore`)).set(member.auth).send({});
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data).toMatchObject({ version: 3, size: original.length });
    const view = await itemView(id!);
    const [third, second, first] = view.versions;
    expect(third).toMatchObject({ number: 3, restoredFrom: 1, comment: 'Restored version 1', sha256: first.sha256, size: first.size });
    expect(second.restoredFrom).toBeNull();
    const current = await download(cms, member.auth, slug, id!);
    expect(sha256(current.body)).toBe(sha256(original));
    expect(sha256(current.body)).toBe(third.sha256);
    expect(sha256((await download(cms, member.auth, slug, id!, { version: 3 })).body)).toBe(sha256(original));
    // A comment of one's own, and the current version cannot be restored onto itself.
    const again = await cms.http.post(api(`/items/${id}/versions/2/restore`)).set(member.auth).send({ comment: 'The later draft after all' });
    expect(again.status).toBe(200);
    expect((await itemView(id!)).versions[0]).toMatchObject({ number: 4, restoredFrom: 2, comment: 'The later draft after all' });
    const current4 = await cms.http.post(api(`/items/${id}/versions/4/restore`)).set(member.auth).send({});
    expect([current4.status, current4.body.error?.message]).toEqual([409, 'This is already the current version']);
    expect((await cms.http.post(api(`/items/${id}/versions/9/restore`)).set(member.auth).send({})).status).toBe(404);
    expect(await audited('file.version-restored', id!)).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ version: 3, restoredFrom: 1, sha256: sha256(original) }) }),
      expect.objectContaining({ details: expect.objectContaining({ version: 4, restoredFrom: 2 }) }),
    ]);
  });
});

describe('at the same time', () => {
  it('of several uploads of one name into one folder, exactly one is stored', async () => {
    const place = await folder('Race for a name');
    const responses = await Promise.all(Array.from({ length: 6 }, (_, index) => uploadRequest(cms, index % 2 ? member.auth : colleague.auth, slug, place, [textFile('Same name.txt', 50 + index)])));
    expect(responses.map((response) => response.status).sort()).toEqual([201, 400, 400, 400, 400, 400]);
    for (const response of responses.filter((each) => each.status === 400)) expect(response.body.error.details.errors[0].path).toEqual(['files', 0]);
    expect((await folderPage(place)).items.map((item: { name: string }) => item.name)).toEqual(['Same name.txt']);
  });

  it('of several new folders of one name in one place, exactly one is made', async () => {
    const place = await folder('Race for a folder name');
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) => cms.http.post(api('/folders')).set((index % 2 ? member : colleague).auth).send({ name: index % 2 ? 'Minutes' : 'MINUTES', parentId: place })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 400, 400, 400, 400, 400]);
    expect((await folderPage(place)).folders).toHaveLength(1);
  });

  it('of two folders each moved under the other, one move wins and no folder is lost in a loop', async () => {
    const [a, b] = [await folder('Loop A', null, manager), await folder('Loop B', null, manager)];
    const responses = await Promise.all([
      cms.http.patch(api(`/folders/${a}`)).set(manager.auth).send({ parentId: b }),
      cms.http.patch(api(`/folders/${b}`)).set(manager.auth).send({ parentId: a }),
    ]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 400]);
    const top = (await folderPage('root', '', manager)).folders.map((row: { id: number }) => row.id);
    // One of the two is still at the top, and the other inside it.
    expect([a, b].filter((id) => top.includes(id))).toHaveLength(1);
    for (const id of [a, b]) expect((await folderPage(id, '', manager)).breadcrumbs[0].id).toBe(top.includes(a) ? a : b);
  });

  it('of several new versions of one file, each gets a number of its own and none fails', async () => {
    const [id] = await upload([textFile('busy.txt', 40, 'v1')]);
    const responses = await Promise.all(Array.from({ length: 5 }, (_, index) => newVersionRequest(cms, member.auth, slug, id!, textFile('busy.txt', 60 + index, `v${index + 2}`))));
    expect(responses.map((response) => response.status), JSON.stringify(responses.map((response) => response.body.error))).toEqual([201, 201, 201, 201, 201]);
    const view = await itemView(id!);
    expect(view.versions.map((version: { number: number }) => version.number)).toEqual([6, 5, 4, 3, 2, 1]);
    expect(view.item.version).toBe(6);
    expect(new Set(view.versions.map((version: { size: number }) => version.size)).size).toBe(6);
  });
});

describe('moving and renaming', () => {
  it('moves a file between folders and to the top level, refusing a clash there', async () => {
    const from = await folder('Move from');
    const to = await folder('Move to');
    const [id] = await upload([textFile('travelling.txt')], from);
    const moved = await cms.http.patch(api(`/items/${id}`)).set(member.auth).send({ folderId: to });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await itemView(id!)).item.folderId).toBe(to);
    expect((await itemView(id!)).breadcrumbs).toEqual([{ id: to, name: 'Move to' }]);
    expect((await folderPage(from)).items).toEqual([]);
    await upload([textFile('Travelling.TXT')], 'root');
    const clash = fieldErrors(await cms.http.patch(api(`/items/${id}`)).set(member.auth).send({ folderId: 'root' }));
    expect(clash).toEqual([{ path: ['name'], message: 'There is already a file called "travelling.txt" in that folder: choose another name' }]);
    const toRoot = await cms.http.patch(api(`/items/${id}`)).set(member.auth).send({ folderId: null, name: 'travelled.txt' });
    expect(toRoot.status, JSON.stringify(toRoot.body)).toBe(200);
    expect((await itemView(id!)).item).toMatchObject({ folderId: null, name: 'travelled.txt' });
    expect((await audited('file.moved', id!)).map((event) => [event.details.from, event.details.to])).toEqual([
      [from, to],
      [to, null],
    ]);
  });

  it('renames a file (a change of case included) and refuses a name another file has', async () => {
    const target = await folder('Renames');
    const [id, other] = await upload([textFile('draft.txt'), textFile('final.txt')], target);
    const rename = (name: string) => cms.http.patch(api(`/items/${id}`)).set(member.auth).send({ name });
    expect((await rename('Draft.txt')).status).toBe(200);
    expect(fieldErrors(await rename('FINAL.txt'))).toEqual([{ path: ['name'], message: 'There is already a file called "FINAL.txt" in that folder: choose another name' }]);
    expect((await rename('Draft v2.txt')).body.data.name).toBe('Draft v2.txt');
    expect((await itemView(other!)).item.name).toBe('final.txt');
    expect((await audited('file.renamed', id!)).map((event) => [event.details.previousName, event.details.name])).toEqual([
      ['draft.txt', 'Draft.txt'],
      ['Draft.txt', 'Draft v2.txt'],
    ]);
    // A description alone is no rename.
    expect((await cms.http.patch(api(`/items/${id}`)).set(member.auth).send({ description: 'The second draft' })).body.data.description).toBe('The second draft');
    expect(await audited('file.renamed', id!)).toHaveLength(2);
  });

  it('renames and moves folders, never into themselves or below the depth limit', async () => {
    const top = await folder('Tree top');
    const middle = await folder('Tree middle', top);
    const bottom = await folder('Tree bottom', middle);
    const move = (id: number, parentId: number | null | string) => cms.http.patch(api(`/folders/${id}`)).set(member.auth).send({ parentId });
    for (const into of [top, middle, bottom]) {
      expect(fieldErrors(await move(top, into))).toEqual([{ path: ['parentId'], message: 'A folder cannot be moved into itself or a folder inside it' }]);
    }
    // A chain down to the deepest level allowed.
    let deepest = top;
    for (let depth = 2; depth <= FOLDER_DEPTH_MAX; depth += 1) deepest = await folder(`Level ${depth}`, deepest);
    expect((await folderPage(deepest)).breadcrumbs).toHaveLength(FOLDER_DEPTH_MAX);
    const tooDeep = fieldErrors(await cms.http.post(api('/folders')).set(member.auth).send({ name: 'One too deep', parentId: deepest }));
    expect(tooDeep).toEqual([{ path: ['parentId'], message: `Folders can be at most ${FOLDER_DEPTH_MAX} deep` }]);
    // A folder two deep (middle and bottom) fits under level 6, not under level 7.
    const levels = (await folderPage(deepest)).breadcrumbs.map((crumb: { id: number }) => crumb.id);
    const pair = await folder('Pair');
    await folder('Pair child', pair);
    expect((await move(pair, levels[5])).status).toBe(200);
    expect(fieldErrors(await move(pair, levels[6]))).toEqual([{ path: ['parentId'], message: `Folders can be at most ${FOLDER_DEPTH_MAX} deep` }]);
    expect((await move(pair, 'root')).status).toBe(200);
    // Renaming: a clash with a sibling, in any case, is refused.
    await folder('Sibling');
    expect(fieldErrors(await cms.http.patch(api(`/folders/${pair}`)).set(member.auth).send({ name: 'SIBLING' }))).toEqual([
      { path: ['name'], message: 'There is already a folder called "SIBLING" here: choose another name' },
    ]);
    const renamed = await cms.http.patch(api(`/folders/${pair}`)).set(member.auth).send({ name: 'Pair renamed', description: 'Two of them' });
    expect(renamed.body.data).toMatchObject({ name: 'Pair renamed', description: 'Two of them' });
    const events = (await auditEvents(cms.strapi, ['folder.moved', 'folder.renamed'])).filter((event) => event.details.folderId === pair);
    expect(events.map((event) => event.action)).toEqual(['folder.moved', 'folder.moved', 'folder.renamed']);
  });
});

describe('the recycle bin', () => {
  it('takes a file and gives it back where it was, renamed if its name was taken meanwhile', async () => {
    const place = await folder('Bin place');
    const [id] = await upload([textFile('Agenda.txt', 50, 'the binned agenda')], place);
    expect((await removeItem(id!)).status).toBe(200);
    expect((await folderPage(place)).items).toEqual([]);
    const entry = (await bin()).entries.find((row: { id: number; kind: string }) => row.kind === 'file' && row.id === id);
    expect(entry).toMatchObject({ name: 'Agenda.txt', path: [{ id: place, name: 'Bin place' }], contains: 0, size: 50, deletedBy: expect.objectContaining({ id: member.id, name: 'member Tester' }) });
    await upload([textFile('agenda.txt', 60, 'a new agenda')], place);
    const restored = await restoreFromBin('item', id!);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.data).toEqual({ name: 'Agenda (restored).txt', folderId: place });
    expect((await folderPage(place)).items.map((item: { name: string }) => item.name).sort()).toEqual(['Agenda (restored).txt', 'agenda.txt']);
    expect((await download(cms, member.auth, slug, id!)).body.toString()).toContain('the binned agenda');
    expect((await auditEvents(cms.strapi, ['file.deleted', 'file.restored'])).filter((event) => event.details.itemId === id).map((event) => [event.action, event.details.name])).toEqual([
      ['file.deleted', 'Agenda.txt'],
      ['file.restored', 'Agenda (restored).txt'],
    ]);
  });

  it('gives each of several binned files of one name a name of its own', async () => {
    const place = await folder('Three plans');
    const ids: number[] = [];
    for (const words of ['first', 'second', 'third']) {
      const [id] = await upload([textFile('Plan.txt', 40, words)], place);
      ids.push(id!);
      if (words !== 'third') await removeItem(id!);
    }
    expect((await restoreFromBin('item', ids[0]!)).body.data.name).toBe('Plan (restored).txt');
    expect((await restoreFromBin('item', ids[1]!)).body.data.name).toBe('Plan (restored 2).txt');
    const names = (await folderPage(place)).items.map((item: { name: string }) => item.name);
    expect(names).toEqual(['Plan (restored 2).txt', 'Plan (restored).txt', 'Plan.txt']);
  });

  it('gives a file back at the top level when its folder is gone', async () => {
    const place = await folder('Soon gone');
    const [id] = await upload([textFile('orphan.txt')], place);
    await removeItem(id!);
    expect((await removeFolder(place)).status).toBe(200);
    expect((await restoreFromBin('item', id!)).body.data).toEqual({ name: 'orphan.txt', folderId: null });
    expect((await itemView(id!)).item.folderId).toBeNull();
  });

  it('takes a folder with everything in it as one entry, and gives it all back', async () => {
    const top = await folder('Whole tree');
    const inner = await folder('Inner', top);
    const [a, b] = await upload([textFile('a.txt'), textFile('b.txt')], top);
    const [c] = await upload([textFile('c.txt', 30)], inner);
    const before = await bin();
    expect((await removeFolder(top)).status).toBe(200);
    for (const id of [a, b, c]) expect((await cms.http.get(api(`/items/${id}`)).set(member.auth)).status).toBe(404);
    for (const id of [top, inner]) expect((await cms.http.get(api(`/folders/${id}`)).set(member.auth)).status).toBe(404);
    const after = await bin();
    expect(after.pagination.total).toBe(before.pagination.total + 1);
    expect(after.entries[0]).toMatchObject({ kind: 'folder', id: top, name: 'Whole tree', contains: 4, size: 64 + 64 + 30 });
    expect((await restoreFromBin('folder', top)).status).toBe(200);
    const page = await folderPage(top);
    expect(page.folders.map((row: { id: number }) => row.id)).toEqual([inner]);
    expect(page.items.map((row: { name: string }) => row.name).sort()).toEqual(['a.txt', 'b.txt']);
    expect((await download(cms, member.auth, slug, c!)).status).toBe(200);
    expect((await auditEvents(cms.strapi, ['folder.deleted', 'folder.restored'])).filter((event) => event.details.folderId === top).map((event) => event.action)).toEqual([
      'folder.deleted',
      'folder.restored',
    ]);
  });

  it('keeps a file binned on its own out of its folder’s entry', async () => {
    const top = await folder('Binned separately');
    const [alone, together] = await upload([textFile('alone.txt'), textFile('together.txt')], top);
    await removeItem(alone!);
    await removeFolder(top);
    await restoreFromBin('folder', top);
    expect((await folderPage(top)).items.map((row: { id: number }) => row.id)).toEqual([together]);
    expect((await bin()).entries.some((entry: { id: number; kind: string }) => entry.kind === 'file' && entry.id === alone)).toBe(true);
  });

  it('purges a file for good: its rows and the stored bytes of every version', async () => {
    const [id] = await upload([textFile('to purge.txt', 80, 'v1')]);
    await addVersion(cms, member, slug, id!, textFile('x.txt', 90, 'v2'));
    await cms.http.post(api(`/items/${id}/versions/1/restore`)).set(member.auth).send({});
    const names = await storedNamesOf(cms.strapi, [id!]);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(storedOnDisk(cms.strapi, name)).toBe(true);
    // Not in the bin yet: nothing to purge.
    expect((await cms.http.delete(api(`/bin/item/${id}`)).set(manager.auth)).status).toBe(404);
    await removeItem(id!);
    const purge = await cms.http.delete(api(`/bin/item/${id}`)).set(manager.auth);
    expect(purge.status, JSON.stringify(purge.body)).toBe(200);
    for (const name of names) {
      expect(storedOnDisk(cms.strapi, name), name).toBe(false);
      expect((await cms.http.get(`/uploads/${name}`)).status).toBe(404);
    }
    expect(await cms.strapi.db.query(VERSION_UID).count({ where: { itemId: id } })).toBe(0);
    expect(await cms.strapi.db.query(ITEM_UID).findOne({ where: { id } })).toBeNull();
    expect((await restoreFromBin('item', id!)).status).toBe(404);
    expect(await audited('file.purged', id!)).toHaveLength(1);
  });

  it('empties: every entry, folders with what they hold, and their stored bytes', async () => {
    const top = await folder('Emptied');
    const [inside] = await upload([textFile('inside.txt')], top);
    const [loose] = await upload([textFile('loose.txt')]);
    const names = await storedNamesOf(cms.strapi, [inside!, loose!]);
    await removeItem(loose!);
    await removeFolder(top);
    const entries = (await bin()).pagination.total;
    const emptied = await cms.http.delete(api('/bin')).set(manager.auth);
    expect([emptied.status, emptied.body.data]).toEqual([200, { purged: entries }]);
    expect((await bin()).entries).toEqual([]);
    for (const name of names) expect(storedOnDisk(cms.strapi, name)).toBe(false);
    expect(await cms.strapi.db.query(FOLDER_UID).findOne({ where: { id: top } })).toBeNull();
    expect(await cms.strapi.db.query(ITEM_UID).count({ where: { workspaceId, deletedAt: { $notNull: true } } })).toBe(0);
    const [event] = (await auditEvents(cms.strapi, 'bin.emptied')).slice(-1);
    expect(event).toMatchObject({ actor: expect.objectContaining({ id: manager.id }), details: { entries } });
  });
});

describe('a folder of 120 files', () => {
  let place: number;
  /** In upload order: names out of order, sizes in yet another order, some names capitalised. */
  const files: { name: string; size: number }[] = [];

  beforeAll(async () => {
    place = await folder('Large folder');
    for (let index = 0; index < 120; index += 1) {
      const label = String((index * 37) % 120).padStart(3, '0');
      files.push({ name: `${index % 3 === 0 ? 'Paper' : 'paper'} ${label}.txt`, size: 100 + ((index * 53) % 120) * 3 });
    }
    for (let start = 0; start < files.length; start += 20) {
      await upload(files.slice(start, start + 20).map((file) => textFile(file.name, file.size)), place);
    }
  });

  async function all(sort: string, order: string, pageSize = 50) {
    const names: string[] = [];
    for (let page = 1; ; page += 1) {
      const data = await folderPage(place, `?sort=${sort}&order=${order}&page=${page}&pageSize=${pageSize}`);
      expect(data.pagination).toEqual({ page, pageSize, pageCount: Math.ceil(120 / pageSize), total: 120 });
      expect(data.items.length).toBe(page < data.pagination.pageCount ? pageSize : 120 - pageSize * (page - 1));
      names.push(...data.items.map((item: { name: string }) => item.name));
      if (page === data.pagination.pageCount) return names;
    }
  }

  it('sorts by name as people read it (case aside), both ways, over pages', async () => {
    const byName = [...files].map((file) => file.name).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(await all('name', 'asc')).toEqual(byName);
    expect(await all('name', 'desc', 30)).toEqual([...byName].reverse());
  });

  it('sorts by date, newest first unless asked, and by size, largest first unless asked', async () => {
    const uploadOrder = files.map((file) => file.name);
    expect(await all('date', 'asc')).toEqual(uploadOrder);
    expect((await folderPage(place, '?sort=date')).items.map((item: { name: string }) => item.name)).toEqual([...uploadOrder].reverse().slice(0, 50));
    const bySize = [...files].sort((a, b) => a.size - b.size || files.indexOf(a) - files.indexOf(b)).map((file) => file.name);
    expect(await all('size', 'asc', 100)).toEqual(bySize);
    const page = await folderPage(place, '?sort=size');
    expect([page.sort, page.order]).toEqual(['size', 'desc']);
    expect(page.items.map((item: { size: number }) => item.size)).toEqual([...files].map((file) => file.size).sort((a, b) => b - a).slice(0, 50));
  });

  it('answers a page past the end with the last page', async () => {
    const data = await folderPage(place, '?page=99');
    expect(data.pagination.page).toBe(3);
    expect(data.items).toHaveLength(20);
  });
});

describe('downloads', () => {
  let textId: number;
  const content = Buffer.from(Array.from({ length: 1000 }, (_, index) => String.fromCharCode(97 + (index % 26))).join(''));

  beforeAll(async () => {
    [textId] = (await upload([{ name: 'alphabet.txt', data: content }])) as [number];
  });

  it('serve one byte range (206), answer 416 past the end, and audit a reading once', async () => {
    const auditsBefore = (await audited('file.downloaded', textId)).length;
    const whole = await download(cms, member.auth, slug, textId);
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-length']).toBe('1000');
    const first = await download(cms, member.auth, slug, textId, { range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe('bytes 0-99/1000');
    expect(first.body.equals(content.subarray(0, 100))).toBe(true);
    const rest = await download(cms, member.auth, slug, textId, { range: 'bytes=100-' });
    expect([rest.status, rest.headers['content-range']]).toEqual([206, 'bytes 100-999/1000']);
    expect(rest.body.equals(content.subarray(100))).toBe(true);
    const tail = await download(cms, member.auth, slug, textId, { range: 'bytes=-10' });
    expect(tail.body.equals(content.subarray(990))).toBe(true);
    const past = await download(cms, member.auth, slug, textId, { range: 'bytes=1000-1100' });
    expect([past.status, past.headers['content-range']]).toEqual([416, 'bytes */1000']);
    // Whole, first range: two readings; the continuations and the refusal are none.
    expect((await audited('file.downloaded', textId)).length - auditsBefore).toBe(2);
    const [event] = (await audited('file.downloaded', textId)).slice(-1);
    expect(event).toMatchObject({ actor: expect.objectContaining({ id: member.id }), details: expect.objectContaining({ name: 'alphabet.txt', version: 1 }) });
  });

  it('audit every reading that sends the first byte, whatever the Range header says', async () => {
    const count = async () => (await audited('file.downloaded', textId)).length;
    // Ranges the server does not honour (malformed, several) get the whole file: a reading.
    for (const range of ['bytes=abc', 'bytes=500-600,0-10', 'items=0-5', 'bytes=-1000']) {
      const before = await count();
      const response = await download(cms, member.auth, slug, textId, { range });
      expect([range, response.status]).toEqual([range, range === 'bytes=-1000' ? 206 : 200]);
      expect(response.body.equals(content), range).toBe(true);
      expect([range, (await count()) - before]).toEqual([range, 1]);
    }
  });

  it('are not audited for a HEAD request, which sends no bytes', async () => {
    const before = (await audited('file.downloaded', textId)).length;
    const head = await cms.http.head(api(`/items/${textId}/download`)).set(member.auth);
    expect(head.status).toBe(200);
    expect(head.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await audited('file.downloaded', textId)).length).toBe(before);
  });

  it('are attachments served as bytes nobody runs, under the file’s name encoded for any browser', async () => {
    const [cafe, dashed, quoted, bare, pdfId] = await upload([
      { name: 'Café plan.pdf', data: minimalPdf(['Café plan']) },
      { name: 'Café — plan.pdf', data: minimalPdf(['Café plan']) },
      textFile('The "final" minutes; v2.txt'),
      textFile('README'),
      { name: 'Preview me.pdf', data: minimalPdf(['Preview']) },
    ]);
    const check = (response: { headers: Record<string, string> }, inline = false) => {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(response.headers['content-security-policy']).toMatch(/sandbox/);
      expect(response.headers['cache-control']).toBe('private, no-store');
      if (!inline) expect(response.headers['content-type']).toBe('application/octet-stream');
    };
    const cafeDownload = await download(cms, member.auth, slug, cafe!);
    check(cafeDownload);
    // Latin-1 as it is (the header's own encoding); beyond it, an ASCII fallback and the UTF-8 name (RFC 6266).
    expect(Buffer.from(cafeDownload.headers['content-disposition']!, 'latin1').toString('latin1')).toBe('attachment; filename="Café plan.pdf"');
    expect((await download(cms, member.auth, slug, dashed!)).headers['content-disposition']).toBe(
      `attachment; filename="Café ? plan.pdf"; filename*=UTF-8''Caf%C3%A9%20%E2%80%94%20plan.pdf`,
    );
    const quotedDownload = await download(cms, member.auth, slug, quoted!);
    check(quotedDownload);
    expect(quotedDownload.headers['content-disposition']).toBe('attachment; filename="The \\"final\\" minutes; v2.txt"');
    // A name without the extension of what the bytes are gets it.
    expect((await download(cms, member.auth, slug, bare!)).headers['content-disposition']).toBe('attachment; filename="README.txt"');
    // Preview: PDFs and raster images inline, as their type, still sandboxed; anything else not at all.
    const preview = await download(cms, member.auth, slug, pdfId!, { preview: true });
    check(preview, true);
    expect(preview.headers['content-type']).toBe('application/pdf');
    expect(preview.headers['content-disposition']).toBe('inline; filename="Preview me.pdf"');
    const textPreview = await download(cms, member.auth, slug, textId, { preview: true });
    expect([textPreview.status, textPreview.body.error?.message]).toEqual([404, 'This file cannot be shown in the browser: download it instead']);
    expect(textPreview.headers['content-disposition']).toBeUndefined();
    const previews = (await audited('file.downloaded', pdfId!)).filter((event) => event.details.preview);
    expect(previews).toHaveLength(1);
  });

  it('of a version the file does not have, or of no file, answer 404', async () => {
    expect((await download(cms, member.auth, slug, textId, { version: 2 })).status).toBe(404);
    expect((await download(cms, member.auth, slug, 2_000_000)).status).toBe(404);
  });
});

describe('bad input: a 400 naming each field', () => {
  it('creating and changing folders', async () => {
    const post = (body: object) => cms.http.post(api('/folders')).set(member.auth).send(body);
    expect(fieldErrors(await post({}))).toEqual([{ path: ['name'], message: 'Enter a folder name' }]);
    expect(fieldErrors(await post({ name: '   ' }))).toEqual([{ path: ['name'], message: 'Enter a folder name' }]);
    expect(fieldErrors(await post({ name: 'a/b' }))).toEqual([{ path: ['name'], message: 'The folder name cannot contain / or \\' }]);
    expect(fieldErrors(await post({ name: 'x'.repeat(101), description: 'y'.repeat(1001), parentId: 'somewhere' }))).toEqual([
      { path: ['name'], message: 'The folder name must be 100 characters or fewer' },
      { path: ['description'], message: 'The description must be 1,000 characters or fewer' },
      { path: ['parentId'], message: 'Choose a folder' },
    ]);
    expect((await post({ name: 'Under nothing', parentId: 2_000_000 })).status).toBe(404);
    const id = await folder('To change badly');
    const patch = (body: object) => cms.http.patch(api(`/folders/${id}`)).set(member.auth).send(body);
    expect(fieldErrors(await patch({ name: '' }))).toEqual([{ path: ['name'], message: 'Enter a folder name' }]);
    expect(fieldErrors(await patch({ parentId: -1 }))).toEqual([{ path: ['parentId'], message: 'Choose a folder' }]);
  });

  it('folder pages and ids in the address', async () => {
    const errors = fieldErrors(await cms.http.get(api('/folders/root?sort=colour&order=up&page=0&pageSize=101')).set(member.auth));
    expect(errors.map((error) => error.path)).toEqual([['sort'], ['order'], ['page'], ['pageSize']]);
    expect(errors[0]!.message).toBe('sort must be one of name, date, size');
    expect(errors.map((error) => error.message)).toEqual([
      'sort must be one of name, date, size',
      'order must be asc or desc',
      'page must be a whole number from 1',
      'pageSize must be a whole number from 1 to 100',
    ]);
    expect(fieldErrors(await cms.http.get(api('/bin?page=-1')).set(manager.auth))).toEqual([{ path: ['page'], message: 'page must be a whole number from 1' }]);
    const addresses = {
      '/folders/abc': 'The folder must be "root" or a folder id',
      '/folders/-3': 'The folder id must be a number',
      '/folders/1.5': 'The folder must be "root" or a folder id',
      '/items/0': 'The file id must be a number',
      '/items/99999999999': 'The file id must be a number',
      '/items/1/download?version=0': 'The version must be a number',
    };
    for (const [path, message] of Object.entries(addresses)) {
      const response = await cms.http.get(api(path)).set(member.auth);
      expect([path, response.status, response.body.error?.message]).toEqual([path, 400, message]);
    }
    expect(fieldErrors(await cms.http.get(api('/items/abc')).set(member.auth))[0]!.message).toBe('The file id must be a number');
    expect(fieldErrors(await cms.http.get(api(`/items/1/download?version=first`)).set(member.auth))).toEqual([{ path: ['version'], message: 'The version must be a number' }]);
    expect(fieldErrors(await cms.http.post(api('/bin/thing/1/restore')).set(manager.auth))[0]!.message).toBe('Choose a folder or a file');
    expect((await cms.http.get(api('/folders/2000000')).set(member.auth)).status).toBe(404);
  });

  it('uploads, versions and changes to files', async () => {
    expect(fieldErrors(await uploadRequest(cms, member.auth, slug, 'root', []))).toEqual([{ path: ['files'], message: 'Choose a file to upload' }]);
    const many = Array.from({ length: 21 }, (_, index) => textFile(`many ${index}.txt`, 10));
    expect(fieldErrors(await uploadRequest(cms, member.auth, slug, 'root', many))).toEqual([{ path: ['files'], message: 'Upload at most 20 files at a time' }]);
    expect(fieldErrors(await uploadRequest(cms, member.auth, slug, 'root', [textFile('described.txt')], { description: 'd'.repeat(1001) }))).toEqual([
      { path: ['description'], message: 'The description must be 1,000 characters or fewer' },
    ]);
    expect(fieldErrors(await uploadRequest(cms, member.auth, slug, 'root', [{ name: 'empty.txt', data: Buffer.alloc(0) }]))[0]).toEqual({
      path: ['files', 0],
      message: 'empty.txt: The file is empty: choose the file again.',
    });
    const [id] = await upload([textFile('to change badly.txt')]);
    const noFile = await cms.http.post(api(`/items/${id}/versions`)).set(member.auth).field('comment', 'Nothing attached');
    expect(fieldErrors(noFile)).toEqual([{ path: ['file'], message: 'Choose a file to upload' }]);
    expect(fieldErrors(await newVersionRequest(cms, member.auth, slug, id!, textFile('v.txt'), 'c'.repeat(501)))).toEqual([
      { path: ['comment'], message: 'The comment must be 500 characters or fewer' },
    ]);
    const patch = (body: object) => cms.http.patch(api(`/items/${id}`)).set(member.auth).send(body);
    expect(fieldErrors(await patch({ name: '', folderId: 'nowhere' }))).toEqual([
      { path: ['name'], message: 'Enter a file name' },
      { path: ['folderId'], message: 'Choose a folder' },
    ]);
    expect(fieldErrors(await patch({ name: 'n'.repeat(201) }))).toEqual([{ path: ['name'], message: 'The file name must be 200 characters or fewer' }]);
    expect(fieldErrors(await patch({ name: 'a\\b.txt' }))).toEqual([{ path: ['name'], message: 'The file name cannot contain / or \\' }]);
    expect((await patch({ folderId: 2_000_000 })).status).toBe(404);
    expect(fieldErrors(await cms.http.post(api(`/items/${id}/versions/first/restore`)).set(member.auth).send({}))[0]!.message).toBe('The version must be a number');
    expect((await itemView(id!)).item.name).toBe('to change badly.txt');
  });
});
