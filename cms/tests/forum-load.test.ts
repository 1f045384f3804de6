import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumApi, startDiscussion, workspaceWithMembers } from './helpers/forum.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * The forum under many hands: a hundred members commenting, replying and liking at once leave
 * every comment stored once and every count right; and reading a thread costs the same number of
 * queries whatever the number of comments on the page.
 */
let cms: TestCms;
let manager: TestPerson;
let members: TestPerson[];
let slug: string;

const MEMBERS = 100;
const thread = (id: number) => forumApi(`/workspaces/${slug}/discussions/${id}`);

beforeAll(async () => {
  cms = await startTestCms();
  manager = await createPerson(cms.strapi, 'load-manager');
  members = [];
  for (let index = 0; index < MEMBERS; index += 1) members.push(await createPerson(cms.strapi, `load-member-${index}`));
  ({ slug } = await workspaceWithMembers(cms, manager, 'forum-load', 'restricted', members));
}, 120_000);

afterAll(async () => {
  await cms?.stop();
});

async function countQueries<T>(work: () => Promise<T>): Promise<number> {
  let count = 0;
  const listener = (query: { sql: string }) => {
    count += 1;
    if (process.env.SHOW_QUERIES) console.log(query.sql.slice(0, 160));
  };
  cms.strapi.db.connection.on('query', listener);
  try {
    await work();
  } finally {
    cms.strapi.db.connection.off('query', listener);
  }
  return count;
}

describe('a hundred members at once', () => {
  it('every comment is stored once and every count is right', async () => {
    const discussionId = await startDiscussion(cms, manager, slug, 'Everyone at once');
    const opening = await cms.http.post(`${thread(discussionId)}/comments`).set(manager.auth).send({ body: 'Like this, everyone' });
    expect(opening.status).toBe(201);
    const openingId = opening.body.data.id as number;

    // Each member: one comment submitted twice at once (a double click), a reply to the
    // manager's comment, and a like of it — all hundred members at the same time.
    const responses = await Promise.all(
      members.flatMap((member, index) => {
        const comment = { body: `Comment from member ${index}`, submissionKey: `load-${index}` };
        return [
          cms.http.post(`${thread(discussionId)}/comments`).set(member.auth).send(comment),
          cms.http.post(`${thread(discussionId)}/comments`).set(member.auth).send(comment),
          cms.http.post(`${thread(discussionId)}/comments`).set(member.auth).send({ body: `Reply from member ${index}`, parentId: openingId }),
          cms.http.post(`${thread(discussionId)}/comments/${openingId}/like`).set(member.auth),
        ];
      }),
    );
    const failures = responses.filter((response) => response.status >= 300);
    expect(failures.map((response) => `${response.status} ${JSON.stringify(response.body)}`)).toEqual([]);

    const stored = await cms.strapi.db.query('plugin::forum.comment').findMany({
      select: ['id', 'body', 'parentId', 'likeCount', 'replyCount'],
      where: { subjectType: 'discussion', subjectRef: String(discussionId) },
    });
    const topLevel = stored.filter((row: { parentId: number | null }) => row.parentId === null);
    // The manager's comment, and each member's comment exactly once despite the double submit.
    expect(topLevel).toHaveLength(MEMBERS + 1);
    expect(new Set(topLevel.map((row: { body: string }) => row.body)).size).toBe(MEMBERS + 1);
    expect(stored).toHaveLength(2 * MEMBERS + 1);
    const openingRow = stored.find((row: { id: number }) => row.id === openingId);
    expect(openingRow.replyCount).toBe(MEMBERS);
    expect(openingRow.likeCount).toBe(MEMBERS);
    expect(await cms.strapi.db.query('plugin::forum.like').count({ where: { commentId: openingId } })).toBe(MEMBERS);

    const discussion = await cms.strapi.db.query('plugin::forum.discussion').findOne({ where: { id: discussionId } });
    expect(discussion.commentCount).toBe(2 * MEMBERS + 1);
    expect(discussion.lastCommentId).toBe(Math.max(...stored.map((row: { id: number }) => row.id)));

    // Liking and unliking at once, each member twice: every member's like counted once, then none.
    const memberComment = topLevel.find((row: { body: string }) => row.body === 'Comment from member 0');
    const others = members.slice(1);
    await Promise.all(others.flatMap((member) => [1, 2].map(() => cms.http.post(`${thread(discussionId)}/comments/${memberComment.id}/like`).set(member.auth))));
    const liked = await cms.strapi.db.query('plugin::forum.comment').findOne({ where: { id: memberComment.id } });
    expect(liked.likeCount).toBe(others.length);
    await Promise.all(others.flatMap((member) => [1, 2].map(() => cms.http.delete(`${thread(discussionId)}/comments/${memberComment.id}/like`).set(member.auth))));
    const unliked = await cms.strapi.db.query('plugin::forum.comment').findOne({ where: { id: memberComment.id } });
    expect(unliked.likeCount).toBe(0);
  }, 120_000);
});

describe('reading costs the same whatever the number of comments', () => {
  async function threadWith(comments: number, repliesEach: number) {
    const discussionId = await startDiscussion(cms, manager, slug, `Thread with ${comments}`);
    for (let index = 0; index < comments; index += 1) {
      const author = members[index % members.length];
      const response = await cms.http.post(`${thread(discussionId)}/comments`).set(author.auth).send({ body: `Comment ${index}` });
      for (let reply = 0; reply < repliesEach; reply += 1) {
        await cms.http.post(`${thread(discussionId)}/comments`).set(members[(index + reply + 1) % members.length].auth).send({ body: `Reply ${reply}`, parentId: response.body.data.id });
      }
      await cms.http.post(`${thread(discussionId)}/comments/${response.body.data.id}/like`).set(manager.auth);
    }
    return discussionId;
  }

  it('a page of comments, a discussion list and the moderation queue each take a fixed number of queries', async () => {
    const small = await threadWith(2, 1);
    const large = await threadWith(20, 4);
    const viewer = members[0];
    const read = (id: number) => async () => {
      const response = await cms.http.get(`${thread(id)}/comments?limit=20`).set(viewer.auth);
      expect(response.status).toBe(200);
    };
    await read(small)(); // warm-up: first requests load things once
    const smallQueries = await countQueries(read(small));
    const largeQueries = await countQueries(read(large));
    expect(largeQueries).toBe(smallQueries);
    // And it is small: eight are Strapi's own sign-in checks (token, session, user, role,
    // permissions); the forum's are workspace, standing, thread, comments, replies, count, authors.
    expect(smallQueries).toBeLessThanOrEqual(16);

    const mine = (id: number) => async () => {
      expect((await cms.http.get(`${thread(id)}/comments/mine`).set(viewer.auth)).status).toBe(200);
    };
    expect(await countQueries(mine(large))).toBe(await countQueries(mine(small)));

    const list = async () => {
      expect((await cms.http.get(forumApi(`/workspaces/${slug}/discussions?pageSize=50`)).set(viewer.auth)).status).toBe(200);
    };
    const before = await countQueries(list);
    await startDiscussion(cms, manager, slug, 'One more card');
    await threadWith(3, 0);
    expect(await countQueries(list)).toBe(before);

    const report = async (count: number) => {
      const target = await threadWith(count, 0);
      const rows = await cms.strapi.db.query('plugin::forum.comment').findMany({ select: ['id'], where: { subjectRef: String(target), subjectType: 'discussion' } });
      for (const row of rows) await cms.http.post(`${thread(target)}/comments/${row.id}/report`).set(manager.auth).send({ reason: 'Check this' });
    };
    const queue = async () => {
      expect((await cms.http.get(forumApi(`/workspaces/${slug}/moderation?pageSize=50`)).set(manager.auth)).status).toBe(200);
    };
    await report(1);
    const queueBefore = await countQueries(queue);
    await report(6);
    expect(await countQueries(queue)).toBe(queueBefore);
  }, 120_000);
});
