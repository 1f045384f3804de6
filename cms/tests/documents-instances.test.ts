import { randomBytes } from 'node:crypto';
import { COLLABORATION_PATH, collaborationDocumentName, COLLABORATION_REVOKED_REASON } from '@futurenhs/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../scripts/stack.ts';
import { startCmsProcess, type CmsProcess } from './helpers/cms-process.ts';
import { connectEditor, createDocument, listening, ticketOf, typeParagraph, until, type Editor } from './helpers/documents.ts';
import { workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * Documents served by several CMS instances (docs/documents.md#several-instances): this test's
 * CMS and a second one in its own process, on one database and one Redis. An editor on each
 * converges; a member removed through one is disconnected from the other; and a CMS killed in the
 * middle of an edit loses at most its store window, while its editors resync once it is back.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// This run's own keys and channels on the shared Redis.
const REDIS_PREFIX = `futurenhs-test-${randomBytes(4).toString('hex')}`;

let cms: TestCms;
let other: CmsProcess | null = null;
let otherPort: number;
let localUrl: string;
let manager: TestPerson;
let ann: TestPerson;
let bob: TestPerson;
const SLUG = 'documents-instances';
const editors: Editor[] = [];

const urlOf = (port: number) => `ws://127.0.0.1:${port}${COLLABORATION_PATH}`;
const stored = async (id: number) => (await cms.strapi.plugin('documents').service('store').snapshot(id)).text as string;

function editorOn(url: string, person: TestPerson, id: number, options: { retries?: number } = {}): Editor {
  const editor = connectEditor(url, collaborationDocumentName(id), async () => (await ticketOf(cms, person, SLUG, id)).ticket, options);
  editors.push(editor);
  return editor;
}

beforeAll(async () => {
  cms = await startTestCms({ REDIS_URL, REDIS_PREFIX });
  localUrl = await listening(cms);
  [manager, ann, bob] = await Promise.all(['Manager', 'Ann', 'Bob'].map((name) => createPerson(cms.strapi, name)));
  await workspaceWithMembers(cms, manager, SLUG, 'restricted', [ann, bob]);
  [otherPort] = await freePorts(1);
  other = await startCmsProcess(otherPort!, { REDIS_URL, REDIS_PREFIX });
}, 240_000);

afterEach(() => {
  for (const editor of editors.splice(0)) editor.destroy();
});

afterAll(async () => {
  await other?.stop();
  await cms?.stop();
});

describe('two CMS instances with Redis', () => {
  it('an editor on each instance converges', async () => {
    const id = await createDocument(cms, ann, SLUG, 'Across instances');
    const here = editorOn(localUrl, ann, id);
    const there = editorOn(urlOf(otherPort), bob, id);
    await until(() => here.provider.synced && there.provider.synced, 'both editors to sync', 10_000);
    typeParagraph(here, 'Typed on the first instance');
    typeParagraph(there, 'Typed on the second instance');
    await until(() => here.text().includes('Typed on the second instance') && there.text().includes('Typed on the first instance'), 'the words to cross instances', 10_000);
    await until(() => here.text() === there.text(), 'convergence');
  });

  it('a member removed through one instance is disconnected from the other within a second', async () => {
    const carol = await createPerson(cms.strapi, 'Carol');
    const membership = cms.strapi.plugin('membership');
    const workspace = await membership.service('access').findWorkspace(SLUG);
    await cms.strapi.db.query('plugin::membership.membership').create({ data: { workspace: workspace.id, user: carol.id, role: 'member', state: 'active' } });
    const id = await createDocument(cms, ann, SLUG, 'Removal across instances');
    const carols = editorOn(urlOf(otherPort), carol, id);
    await until(() => carols.provider.synced, 'Carol to sync on the second instance', 10_000);

    const started = Date.now();
    await membership.service('membership').remove(manager.id, workspace, carol.id);
    await until(() => carols.events.closed.length > 0, 'Carol to be disconnected from the second instance', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(carols.events.closed[0]!.reason).toBe(COLLABORATION_REVOKED_REASON);
    // A restricted workspace: no way back in, by a new ticket or the old one.
    expect((await cms.http.post(`/api/documents/workspaces/${SLUG}/documents/${id}/ticket`).set(carol.auth)).status).toBe(403);
  });

  it('a CMS killed mid-edit loses at most its store window; its editor reconnects and resyncs when it is back', async () => {
    const id = await createDocument(cms, ann, SLUG, 'Crash');
    const writer = editorOn(urlOf(otherPort), ann, id, { retries: 0 });
    await until(() => writer.provider.synced, 'the writer to sync', 10_000);
    const typedAt: { words: string; at: number }[] = [];
    for (let index = 0; index < 30; index += 1) {
      const words = `Crash paragraph ${index}`;
      typeParagraph(writer, words);
      typedAt.push({ words, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Quiet for longer than the debounce: the second instance stores what it has.
    await new Promise((resolve) => setTimeout(resolve, 2_600));
    for (let index = 30; index < 40; index += 1) {
      typeParagraph(writer, `Crash paragraph ${index}`);
      typedAt.push({ words: `Crash paragraph ${index}`, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const killedAt = Date.now();
    await other!.kill();
    other = null;

    const afterCrash = await stored(id);
    // Everything typed before the quiet spell was stored; only the last store window may be missing.
    for (const { words, at } of typedAt) {
      if (at < killedAt - 2_000 - 10_000 || Number(words.split(' ').pop()) < 30) expect(afterCrash).toContain(words);
    }

    other = await startCmsProcess(otherPort, { REDIS_URL, REDIS_PREFIX });
    await until(() => writer.provider.synced && writer.provider.unsyncedChanges === 0, 'the writer to resync with the restarted instance', 30_000);
    await until(async () => (await stored(id)).includes('Crash paragraph 39'), 'the resynced words to be stored', 20_000);
    const final = await stored(id);
    for (const { words } of typedAt) expect(final).toContain(words);
  });
});
