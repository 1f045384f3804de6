import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CommentAbilities } from '@futurenhs/contract';
import type { ForumComment } from '@futurenhs/contract';
import { commentContext, NO_OUTCOME, type ThreadOutcome, type ThreadPermissions, type ThreadView } from '../../lib/forum/thread-page.ts';
import CommentThread from './CommentThread.astro';
import WorkspaceNavigation from '../WorkspaceNavigation.astro';
import DiscussionCardItem from './DiscussionCardItem.astro';
import PageCommentsToggle from './PageCommentsToggle.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const locals = { viewer: { id: '7' }, csrfToken: 'tok' } as unknown as App.Locals;
const base = 'http://site.test/workspaces/chief-nurses/discussions/12';
const alice = { id: 7, name: 'Alice Smith', jobTitle: 'Ward Sister', organisation: 'Leeds Teaching Hospitals' };
const bob = { id: 8, name: 'Bob Jones', jobTitle: 'Charge Nurse', organisation: null };

function comment(id: number, overrides: Partial<ForumComment> = {}): ForumComment {
  return {
    id,
    parentId: null,
    author: bob,
    createdAt: '2026-11-20T10:05:00.000Z',
    editedAt: null,
    state: 'visible',
    removedBy: null,
    body: `Comment number ${id} with **bold**`,
    likeCount: 0,
    replyCount: 0,
    replies: [],
    ...overrides,
  };
}

const member: ThreadPermissions = { canPost: true, canModerate: false, locked: false };

/**
 * The CMS's `can` for viewer 7 (Alice) on these comments, as its rule answers it (the rule and its
 * answers for every actor are tested in cms/tests/forum-access.test.ts); the views show only this.
 */
function answeredCan(comments: ForumComment[], permissions: ThreadPermissions): Record<string, CommentAbilities> {
  const can: Record<string, CommentAbilities> = {};
  for (const shown of comments.flatMap((comment) => [comment, ...comment.replies])) {
    const own = shown.author?.id === 7;
    const open = !permissions.locked && shown.state === 'visible';
    const takesPart = open && permissions.canPost;
    can[shown.id] = {
      like: takesPart && !own,
      report: takesPart && !own,
      reply: takesPart && shown.parentId === null,
      edit: open && own,
      delete: open && (own || permissions.canModerate),
      hide: permissions.canModerate && shown.state !== 'removed',
    };
  }
  return can;
}

async function render(
  comments: ForumComment[],
  {
    url = base,
    permissions = member,
    mine: given = { liked: [] as number[], hidden: [] as { id: number; reason: string }[] },
    outcome = NO_OUTCOME as ThreadOutcome,
    view: extra = {} as Partial<ThreadView>,
  } = {},
) {
  const address = new URL(url);
  const mine = { ...given, can: answeredCan([...comments, ...(extra.focusComment ? [extra.focusComment] : [])], permissions) };
  const view: ThreadView = {
    mode: 'list',
    sort: 'newest',
    after: null,
    list: { comments, thread: { kind: 'discussion', title: 'T', locked: permissions.locked, commentCount: comments.length }, nextCursor: 'abc_-1', total: comments.length },
    replies: null,
    badCursor: null,
    mine,
    focus: null,
    focusComment: null,
    likers: null,
    ...extra,
  };
  return container.renderToString(CommentThread, {
    props: { view, context: commentContext(view, address, '7', permissions, outcome), total: comments.length },
    locals,
    request: new Request(url),
  });
}

describe('CommentThread', () => {
  it('shows each comment with its author, role, time, sanitized body and likes, and forms to act on it', async () => {
    const html = await render([comment(1, { likeCount: 2, editedAt: '2026-11-20T11:00:00.000Z' })]);
    expect(html).toContain('Bob Jones');
    expect(html).toContain('Charge Nurse');
    expect(html).toMatch(/<time datetime="2026-11-20T10:05:00.000Z">20 November 2026 at 10:05am<\/time>/);
    expect(html).toContain('(edited');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('2 likes');
    expect(html).toContain('href="/workspaces/chief-nurses/discussions/12?likes=1#comment-1"');
    expect(html).toContain('name="intent" value="like"');
    expect(html).toContain('name="intent" value="comment"');
    expect(html).toContain('name="_csrf" value="tok"');
    expect(html).toMatch(/name="submissionKey" value="[A-Za-z0-9_-]{16,}"/);
    expect(html).toContain('?report=1#comments');
    // Not the viewer's: no edit, and a member may not delete it.
    expect(html).not.toContain('?edit=1');
    expect(html).not.toContain('?delete=1');
  });

  it('offers "Show more comments" as a plain link with the cursor and sort', async () => {
    const html = await render([comment(1)], { url: `${base}?sort=oldest`, view: { sort: 'oldest' } });
    expect(html).toContain('href="/workspaces/chief-nurses/discussions/12?sort=oldest&amp;after=abc_-1#comments">Show more comments');
  });

  it('lets authors edit and delete their own comment, never like it, and shows Unlike for liked comments', async () => {
    const html = await render([comment(1, { author: alice }), comment(2)], { mine: { liked: [2], hidden: [] } });
    expect(html).toContain('?edit=1#comment-1');
    expect(html).toContain('?delete=1#comments');
    expect(html).not.toMatch(/value="like">\s*<input type="hidden" name="comment" value="1"/);
    expect(html).toMatch(/name="intent" value="unlike"><input type="hidden" name="comment" value="2">/);
  });

  it('shows placeholders for removed and hidden comments, and tells the author why theirs was hidden', async () => {
    const html = await render([
      comment(1, { state: 'removed', body: null, removedBy: 'author', replyCount: 1, replies: [comment(5, { parentId: 1, body: 'A reply still readable' })] }),
      comment(2, { state: 'hidden', body: null }),
      comment(3, { state: 'hidden', body: null, author: alice }),
    ], { mine: { liked: [], hidden: [{ id: 3, reason: 'Personal details' }] } });
    expect(html).toContain('Comment removed');
    expect(html).toContain('A reply still readable');
    expect(html).toContain('This comment was hidden by a moderator');
    expect(html).toContain('Your comment was hidden by a moderator. Reason: Personal details');
  });

  it('shows the first replies and a link to all of them, one level deep', async () => {
    const replies = [comment(11, { parentId: 1 }), comment(12, { parentId: 1 }), comment(13, { parentId: 1 })];
    const html = await render([comment(1, { replyCount: 5, replies })]);
    expect(html).toContain('Show all 5 replies');
    expect(html).toContain('?replies=1#comment-1');
    expect(html).not.toContain('?reply=11');
  });

  it('opens the edit and reply forms inline, keeping what was typed and the error', async () => {
    const edit = await render([comment(1, { author: alice })], {
      url: `${base}?edit=1`,
      outcome: { status: 400, errors: { 'edit-body': 'Enter your comment' }, values: { 'edit-body': '' }, reopen: { param: 'edit', id: 1 } },
      view: { focus: { param: 'edit', id: 1 } },
    });
    expect(edit).toContain('id="edit-body"');
    expect(edit).toContain('Enter your comment');
    const reply = await render([comment(1)], {
      url: `${base}?reply=1`,
      outcome: { status: 400, errors: {}, values: { 'reply-body': 'Half a reply' }, reopen: null },
      view: { focus: { param: 'reply', id: 1 } },
    });
    expect(reply).toContain('name="parentId" value="1"');
    expect(reply).toContain('>Half a reply</textarea>');
  });

  it('shows the delete confirmation and who liked a comment in place of the list', async () => {
    const target = comment(1, { author: alice });
    const remove = await render([target, comment(2)], { url: `${base}?delete=1`, view: { focus: { param: 'delete', id: 1 }, focusComment: target } });
    expect(remove).toContain('Are you sure you want to delete this comment?');
    expect(remove).toContain('name="intent" value="delete"');
    expect(remove).not.toContain('Comment number 2');
    const likes = await render([target], { url: `${base}?likes=1`, view: { focus: { param: 'likes', id: 1 }, focusComment: target, likers: [bob] } });
    expect(likes).toContain('People who liked this comment');
    expect(likes).toContain('Bob Jones');
  });

  it('on a locked discussion says so and offers no forms', async () => {
    const html = await render([comment(1, { author: alice }), comment(2)], { permissions: { canPost: false, canModerate: false, locked: true } });
    expect(html).toContain('This discussion is locked');
    expect(html).not.toContain('method="post"');
  });

  it('escapes hostile bodies and keeps link rel', async () => {
    const html = await render([comment(1, { body: 'Hi <script>alert(1)</script>\n\n[x](https://evil.example)\n\n# Heading' })]);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('rel="nofollow ugc noopener"');
    expect(html).toContain('<p><strong>Heading</strong></p>');
  });
});

describe('DiscussionCardItem', () => {
  it('shows the title, author, count, latest comment, and marks pinned discussions', async () => {
    const html = await container.renderToString(DiscussionCardItem, {
      props: {
        slug: 'chief-nurses',
        discussion: {
          id: 12,
          title: 'Safe staffing',
          author: alice,
          createdAt: '2026-11-20T10:05:00.000Z',
          pinned: true,
          locked: false,
          commentCount: 3,
          lastActivityAt: '2026-11-21T10:05:00.000Z',
          lastComment: { id: 4, author: bob, createdAt: '2026-11-21T10:05:00.000Z', excerpt: 'Agreed with the plan' },
        },
      },
    });
    expect(html).toContain('href="/workspaces/chief-nurses/discussions/12"');
    expect(html).toContain('Pinned');
    expect(html).toContain('Alice Smith');
    expect(html).toContain('3 comments');
    expect(html).toContain('Agreed with the plan');
  });
});

describe('WorkspaceNavigation', () => {
  it('links readers to the discussions, marked current on the forum pages', async () => {
    const items = [{ title: 'Home', href: '/workspaces/chief-nurses', current: false }];
    const html = await container.renderToString(WorkspaceNavigation, {
      props: { items, workspaceTitle: 'Chief Nurses', slug: 'chief-nurses', showMembers: true, showDiscussions: true, current: 'discussions' },
    });
    expect(html).toContain('<span aria-current="page">Discussions</span>');
    expect(html).toContain('href="/workspaces/chief-nurses/members"');
    const outsider = await container.renderToString(WorkspaceNavigation, { props: { items, workspaceTitle: 'Chief Nurses', slug: 'chief-nurses', showMembers: true } });
    expect(outsider).not.toContain('/discussions"');
  });
});

describe('PageCommentsToggle', () => {
  it('offers managers the switch that fits the page, as a form with its CSRF field', async () => {
    const off = await container.renderToString(PageCommentsToggle, { props: { enabled: false }, locals, request: new Request(base) });
    expect(off).toContain('name="intent" value="comments-on"');
    expect(off).toContain('Turn comments on for this page');
    expect(off).toContain('name="_csrf" value="tok"');
    const on = await container.renderToString(PageCommentsToggle, { props: { enabled: true, error: 'You do not have permission to do this in this workspace' }, locals, request: new Request(base) });
    expect(on).toContain('Turn comments off for this page');
    expect(on).toContain('nhsuk-error-message');
  });
});
