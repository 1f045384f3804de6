import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readable, SearchEngine } from '../src/plugins/search/server/src/engines/engine.ts';
import { parseQuery } from '../src/plugins/search/server/src/engines/parse-query.ts';
import type { ReindexReport } from '../src/plugins/search/server/src/services/indexer.ts';
import { jobs } from '../src/plugins/jobs/server/src/contract.ts';
import { backlog, pendingRefs } from '../src/plugins/search/server/src/services/outbox.ts';
import { forumApi, startDiscussion, workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';
import { minimalPdf } from '../src/plugins/files/server/src/inspection/hostile-files.ts';

/**
 * Content reaches the search index through the outbox with no manual step: every write (the
 * plugins' routes, the document service, raw SQL) leaves an outbox row in its own transaction, and
 * the drain turns those rows into index changes. Then a reindex mends a deliberately damaged index.
 */
let cms: TestCms;
let strapi: Core.Strapi;
let engine: SearchEngine;
let manager: TestPerson;
let member: TestPerson;
let outsider: TestPerson;
let workspace: { id: number; slug: string; documentId: string };

const PAGE = 'api::page.page';
const CASE_STUDY = 'api::case-study.case-study';
const COMMENT = 'plugin::forum.comment';

/** Waits until the jobs runner has taken every change so far (no manual drain: the triggers woke it). */
async function settle() {
  await jobs(strapi).idle();
  expect(await backlog(strapi)).toBe(0);
}

/** The plugin's own reindex, as `pnpm search:reindex` runs it. */
const reindex = (options?: { onProgress?: (progress: { type: string }) => void }): Promise<ReindexReport> =>
  (strapi.plugin('search').service('indexer') as { reindex(options?: unknown): Promise<ReindexReport> }).reindex(options);

/**
 * Runs a write in a transaction and reads the outbox inside it: its row is there with the change,
 * before the commit (and so before the drain can take it).
 */
async function withheldBy(write: () => Promise<unknown>) {
  return strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
    await write();
    return pendingRefs(strapi, trx);
  });
}

const readable = (workspaceIds: string[] = [], audiences: Readable['audiences'] = ['public', 'signed-in']): Readable => ({
  audiences,
  workspaceIds,
  withheldIds: [],
  withheldWorkspaceIds: [],
});

/** Ids of what a search finds for this reader. */
async function found(words: string, reader: Readable = readable([workspace.documentId])): Promise<string[]> {
  const result = await engine.search({ query: parseQuery(words), readable: reader, filters: {}, page: 1, pageSize: 20 });
  return result.hits.map((hit) => hit.id).sort();
}

async function indexed(type: string) {
  const entries = await engine.scan(type, null, 1000);
  return new Map(entries.map((entry) => [entry.id, entry.hash]));
}

async function publishedPage(title: string, body: string, slug: string) {
  const pages = strapi.documents(PAGE as never);
  const draft = (await pages.create({
    data: { title, slug, position: 1, isHome: false, workspace: workspace.id, blocks: [{ __component: 'blocks.rich-text', body }] },
  } as never)) as { documentId: string };
  await pages.publish({ documentId: draft.documentId } as never);
  return draft.documentId;
}

beforeAll(async () => {
  cms = await startTestCms();
  strapi = cms.strapi;
  engine = (strapi.plugin('search').service('engines') as { engine(): SearchEngine }).engine();
  manager = await createPerson(strapi, 'indexed-manager');
  member = await createPerson(strapi, 'indexed-member');
  outsider = await createPerson(strapi, 'indexed-outsider');
  const made = await workspaceWithMembers(cms, manager, 'kingfisher-ward', 'open', [member]);
  const row = (await strapi.db.query('api::workspace.workspace').findOne({ where: { id: made.id }, select: ['documentId'] })) as { documentId: string };
  workspace = { ...made, documentId: row.documentId };
});

afterAll(async () => {
  await cms?.stop();
});

describe('every type follows its writes', () => {
  it('a workspace is indexed when made and when renamed', async () => {
    await settle();
    expect(await found('kingfisher', readable())).toEqual([`workspace:${workspace.documentId}`]);
    const pending = await withheldBy(() => strapi.db.query('api::workspace.workspace').update({ where: { id: workspace.id }, data: { summary: 'Where nightingales gather' } }));
    expect(pending.withheldIds).toEqual([`workspace:${workspace.documentId}`]);
    await settle();
    expect(await found('nightingales', readable())).toEqual([`workspace:${workspace.documentId}`]);
    expect((await pendingRefs(strapi)).withheldIds).toEqual([]);
  });

  it('a page is found once published, by its headings and blocks, and gone once unpublished', async () => {
    const pages = strapi.documents(PAGE as never);
    const draft = (await pages.create({
      data: { title: 'Quillwort rota', slug: 'quillwort-rota', position: 1, isHome: false, workspace: workspace.id, blocks: [{ __component: 'blocks.rich-text', body: '## Marigold shifts\n\nThe zebrafish handover.' }] },
    } as never)) as { documentId: string };
    await settle();
    expect(await found('quillwort')).toEqual([]);
    await pages.publish({ documentId: draft.documentId } as never);
    await settle();
    expect(await found('zebrafish')).toEqual([`page:${draft.documentId}`]);
    expect(await found('marigold')).toEqual([`page:${draft.documentId}`]);
    // Open workspace: everyone signed in reads it.
    expect(await found('zebrafish', readable([]))).toEqual([`page:${draft.documentId}`]);
    expect(await found('zebrafish', readable([], ['public']))).toEqual([]);
    // Saving the draft of a published page changes nothing searchable: nothing is enqueued.
    await pages.update({ documentId: draft.documentId, data: { title: 'Quillwort rota (draft)' } } as never);
    expect(await backlog(strapi)).toBe(0);
    const pending = await withheldBy(() => pages.unpublish({ documentId: draft.documentId } as never));
    expect(pending.withheldIds).toContain(`page:${draft.documentId}`);
    await settle();
    expect(await found('zebrafish')).toEqual([]);
  });

  it('discussions and comments, edited, hidden, removed and changed by raw SQL', async () => {
    const discussionId = await startDiscussion(cms, member, workspace.slug, 'Pelican planning', 'Bring the **heronry** notes');
    const post = await cms.http
      .post(forumApi(`/workspaces/${workspace.slug}/discussions/${discussionId}/comments`))
      .set(manager.auth)
      .send({ body: 'The wagtail list is ready' });
    expect(post.status, JSON.stringify(post.body)).toBe(201);
    const commentId = post.body.data.id as number;
    await settle();
    expect(await found('heronry')).toEqual([`discussion:${discussionId}`]);
    expect(await found('wagtail')).toEqual([`comment:${commentId}`]);
    const hit = (await engine.search({ query: parseQuery('wagtail'), readable: readable([workspace.documentId]), filters: {}, page: 1, pageSize: 5 })).hits[0];
    expect(hit).toMatchObject({ url: `/workspaces/${workspace.slug}/discussions/${discussionId}#comment-${commentId}`, context: 'indexed-manager Tester, Nurse, NHS Test Trust' });

    // A like count changing enqueues nothing.
    await strapi.db.query(COMMENT).update({ where: { id: commentId }, data: { likeCount: 3 } });
    expect(await backlog(strapi)).toBe(0);

    // Raw SQL, as a plugin might write: followed all the same.
    const { name, column } = { name: 'forum_comments', column: 'body' };
    await strapi.db.connection(name).where('id', commentId).update({ [column]: 'The sandpiper list is ready' });
    await settle();
    expect(await found('wagtail')).toEqual([]);
    expect(await found('sandpiper')).toEqual([`comment:${commentId}`]);

    const pending = await withheldBy(() => strapi.db.query(COMMENT).update({ where: { id: commentId }, data: { hidden: true, hiddenAt: new Date() } }));
    expect(pending.withheldIds).toEqual([`comment:${commentId}`]);
    await settle();
    expect(await found('sandpiper')).toEqual([]);

    await strapi.db.query('plugin::forum.discussion').delete({ where: { id: discussionId } });
    await settle();
    expect(await found('heronry')).toEqual([]);
  });

  it('files: by name, description and the text inside, renamed, binned and restored, and a new version', async () => {
    const files = `/api/files/workspaces/${workspace.slug}`;
    const upload = await cms.http
      .post(`${files}/folders/root/files`)
      .set(member.auth)
      .field('description', 'Notes on the cormorant survey')
      .attach('files', minimalPdf(['The plover count is attached']), 'census.pdf');
    expect(upload.status, upload.text).toBe(201);
    const itemId = upload.body.data.items[0].id as number;
    const id = `file:${itemId}`;
    await settle();
    expect(await found('census')).toEqual([id]);
    expect(await found('cormorant')).toEqual([id]);
    expect(await found('plover')).toEqual([id]);
    expect(await found('plover', readable([], ['public']))).toEqual([]);
    const hit = (await engine.search({ query: parseQuery('plover'), readable: readable([workspace.documentId]), filters: {}, page: 1, pageSize: 5 })).hits[0];
    expect(hit).toMatchObject({ type: 'file', url: `/workspaces/${workspace.slug}/files/items/${itemId}` });

    const renamed = await cms.http.patch(`${files}/items/${itemId}`).set(member.auth).send({ name: 'tally.pdf' });
    expect(renamed.status, renamed.text).toBe(200);
    await settle();
    expect(await found('census')).toEqual([]);
    expect(await found('tally')).toEqual([id]);

    const version = await cms.http.post(`${files}/items/${itemId}/versions`).set(member.auth).field('comment', 'Corrected').attach('file', minimalPdf(['The dunlin count replaces it']), 'tally.pdf');
    expect(version.status, version.text).toBe(201);
    await settle();
    expect(await found('plover')).toEqual([]);
    expect(await found('dunlin')).toEqual([id]);

    const pending = await withheldBy(() => strapi.db.query('plugin::files.item').update({ where: { id: itemId }, data: { deletedAt: new Date(), binRoot: `item:${itemId}` } }));
    expect(pending.withheldIds).toEqual([id]);
    await settle();
    expect(await found('dunlin')).toEqual([]);
    const restored = await cms.http.post(`${files}/bin/item/${itemId}/restore`).set(manager.auth);
    expect(restored.status, restored.text).toBe(200);
    await settle();
    expect(await found('dunlin')).toEqual([id]);
  });

  it('a case study with its region and topics, public', async () => {
    const topic = (await strapi.documents('api::topic.topic' as never).create({ data: { name: 'Falconry', slug: 'falconry' } } as never)) as { id: number; documentId: string };
    const studies = strapi.documents(CASE_STUDY as never);
    const study = (await studies.create({
      data: {
        title: 'Osprey discharge',
        slug: 'osprey-discharge',
        summary: 'Fewer delays',
        organisation: 'Harrier Trust',
        region: 'london',
        topics: [topic.id],
        body: [{ __component: 'blocks.rich-text', body: 'A cormorant pathway' }],
      },
    } as never)) as { documentId: string };
    await settle();
    expect(await found('osprey', readable([], ['public']))).toEqual([]);
    await studies.publish({ documentId: study.documentId } as never);
    await settle();
    expect(await found('cormorant', readable([], ['public']))).toEqual([`case-study:${study.documentId}`]);
    const result = await engine.search({ query: parseQuery('cormorant'), readable: readable([], ['public']), filters: {}, page: 1, pageSize: 5, facets: ['region', 'topic'] });
    expect(result.facets).toMatchObject({ region: { london: 1 }, topic: { falconry: 1 } });
    expect(result.hits[0]).toMatchObject({ context: 'Harrier Trust', url: '/case-studies/osprey-discharge' });

    await strapi.documents('api::topic.topic' as never).update({ documentId: topic.documentId, data: { slug: 'hawking' } } as never);
    await settle();
    const renamed = await engine.search({ query: parseQuery('cormorant'), readable: readable([], ['public']), filters: {}, page: 1, pageSize: 5, facets: ['topic'] });
    expect(renamed.facets.topic).toEqual({ hawking: 1 });
  });

  it('people: members of an open workspace to everyone signed in, gone when removed, blocked or renamed', async () => {
    await settle();
    const people = await indexed('person');
    expect([...people.keys()].sort()).toEqual([`person:${manager.id}`, `person:${member.id}`].sort());
    expect(people.has(`person:${outsider.id}`)).toBe(false);
    expect(await found('indexed-member', readable([]))).toEqual([`person:${member.id}`]);

    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: member.id }, data: { firstName: 'Avocet' } });
    await settle();
    expect(await found('avocet', readable([]))).toEqual(expect.arrayContaining([`person:${member.id}`]));

    const pending = await withheldBy(() => strapi.plugin('membership').service('membership').remove(manager.id, { id: workspace.id, slug: workspace.slug }, member.id));
    expect(pending.withheldIds).toEqual([`person:${member.id}`]);
    await settle();
    // Their profile is gone; what they wrote or uploaded still names them, as every post does.
    expect((await found('avocet', readable([]))).filter((id) => id.startsWith('person:'))).toEqual([]);

    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: manager.id }, data: { blocked: true } });
    await settle();
    expect((await indexed('person')).has(`person:${manager.id}`)).toBe(false);
    await strapi.db.query('plugin::users-permissions.user').update({ where: { id: manager.id }, data: { blocked: false } });
    await settle();
    expect((await indexed('person')).has(`person:${manager.id}`)).toBe(true);
  });

  it('a workspace made hidden re-audiences everything in it', async () => {
    const pageId = await publishedPage('Lapwing notes', 'The lapwing survey', 'lapwing-notes');
    const discussionId = await startDiscussion(cms, manager, workspace.slug, 'Curlew count', 'Curlew numbers');
    await settle();
    expect(await found('lapwing', readable([]))).toEqual([`page:${pageId}`]);
    const pending = await withheldBy(() => strapi.db.query('api::workspace.workspace').update({ where: { id: workspace.id }, data: { visibility: 'hidden' } }));
    expect(pending.withheldWorkspaceIds).toEqual([workspace.documentId]);
    await settle();
    expect(await found('lapwing', readable([]))).toEqual([]);
    expect(await found('curlew', readable([]))).toEqual([]);
    expect(await found('kingfisher', readable([]))).toEqual([]);
    expect(await found('indexed-manager', readable([]))).toEqual([]);
    expect(await found('lapwing')).toEqual([`page:${pageId}`]);
    expect(await found('curlew')).toEqual([`discussion:${discussionId}`]);
  });
});

describe('what is withheld until indexed', () => {
  it('is a change or a deletion, never something new (it can only widen what is found)', async () => {
    const discussions = strapi.db.query('plugin::forum.discussion');
    const { created, pending } = await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
      const row = await discussions.create({
        data: { workspaceId: workspace.id, authorId: member.id, title: 'Plover count', body: 'Plovers on the shore', pinned: false, locked: false, commentCount: 0 },
      });
      return { created: row as { id: number }, pending: await pendingRefs(strapi, trx) };
    });
    expect(pending.withheldIds).not.toContain(`discussion:${created.id}`);
    const edited = await withheldBy(() => discussions.update({ where: { id: created.id }, data: { title: 'Plover sightings' } }));
    expect(edited.withheldIds).toContain(`discussion:${created.id}`);
    const deleted = await withheldBy(() => discussions.delete({ where: { id: created.id } }));
    expect(deleted.withheldIds).toContain(`discussion:${created.id}`);
    await settle();
  });
});

describe('a workspace deleted', () => {
  it('takes its pages, discussions, comments and files out of the index', async () => {
    const doomed = await workspaceWithMembers(cms, manager, 'indexed-doomed', 'open', [member]);
    const discussionId = await startDiscussion(cms, member, doomed.slug, 'Godwit plans', 'Godwit nesting');
    const comment = await cms.http.post(forumApi(`/workspaces/${doomed.slug}/discussions/${discussionId}/comments`)).set(member.auth).send({ body: 'Godwit chicks seen' });
    expect(comment.status).toBe(201);
    const file = await cms.http.post(`/api/files/workspaces/${doomed.slug}/folders/root/files`).set(member.auth).attach('files', Buffer.from('Godwit counts\n'), 'godwit.txt');
    expect(file.status, file.text).toBe(201);
    await settle();
    expect(await found('godwit', readable([]))).toEqual([`comment:${comment.body.data.id}`, `discussion:${discussionId}`, `file:${file.body.data.items[0].id}`].sort());
    const row = await strapi.db.query('api::workspace.workspace').findOne({ select: ['documentId'], where: { id: doomed.id } });
    await strapi.documents('api::workspace.workspace' as never).delete({ documentId: row.documentId } as never);
    await settle();
    expect(await found('godwit', readable([]))).toEqual([]);
  });
});

describe('reindex', () => {
  it('mends a damaged index and says what it fixed', async () => {
    await settle();
    const pages = await indexed('page');
    const [kept] = [...pages.keys()];
    const discussions = await indexed('discussion');
    const [stale] = [...discussions.keys()];
    await engine.remove([kept]);
    const staleDocument = await engine.search({ query: parseQuery('curlew'), readable: readable([workspace.documentId]), filters: {}, page: 1, pageSize: 1 });
    expect(staleDocument.hits.map((hit) => hit.id)).toEqual([stale]);
    await engine.upsert([
      {
        id: stale,
        type: 'discussion',
        title: 'Stale title',
        headings: '',
        body: 'stale',
        url: '/workspaces/x/discussions/1',
        workspaceId: workspace.documentId,
        workspaceIds: [workspace.documentId],
        audience: 'members',
        facets: {},
        context: null,
        updatedAt: new Date(0).toISOString(),
        hash: 'stale',
      },
      {
        id: 'page:orphan',
        type: 'page',
        title: 'Orphan puffin',
        headings: '',
        body: '',
        url: '/workspaces/x',
        workspaceId: workspace.documentId,
        workspaceIds: [workspace.documentId],
        audience: 'members',
        facets: {},
        context: null,
        updatedAt: new Date(0).toISOString(),
        hash: 'orphan',
      },
    ]);
    const progress: string[] = [];
    const report = await reindex({ onProgress: ({ type }) => progress.push(type) });
    expect(report.types.page).toMatchObject({ added: 1, removed: 1 });
    expect(report.types.discussion).toMatchObject({ updated: 1, added: 0, removed: 0 });
    expect(report.types.workspace).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 1 });
    expect(new Set(progress)).toEqual(new Set(['workspace', 'page', 'discussion', 'comment', 'file', 'case-study', 'person']));
    expect(await found('curlew')).toEqual([stale]);
    expect(await found('puffin')).toEqual([]);
    expect(await found('lapwing')).toHaveLength(1);

    const again = await reindex();
    for (const counts of Object.values(again.types)) expect(counts).toMatchObject({ added: 0, updated: 0, removed: 0 });
    const stored = (await strapi.store({ type: 'plugin', name: 'search' }).get({ key: 'last-reindex' })) as { finishedAt: string };
    expect(stored.finishedAt).toBe(again.finishedAt);
  });
});
