import { describe, expect, it } from 'vitest';
import { CmsRequestError } from '../cms/http.ts';
import type { MemberCms } from '../cms/member-client.ts';
import { forgetForum, getComments, getMine, postComment, workspaceReader } from './api.ts';
import { actionHref, loadThread, peekThreadForm, threadPost, viewHref } from './thread-page.ts';
import type { ThreadRef } from './threads.ts';

/** A CMS that answers from a table of paths and counts what it was asked. */
function fakeCms(answers: Record<string, unknown | (() => unknown)> = {}) {
  const calls: string[] = [];
  const answer = async (method: string, path: string, body?: unknown) => {
    calls.push(`${method} ${path}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`);
    const key = Object.keys(answers).find((candidate) => `${method} ${path}`.startsWith(candidate));
    if (!key) throw new Error(`unexpected ${method} ${path}`);
    const value = answers[key];
    return typeof value === 'function' ? (value as () => unknown)() : value;
  };
  return {
    calls,
    get: (path: string) => answer('GET', path),
    post: (path: string, body?: unknown) => answer('POST', path, body),
    put: (path: string, body?: unknown) => answer('PUT', path, body),
    patch: (path: string, body?: unknown) => answer('PATCH', path, body),
    delete: (path: string) => answer('DELETE', path),
  } as unknown as MemberCms & { calls: string[] };
}

const comment = (id: number) => ({
  id,
  parentId: null,
  author: { id: 8, name: 'Bob Jones', jobTitle: null, organisation: null },
  createdAt: '2026-11-20T10:05:00.000Z',
  editedAt: null,
  state: 'visible',
  removedBy: null,
  body: 'Hello',
  likeCount: 0,
  replyCount: 0,
  replies: [],
});
const page = (ids: number[], nextCursor: string | null = null) => ({
  data: ids.map(comment),
  meta: { thread: { kind: 'discussion', title: 'T', locked: false, commentCount: ids.length }, nextCursor, total: ids.length },
});
const canView = { canView: true, standing: 'member', canPost: true, canManage: false } as const;

let run = 0;
/** A workspace of its own per test: the caches are process-wide. */
function thread(): ThreadRef & { kind: 'discussion' } {
  run++;
  return { kind: 'discussion', workspace: `ws-${run}-${Date.now()}`, id: 12 };
}
const T = (ref: { workspace: string }) => `/api/forum/workspaces/${ref.workspace}/discussions/12`;

describe('forum caches', () => {
  it('give no reader to someone the CMS has not let view the workspace', () => {
    const cms = fakeCms();
    expect(workspaceReader({ viewer: null, cms }, 'x', canView)).toBeNull();
    expect(workspaceReader({ viewer: { id: '1' }, cms }, 'x', { ...canView, canView: false })).toBeNull();
    expect(workspaceReader({ viewer: { id: '1' }, cms }, 'x', undefined)).toBeNull();
  });

  it('share one comment page between readers, and drop it after a write through the site', async () => {
    const ref = thread();
    const cms = fakeCms({ [`GET ${T(ref)}/comments?sort=newest`]: page([3, 2, 1]), [`POST ${T(ref)}/comments`]: { data: { id: 4 } } });
    const first = workspaceReader({ viewer: { id: '1' }, cms }, ref.workspace, canView)!;
    const second = workspaceReader({ viewer: { id: '2' }, cms }, ref.workspace, canView)!;
    expect((await getComments(first, ref, { sort: 'newest' })).comments.map((c) => c.id)).toEqual([3, 2, 1]);
    await getComments(second, ref, { sort: 'newest' });
    expect(cms.calls.filter((call) => call.startsWith('GET'))).toHaveLength(1);

    await postComment(cms, ref, { body: 'New', submissionKey: 'k1' });
    await getComments(second, ref, { sort: 'newest' });
    expect(cms.calls.filter((call) => call.startsWith('GET'))).toHaveLength(2);
  });

  it('keeps each viewer’s own facts apart, and drops them when the workspace’s forum changes', async () => {
    const ref = thread();
    let liked = [1];
    const cms = fakeCms({ [`GET ${T(ref)}/comments/mine`]: () => ({ data: { liked, hidden: [] } }) });
    const alice = workspaceReader({ viewer: { id: '1' }, cms }, ref.workspace, canView)!;
    const bob = workspaceReader({ viewer: { id: '2' }, cms }, ref.workspace, canView)!;
    expect((await getMine(alice, ref)).liked).toEqual([1]);
    liked = [];
    expect((await getMine(bob, ref)).liked).toEqual([]);
    expect((await getMine(alice, ref)).liked).toEqual([1]);
    forgetForum(ref);
    expect((await getMine(alice, ref)).liked).toEqual([]);
  });

  it('asks again what a viewer may do once their standing changes (joining, a promotion), not 15 s later', async () => {
    const ref = thread();
    const member = { like: true, report: true, reply: true, edit: false, delete: false, hide: false };
    let can: Record<string, typeof member> = { 5: { ...member, like: false, report: false, reply: false } };
    const cms = fakeCms({ [`GET ${T(ref)}/comments/mine`]: () => ({ data: { liked: [], hidden: [], can } }) });
    const reader = (access: { standing: 'none' | 'member'; canPost: boolean }) =>
      workspaceReader({ viewer: { id: '1' }, cms }, ref.workspace, { canView: true, canManage: false, ...access })!;
    expect((await getMine(reader({ standing: 'none', canPost: false }), ref, [5])).can['5'].reply).toBe(false);
    can = { 5: member };
    // The same standing: the cached answer.
    expect((await getMine(reader({ standing: 'none', canPost: false }), ref, [5])).can['5'].reply).toBe(false);
    // Joined: the access answer says so at once, and so does the viewer's own answer.
    expect((await getMine(reader({ standing: 'member', canPost: true }), ref, [5])).can['5'].reply).toBe(true);
    expect(cms.calls).toHaveLength(2);
  });
});

describe('loadThread', () => {
  it('pages by cursor and opens the panel the address names', async () => {
    const ref = thread();
    const cms = fakeCms({
      [`GET ${T(ref)}/comments?sort=oldest&limit=20&after=c1`]: page([21, 22]),
      [`GET ${T(ref)}/comments/mine`]: { data: { liked: [], hidden: [] } },
      [`GET ${T(ref)}/comments/21/likes`]: { data: [{ id: 3, name: 'Cara Lee', jobTitle: null, organisation: null }] },
    });
    const reader = workspaceReader({ viewer: { id: '1' }, cms }, ref.workspace, canView)!;
    const view = (await loadThread(reader, ref, new URL(`http://site.test/x?sort=oldest&after=c1&likes=21`)))!;
    expect(view.list?.comments.map((c) => c.id)).toEqual([21, 22]);
    expect(view.focus).toEqual({ param: 'likes', id: 21 });
    expect(view.focusComment?.id).toBe(21);
    expect(view.likers?.map((person) => person.name)).toEqual(['Cara Lee']);
  });

  it('turns a refused cursor into an offer of the first comments', async () => {
    const ref = thread();
    const cms = fakeCms({
      [`GET ${T(ref)}/comments?sort=newest&limit=20&after=bad`]: () => {
        throw new CmsRequestError('x', 'p', 400, 'This "show more" link is not valid: go back to the first comments', []);
      },
      [`GET ${T(ref)}/comments/mine`]: { data: { liked: [], hidden: [] } },
    });
    const reader = workspaceReader({ viewer: { id: '1' }, cms }, ref.workspace, canView)!;
    const view = (await loadThread(reader, ref, new URL('http://site.test/x?after=bad')))!;
    expect(view.badCursor).toContain('not valid');
  });
});

describe('threadPost', () => {
  function context(fields: Record<string, string>, cms: ReturnType<typeof fakeCms>, url = 'http://site.test/workspaces/w/discussions/12?sort=oldest&edit=5') {
    const cookies = new Map<string, string>();
    const request = new Request(url, { method: 'POST', body: new URLSearchParams(fields) });
    return {
      cookies,
      context: {
        request,
        url: new URL(url),
        cookies: {
          get: (name: string) => (cookies.has(name) ? { value: cookies.get(name)! } : undefined),
          set: (name: string, value: string) => void cookies.set(name, value),
          delete: (name: string) => void cookies.delete(name),
          headers: () => [][Symbol.iterator](),
        },
        locals: { viewer: { id: '7', profileComplete: true }, cms },
        clientAddress: '127.0.0.1',
      } as never,
    };
  }

  it('posts a comment once per submission key and goes back to the first page of the same sort', async () => {
    const ref = thread();
    const cms = fakeCms({ [`POST ${T(ref)}/comments`]: { data: { id: 41 } } });
    const { context: ctx, cookies } = context({ intent: 'comment', body: ' Hello ', submissionKey: 'abc-123' }, cms, 'http://site.test/d?sort=oldest&after=zz');
    const response = (await threadPost(ctx, await (ctx as { request: Request }).request.formData(), ref)) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/d?sort=oldest#comment-41');
    expect(cms.calls[0]).toBe(`POST ${T(ref)}/comments {"body":"Hello","submissionKey":"abc-123"}`);
    expect(cookies.size).toBe(1);
  });

  it('keeps what was typed and reopens the form when the comment is empty or refused', async () => {
    const ref = thread();
    const cms = fakeCms({
      [`PUT ${T(ref)}/comments/5`]: () => {
        throw new CmsRequestError('x', 'p', 429, 'Too many posts. Try again in 3 minutes', []);
      },
    });
    const empty = context({ intent: 'edit', comment: '5', 'edit-body': '   ' }, cms);
    const blank = await threadPost(empty.context, await (empty.context as { request: Request }).request.formData(), ref);
    expect(blank).toMatchObject({ status: 400, errors: { 'edit-body': 'Enter your comment' }, reopen: { param: 'edit', id: 5 } });
    const limited = context({ intent: 'edit', comment: '5', 'edit-body': 'Changed' }, cms);
    const refused = await threadPost(limited.context, await (limited.context as { request: Request }).request.formData(), ref);
    expect(refused).toMatchObject({ status: 429, errors: { 'edit-body': 'Too many posts. Try again in 3 minutes' }, values: { 'edit-body': 'Changed' } });
  });

  it('shows the CMS’s refusal of a like beside the comment', async () => {
    const ref = thread();
    const cms = fakeCms({
      [`POST ${T(ref)}/comments/5/like`]: () => {
        throw new CmsRequestError('x', 'p', 403, 'You cannot like your own comment', []);
      },
    });
    const { context: ctx } = context({ intent: 'like', comment: '5' }, cms);
    expect(await threadPost(ctx, await (ctx as { request: Request }).request.formData(), ref)).toMatchObject({ status: 403, errors: { 'like-5': 'You cannot like your own comment' } });
  });
});

describe('addresses', () => {
  it('keep the view and drop any open form', () => {
    const url = new URL('http://site.test/d?sort=liked&after=c2&edit=4&report=5');
    expect(viewHref(url)).toBe('/d?sort=liked&after=c2');
    expect(actionHref(url, 'delete', 9)).toBe('/d?sort=liked&after=c2&delete=9#comment-9');
  });

  it('only thread forms are taken from the page’s other forms', async () => {
    const post = (fields: Record<string, string>) => new Request('http://site.test/', { method: 'POST', body: new URLSearchParams(fields) });
    expect(await peekThreadForm(post({ intent: 'join' }))).toBeNull();
    const request = post({ intent: 'comment', body: 'x' });
    expect((await peekThreadForm(request))?.get('body')).toBe('x');
    // The request itself is still unread for the page's own forms.
    expect((await request.formData()).get('intent')).toBe('comment');
  });
});
