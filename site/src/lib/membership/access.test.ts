import { describe, expect, it } from 'vitest';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import type { Viewer } from '../cms/accounts.ts';
import { CmsRequestError } from '../cms/http.ts';
import { ACCESS_CACHE_TTL_MS, forgetAccess, forgetAllAccess, forgetPersonAccess, NO_ACCESS, workspaceAccess, type AccessLocals } from './access.ts';
import type { WorkspaceAccess } from '@futurenhs/contract';

const member: WorkspaceAccess = { standing: 'member', canFind: true, canView: true, canPost: true, canManage: false };

function viewer(memberships: Viewer['memberships'] = []): Viewer {
  return { id: '7', email: 'a@nhs.net', firstName: 'A', lastName: 'B', jobTitle: 'Nurse', organisation: 'Trust', bio: '', profileComplete: true, photoUrl: null, memberships };
}

/** A viewer whose CMS answers `answer` and counts the calls. */
function locals(token: string | undefined, answer: () => unknown, who: Viewer | null = viewer()) {
  const calls: string[] = [];
  const value: AccessLocals & { calls: string[] } = {
    calls,
    viewer: token ? who : null,
    session: { accessToken: () => token },
    cms: {
      async get<T>(path: string) {
        calls.push(path);
        return answer() as T;
      },
    },
  };
  return value;
}

function testCache() {
  let now = 1_000_000;
  const cache = new CoalescingCache<WorkspaceAccess>('test-access', { maxEntries: 100, maxBytes: 1_000_000, ttlMs: ACCESS_CACHE_TTL_MS, now: () => now });
  return { cache, advance: (ms: number) => (now += ms) };
}

const open = { slug: 'open-one', visibility: 'open' as const };

describe('workspace access', () => {
  it('asks nothing for anonymous visitors: content needs signing in; hidden workspaces are not found', async () => {
    const { cache } = testCache();
    const anonymous = locals(undefined, () => ({ data: member }));
    expect(await workspaceAccess(anonymous, open, cache)).toEqual({ standing: 'none', canFind: true, canView: false, canPost: false, canManage: false });
    expect((await workspaceAccess(anonymous, { slug: 'h', visibility: 'hidden' }, cache)).canFind).toBe(false);
    expect((await workspaceAccess(anonymous, { slug: 'r', visibility: 'restricted' }, cache)).canView).toBe(false);
    expect(anonymous.calls).toEqual([]);
  });

  it('asks the CMS once per viewer and workspace within 15 seconds, then again', async () => {
    const { cache, advance } = testCache();
    const alice = locals('token-a', () => ({ data: member }));
    expect(await workspaceAccess(alice, open, cache)).toEqual(member);
    expect(await workspaceAccess(alice, open, cache)).toEqual(member);
    expect(alice.calls).toEqual(['/api/membership/workspaces/open-one/access']);
    await workspaceAccess(alice, { slug: 'other', visibility: 'open' }, cache);
    expect(alice.calls).toHaveLength(2);
    advance(ACCESS_CACHE_TTL_MS + 1);
    await workspaceAccess(alice, open, cache);
    expect(alice.calls).toHaveLength(3);
  });

  it('never answers one viewer from another viewer’s entry', async () => {
    const { cache } = testCache();
    const alice = locals('token-a', () => ({ data: member }));
    const bob = locals('token-b', () => ({ data: { ...member, standing: 'none', canView: false, canPost: false } }));
    await workspaceAccess(alice, open, cache);
    expect((await workspaceAccess(bob, open, cache)).canView).toBe(false);
    expect(bob.calls).toHaveLength(1);
  });

  it('asks afresh after the viewer changed their own membership through the site', async () => {
    const { cache } = testCache();
    let answer: WorkspaceAccess = { ...member, standing: 'none', canPost: false };
    const alice = locals('token-a', () => ({ data: answer }));
    expect((await workspaceAccess(alice, open, cache)).standing).toBe('none');
    answer = member;
    forgetAccess(alice, open.slug, cache);
    expect((await workspaceAccess(alice, open, cache)).standing).toBe('member');
    expect(alice.calls).toHaveLength(2);
  });

  it('asks afresh when who the viewer is says their standing changed (e.g. an invitation accepted)', async () => {
    const { cache } = testCache();
    const before = locals('token-a', () => ({ data: { ...member, standing: 'invited', canView: false, canPost: false } }));
    await workspaceAccess(before, open, cache);
    const after = locals('token-a', () => ({ data: member }), viewer([{ standing: 'member', workspace: { slug: 'open-one', title: 'Open', summary: '', visibility: 'open' } }]));
    expect((await workspaceAccess(after, open, cache)).standing).toBe('member');
    expect(after.calls).toHaveLength(1);
  });

  it('forgets one person’s answers when a manager changes their standing through the site', async () => {
    const { cache } = testCache();
    let answer: WorkspaceAccess = { ...member, standing: 'pending', canView: false, canPost: false };
    const alice = locals('token-a', () => ({ data: answer }));
    const bob = locals('token-b-other', () => ({ data: member }), { ...viewer(), id: '8' });
    await workspaceAccess(alice, open, cache);
    await workspaceAccess(bob, open, cache);
    answer = member;
    forgetPersonAccess('7', cache);
    expect((await workspaceAccess(alice, open, cache)).standing).toBe('member');
    await workspaceAccess(bob, open, cache);
    expect(alice.calls).toHaveLength(2);
    expect(bob.calls).toHaveLength(1);
  });

  it('forgets everyone’s answers when a workspace’s visibility changes', async () => {
    const { cache } = testCache();
    const alice = locals('token-a', () => ({ data: member }));
    await workspaceAccess(alice, open, cache);
    forgetAllAccess(cache);
    await workspaceAccess(alice, open, cache);
    expect(alice.calls).toHaveLength(2);
  });

  it('treats a workspace the CMS will not name (404) exactly as a missing one', async () => {
    const { cache } = testCache();
    const outsider = locals('token-c', () => {
      throw new CmsRequestError('not found', '/api/membership/workspaces/h/access', 404, 'This workspace does not exist', []);
    });
    expect(await workspaceAccess(outsider, { slug: 'h', visibility: 'hidden' }, cache)).toEqual(NO_ACCESS);
  });

  it('fails loudly on an answer the contract does not promise, and does not keep it', async () => {
    const { cache } = testCache();
    let answer: unknown = { data: { standing: 'owner' } };
    const alice = locals('token-a', () => answer);
    await expect(workspaceAccess(alice, open, cache)).rejects.toThrow(/Unexpected CMS response/);
    answer = { data: member };
    expect(await workspaceAccess(alice, open, cache)).toEqual(member);
  });
});
