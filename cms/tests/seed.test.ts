import { blockUids } from '@futurenhs/blocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCaseStudies, demoWorkspaces } from '../seed/demo-content.ts';
import { BINNED_FILE, FILE_LIST_FOLDER, FILE_LIST_WORKSPACE } from '../seed/demo-files.ts';
import { DEMO_DOCUMENT } from '../seed/demo-documents.ts';
import { demoDiscussions, LONG_THREAD_COMMENTS, LONG_THREAD_TITLE } from '../seed/demo-forum.ts';
import { DEFAULT_DEMO_PASSWORD, demoStandings } from '../seed/demo-people.ts';
import { seedDemo } from '../seed/seed-demo.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

let cms: TestCms;
beforeAll(async () => {
  cms = await startTestCms({ ADMIN_EMAIL: 'Editor@Example.nhs.uk', ADMIN_PASSWORD: 'Correct-horse-42' });
  await seedDemo(cms.strapi);
});
afterAll(() => cms?.stop());

async function counts() {
  const documents = (uid: 'api::workspace.workspace' | 'api::page.page' | 'api::case-study.case-study', status?: 'draft' | 'published') =>
    cms.strapi.documents(uid).count(status ? { status } : {});
  return {
    workspaces: await documents('api::workspace.workspace'),
    pages: await documents('api::page.page', 'draft'),
    publishedPages: await documents('api::page.page', 'published'),
    caseStudies: await documents('api::case-study.case-study', 'draft'),
    publishedCaseStudies: await documents('api::case-study.case-study', 'published'),
    images: await cms.strapi.db.query('plugin::upload.file').count(),
    admins: await cms.strapi.db.query('admin::user').count(),
    people: await cms.strapi.db.query('plugin::users-permissions.user').count(),
    memberships: await cms.strapi.db.query('plugin::membership.membership').count(),
    invitations: await cms.strapi.db.query('plugin::membership.invitation').count(),
    auditEvents: await cms.strapi.db.query('plugin::accounts.audit-event').count(),
    discussions: await cms.strapi.db.query('plugin::forum.discussion').count(),
    comments: await cms.strapi.db.query('plugin::forum.comment').count(),
    likes: await cms.strapi.db.query('plugin::forum.like').count(),
    folders: await cms.strapi.db.query('plugin::files.folder').count(),
    fileItems: await cms.strapi.db.query('plugin::files.item').count(),
    fileVersions: await cms.strapi.db.query('plugin::files.version').count(),
  };
}

async function signIn(email: string): Promise<{ authorization: string }> {
  const session = await cms.http.post('/api/auth/local').send({ identifier: email, password: DEFAULT_DEMO_PASSWORD });
  expect(session.status).toBe(200);
  return { authorization: `Bearer ${session.body.jwt}` };
}

interface Row {
  id: number;
  parentId: number | null;
  folderId: number | null;
  name: string;
  mime: string;
  deletedAt: string | null;
  itemId: number;
  authorId: number;
  comment: string | null;
  text: string | null;
}

describe('the demo seed', () => {
  it('loads discussions in workspaces of every visibility and one long thread whose counters are right', async () => {
    const seeded = await counts();
    expect(seeded.discussions).toBeGreaterThanOrEqual(demoDiscussions.length + 1);
    const long = await cms.strapi.db.query('plugin::forum.discussion').findOne({ where: { title: LONG_THREAD_TITLE } });
    const inThread = { subjectType: 'discussion', subjectRef: String(long.id) };
    const stored = await cms.strapi.db.query('plugin::forum.comment').count({ where: inThread });
    expect(stored).toBe(LONG_THREAD_COMMENTS);
    expect(stored).toBeGreaterThanOrEqual(1000);
    expect(long.commentCount).toBe(stored);
    const rows = await cms.strapi.db.query('plugin::forum.comment').findMany({ select: ['id', 'parentId', 'replyCount', 'likeCount'], where: inThread });
    const likes = await cms.strapi.db.query('plugin::forum.like').findMany({ select: ['commentId'] });
    for (const row of rows.filter((comment: { parentId: number | null }) => comment.parentId === null).slice(0, 50)) {
      expect(row.replyCount).toBe(rows.filter((comment: { parentId: number | null }) => comment.parentId === row.id).length);
      expect(row.likeCount).toBe(likes.filter((like: { commentId: number }) => like.commentId === row.id).length);
    }
    expect(long.lastCommentId).toBe(Math.max(...rows.map((row: { id: number }) => row.id)));
    // The demo's manager has a reported comment to moderate.
    expect(await cms.strapi.db.query('plugin::forum.report').count({ where: { state: 'open' } })).toBeGreaterThan(0);
  });

  it('loads workspaces of every visibility, 20+ pages and 12+ published case studies with images', async () => {
    const seeded = await counts();
    expect(seeded.workspaces).toBeGreaterThanOrEqual(6);
    expect(seeded.pages).toBeGreaterThanOrEqual(20);
    expect(seeded.publishedCaseStudies).toBeGreaterThanOrEqual(12);
    expect(seeded.caseStudies).toBe(demoCaseStudies.length);
    expect(seeded.images).toBeGreaterThanOrEqual(seeded.workspaces + seeded.caseStudies);
    const visibilities = await cms.strapi.documents('api::workspace.workspace').findMany({ fields: ['visibility'], limit: 100 });
    expect(new Set(visibilities.map((workspace) => workspace.visibility))).toEqual(new Set(['open', 'restricted', 'hidden']));
  });

  it('uses every block of the catalogue on its pages', async () => {
    const pages = await cms.strapi.documents('api::page.page').findMany({ status: 'published', populate: { blocks: true }, limit: 1000 } as never);
    const used = new Set(pages.flatMap((page) => ((page as { blocks?: { __component: string }[] }).blocks ?? []).map((block) => block.__component)));
    expect([...blockUids].filter((uid) => !used.has(uid))).toEqual([]);
  });

  it('spreads case studies across regions and topics', async () => {
    const studies = await cms.strapi
      .documents('api::case-study.case-study')
      .findMany({ status: 'published', fields: ['region'], populate: { topics: { fields: ['slug'] } }, limit: 100 });
    expect(new Set(studies.map((study) => study.region)).size).toBe(7);
    expect(new Set(studies.flatMap((study) => (study.topics ?? []).map((topic: { slug: string }) => topic.slug))).size).toBeGreaterThanOrEqual(5);
  });

  it('leaves draft-only content unpublished, for the preview flow', async () => {
    const draftStudy = demoCaseStudies.find((study) => study.draftOnly)!;
    expect(await cms.strapi.documents('api::case-study.case-study').findFirst({ filters: { slug: draftStudy.slug }, status: 'published' })).toBeNull();
    expect(await cms.strapi.documents('api::case-study.case-study').findFirst({ filters: { slug: draftStudy.slug }, status: 'draft' })).not.toBeNull();
  });

  it('gives each workspace exactly one home page', async () => {
    for (const workspace of demoWorkspaces) {
      const homes = await cms.strapi
        .documents('api::page.page')
        .findMany({ status: 'published', filters: { isHome: true, workspace: { slug: workspace.slug } }, fields: ['slug'] });
      expect(homes.map((page) => page.slug)).toEqual(['home']);
    }
  });

  it('creates the admin user from ADMIN_EMAIL and ADMIN_PASSWORD, who can sign in', async () => {
    const response = await cms.http.post('/admin/login').send({ email: 'editor@example.nhs.uk', password: 'Correct-horse-42' });
    expect(response.status).toBe(200);
    expect(response.body.data.token).toEqual(expect.any(String));
  });

  it('makes the three demo accounts, each able to sign in with the demo password, in their documented places', async () => {
    const standings = async (email: string) => {
      const session = await cms.http.post('/api/auth/local').send({ identifier: email, password: DEFAULT_DEMO_PASSWORD });
      expect(session.status).toBe(200);
      const me = await cms.http.get('/api/accounts/me').set({ authorization: `Bearer ${session.body.jwt}` });
      expect(me.body.data.profileComplete).toBe(true);
      return me.body.data.memberships.map((row: any) => [row.workspace.visibility, row.standing]);
    };
    const managed = (await standings('manager@demo.nhs.net')).filter(([, standing]: string[]) => standing === 'manager');
    expect(new Set(managed.map(([visibility]: string[]) => visibility))).toEqual(new Set(['open', 'restricted', 'hidden']));
    const member = await standings('member@demo.nhs.net');
    expect(member).toContainEqual(['open', 'member']);
    expect(member).toContainEqual(['restricted', 'pending']);
    expect(await standings('outsider@demo.nhs.net')).toEqual([]);
  });

  it('gives every workspace a manager, and leaves requests and invitations waiting', async () => {
    for (const workspace of demoWorkspaces) {
      const managers = await cms.strapi.db
        .query('plugin::membership.membership')
        .count({ where: { workspace: { slug: workspace.slug }, role: 'manager', state: 'active' } });
      expect(managers, workspace.slug).toBeGreaterThan(0);
    }
    expect(await cms.strapi.db.query('plugin::membership.membership').count({ where: { state: 'pending' } })).toBeGreaterThanOrEqual(3);
    expect(await cms.strapi.db.query('plugin::membership.invitation').count({ where: { state: 'pending' } })).toBeGreaterThanOrEqual(2);
  });

  it('gives every workspace, hidden and restricted too, folders three deep with a PDF, a Word document, a CSV and a PNG, versions by different people, and one file in the bin', async () => {
    const query = (uid: string) => cms.strapi.db.query(uid as never);
    for (const { slug, visibility } of demoWorkspaces) {
      const workspace = await cms.strapi.plugin('membership').service('access').findWorkspace(slug);
      const where = { workspaceId: workspace.id };
      const folders = (await query('plugin::files.folder').findMany({ where })) as Row[];
      const depth = (folder: Row | undefined): number => (folder ? 1 + depth(folders.find((parent) => parent.id === folder.parentId)) : 0);
      expect(Math.max(...folders.map(depth)), slug).toBe(3);
      const items = (await query('plugin::files.item').findMany({ where: { ...where, kind: 'file' } })) as Row[];
      const live = items.filter((item) => !item.deletedAt);
      expect(new Set(live.map((item) => item.mime)), `${slug} (${visibility})`).toEqual(
        new Set(['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'text/csv', 'image/png']),
      );
      expect(items.filter((item) => item.deletedAt).map((item) => item.name)).toEqual([BINNED_FILE]);
      const versions = (await query('plugin::files.version').findMany({ where })) as Row[];
      const minutes = live.find((item) => item.name === 'Minutes.docx')!;
      const history = versions.filter((version) => version.itemId === minutes.id);
      expect(history).toHaveLength(3);
      expect(history.filter((version) => version.comment).length).toBe(2);
      const active = Object.values(demoStandings[slug]).filter((standing) => standing !== 'pending').length;
      if (active > 1) expect(new Set(history.map((version) => version.authorId)).size, slug).toBe(2);
    }
    expect(await cms.strapi.db.query('plugin::accounts.audit-event').count({ where: { action: 'file.version-added' } })).toBeGreaterThanOrEqual(demoWorkspaces.length * 4);
  });

  it('gives Digital Primary Care a document written together, with a comment thread and two named versions by two people', async () => {
    const workspace = await cms.strapi.plugin('membership').service('access').findWorkspace('digital-primary-care');
    const documents = (await cms.strapi.db.query('plugin::files.item').findMany({ where: { workspaceId: workspace.id, kind: 'document' } })) as Row[];
    expect(documents.map((document) => document.name)).toEqual([DEMO_DOCUMENT]);
    const id = documents[0]!.id as number;
    const plugin = cms.strapi.plugin('documents');
    const versions = (await plugin.service('versions').list(id)) as { name: string | null; author: { id: number } | null }[];
    expect(versions.filter((version) => version.name).map((version) => version.name)).toEqual(['After the network meeting', 'First draft']);
    expect(new Set(versions.map((version) => version.author?.id)).size).toBe(2);
    const [thread] = (await plugin.service('comments').list(id)) as { id: number; body: string; replies: unknown[] }[];
    expect(thread!.replies).toHaveLength(1);
    const { json, text } = await plugin.service('store').snapshot(id);
    expect(text).toContain('Agreed at the network meeting');
    // The comment's mark sits on the words it was made on.
    expect(JSON.stringify(json)).toContain(`"commentId":"${thread!.id}"`);
  });

  it('extracts the text of the demo PDFs and Word documents, for search', async () => {
    await cms.strapi.plugin('jobs').service('jobs').idle(60_000);
    const versions = (await cms.strapi.db.query('plugin::files.version').findMany({ where: { mime: 'application/pdf' }, select: ['text'] })) as Row[];
    expect(versions.length).toBeGreaterThan(0);
    expect(versions.filter((version) => version.text?.includes('terms of reference'))).not.toEqual([]);
    const word = (await cms.strapi.db.query('plugin::files.version').findMany({ where: { mime: { $contains: 'wordprocessingml' } }, select: ['text'] })) as Row[];
    expect(word.some((version) => version.text?.includes('Actions: managers to circulate the updated guide'))).toBe(true);
  });

  it('keeps a hidden workspace’s files from outsiders, a restricted one’s from those waiting, and shows them to members', async () => {
    const outsider = await signIn('outsider@demo.nhs.net');
    const manager = await signIn('manager@demo.nhs.net');
    const member = await signIn('member@demo.nhs.net');
    const hidden = '/api/files/workspaces/icb-finance-leads/folders/root';
    expect((await cms.http.get(hidden).set(outsider)).status).toBe(404);
    // Anonymous: Strapi's public role has no files route at all.
    expect([401, 403]).toContain((await cms.http.get(hidden)).status);
    const seen = await cms.http.get(hidden).set(manager);
    expect(seen.status).toBe(200);
    expect(seen.body.data.folders.map((folder: { name: string }) => folder.name)).toEqual(['Guidance and templates', 'Meeting papers']);
    expect(seen.body.data.items.map((item: { name: string }) => item.name)).toEqual(['Terms of reference.pdf']);
    const download = `/api/files/workspaces/icb-finance-leads/items/${seen.body.data.items[0].id}/download`;
    expect((await cms.http.get(download).set(outsider)).status).toBe(404);
    const bytes = await cms.http.get(download).set(manager).buffer(true);
    expect(bytes.status).toBe(200);
    expect(bytes.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The demo member waits for the restricted Chief Nursing Officers' Forum to accept them.
    expect((await cms.http.get('/api/files/workspaces/chief-nurses-forum/folders/root').set(member)).status).toBe(403);
  });

  it('puts a file list of the busiest workspace’s guidance folder on its home page', async () => {
    const [home] = await cms.strapi.documents('api::page.page').findMany({
      status: 'published',
      filters: { isHome: true, workspace: { slug: FILE_LIST_WORKSPACE } },
      populate: { blocks: true },
    } as never);
    const block = ((home as { blocks: { __component: string; folder?: number }[] }).blocks ?? []).find((candidate) => candidate.__component === 'blocks.file-list');
    expect(block?.folder).toEqual(expect.any(Number));
    const listed = await cms.http.get(`/api/files/workspaces/${FILE_LIST_WORKSPACE}/folders/${block!.folder}?sort=name`).set(await signIn('member@demo.nhs.net'));
    expect(listed.status).toBe(200);
    expect(listed.body.data.folder.name).toBe(FILE_LIST_FOLDER);
    expect(listed.body.data.items.map((item: { name: string }) => item.name)).toEqual(['Online consultation triage guide.pdf', 'Pathway map.png', 'Service directory.csv']);
  });

  it('is idempotent: a second run adds nothing and keeps edits', async () => {
    const before = await counts();
    const workspace = await cms.strapi.documents('api::workspace.workspace').findFirst({ filters: { slug: demoWorkspaces[0].slug } });
    await cms.strapi.documents('api::workspace.workspace').update({ documentId: workspace!.documentId, data: { summary: 'Edited by a manager' } as never });
    await seedDemo(cms.strapi);
    expect(await counts()).toEqual(before);
    const after = await cms.strapi.documents('api::workspace.workspace').findFirst({ filters: { slug: demoWorkspaces[0].slug } });
    expect(after?.summary).toBe('Edited by a manager');
  });
});
