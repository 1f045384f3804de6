import { writeFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collaborationDocumentName, COLLABORATION_CONNECTIONS_PER_MEMBER, COLLABORATION_READ_ONLY_REASON, COLLABORATION_REVOKED_REASON, documentVersionViewSchema, documentViewSchema } from '@futurenhs/contract';
import { extractText as extractPdfText } from 'unpdf';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EVERY_KIND_DOCUMENT, EVERY_KIND_WORDS } from '../src/plugins/documents/server/src/render/fixtures.ts';
import { extractText } from '../src/plugins/files/server/src/inspection/extract-text.ts';
import { awarenessMessage, connectEditor, createDocument, documentsApi, listening, messageTypes, ticketOf, typeParagraph, until, type Editor } from './helpers/documents.ts';
import { auditEvents } from './helpers/files.ts';
import { workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * Documents written together (docs/documents.md), through real HTTP and real WebSockets against
 * the real CMS: Yjs clients as the site's editor, access decided on the socket before anything is
 * sent, read-only readers whose own updates are dropped, revocation closing live connections,
 * storing, versions and their exact restore, comments, exports, the bin and the audit log.
 */
let cms: TestCms;
let url: string;
let manager: TestPerson;
let ann: TestPerson;
let bob: TestPerson;
let reader: TestPerson;
let outsider: TestPerson;
const OPEN = 'documents-open';
const HIDDEN = 'documents-hidden';
const editors: Editor[] = [];

const api = (slug: string, path = '') => documentsApi(`/workspaces/${slug}/documents${path}`);
const membership = () => cms.strapi.plugin('membership');
const documents = () => cms.strapi.plugin('documents');
const live = (id: number) => documents().service('collaboration').openDocument(collaborationDocumentName(id));

async function editor(person: TestPerson, slug: string, id: number): Promise<Editor> {
  const connected = connectEditor(url, collaborationDocumentName(id), async () => (await ticketOf(cms, person, slug, id)).ticket);
  editors.push(connected);
  return connected;
}

const synced = (...list: Editor[]) => until(() => list.every((one) => one.provider.synced), 'the editors to sync');
const hasText = (one: Editor, words: string) => until(() => one.text().includes(words), `"${words}" to reach an editor`);

beforeAll(async () => {
  cms = await startTestCms();
  url = await listening(cms);
  [manager, ann, bob, reader, outsider] = await Promise.all(['Manager', 'Ann', 'Bob', 'Reader', 'Outsider'].map((name) => createPerson(cms.strapi, name)));
  await workspaceWithMembers(cms, manager, OPEN, 'open', [ann, bob]);
  await workspaceWithMembers(cms, manager, HIDDEN, 'hidden', [ann]);
}, 240_000);

afterEach(() => {
  for (const one of editors.splice(0)) one.destroy();
});

afterAll(async () => {
  await cms?.stop();
});

describe('making and reading a document', () => {
  it('a member makes one in the folders; a reader and an outsider cannot', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Meeting notes');
    const item = await cms.http.get(`/api/files/workspaces/${OPEN}/items/${id}`).set(ann.auth);
    expect(item.status).toBe(200);
    expect(item.body.data.item).toMatchObject({ kind: 'document', name: 'Meeting notes' });
    const folder = await cms.http.get(`/api/files/workspaces/${OPEN}/folders/root`).set(reader.auth);
    expect(folder.body.data.items.find((entry: { name: string }) => entry.name === 'Meeting notes')).toMatchObject({ kind: 'document', label: 'Document', mime: 'text/html' });

    expect((await cms.http.post(api(OPEN)).set(reader.auth).send({ name: 'Not mine' })).status).toBe(403);
    expect((await cms.http.post(api(HIDDEN)).set(outsider.auth).send({ name: 'Not mine' })).status).toBe(404);
    const view = documentViewSchema.parse((await cms.http.get(api(OPEN, `/${id}`)).set(reader.auth)).body).data;
    expect(view.can).toMatchObject({ edit: false, comment: false, restore: false, change: false, delete: false });
    expect(documentViewSchema.parse((await cms.http.get(api(OPEN, `/${id}`)).set(ann.auth)).body).data.can).toMatchObject({ edit: true, comment: true, change: true });
    expect((await auditEvents(cms.strapi, 'document.created')).some((event) => event.details.itemId === id)).toBe(true);
  });

  it('refuses a clashing or empty name with a message at the field, and keeps nothing', async () => {
    await createDocument(cms, ann, OPEN, 'Clash');
    const clash = await cms.http.post(api(OPEN)).set(ann.auth).send({ name: 'clash' });
    expect(clash.status).toBe(400);
    expect(clash.body.error.details.errors[0]).toMatchObject({ path: ['name'] });
    expect(clash.body.error.message).toMatch(/already/);
    const empty = await cms.http.post(api(OPEN)).set(ann.auth).send({ name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe('Enter a name for the document');
    // A document's name follows the files' rule for names, as renaming it through the files API does.
    const slashed = await cms.http.post(api(OPEN)).set(ann.auth).send({ name: 'Minutes/March' });
    expect(slashed.status).toBe(400);
    expect(slashed.body.error.message).toBe('The name cannot contain / or \\');
  });

  it('a file is not a document: its id gets 404 on every document route', async () => {
    const upload = await cms.http.post(`/api/files/workspaces/${OPEN}/folders/root/files`).set(ann.auth).attach('files', Buffer.from('plain words\n'), 'plain.txt');
    const fileId = upload.body.data.items[0].id;
    expect((await cms.http.get(api(OPEN, `/${fileId}`)).set(ann.auth)).status).toBe(404);
    expect((await cms.http.post(api(OPEN, `/${fileId}/ticket`)).set(ann.auth)).status).toBe(404);
  });
});

describe('writing together', () => {
  let id: number;
  beforeAll(async () => {
    id = await createDocument(cms, ann, OPEN, 'Written together');
  });

  it('two members converge, and a reader sees their words live but cannot change the document', async () => {
    const [first, second, onlyReads] = [await editor(ann, OPEN, id), await editor(bob, OPEN, id), await editor(reader, OPEN, id)];
    await synced(first, second, onlyReads);
    typeParagraph(first, 'Ann writes this.');
    typeParagraph(second, 'Bob writes that.');
    for (const one of [first, second, onlyReads]) {
      await hasText(one, 'Ann writes this.');
      await hasText(one, 'Bob writes that.');
    }
    expect(first.text()).toBe(second.text());
    expect(onlyReads.text()).toBe(first.text());

    // The reader's own client writes anyway, straight into its Yjs document and so onto the socket.
    typeParagraph(onlyReads, 'A reader forces this in.');
    typeParagraph(first, 'Written after the reader tried.');
    await hasText(second, 'Written after the reader tried.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.text()).not.toContain('A reader forces this in.');
    expect(live(id)!.getXmlFragment('default').toString()).not.toContain('A reader forces this in.');
  });

  it('what was written is stored (within the store window) and read back without a socket', async () => {
    await until(async () => (await documents().service('store').snapshot(id)).text.includes('Written after the reader tried.'), 'the store', 15_000);
    const view = documentViewSchema.parse((await cms.http.get(api(OPEN, `/${id}`)).set(reader.auth)).body).data;
    expect(view.document.html).toContain('<p>Ann writes this.</p>');
    expect(view.document.html).not.toContain('A reader forces this in.');
  });

  it('an update sent over a raw socket by a reader is dropped too', async () => {
    const ticket = await ticketOf(cms, reader, OPEN, id);
    const reading = connectEditor(url, ticket.documentName, ticket.ticket);
    editors.push(reading);
    await until(() => reading.provider.synced, 'the raw reader to sync');
    // An update made apart from the provider's document and sent as one raw Yjs update.
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(reading.doc));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Raw socket words')]);
    forged.getXmlFragment('default').insert(0, [paragraph]);
    Y.applyUpdate(reading.doc, Y.encodeStateAsUpdate(forged, Y.encodeStateVector(reading.doc)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(live(id)!.getXmlFragment('default').toString()).not.toContain('Raw socket words');
    reading.destroy();
  });
});

describe('access on the connection', () => {
  it('an outsider is refused before anything of a hidden document is sent', async () => {
    const id = await createDocument(cms, ann, HIDDEN, 'Hidden plans');
    const stored = await editor(ann, HIDDEN, id);
    typeParagraph(stored, 'Secret hidden words');
    await until(async () => (await documents().service('store').snapshot(id)).text.includes('Secret hidden words'), 'the store', 15_000);

    expect((await cms.http.post(api(HIDDEN, `/${id}/ticket`)).set(outsider.auth)).status).toBe(404);
    // A ticket of the outsider's own, for this document, signed as the CMS would (the strongest forgery): still refused.
    const forged = documents().service('tickets').issue(outsider.id, id).ticket;
    const intruder = connectEditor(url, collaborationDocumentName(id), forged);
    editors.push(intruder);
    await until(() => intruder.events.authenticationFailed.length > 0, 'the refusal');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const types = messageTypes(intruder.received);
    // Only the authentication answer (type 2) reached the socket: no sync (0) and no awareness (1).
    expect(types.length).toBeGreaterThan(0);
    expect(types.every((type) => type === 2)).toBe(true);
    expect(Buffer.concat(intruder.received).toString('latin1')).not.toContain('Secret hidden words');
    expect(intruder.text()).toBe('');
  });

  it('an expired, altered or other document\'s ticket is refused', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Ticket checks');
    const other = await createDocument(cms, ann, OPEN, 'Another document');
    const tickets = documents().service('tickets');
    for (const token of [tickets.issue(ann.id, id, Date.now() - 120_000).ticket, `${tickets.issue(ann.id, id).ticket}x`, tickets.issue(ann.id, other).ticket, 'nonsense']) {
      const attempt = connectEditor(url, collaborationDocumentName(id), token);
      editors.push(attempt);
      await until(() => attempt.events.authenticationFailed.length > 0, 'the refusal');
      expect(messageTypes(attempt.received).every((type) => type === 2)).toBe(true);
      attempt.destroy();
    }
  });

  it('a member removed from the workspace is disconnected within a second and cannot reconnect', async () => {
    const carol = await createPerson(cms.strapi, 'Carol');
    const workspace = await membership().service('access').findWorkspace(OPEN);
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: workspace.id, user: carol.id, role: 'member', state: 'active' } });
    const id = await createDocument(cms, ann, OPEN, 'Removal');
    const ticket = await ticketOf(cms, carol, OPEN, id);
    const carols = connectEditor(url, ticket.documentName, ticket.ticket);
    editors.push(carols);
    await until(() => carols.provider.synced, 'Carol to sync');

    const started = Date.now();
    await membership().service('membership').remove(manager.id, workspace, carol.id);
    await until(() => carols.events.closed.length > 0, 'Carol to be disconnected', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(carols.events.closed[0]!.reason).toBe(COLLABORATION_READ_ONLY_REASON);
    // Open workspace: as a signed-in non-member she may still read, so she is back only as a reader.
    const again = await ticketOf(cms, carol, OPEN, id);
    expect(again.readOnly).toBe(true);
    // The ticket she held as a member opens nothing she may not do now.
    const retry = connectEditor(url, ticket.documentName, ticket.ticket);
    editors.push(retry);
    await until(() => retry.provider.synced, 'the retry to sync as a reader');
    typeParagraph(retry, 'Carol after removal');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live(id)!.getXmlFragment('default').toString()).not.toContain('Carol after removal');
  });

  it('a member of a hidden workspace who is removed cannot read it again at all', async () => {
    const dan = await createPerson(cms.strapi, 'Dan');
    const workspace = await membership().service('access').findWorkspace(HIDDEN);
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: workspace.id, user: dan.id, role: 'member', state: 'active' } });
    const id = await createDocument(cms, ann, HIDDEN, 'Hidden removal');
    const ticket = await ticketOf(cms, dan, HIDDEN, id);
    const dans = connectEditor(url, ticket.documentName, ticket.ticket);
    editors.push(dans);
    await until(() => dans.provider.synced, 'Dan to sync');
    await membership().service('membership').remove(manager.id, workspace, dan.id);
    await until(() => dans.events.closed.length > 0, 'Dan to be disconnected', 1_000);
    expect(dans.events.closed[0]!.reason).toBe(COLLABORATION_REVOKED_REASON);
    expect((await cms.http.post(api(HIDDEN, `/${id}/ticket`)).set(dan.auth)).status).toBe(404);
    const retry = connectEditor(url, ticket.documentName, ticket.ticket);
    editors.push(retry);
    await until(() => retry.events.authenticationFailed.length > 0, 'the refusal');
  });

  it('a workspace made hidden, a document put in the bin and a blocked account each close live connections', async () => {
    const slug = 'documents-made-hidden';
    const workspaceRef = await workspaceWithMembers(cms, manager, slug, 'open', [ann]);
    const id = await createDocument(cms, ann, slug, 'Soon hidden');
    const readerSide = await editor(reader, slug, id);
    await until(() => readerSide.provider.synced, 'the reader to sync');
    const workspace = await membership().service('access').findWorkspace(slug);
    await membership().service('membership').changeVisibility(manager.id, workspace, 'hidden');
    await until(() => readerSide.events.closed.length > 0, 'the reader to be disconnected', 1_000);
    expect(workspaceRef.slug).toBe(slug);

    const binned = await createDocument(cms, ann, OPEN, 'Soon binned');
    const bobs = await editor(bob, OPEN, binned);
    await until(() => bobs.provider.synced, 'Bob to sync');
    expect((await cms.http.delete(`/api/files/workspaces/${OPEN}/items/${binned}`).set(ann.auth)).status).toBe(200);
    await until(() => bobs.events.closed.length > 0, 'Bob to be disconnected from the binned document', 1_000);
    expect((await auditEvents(cms.strapi, 'document.deleted')).some((event) => event.details.itemId === binned)).toBe(true);

    const eve = await createPerson(cms.strapi, 'Eve');
    const blocked = await createDocument(cms, ann, OPEN, 'Read by a blocked account');
    const eves = await editor(eve, OPEN, blocked);
    await until(() => eves.provider.synced, 'Eve to sync');
    await cms.strapi.db.query('plugin::users-permissions.user').update({ where: { id: eve.id }, data: { blocked: true } });
    await until(() => eves.events.closed.length > 0, 'Eve to be disconnected', 1_000);
  });

  it('presence shows the name the CMS knows, whatever a client claims, and only for its own client', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Presence');
    const [honest, liar] = [await editor(ann, OPEN, id), await editor(bob, OPEN, id)];
    await synced(honest, liar);
    liar.provider.setAwarenessField('user', { name: 'Ann Tester', color: '#000000' });
    const liarSeen = () => honest.provider.awareness!.getStates().get(liar.doc.clientID)?.user?.name;
    await until(() => liarSeen() !== undefined, 'the liar\'s presence');
    expect(liarSeen()).toBe('Bob Tester');
    // The liar states presence for Ann's own client id too: it is dropped.
    honest.provider.setAwarenessField('user', { name: 'Ann Tester', color: '#005eb8' });
    await until(() => liar.provider.awareness!.getStates().get(honest.doc.clientID)?.user?.name === 'Ann Tester', 'Ann\'s presence');
    // The liar's client now sends, on its own socket, presence for Ann's client id (a newer clock, another name).
    const forged = awarenessMessage(collaborationDocumentName(id), honest.doc.clientID, 1_000, { user: { name: 'Ann says something else', color: '#ff0000' } });
    (liar.socket as unknown as { webSocket: { send(data: Uint8Array): void } }).webSocket.send(forged);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(liar.provider.awareness!.getStates().get(honest.doc.clientID)?.user?.name).toBe('Ann Tester');
    expect(honest.provider.awareness!.getStates().get(honest.doc.clientID)?.user?.name).toBe('Ann Tester');
  });

  it('a document has one name: "document.05" is not document 5', async () => {
    const id = await createDocument(cms, ann, OPEN, 'One name');
    const ticket = await ticketOf(cms, ann, OPEN, id);
    const padded = connectEditor(url, `document.0${id}`, ticket.ticket);
    editors.push(padded);
    await until(() => padded.events.authenticationFailed.length > 0, 'the refusal');
  });

  it('limits: a message over the size limit closes the socket; one member may hold only so many connections', async () => {
    const fay = await createPerson(cms.strapi, 'Fay');
    const workspace = await membership().service('access').findWorkspace(OPEN);
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: workspace.id, user: fay.id, role: 'member', state: 'active' } });
    const id = await createDocument(cms, fay, OPEN, 'Limits');
    const ticket = await ticketOf(cms, fay, OPEN, id);
    const socket = new WebSocket(url);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(Buffer.alloc(3 * 1024 * 1024, 1));
    expect(await closed).toBe(1009);

    // An upgrade anywhere else is answered, not left hanging.
    const elsewhere = new WebSocket(url.replace('/collaboration', '/elsewhere'));
    const refused = await new Promise<string>((resolve) => {
      elsewhere.once('unexpected-response', (_request, response) => resolve(`status ${response.statusCode}`));
      elsewhere.once('error', (error) => resolve(error.message));
    });
    expect(refused).toMatch(/404/);

    const open: Editor[] = [];
    for (let index = 0; index < COLLABORATION_CONNECTIONS_PER_MEMBER; index += 1) open.push(connectEditor(url, ticket.documentName, (await ticketOf(cms, fay, OPEN, id)).ticket));
    editors.push(...open);
    await until(() => open.every((one) => one.provider.synced), 'the allowed connections');
    const tooMany = connectEditor(url, ticket.documentName, (await ticketOf(cms, fay, OPEN, id)).ticket);
    editors.push(tooMany);
    await until(() => tooMany.events.authenticationFailed.length > 0, 'the refusal');
    expect(tooMany.events.authenticationFailed[0]).toMatch(/too many places/);
    for (const one of [...open, tooMany]) one.destroy();
  });
});

describe('versions, comments and exports', () => {
  it('a named version restores to exactly its content, and what was there is kept', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Versioned');
    await documents().service('store').replace(id, EVERY_KIND_DOCUMENT, ann.id);
    const named = await cms.http.post(api(OPEN, `/${id}/versions`)).set(ann.auth).send({ name: 'Every kind' });
    expect(named.status).toBe(201);
    const versionId = named.body.data.id as number;
    const before = await documents().service('store').snapshot(id);

    const writing = await editor(bob, OPEN, id);
    await until(() => writing.provider.synced, 'Bob to sync');
    typeParagraph(writing, 'Added after the version');
    await until(async () => (await documents().service('versions').current(id)).text.includes('Added after the version'), 'the edit');
    const compared = documentVersionViewSchema.parse((await cms.http.get(api(OPEN, `/${id}/versions/${versionId}`)).set(reader.auth)).body).data;
    expect(compared.diff).toContainEqual({ change: 'added', before: null, after: 'Added after the version' });

    expect((await cms.http.post(api(OPEN, `/${id}/versions/${versionId}/restore`)).set(reader.auth)).status).toBe(403);
    const restored = await cms.http.post(api(OPEN, `/${id}/versions/${versionId}/restore`)).set(bob.auth);
    expect(restored.status).toBe(200);
    const after = await documents().service('store').snapshot(id);
    expect(after.json).toEqual(before.json);
    await until(() => !writing.text().includes('Added after the version'), 'the restore to reach the open editor');
    const list = (await cms.http.get(api(OPEN, `/${id}/versions`)).set(reader.auth)).body.data.versions as { id: number; restoredFrom: number | null; automatic: boolean }[];
    expect(list.some((version) => version.restoredFrom === versionId && version.automatic)).toBe(true);
    expect((await auditEvents(cms.strapi, 'document.version-restored')).some((event) => event.details.itemId === id)).toBe(true);
  });

  it('an editing session that changed something ends in an automatic version', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Session');
    const writing = await editor(ann, OPEN, id);
    await until(() => writing.provider.synced, 'Ann to sync');
    typeParagraph(writing, 'One session of work');
    await until(() => live(id)?.getXmlFragment('default').toString().includes('One session of work') ?? false, 'the edit to arrive');
    writing.destroy();
    await until(async () => (await documents().service('versions').list(id)).some((version: { automatic: boolean }) => version.automatic), 'the automatic version', 15_000);
  });

  it('comments: members add, reply, resolve and reopen; readers only read; the author is the signed-in member', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Commented');
    const added = await cms.http.post(api(OPEN, `/${id}/comments`)).set(bob.auth).send({ quote: 'the words', body: 'Is this right?', author: { id: ann.id } });
    expect(added.status).toBe(201);
    expect(added.body.data.author.id).toBe(bob.id);
    const commentId = added.body.data.id;
    expect((await cms.http.post(api(OPEN, `/${id}/comments/${commentId}/replies`)).set(ann.auth).send({ body: 'Yes.' })).status).toBe(201);
    expect((await cms.http.patch(api(OPEN, `/${id}/comments/${commentId}`)).set(ann.auth).send({ resolved: true })).body.data).toMatchObject({ resolved: true, resolvedBy: { id: ann.id } });
    expect((await cms.http.patch(api(OPEN, `/${id}/comments/${commentId}`)).set(bob.auth).send({ resolved: false })).body.data.resolved).toBe(false);
    expect((await cms.http.post(api(OPEN, `/${id}/comments`)).set(reader.auth).send({ body: 'Reader' })).status).toBe(403);
    expect((await cms.http.post(api(OPEN, `/${id}/comments`)).set(bob.auth).send({ body: '' })).body.error.message).toBe('Enter your comment');
    const view = documentViewSchema.parse((await cms.http.get(api(OPEN, `/${id}`)).set(reader.auth)).body).data;
    expect(view.comments[0]).toMatchObject({ body: 'Is this right?', quote: 'the words', replies: [{ body: 'Yes.' }] });
  });

  it('exports DOCX and PDF holding every kind of content', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Every kind');
    await documents().service('store').replace(id, EVERY_KIND_DOCUMENT, ann.id);
    const dir = await mkdtemp(join(tmpdir(), 'documents-export-'));
    try {
      const docx = await cms.http.get(api(OPEN, `/${id}/export/docx`)).set(reader.auth).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(docx.status).toBe(200);
      expect(docx.headers['content-disposition']).toContain('Every kind.docx');
      await writeFile(join(dir, 'export.docx'), docx.body);
      const docxText = await extractText(join(dir, 'export.docx'), 'docx');
      const pdf = await cms.http.get(api(OPEN, `/${id}/export/pdf`)).set(reader.auth).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const pdfText = (await extractPdfText(new Uint8Array(pdf.body), { mergePages: true })).text;
      for (const word of EVERY_KIND_WORDS) {
        expect(docxText).toContain(word);
        expect(pdfText).toContain(word);
      }
      expect((await cms.http.get(api(OPEN, `/${id}/export/odt`)).set(reader.auth)).status).toBe(400);
      expect((await cms.http.get(api(HIDDEN, `/${id}/export/pdf`)).set(outsider.auth)).status).toBe(404);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('search finds a document by its words for readers, and not for outsiders of a hidden workspace', async () => {
    const id = await createDocument(cms, ann, HIDDEN, 'Searchable');
    await documents().service('store').replace(id, { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'quixotic zephyr' }] }] }, ann.id);
    const search = cms.strapi.plugin('search');
    await search.service('indexer').drain();
    const find = async (person: TestPerson) => (await cms.http.get('/api/search?q=quixotic').set(person.auth)).body;
    await until(async () => JSON.stringify(await find(ann)).includes(`/files/items/${id}`), 'the document in search', 15_000);
    const outsiders = await find(outsider);
    expect(outsiders.total).toBe(0);
    expect(JSON.stringify(outsiders)).not.toContain(`/files/items/${id}`);
  });

  it('purging a document from the bin deletes its content, versions and comments', async () => {
    const id = await createDocument(cms, ann, OPEN, 'Purged');
    await cms.http.post(api(OPEN, `/${id}/comments`)).set(bob.auth).send({ body: 'Going' });
    await cms.http.post(api(OPEN, `/${id}/versions`)).set(bob.auth).send({ name: 'Going' });
    await cms.http.delete(`/api/files/workspaces/${OPEN}/items/${id}`).set(ann.auth);
    expect((await cms.http.delete(`/api/files/workspaces/${OPEN}/bin/item/${id}`).set(manager.auth)).status).toBe(200);
    const knex = cms.strapi.db.connection;
    for (const table of ['documents_states', 'documents_versions', 'documents_comments']) expect(await knex(table).where('item_id', id)).toHaveLength(0);
    expect((await auditEvents(cms.strapi, 'document.purged')).some((event) => event.details.itemId === id)).toBe(true);
  });
});
