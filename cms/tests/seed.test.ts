import { blockUids } from '@futurenhs/blocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCaseStudies, demoWorkspaces } from '../seed/demo-content.ts';
import { demoDiscussions, LONG_THREAD_COMMENTS, LONG_THREAD_TITLE } from '../seed/demo-forum.ts';
import { DEFAULT_DEMO_PASSWORD } from '../seed/demo-people.ts';
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
  };
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
