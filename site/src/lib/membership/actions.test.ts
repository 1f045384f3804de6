import { beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../cms/accounts.ts';
import { CmsRequestError } from '../cms/http.ts';
import { createRateLimiter, RATE_LIMITS } from '../rate-limit.ts';
import { manageMembersPost, MEMBERSHIP_ERROR, membershipPost } from './actions.ts';
import type { ResolvedWorkspace } from './workspace.ts';

/**
 * The membership forms' handlers with a stand-in CMS: what they send, and how refusals (the
 * site's rate limit, the CMS's own limit, its "last manager" rule) come back to the page.
 */
beforeAll(() => {
  process.env.SESSION_SECRET ??= 's'.repeat(40);
});

const viewer: Viewer = { id: '5', email: 'p@nhs.net', firstName: 'Priya', lastName: 'Shah', jobTitle: 'Lead', organisation: 'NHS', bio: '', profileComplete: true, photoUrl: null, memberships: [] };
const resolved: ResolvedWorkspace & { viewer: Viewer } = {
  workspace: { documentId: 'w', slug: 'nurses', title: 'Nurses', summary: '', visibility: 'restricted' },
  access: { standing: 'manager', canFind: true, canView: true, canPost: true, canManage: true },
  viewer,
};

function context(path: string, fields: Record<string, string>, refuse?: (path: string) => CmsRequestError | undefined) {
  const sent: { method: string; path: string; body?: unknown }[] = [];
  const cookies = new Map<string, string>();
  const send = async (method: string, target: string, body?: unknown) => {
    const refusal = refuse?.(target);
    if (refusal) throw refusal;
    sent.push({ method, path: target, body });
    return { data: { ok: true } };
  };
  const url = new URL(`http://site.test${path}`);
  return {
    sent,
    cookies,
    page: {
      request: new Request(url, { method: 'POST', body: new URLSearchParams(fields) }),
      url,
      clientAddress: '10.0.0.1',
      cookies: {
        get: (name: string) => (cookies.has(name) ? { value: cookies.get(name)! } : undefined),
        set: (name: string, value: string) => void cookies.set(name, value),
        delete: (name: string) => void cookies.delete(name),
      },
      locals: {
        viewer,
        session: { accessToken: () => 'token' },
        cms: {
          get: (target: string) => send('GET', target),
          post: (target: string, body?: unknown) => send('POST', target, body),
          put: (target: string, body?: unknown) => send('PUT', target, body),
          patch: (target: string, body?: unknown) => send('PATCH', target, body),
          delete: (target: string, body?: unknown) => send('DELETE', target, body),
        },
      },
    } as never,
  };
}

const refusal = (status: number, reason: string) => () => new CmsRequestError(reason, '/api', status, reason, []);

describe('inviting', () => {
  it('sends one address, then redirects with the success message', async () => {
    const { page, sent, cookies } = context('/workspaces/nurses/manage/members', { intent: 'invite', email: ' New.Person@nhs.net ' });
    const response = await manageMembersPost(page, resolved);
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(303);
    expect(sent).toEqual([{ method: 'POST', path: '/api/membership/workspaces/nurses/invitations', body: { email: 'New.Person@nhs.net' } }]);
    expect(cookies.has('fnhs_flash')).toBe(true);
  });

  it('refuses a list of addresses without asking the CMS, keeping what was typed', async () => {
    const { page, sent } = context('/workspaces/nurses/manage/members', { intent: 'invite', email: 'a@nhs.net, b@nhs.net' });
    const outcome = await manageMembersPost(page, resolved);
    expect(outcome).toMatchObject({ status: 400, values: { email: 'a@nhs.net, b@nhs.net' } });
    expect(sent).toEqual([]);
  });

  it('stops a manager over the site’s limit before the CMS is asked', async () => {
    const limiter = createRateLimiter({ limits: { ...RATE_LIMITS, 'invitation-viewer': { points: 2, duration: 3600 } } });
    for (let attempt = 0; attempt < 2; attempt++) {
      const { page } = context('/workspaces/nurses/manage/members', { intent: 'invite', email: `p${attempt}@nhs.net` });
      expect(await manageMembersPost(page, resolved, { limiter })).toBeInstanceOf(Response);
    }
    const { page, sent } = context('/workspaces/nurses/manage/members', { intent: 'invite', email: 'p3@nhs.net' });
    const outcome = await manageMembersPost(page, resolved, { limiter });
    expect(outcome).toMatchObject({ status: 429, errors: { email: expect.stringMatching(/^Too many attempts. Try again in \d+ minutes?$/) } });
    expect(sent).toEqual([]);
  });

  it('shows the CMS’s own limit as it says it', async () => {
    const { page } = context('/workspaces/nurses/manage/members', { intent: 'invite', email: 'p@nhs.net' }, refusal(429, 'Too many attempts. Try again in 12 minutes'));
    expect(await manageMembersPost(page, resolved)).toMatchObject({ status: 429, errors: { email: 'Too many attempts. Try again in 12 minutes' } });
  });
});

describe('managing members', () => {
  it('rejects with the optional reason, and reports a reason that is too long on its own field', async () => {
    const { page, sent } = context('/workspaces/nurses/manage/members', { intent: 'reject', member: '9', 'reason-9': 'Not a nurse' });
    await manageMembersPost(page, resolved);
    expect(sent).toEqual([{ method: 'POST', path: '/api/membership/workspaces/nurses/members/9/reject', body: { reason: 'Not a nurse' } }]);
    const long = context('/workspaces/nurses/manage/members', { intent: 'reject', member: '9', 'reason-9': 'x'.repeat(501) });
    expect(await manageMembersPost(long.page, resolved)).toMatchObject({ status: 400, errors: { 'reason-9': expect.stringContaining('500 characters') } });
    expect(long.sent).toEqual([]);
  });

  it('shows the last-manager refusal for the error summary', async () => {
    const { page } = context('/workspaces/nurses/manage/members', { intent: 'demote', member: '5' }, refusal(400, 'The last manager of a workspace cannot be demoted: make another member a manager first'));
    expect(await manageMembersPost(page, resolved)).toMatchObject({ status: 400, errors: { [MEMBERSHIP_ERROR]: expect.stringContaining('last manager') } });
  });

  it('refuses an action it does not know, or a member id that is not one', async () => {
    for (const fields of [{ intent: 'delete-everyone', member: '9' }, { intent: 'remove', member: '../../me' }]) {
      const { page, sent } = context('/workspaces/nurses/manage/members', fields);
      expect(await manageMembersPost(page, resolved)).toMatchObject({ status: 400 });
      expect(sent).toEqual([]);
    }
  });
});

describe('answering an invitation from the workspace page', () => {
  it('accepts or declines the viewer’s own invitation, without the mailed token', async () => {
    const accept = context('/workspaces/nurses', { intent: 'accept' });
    expect(((await membershipPost(accept.page, resolved)) as Response).status).toBe(303);
    expect(accept.sent).toEqual([{ method: 'POST', path: '/api/membership/workspaces/nurses/invitation/accept', body: {} }]);
    const decline = context('/workspaces/secret', { intent: 'decline' });
    const response = (await membershipPost(decline.page, { ...resolved, workspace: { ...resolved.workspace, slug: 'secret', visibility: 'hidden' } })) as Response;
    expect(decline.sent).toEqual([{ method: 'POST', path: '/api/membership/workspaces/secret/invitation/decline', body: {} }]);
    expect(response.headers.get('location')).toBe('/workspaces');
  });
});

describe('leaving', () => {
  it('the last manager’s refusal comes back as an error, and a member of a hidden workspace leaves to the directory', async () => {
    const last = context('/workspaces/nurses/members', { intent: 'leave' }, refusal(400, 'You are the last manager of this workspace: make another member a manager before you leave'));
    expect(await membershipPost(last.page, resolved)).toMatchObject({ status: 400, errors: { [MEMBERSHIP_ERROR]: expect.stringContaining('last manager') } });
    const hidden = context('/workspaces/secret/members', { intent: 'leave' });
    const response = (await membershipPost(hidden.page, { ...resolved, workspace: { ...resolved.workspace, slug: 'secret', visibility: 'hidden' } })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/workspaces');
  });
});
