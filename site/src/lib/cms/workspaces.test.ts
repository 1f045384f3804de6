import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewUrlFor, signPreviewToken } from '../../../../cms/src/preview/preview-url.ts';
import { startTestCms, type TestCms } from '../../../../cms/tests/helpers/test-strapi.ts';
import { CoalescingCache } from '../cache/coalescing-cache.ts';
import { previewRequest, type PreviewRequest } from '../preview.ts';
import { createCmsClient, CmsUnavailableError } from './client.ts';
import { getWorkspaceHome, getWorkspacePage, type ContentDecider } from './workspaces.ts';

/**
 * The site's CMS client and the workspace access rules, against the real CMS: Strapi booted in
 * this process on a throwaway database (SQLite, or PostgreSQL with TEST_DATABASE_URL), listening
 * on a port the OS chooses, read over HTTP with the site's API token as the site reads it.
 */
const PREVIEW_SECRET = 'test-preview-secret'; // the one startTestCms gives the CMS

let cms: TestCms;
let baseUrl: string;
/** documentIds of the pages the tests refer to, by slug (the open workspace's) or by name. */
const ids: Record<string, string> = {};

const WORKSPACE = 'api::workspace.workspace';
const PAGE = 'api::page.page';
const hello = { __component: 'blocks.inset-text', body: 'Hello' };

async function createWorkspace(slug: string, title: string, visibility: 'open' | 'restricted' | 'hidden', summary: string) {
  return cms.strapi.documents(WORKSPACE).create({ data: { title, slug, summary, visibility } as never });
}

async function createPage(workspace: string, data: Record<string, unknown>, status?: 'published') {
  return cms.strapi.documents(PAGE).create({ data: { blocks: [hello], ...data, workspace } as never, ...(status ? { status } : {}) });
}

beforeAll(async () => {
  // No REVALIDATE_SECRET: the CMS tells no site about its writes (these tests clear the cache themselves).
  cms = await startTestCms({ SITE_URL: 'https://site.example', REVALIDATE_SECRET: '' });
  const server = cms.strapi.server.httpServer;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const open = await createWorkspace('virtual-wards', 'Virtual Wards Network', 'open', 'Open one');
  // Created out of navigation order, the home page with the highest position: the order must come from the CMS.
  ids['remote-monitoring'] = (await createPage(open.documentId, { title: 'Remote monitoring', slug: 'remote-monitoring', position: 2 }, 'published')).documentId;
  ids.home = (await createPage(open.documentId, { title: 'Welcome', slug: 'home', position: 5, isHome: true }, 'published')).documentId;
  const staleText = 'Saved before the block rules tightened';
  ids.frailty = (
    await createPage(
      open.documentId,
      { title: 'Frailty', slug: 'frailty', position: 1, blocks: [hello, { __component: 'blocks.inset-text', body: staleText }] },
      'published',
    )
  ).documentId;
  // The CMS now refuses a blank body on save, but stored blocks can still fall foul of a schema
  // that tightened after they were saved: the site must skip such a block and show the rest.
  await cms.strapi.db.query('blocks.inset-text').updateMany({ where: { body: staleText }, data: { body: '   ' } });
  ids.admissions = (await createPage(open.documentId, { title: 'Admissions', slug: 'admissions', position: 2 }, 'published')).documentId;
  // A draft that was never published, at the top of the order if it leaked into the navigation.
  ids['evaluation-plan'] = (await createPage(open.documentId, { title: 'Evaluation plan', slug: 'evaluation-plan', position: 0 })).documentId;

  const restricted = await createWorkspace('crisis-care', 'Crisis Care', 'restricted', 'Members only');
  await createPage(restricted.documentId, { title: 'Crisis home', slug: 'home', isHome: true }, 'published');
  await createPage(restricted.documentId, { title: 'Members news', slug: 'members-news', position: 1 }, 'published');

  const hidden = await createWorkspace('finance-leads', 'Finance Leads', 'hidden', 'Secret');
  await createPage(hidden.documentId, { title: 'Finance home', slug: 'home', isHome: true }, 'published');
  await createPage(hidden.documentId, { title: 'Budgets', slug: 'budgets', position: 1 }, 'published');

  const cacheCheck = await createWorkspace('cache-check', 'Cache Check', 'open', 'For the cache tests');
  ids.cacheHome = (await createPage(cacheCheck.documentId, { title: 'Before', slug: 'home', isHome: true }, 'published')).documentId;
  ids.cacheDraft = (await createPage(cacheCheck.documentId, { title: 'Draft one', slug: 'draft-only', position: 1 })).documentId;
});

afterAll(async () => {
  await cms?.stop();
});

/** The real global fetch, recording every URL it is asked for, so tests can say what was not asked. */
function recordingFetch() {
  const requests: URL[] = [];
  const record: typeof fetch = (input, init) => {
    requests.push(new URL(input instanceof Request ? input.url : String(input)));
    return fetch(input, init);
  };
  return { requests, fetch: record };
}

function client({ fetch, cache, token, url }: { fetch?: typeof globalThis.fetch; cache?: CoalescingCache<unknown>; token?: string; url?: string } = {}) {
  return createCmsClient({ baseUrl: url ?? baseUrl, token: token ?? cms.siteToken, timeoutMs: 5000, fetch, cache });
}

function newCache() {
  return new CoalescingCache<unknown>('test', { maxEntries: 100, maxBytes: 1e6, ttlMs: 0 });
}

const pagesRequests = (requests: URL[]) => requests.filter((url) => url.pathname === '/api/pages');
const none = { kind: 'none' } as const;

/** The preview link the CMS admin gives for a page's draft, and the site's reading of its token. */
async function previewLinkFor(documentId: string): Promise<{ url: URL; preview: PreviewRequest }> {
  const link = await previewUrlFor(PAGE, documentId, 'draft');
  expect(link).not.toBeNull();
  const url = new URL(link!);
  return { url, preview: previewRequest(url, PREVIEW_SECRET) };
}

/** The membership plugin's answer for a signed-in member of none of these workspaces. */
const signedIn: ContentDecider = (workspace) =>
  workspace.visibility === 'hidden' ? 'not-found' : workspace.visibility === 'restricted' ? 'restricted' : 'view';

describe('workspace pages for a signed-in member of none of them', () => {
  it('shows an open workspace home with its navigation, home first, then by position and title', async () => {
    const { requests, fetch } = recordingFetch();
    const result = await getWorkspaceHome('virtual-wards', none, client({ fetch }), signedIn);
    expect(result).toMatchObject({ kind: 'page', preview: false, workspace: { title: 'Virtual Wards Network', visibility: 'open' } });
    if (result.kind !== 'page') return;
    expect(result.page).toMatchObject({ documentId: ids.home, title: 'Welcome', slug: 'home', isHome: true });
    expect(result.page?.blocks).toEqual([expect.objectContaining({ __component: 'blocks.inset-text', body: 'Hello' })]);
    expect(result.navigation).toEqual([
      { title: 'Welcome', href: '/workspaces/virtual-wards', current: true },
      { title: 'Frailty', href: '/workspaces/virtual-wards/pages/frailty', current: false },
      { title: 'Admissions', href: '/workspaces/virtual-wards/pages/admissions', current: false },
      { title: 'Remote monitoring', href: '/workspaces/virtual-wards/pages/remote-monitoring', current: false },
    ]);
    expect(requests.every((url) => url.searchParams.get('status') !== 'draft')).toBe(true);
  });

  it('asks the CMS for named fields only: never populate=* and never every field of a type', async () => {
    const { requests, fetch } = recordingFetch();
    await getWorkspaceHome('virtual-wards', none, client({ fetch }), signedIn);
    await getWorkspacePage('virtual-wards', 'frailty', none, client({ fetch }), signedIn);
    expect(requests.length).toBeGreaterThan(0);
    for (const url of requests) {
      const params = [...url.searchParams.entries()];
      expect(params.filter(([key, value]) => key.startsWith('populate') && value === '*'), url.href).toEqual([]);
      expect(params.some(([key]) => key.startsWith('fields[')), `${url.href} names its fields`).toBe(true);
    }
  });

  it('shows a further page with the current page marked, skipping a block the site cannot show', async () => {
    const result = await getWorkspacePage('virtual-wards', 'frailty', none, client(), signedIn);
    expect(result.kind).toBe('page');
    if (result.kind !== 'page') return;
    expect(result.page).toMatchObject({ documentId: ids.frailty, title: 'Frailty' });
    expect(result.navigation.filter((item) => item.current)).toEqual([
      { title: 'Frailty', href: '/workspaces/virtual-wards/pages/frailty', current: true },
    ]);
    expect(result.page?.blocks).toEqual([expect.objectContaining({ __component: 'blocks.inset-text', body: 'Hello' })]);
  });

  it('redirects the home page’s own slug to the workspace address', async () => {
    expect(await getWorkspacePage('virtual-wards', 'home', none, client(), signedIn)).toEqual({ kind: 'redirect', location: '/workspaces/virtual-wards' });
  });

  it('does not find unpublished or unknown pages, or unknown workspaces', async () => {
    expect(await getWorkspacePage('virtual-wards', 'evaluation-plan', none, client(), signedIn)).toEqual({ kind: 'not-found' });
    expect(await getWorkspacePage('virtual-wards', 'nope', none, client(), signedIn)).toEqual({ kind: 'not-found' });
    expect(await getWorkspaceHome('nope', none, client(), signedIn)).toEqual({ kind: 'not-found' });
    expect(await getWorkspacePage('nope', 'home', none, client(), signedIn)).toEqual({ kind: 'not-found' });
  });

  it('shows a restricted workspace as its listing only, without even looking its pages up', async () => {
    const { requests, fetch } = recordingFetch();
    const home = await getWorkspaceHome('crisis-care', none, client({ fetch }), signedIn);
    expect(home).toEqual({
      kind: 'restricted',
      workspace: { documentId: expect.any(String), title: 'Crisis Care', slug: 'crisis-care', summary: 'Members only', visibility: 'restricted' },
    });
    // A page that exists and one that does not get the same answer: the page's existence is members-only too.
    expect(await getWorkspacePage('crisis-care', 'members-news', none, client({ fetch }), signedIn)).toEqual(home);
    expect(await getWorkspacePage('crisis-care', 'anything-at-all', none, client({ fetch }), signedIn)).toEqual(home);
    expect(requests.length).toBeGreaterThan(0);
    expect(pagesRequests(requests)).toEqual([]);
  });

  it('does not reveal a hidden workspace, nor its pages', async () => {
    const { requests, fetch } = recordingFetch();
    expect(await getWorkspaceHome('finance-leads', none, client({ fetch }), signedIn)).toEqual({ kind: 'not-found' });
    expect(await getWorkspacePage('finance-leads', 'home', none, client({ fetch }), signedIn)).toEqual({ kind: 'not-found' });
    expect(await getWorkspacePage('finance-leads', 'budgets', none, client({ fetch }), signedIn)).toEqual({ kind: 'not-found' });
    expect(pagesRequests(requests)).toEqual([]);
  });
});

describe('a caller that says nobody', () => {
  it('fails closed: an open workspace shows its listing only, a hidden one is not found', async () => {
    const { requests, fetch } = recordingFetch();
    const nobody = undefined as unknown as ContentDecider;
    expect(await getWorkspaceHome('virtual-wards', none, client({ fetch }), nobody)).toMatchObject({ kind: 'restricted', workspace: { visibility: 'open' } });
    expect(pagesRequests(requests)).toEqual([]);
    expect(await getWorkspacePage('finance-leads', 'budgets', none, client(), nobody)).toEqual({ kind: 'not-found' });
  });
});

describe('workspace page previews', () => {
  it('shows the draft whose document the CMS’s preview link names', async () => {
    const { url, preview } = await previewLinkFor(ids['evaluation-plan']);
    expect(url.pathname).toBe('/workspaces/virtual-wards/pages/evaluation-plan');
    expect(preview).toEqual({ kind: 'valid', documentId: ids['evaluation-plan'] });
    const { requests, fetch } = recordingFetch();
    const result = await getWorkspacePage('virtual-wards', 'evaluation-plan', preview, client({ fetch }), signedIn);
    expect(result).toMatchObject({ kind: 'page', preview: true, page: { documentId: ids['evaluation-plan'], title: 'Evaluation plan' } });
    if (result.kind !== 'page') return;
    // The navigation stays the published one: the draft is marked nowhere, being in it nowhere.
    expect(result.navigation.map((item) => item.title)).toEqual(['Welcome', 'Frailty', 'Admissions', 'Remote monitoring']);
    expect(requests.some((url) => url.searchParams.get('status') === 'draft')).toBe(true);
  });

  it('shows the home page’s draft through the link for the home page', async () => {
    const { url, preview } = await previewLinkFor(ids.home);
    expect(url.pathname).toBe('/workspaces/virtual-wards');
    expect(await getWorkspaceHome('virtual-wards', preview, client(), signedIn)).toMatchObject({
      kind: 'page',
      preview: true,
      page: { documentId: ids.home, title: 'Welcome' },
    });
  });

  it('refuses a token for another document', async () => {
    const { preview } = await previewLinkFor(ids['remote-monitoring']);
    expect(await getWorkspacePage('virtual-wards', 'evaluation-plan', preview, client(), signedIn)).toEqual({ kind: 'not-found' });
  });

  it('refuses an expired or forged token without asking the CMS anything', async () => {
    const { requests, fetch } = recordingFetch();
    const page = new URL('https://site.example/workspaces/virtual-wards/pages/evaluation-plan');
    const twoHoursAgo = Date.now() - 2 * 60 * 60 * 1000;
    page.searchParams.set('preview', signPreviewToken(ids['evaluation-plan'], PREVIEW_SECRET, twoHoursAgo));
    const expired = previewRequest(page, PREVIEW_SECRET);
    expect(expired).toEqual({ kind: 'invalid', reason: 'expired' });
    page.searchParams.set('preview', signPreviewToken(ids['evaluation-plan'], 'not-the-preview-secret'));
    const forged = previewRequest(page, PREVIEW_SECRET);
    expect(forged).toEqual({ kind: 'invalid', reason: 'bad-signature' });

    expect(await getWorkspaceHome('virtual-wards', expired, client({ fetch }), signedIn)).toEqual({ kind: 'not-found' });
    expect(await getWorkspacePage('virtual-wards', 'evaluation-plan', forged, client({ fetch }), signedIn)).toEqual({ kind: 'not-found' });
    expect(requests).toEqual([]);
  });

  it('never caches drafts: an edit to the draft shows on the next preview', async () => {
    const cache = newCache();
    const { requests, fetch } = recordingFetch();
    const { preview } = await previewLinkFor(ids.cacheDraft);
    const draftRequests = () => requests.filter((url) => url.searchParams.get('status') === 'draft').length;

    expect(await getWorkspacePage('cache-check', 'draft-only', preview, client({ fetch, cache }), signedIn)).toMatchObject({ page: { title: 'Draft one' } });
    expect(draftRequests()).toBe(1);
    await cms.strapi.documents(PAGE).update({ documentId: ids.cacheDraft, data: { title: 'Draft two' } as never });
    expect(await getWorkspacePage('cache-check', 'draft-only', preview, client({ fetch, cache }), signedIn)).toMatchObject({ page: { title: 'Draft two' } });
    expect(draftRequests()).toBe(2);
  });
});

describe('the CMS client', () => {
  it('serves repeated published reads from its cache until invalidated', async () => {
    const cache = newCache();
    const { requests, fetch } = recordingFetch();
    const cached = client({ fetch, cache });
    const homeTitle = async (from = cached) => {
      const result = await getWorkspaceHome('cache-check', none, from, signedIn);
      return result.kind === 'page' ? { page: result.page?.title, navigation: result.navigation.map((item) => item.title) } : result;
    };

    expect(await homeTitle()).toEqual({ page: 'Before', navigation: ['Before'] });
    const afterFirst = requests.length;
    expect(afterFirst).toBeGreaterThan(0);

    // An editor renames the home page and publishes it: the CMS serves the change at once...
    await cms.strapi.documents(PAGE).update({ documentId: ids.cacheHome, data: { title: 'After' } as never });
    await cms.strapi.documents(PAGE).publish({ documentId: ids.cacheHome });
    expect(await homeTitle(client())).toEqual({ page: 'After', navigation: ['After'] });

    // ...while the cached client answers from its cache, without asking,
    expect(await homeTitle()).toEqual({ page: 'Before', navigation: ['Before'] });
    expect(requests.length).toBe(afterFirst);

    // until the cache is cleared (as /_internal/revalidate does).
    cache.invalidate();
    expect(await homeTitle()).toEqual({ page: 'After', navigation: ['After'] });
    expect(requests.length).toBe(afterFirst * 2);
  });

  it('sends the API token: a wrong one (401) or none (403) is refused by the CMS, and reported as unavailable', async () => {
    await expect(getWorkspaceHome('virtual-wards', none, client(), signedIn)).resolves.toMatchObject({ kind: 'page' });
    await expect(getWorkspaceHome('virtual-wards', none, client({ token: 'not-the-site-token' }), signedIn)).rejects.toSatisfy(
      (error) => error instanceof CmsUnavailableError && error.status === 401,
    );
    await expect(getWorkspaceHome('virtual-wards', none, client({ token: '' }), signedIn)).rejects.toSatisfy(
      (error) => error instanceof CmsUnavailableError && error.status === 403,
    );
  });

  it('reports an unreachable CMS as unavailable', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(getWorkspaceHome('virtual-wards', none, client({ url: `http://127.0.0.1:${port}` }), signedIn)).rejects.toBeInstanceOf(
      CmsUnavailableError,
    );
  });
});
