import { describe, expect, it } from 'vitest';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { createCmsClient, CmsUnavailableError } from './client.ts';
import { fakeStrapi, list } from './fake-strapi.test-support.ts';
import { getWorkspaceHome, getWorkspacePage } from './workspaces.ts';

const workspaces = {
  open: { documentId: 'w-open', title: 'Virtual Wards Network', slug: 'virtual-wards', summary: 'Open one', visibility: 'open' },
  restricted: { documentId: 'w-res', title: 'Crisis Care', slug: 'crisis-care', summary: 'Members only', visibility: 'restricted' },
  hidden: { documentId: 'w-hid', title: 'Finance Leads', slug: 'finance-leads', summary: 'Secret', visibility: 'hidden' },
};
const block = { __component: 'blocks.inset-text', id: 1, body: 'Hello' };
const publishedPages = [
  { documentId: 'p-home', title: 'Welcome', slug: 'home', position: 0, isHome: true, blocks: [block] },
  { documentId: 'p-remote', title: 'Remote monitoring', slug: 'remote-monitoring', position: 2, isHome: false, blocks: [block] },
  { documentId: 'p-frailty', title: 'Frailty', slug: 'frailty', position: 1, isHome: false, blocks: [block] },
];
const draftOnly = { documentId: 'p-draft', title: 'Evaluation plan', slug: 'evaluation-plan', position: 3, isHome: false, blocks: [block] };

function strapi() {
  return fakeStrapi((url) => {
    const q = url.searchParams;
    if (url.pathname === '/api/workspaces') {
      const slug = q.get('filters[slug][$eq]');
      return { body: list(Object.values(workspaces).filter((w) => w.slug === slug)) };
    }
    if (url.pathname === '/api/pages') {
      const pages = q.get('status') === 'draft' ? [...publishedPages, draftOnly] : publishedPages;
      const inWorkspace = q.get('filters[workspace][slug][$eq]') ? pages : [];
      const bySlug = q.get('filters[slug][$eq]');
      const home = q.get('filters[isHome][$eq]');
      const found = inWorkspace.filter((p) => (bySlug ? p.slug === bySlug : true) && (home ? p.isHome : true));
      return { body: list(found) };
    }
    return undefined;
  });
}

function client(fake = strapi(), cache?: CoalescingCache<unknown>) {
  return createCmsClient({ baseUrl: 'http://cms.test', token: 'test-token', timeoutMs: 1000, fetch: fake.fetch, cache });
}

const none = { kind: 'none' } as const;

describe('workspace pages for an anonymous visitor', () => {
  it('shows an open workspace home with its navigation, home first, then by position', async () => {
    const fake = strapi();
    const result = await getWorkspaceHome('virtual-wards', none, client(fake));
    expect(result.kind).toBe('page');
    if (result.kind !== 'page') return;
    expect(result.page?.title).toBe('Welcome');
    expect(result.page?.blocks).toHaveLength(1);
    expect(result.navigation).toEqual([
      { title: 'Welcome', href: '/workspaces/virtual-wards', current: true },
      { title: 'Remote monitoring', href: '/workspaces/virtual-wards/pages/remote-monitoring', current: false },
      { title: 'Frailty', href: '/workspaces/virtual-wards/pages/frailty', current: false },
    ]);
    // Navigation order is Strapi's (sort=position:asc); the client asks for it.
    expect(fake.requests.some((url) => url.searchParams.get('sort[0]') === 'position:asc')).toBe(true);
    expect(fake.requests.every((url) => url.searchParams.get('status') !== 'draft')).toBe(true);
  });

  it('shows a further page with the current page marked', async () => {
    const result = await getWorkspacePage('virtual-wards', 'frailty', none, client());
    expect(result.kind === 'page' && result.navigation.find((item) => item.current)?.title).toBe('Frailty');
  });

  it('redirects the home page’s own slug to the workspace address', async () => {
    expect(await getWorkspacePage('virtual-wards', 'home', none, client())).toEqual({ kind: 'redirect', location: '/workspaces/virtual-wards' });
  });

  it('does not find unpublished or unknown pages, or unknown workspaces', async () => {
    expect(await getWorkspacePage('virtual-wards', 'evaluation-plan', none, client())).toEqual({ kind: 'not-found' });
    expect(await getWorkspacePage('virtual-wards', 'nope', none, client())).toEqual({ kind: 'not-found' });
    expect(await getWorkspaceHome('nope', none, client())).toEqual({ kind: 'not-found' });
  });

  it('shows a restricted workspace as its listing only, without even looking its pages up', async () => {
    const fake = strapi();
    const home = await getWorkspaceHome('crisis-care', none, client(fake));
    const page = await getWorkspacePage('crisis-care', 'anything-at-all', none, client(fake));
    expect(home).toEqual({ kind: 'restricted', workspace: expect.objectContaining({ title: 'Crisis Care' }) });
    expect(page).toEqual(home);
    expect(fake.requests.filter((url) => url.pathname === '/api/pages')).toEqual([]);
  });

  it('does not reveal a hidden workspace', async () => {
    const fake = strapi();
    expect(await getWorkspaceHome('finance-leads', none, client(fake))).toEqual({ kind: 'not-found' });
    expect(await getWorkspacePage('finance-leads', 'home', none, client(fake))).toEqual({ kind: 'not-found' });
    expect(fake.requests.filter((url) => url.pathname === '/api/pages')).toEqual([]);
  });
});

describe('workspace page previews', () => {
  it('shows the draft whose document the token names', async () => {
    const fake = strapi();
    const result = await getWorkspacePage('virtual-wards', 'evaluation-plan', { kind: 'valid', documentId: 'p-draft' }, client(fake));
    expect(result).toMatchObject({ kind: 'page', preview: true, page: { title: 'Evaluation plan' } });
    expect(fake.requests.some((url) => url.searchParams.get('status') === 'draft')).toBe(true);
  });

  it('refuses a token for another document', async () => {
    expect(await getWorkspacePage('virtual-wards', 'evaluation-plan', { kind: 'valid', documentId: 'p-remote' }, client())).toEqual({
      kind: 'not-found',
    });
  });

  it('refuses an invalid token without asking the CMS anything', async () => {
    const fake = strapi();
    expect(await getWorkspaceHome('virtual-wards', { kind: 'invalid', reason: 'expired' }, client(fake))).toEqual({ kind: 'not-found' });
    expect(fake.requests).toEqual([]);
  });

  it('never caches drafts', async () => {
    const fake = strapi();
    const cache = new CoalescingCache<unknown>('test', { maxEntries: 100, maxBytes: 1e6, ttlMs: 0 });
    const preview = { kind: 'valid', documentId: 'p-draft' } as const;
    await getWorkspacePage('virtual-wards', 'evaluation-plan', preview, client(fake, cache));
    const draftRequests = () => fake.requests.filter((url) => url.searchParams.get('status') === 'draft').length;
    expect(draftRequests()).toBe(1);
    await getWorkspacePage('virtual-wards', 'evaluation-plan', preview, client(fake, cache));
    expect(draftRequests()).toBe(2);
  });
});

describe('the CMS client', () => {
  it('serves repeated published reads from its cache until invalidated', async () => {
    const fake = strapi();
    const cache = new CoalescingCache<unknown>('test', { maxEntries: 100, maxBytes: 1e6, ttlMs: 0 });
    const cms = client(fake, cache);
    await getWorkspaceHome('virtual-wards', none, cms);
    const afterFirst = fake.requests.length;
    await getWorkspaceHome('virtual-wards', none, cms);
    expect(fake.requests.length).toBe(afterFirst);
    cache.invalidate();
    await getWorkspaceHome('virtual-wards', none, cms);
    expect(fake.requests.length).toBe(afterFirst * 2);
  });

  it('sends the API token, and reports an unreachable CMS as unavailable', async () => {
    const fake = strapi();
    fake.down = true;
    await expect(getWorkspaceHome('virtual-wards', none, client(fake))).rejects.toBeInstanceOf(CmsUnavailableError);
    const wrongToken = createCmsClient({ baseUrl: 'http://cms.test', token: 'wrong', timeoutMs: 1000, fetch: strapi().fetch });
    await expect(getWorkspaceHome('virtual-wards', none, wrongToken)).rejects.toBeInstanceOf(CmsUnavailableError);
  });
});
