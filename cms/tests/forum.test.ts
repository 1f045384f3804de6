import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumApi, startDiscussion, workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/** The forum's flows through real HTTP: discussions, comments, replies, likes, edits, removal, reports, moderation. */
let cms: TestCms;
let manager: TestPerson;
let alice: TestPerson;
let bob: TestPerson;
let slug: string;
let workspaceId: number;

const get = (person: TestPerson, path: string) => cms.http.get(forumApi(path)).set(person.auth);
const post = (person: TestPerson, path: string, body: Record<string, unknown> = {}) => cms.http.post(forumApi(path)).set(person.auth).send(body);
const thread = (id: number) => `/workspaces/${slug}/discussions/${id}`;

async function comment(person: TestPerson, discussionId: number, body: string, parentId?: number) {
  const response = await post(person, `${thread(discussionId)}/comments`, { body, ...(parentId ? { parentId } : {}) });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data.id as number;
}

async function auditActions() {
  const events = await cms.strapi.db
    .query('plugin::accounts.audit-event')
    .findMany({ select: ['action'], where: { workspace: { id: workspaceId } }, orderBy: [{ id: 'asc' }] });
  return events.map((event: { action: string }) => event.action);
}

beforeAll(async () => {
  cms = await startTestCms();
  manager = await createPerson(cms.strapi, 'forum-manager');
  alice = await createPerson(cms.strapi, 'alice');
  bob = await createPerson(cms.strapi, 'bob');
  ({ slug, id: workspaceId } = await workspaceWithMembers(cms, manager, 'forum-flows', 'restricted', [alice, bob]));
});

afterAll(async () => {
  await cms?.stop();
});

describe('discussions', () => {
  it('are started by members, listed with their author, and refused with field errors when invalid', async () => {
    const invalid = await post(alice, `/workspaces/${slug}/discussions`, { title: 'x'.repeat(101), body: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.errors.map((error: { path: string[] }) => error.path[0]).sort()).toEqual(['body', 'title']);

    const id = await startDiscussion(cms, alice, slug, 'Winter pressures', 'How are you planning for **winter**?');
    const list = await get(bob, `/workspaces/${slug}/discussions`);
    expect(list.status).toBe(200);
    const card = list.body.data.find((item: { id: number }) => item.id === id);
    expect(card).toMatchObject({ title: 'Winter pressures', author: { name: 'alice Tester', jobTitle: 'Nurse', organisation: 'NHS Test Trust' }, commentCount: 0, pinned: false, locked: false, lastComment: null });
    const shown = await get(bob, thread(id));
    expect(shown.body.data).toMatchObject({ id, body: 'How are you planning for **winter**?' });
  });

  it('a double-submitted form makes one discussion', async () => {
    const body = { title: 'Twice', body: 'Submitted twice', submissionKey: 'form-key-discussion-1' };
    const [first, second] = await Promise.all([post(alice, `/workspaces/${slug}/discussions`, body), post(alice, `/workspaces/${slug}/discussions`, body)]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    expect(first.body.data.id).toBe(second.body.data.id);
  });

  it('are pinned first and locked by managers only, each change audited', async () => {
    const older = await startDiscussion(cms, bob, slug, 'Older, then pinned');
    await startDiscussion(cms, bob, slug, 'Newer');
    expect((await cms.http.patch(forumApi(thread(older))).set(alice.auth).send({ pinned: true })).status).toBe(403);
    const pinned = await cms.http.patch(forumApi(thread(older))).set(manager.auth).send({ pinned: true, locked: true });
    expect(pinned.status).toBe(200);
    const list = await get(alice, `/workspaces/${slug}/discussions?sort=newest`);
    expect(list.body.data[0]).toMatchObject({ id: older, pinned: true, locked: true });
    const open = await post(alice, `${thread(older + 1)}/comments`, { body: 'Not too late' });
    expect(open.status, JSON.stringify(open.body)).toBe(201);
    const locked = await post(alice, `${thread(older)}/comments`, { body: 'Too late' });
    expect(locked.status).toBe(403);
    expect(locked.body.error.message, JSON.stringify(locked.body)).toMatch(/locked/);
    expect(await auditActions()).toEqual(expect.arrayContaining(['discussion.created', 'discussion.pinned', 'discussion.locked']));
  });
});

describe('comments', () => {
  let discussionId: number;

  beforeAll(async () => {
    discussionId = await startDiscussion(cms, manager, slug, 'Comments here');
  });

  it('hold replies one level deep, show authors, and keep the card and counts right', async () => {
    const first = await comment(alice, discussionId, 'First, with a [link](https://www.nhs.uk)');
    const reply = await comment(bob, discussionId, 'A reply', first);
    const deeper = await post(alice, `${thread(discussionId)}/comments`, { body: 'Reply to a reply', parentId: reply });
    expect(deeper.status).toBe(400);
    expect(deeper.body.error.message).toMatch(/one level deep/);

    const page = await get(bob, `${thread(discussionId)}/comments?sort=oldest`);
    expect(page.status).toBe(200);
    expect(page.body.meta).toMatchObject({ total: 1, nextCursor: null, thread: { kind: 'discussion', title: 'Comments here', locked: false } });
    expect(page.body.data[0]).toMatchObject({
      id: first,
      author: { name: 'alice Tester', jobTitle: 'Nurse', organisation: 'NHS Test Trust' },
      state: 'visible',
      editedAt: null,
      replyCount: 1,
      replies: [{ id: reply, parentId: first, body: 'A reply', author: { name: 'bob Tester' } }],
    });
    const card = (await get(alice, `/workspaces/${slug}/discussions`)).body.data.find((item: { id: number }) => item.id === discussionId);
    expect(card.commentCount).toBe(2);
    expect(card.lastComment).toMatchObject({ id: reply, excerpt: 'A reply', author: { name: 'bob Tester' } });
  });

  it('are liked once per member, never by their author, and the likers are listed', async () => {
    const id = await comment(alice, discussionId, 'Like me');
    expect((await post(alice, `${thread(discussionId)}/comments/${id}/like`)).status).toBe(403);
    const liked = await Promise.all([1, 2, 3].map(() => post(bob, `${thread(discussionId)}/comments/${id}/like`)));
    expect(liked.map((response) => response.status)).toEqual([200, 200, 200]);
    expect((await post(manager, `${thread(discussionId)}/comments/${id}/like`)).body.data).toEqual({ liked: true, likeCount: 2 });
    const likers = await get(alice, `${thread(discussionId)}/comments/${id}/likes`);
    expect(likers.body.data.map((person: { name: string }) => person.name)).toEqual(['forum-manager Tester', 'bob Tester']);
    const mine = await get(bob, `${thread(discussionId)}/comments/mine`);
    expect(mine.body.data.liked).toContain(id);
    const undone = await cms.http.delete(forumApi(`${thread(discussionId)}/comments/${id}/like`)).set(bob.auth);
    expect(undone.body.data).toEqual({ liked: false, likeCount: 1 });
    const again = await cms.http.delete(forumApi(`${thread(discussionId)}/comments/${id}/like`)).set(bob.auth);
    expect(again.body.data).toEqual({ liked: false, likeCount: 1 });
  });

  it('are edited by their author only (marked edited) and removed with a placeholder that keeps replies', async () => {
    const id = await comment(alice, discussionId, 'Original words');
    await comment(bob, discussionId, 'Reply that must stay', id);
    expect((await cms.http.put(forumApi(`${thread(discussionId)}/comments/${id}`)).set(bob.auth).send({ body: 'Hijacked' })).status).toBe(403);
    expect((await cms.http.put(forumApi(`${thread(discussionId)}/comments/${id}`)).set(alice.auth).send({ body: 'Better words' })).status).toBe(200);
    expect((await cms.http.delete(forumApi(`${thread(discussionId)}/comments/${id}`)).set(bob.auth)).status).toBe(403);
    const before = (await get(alice, thread(discussionId))).body.data.commentCount;
    expect((await cms.http.delete(forumApi(`${thread(discussionId)}/comments/${id}`)).set(alice.auth)).status).toBe(200);
    const replies = await get(bob, `${thread(discussionId)}/comments/${id}/replies`);
    expect(replies.body.data.comment).toMatchObject({ id, state: 'removed', removedBy: 'author', body: null });
    expect(replies.body.data.replies).toEqual([expect.objectContaining({ body: 'Reply that must stay', state: 'visible' })]);
    expect((await get(alice, thread(discussionId))).body.data.commentCount).toBe(before - 1);
    const stored = await cms.strapi.db.query('plugin::forum.comment').findOne({ where: { id } });
    expect(stored.body).toBeNull();
    expect(await auditActions()).toEqual(expect.arrayContaining(['comment.posted', 'comment.edited', 'comment.deleted']));
  });

  it('managers remove any comment in their workspace', async () => {
    const id = await comment(bob, discussionId, 'Managers may remove this');
    expect((await cms.http.delete(forumApi(`${thread(discussionId)}/comments/${id}`)).set(manager.auth)).status).toBe(200);
    const [stored] = await cms.strapi.db.query('plugin::forum.comment').findMany({ where: { id } });
    expect(stored.removedBy).toBe('manager');
  });

  it('pages by cursor without repeats or gaps while new comments arrive', async () => {
    const discussion = await startDiscussion(cms, manager, slug, 'Long thread');
    const ids: number[] = [];
    for (let index = 0; index < 7; index += 1) ids.push(await comment(alice, discussion, `Comment ${index}`));
    const first = await get(bob, `${thread(discussion)}/comments?sort=newest&limit=3`);
    expect(first.body.data.map((item: { id: number }) => item.id)).toEqual(ids.slice(-3).reverse());
    // A new comment arrives between pages: the next page neither repeats nor skips.
    await comment(bob, discussion, 'Arrived meanwhile');
    const second = await get(bob, `${thread(discussion)}/comments?sort=newest&limit=3&after=${first.body.meta.nextCursor}`);
    expect(second.body.data.map((item: { id: number }) => item.id)).toEqual(ids.slice(1, 4).reverse());
    const third = await get(bob, `${thread(discussion)}/comments?sort=newest&limit=3&after=${second.body.meta.nextCursor}`);
    expect(third.body.data.map((item: { id: number }) => item.id)).toEqual([ids[0]]);
    expect(third.body.meta.nextCursor).toBeNull();
    expect((await get(bob, `${thread(discussion)}/comments?after=not-a-cursor`)).status).toBe(400);
  });

  it('sorts by most liked, paging stably', async () => {
    const discussion = await startDiscussion(cms, manager, slug, 'Most liked');
    const ids: number[] = [];
    for (let index = 0; index < 4; index += 1) ids.push(await comment(alice, discussion, `Liked ${index}`));
    await post(bob, `${thread(discussion)}/comments/${ids[2]}/like`);
    await post(manager, `${thread(discussion)}/comments/${ids[2]}/like`);
    await post(bob, `${thread(discussion)}/comments/${ids[0]}/like`);
    const first = await get(bob, `${thread(discussion)}/comments?sort=liked&limit=2`);
    expect(first.body.data.map((item: { id: number }) => item.id)).toEqual([ids[2], ids[0]]);
    const second = await get(bob, `${thread(discussion)}/comments?sort=liked&limit=2&after=${first.body.meta.nextCursor}`);
    expect(second.body.data.map((item: { id: number }) => item.id)).toEqual([ids[3], ids[1]]);
  });
});

describe('reports and moderation', () => {
  it('a report reaches the queue; hiding shows the author why; restoring brings it back; all audited', async () => {
    const discussion = await startDiscussion(cms, manager, slug, 'Moderated');
    const id = await comment(alice, discussion, 'Something regrettable');
    expect((await post(alice, `${thread(discussion)}/comments/${id}/report`, { reason: 'Mine' })).status).toBe(403);
    expect((await post(bob, `${thread(discussion)}/comments/${id}/report`, { reason: '' })).status).toBe(400);
    expect((await post(bob, `${thread(discussion)}/comments/${id}/report`, { reason: 'Names a patient' })).status).toBe(201);
    expect((await post(bob, `${thread(discussion)}/comments/${id}/report`, { reason: 'Again' })).status).toBe(201);
    expect((await get(alice, `/workspaces/${slug}/moderation`)).status).toBe(403);
    const queue = await get(manager, `/workspaces/${slug}/moderation`);
    expect(queue.status).toBe(200);
    const item = queue.body.data.find((entry: { comment: { id: number } }) => entry.comment.id === id);
    expect(item).toMatchObject({
      comment: { body: 'Something regrettable', author: { name: 'alice Tester' } },
      thread: { kind: 'discussion', id: discussion, title: 'Moderated', sitePath: `/workspaces/${slug}/discussions/${discussion}` },
      reports: [{ reason: 'Names a patient', reporter: { name: 'bob Tester' } }],
    });

    expect((await post(manager, `/workspaces/${slug}/moderation/${id}/hide`, {})).status).toBe(400);
    expect((await post(manager, `/workspaces/${slug}/moderation/${id}/hide`, { reason: 'Patient details' })).status).toBe(200);
    const shown = await get(bob, `${thread(discussion)}/comments`);
    expect(shown.body.data[0]).toMatchObject({ id, state: 'hidden', body: null });
    expect(JSON.stringify(shown.body)).not.toContain('Something regrettable');
    expect((await get(alice, `${thread(discussion)}/comments/mine`)).body.data.hidden).toEqual([{ id, reason: 'Patient details' }]);
    expect((await get(bob, `${thread(discussion)}/comments/mine`)).body.data.hidden).toEqual([]);
    expect((await get(manager, `/workspaces/${slug}/moderation`)).body.data.some((entry: { comment: { id: number } }) => entry.comment.id === id)).toBe(false);
    const hiddenQueue = await get(manager, `/workspaces/${slug}/moderation?state=hidden`);
    expect(hiddenQueue.body.data[0].comment).toMatchObject({ id, hiddenReason: 'Patient details', body: 'Something regrettable' });
    expect((await get(manager, thread(discussion))).body.data.commentCount).toBe(0);

    expect((await post(manager, `/workspaces/${slug}/moderation/${id}/restore`)).status).toBe(200);
    expect((await get(bob, `${thread(discussion)}/comments`)).body.data[0]).toMatchObject({ id, state: 'visible', body: 'Something regrettable' });
    expect((await get(manager, thread(discussion))).body.data.commentCount).toBe(1);

    await post(bob, `${thread(discussion)}/comments/${id}/report`, { reason: 'Still not sure' });
    expect((await post(manager, `/workspaces/${slug}/moderation/${id}/dismiss`)).status).toBe(200);
    expect((await get(manager, `/workspaces/${slug}/moderation`)).body.data).toEqual([]);
    expect(await auditActions()).toEqual(
      expect.arrayContaining(['comment.reported', 'comment.hidden', 'comment.restored', 'comment.reports-dismissed']),
    );
  });
});

describe('comments everywhere', () => {
  it('on a workspace page once a manager turns them on; kept readable but closed when turned off', async () => {
    const page = await cms.strapi.documents('api::page.page').create({
      data: { title: 'Guidance', slug: 'guidance', position: 1, isHome: false, workspace: { connect: [{ id: workspaceId }] }, blocks: [] } as never,
      status: 'published',
    });
    expect(page).toBeTruthy();
    const pagePath = `/workspaces/${slug}/pages/guidance`;
    expect((await get(alice, `${pagePath}/comments`)).status).toBe(404);
    expect((await post(alice, `${pagePath}/comments`, { body: 'Too early' })).status).toBe(404);
    expect((await cms.http.put(forumApi(`${pagePath}/settings`)).set(alice.auth).send({ commentsEnabled: true })).status).toBe(403);
    expect((await cms.http.put(forumApi(`${pagePath}/settings`)).set(manager.auth).send({ commentsEnabled: true })).status).toBe(200);
    expect((await get(bob, `${pagePath}/settings`)).body.data).toEqual({ commentsEnabled: true });
    expect((await post(alice, `${pagePath}/comments`, { body: 'Useful page' })).status).toBe(201);
    const listed = await get(bob, `${pagePath}/comments`);
    expect(listed.body.meta.thread).toMatchObject({ kind: 'page', title: 'Guidance', locked: false });
    expect(listed.body.data[0]).toMatchObject({ body: 'Useful page', author: { name: 'alice Tester' } });

    await cms.http.put(forumApi(`${pagePath}/settings`)).set(manager.auth).send({ commentsEnabled: false });
    expect((await get(bob, `${pagePath}/comments`)).body.data).toHaveLength(1);
    const closed = await post(alice, `${pagePath}/comments`, { body: 'After closing' });
    expect(closed.status).toBe(403);
    expect(closed.body.error.message).toMatch(/turned off/);
    expect(await auditActions()).toEqual(expect.arrayContaining(['page.comments-enabled', 'page.comments-disabled']));
  });

  it('on a published case study by any signed-in member, never anonymously, never on a draft', async () => {
    const outsider = await createPerson(cms.strapi, 'outsider');
    await cms.strapi.documents('api::case-study.case-study').create({
      data: { title: 'Published study', slug: 'published-study', summary: 'S', organisation: 'NHS', region: 'london' } as never,
      status: 'published',
    });
    await cms.strapi.documents('api::case-study.case-study').create({
      data: { title: 'Draft study', slug: 'draft-study', summary: 'S', organisation: 'NHS', region: 'london' } as never,
    });
    expect((await cms.http.get(forumApi('/case-studies/published-study/comments'))).status).toBeGreaterThanOrEqual(401);
    expect((await cms.http.post(forumApi('/case-studies/published-study/comments')).send({ body: 'Anonymous' })).status).toBeGreaterThanOrEqual(401);
    const posted = await post(outsider, '/case-studies/published-study/comments', { body: 'Inspiring work' });
    expect(posted.status).toBe(201);
    expect((await get(alice, '/case-studies/published-study/comments')).body.data[0]).toMatchObject({ body: 'Inspiring work', author: { name: 'outsider Tester' } });
    expect((await get(alice, '/case-studies/draft-study/comments')).status).toBe(404);
    expect((await post(alice, '/case-studies/draft-study/comments', { body: 'Draft' })).status).toBe(404);
    const stored = await cms.strapi.db.query('plugin::forum.comment').count({ where: { subjectType: 'case-study' } });
    expect(stored).toBe(1);
  });
});

describe('hostile input', () => {
  const corpus = [
    '<script>window.__pwned = 1</script>',
    '<img src=x onerror="window.__pwned = 1">',
    '[click](javascript:window.__pwned=1)',
    '<svg onload="window.__pwned = 1"><script>1</script></svg>',
    'Refund \u202Etxt.exe\u202C and \u2066isolated\u2069',
  ];

  it('is stored as the text that was written, without direction overrides (rendering makes it inert), and nothing longer than the limits is stored', async () => {
    const discussion = await startDiscussion(cms, alice, slug, corpus[0].slice(0, 100), corpus.join('\n\n'));
    for (const body of corpus) {
      const id = await comment(bob, discussion, body);
      const stored = await cms.strapi.db.query('plugin::forum.comment').findOne({ select: ['body'], where: { id } });
      // As written, except direction overrides, which are never stored.
      expect(stored.body).toBe(body.replace(/[\u202A-\u202E\u2066-\u2069]/g, ''));
    }
    const titled = await startDiscussion(cms, alice, slug, 'Spoofed \u202Etxt.exe', 'Body');
    expect((await get(bob, thread(titled))).body.data.title).toBe('Spoofed txt.exe');
    const before = await cms.strapi.db.query('plugin::forum.comment').count();
    const huge = 'x'.repeat(1024 * 1024);
    for (const [path, body] of [
      [`${thread(discussion)}/comments`, { body: huge }],
      [`/workspaces/${slug}/discussions`, { title: 'Huge', body: huge }],
      [`/workspaces/${slug}/discussions`, { title: huge, body: 'x' }],
    ] as const) {
      const response = await post(alice, path, body);
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.body.error.message).toMatch(/characters or fewer|too large/i);
    }
    expect(await cms.strapi.db.query('plugin::forum.comment').count()).toBe(before);
  });
});
