import { beforeAll, describe, expect, it } from 'vitest';
import { CmsRequestError } from '../cms/http.ts';
import { hideReasonField, MODERATION_ERROR, moderationPost } from './actions.ts';
import { moderate, moderationQueue } from './api.ts';
import { reportedItem } from './fixtures.ts';
import { moderationItemSchema } from '@futurenhs/contract';

/**
 * The moderation queue's calls and form handler with a stand-in CMS: what is sent where, and how
 * the page's refusals and the CMS's come back to the form.
 */
beforeAll(() => {
  process.env.SESSION_SECRET ??= 's'.repeat(40);
});


function context(search: string, fields: Record<string, string> | null, refuse?: (path: string) => CmsRequestError | undefined) {
  const sent: { method: string; path: string; body?: unknown }[] = [];
  const cookies = new Map<string, string>();
  const url = new URL(`http://site.test/workspaces/virtual-wards/manage/moderation${search}`);
  const send = async (method: string, path: string, body?: unknown) => {
    const refusal = refuse?.(path);
    if (refusal) throw refusal;
    sent.push({ method, path, body });
    if (method === 'GET') return { data: [reportedItem], meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 1 } } };
    return { data: { ok: true, message: 'Done' } };
  };
  return {
    sent,
    cookies,
    page: {
      request: fields ? new Request(url, { method: 'POST', body: new URLSearchParams(fields) }) : new Request(url),
      url,
      clientAddress: '10.0.0.1',
      cookies: {
        get: (name: string) => (cookies.has(name) ? { value: cookies.get(name)! } : undefined),
        set: (name: string, value: string) => void cookies.set(name, value),
        delete: (name: string) => void cookies.delete(name),
      },
      locals: {
        viewer: { id: '5' },
        cms: { get: (path: string) => send('GET', path), post: (path: string, body?: unknown) => send('POST', path, body) },
      },
    } as never,
  };
}

describe('moderation API calls', () => {
  it('lists a queue by state and page, the slug encoded', async () => {
    const { page, sent } = context('', null);
    const queue = await moderationQueue((page as { locals: { cms: never } }).locals.cms, 'virtual wards', 'hidden', 2);
    expect(sent).toEqual([{ method: 'GET', path: '/api/forum/workspaces/virtual%20wards/moderation?state=hidden&page=2&pageSize=20', body: undefined }]);
    expect(queue.items[0].comment.id).toBe(301);
    expect(queue.pagination).toEqual({ page: 1, pageSize: 20, pageCount: 1, total: 1 });
  });

  it('hides with a reason; restores and dismisses with nothing else', async () => {
    const { page, sent } = context('', null);
    const cms = (page as { locals: { cms: never } }).locals.cms;
    await moderate(cms, 'w', 301, { kind: 'hide', reason: 'Advertising' });
    await moderate(cms, 'w', 301, { kind: 'restore' });
    await moderate(cms, 'w', 301, { kind: 'dismiss' });
    expect(sent.map(({ path, body }) => [path, body])).toEqual([
      ['/api/forum/workspaces/w/moderation/301/hide', { reason: 'Advertising' }],
      ['/api/forum/workspaces/w/moderation/301/restore', {}],
      ['/api/forum/workspaces/w/moderation/301/dismiss', {}],
    ]);
  });

  it('refuses a thread link that leaves the site', () => {
    for (const sitePath of ['javascript:alert(1)', '//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      expect(moderationItemSchema.safeParse({ ...reportedItem, thread: { ...reportedItem.thread, sitePath } }).success, sitePath).toBe(false);
    }
    expect(moderationItemSchema.parse(reportedItem).comment.author?.name).toBe('Sam Lee');
    expect(moderationItemSchema.parse({ ...reportedItem, comment: { ...reportedItem.comment, author: null } }).comment.author).toBeNull();
  });
});

describe('moderationPost', () => {
  it('a GET changes nothing', async () => {
    const { page, sent } = context('', null);
    expect(await moderationPost(page, 'w')).toEqual({ status: 200, errors: {}, values: {} });
    expect(sent).toEqual([]);
  });

  it('hides a comment with the reason given, then redirects back to the same queue with a banner', async () => {
    const { page, sent, cookies } = context('?state=open&page=2', { intent: 'hide', comment: '301', [hideReasonField(301)]: '  Advertising a private service  ' });
    const response = (await moderationPost(page, 'virtual-wards')) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/workspaces/virtual-wards/manage/moderation?state=open&page=2');
    expect(sent).toEqual([{ method: 'POST', path: '/api/forum/workspaces/virtual-wards/moderation/301/hide', body: { reason: 'Advertising a private service' } }]);
    expect(cookies.get('fnhs_flash')).toBeTruthy();
    expect(JSON.parse(Buffer.from(cookies.get('fnhs_flash')!, 'base64url').toString())).toEqual({ success: 'Comment hidden. Its author has been told why' });
  });

  it('hiding needs a reason of at most 500 characters: the form comes back with the error beside the field', async () => {
    for (const reason of ['', '   ', 'x'.repeat(501)]) {
      const { page, sent } = context('', { intent: 'hide', comment: '301', [hideReasonField(301)]: reason });
      const outcome = await moderationPost(page, 'w');
      expect(outcome).toMatchObject({ status: 400, values: { 'reason-301': reason } });
      expect((outcome as { errors: Record<string, string> }).errors['reason-301']).toMatch(reason.length > 500 ? /500 characters or fewer/ : /Enter the reason/);
      expect(sent).toEqual([]);
    }
  });

  it('dismisses and restores without a reason', async () => {
    for (const intent of ['dismiss', 'restore']) {
      const { page, sent } = context('', { intent, comment: '301' });
      expect(((await moderationPost(page, 'w')) as Response).status).toBe(303);
      expect(sent[0].path).toBe(`/api/forum/workspaces/w/moderation/301/${intent}`);
    }
  });

  it('refuses anything but a known action on a comment id', async () => {
    for (const fields of [{ intent: 'delete', comment: '301' }, { intent: 'hide', comment: '../1' }, { intent: 'restore' }] as Record<string, string>[]) {
      const { page, sent } = context('', fields);
      expect(await moderationPost(page, 'w')).toEqual({ status: 400, errors: { [MODERATION_ERROR]: 'Choose what you want to do with a comment' }, values: {} });
      expect(sent).toEqual([]);
    }
  });

  it('shows the CMS’s refusal: its reason field error beside the field, anything else above the queue', async () => {
    const tooLong = () => new CmsRequestError('Bad', '/api', 400, 'Validation error', [{ field: 'reason', message: 'reason must be at most 500 characters' }]);
    const { page } = context('', { intent: 'hide', comment: '301', [hideReasonField(301)]: 'Because' }, tooLong);
    expect(await moderationPost(page, 'w')).toEqual({ status: 400, errors: { 'reason-301': 'Reason must be at most 500 characters' }, values: { 'reason-301': 'Because' } });

    const demoted = () => new CmsRequestError('Forbidden', '/api', 403, 'Forbidden', []);
    const { page: former } = context('', { intent: 'restore', comment: '301' }, demoted);
    expect(await moderationPost(former, 'w')).toEqual({ status: 400, errors: { [MODERATION_ERROR]: 'You can no longer moderate this workspace' }, values: {} });

    const gone = () => new CmsRequestError('Not Found', '/api', 404, 'Not Found', []);
    const { page: other } = context('', { intent: 'dismiss', comment: '301' }, gone);
    expect(await moderationPost(other, 'w')).toEqual({ status: 400, errors: { [MODERATION_ERROR]: 'Not Found' }, values: {} });
  });
});
