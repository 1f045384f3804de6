import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCaseStudies, demoWorkspaces } from '../../../cms/seed/demo-content.ts';
import { expectNoAxeViolations, launchBrowser, newPage } from './browser.ts';
import { Cms, ownAddress, SiteClient } from './membership-helpers.ts';

const siteUrl = inject('siteUrl');

let browser: Browser;
/** The site's cookies of a member of every demo workspace: workspace content is for members (docs/design.md#workspaces-and-access). */
let readerCookies: { name: string; value: string; url: string }[];
beforeAll(async () => {
  browser = await launchBrowser();
  const cms = await Cms.connect(inject('cmsUrl'), inject('stackEnv'));
  const reader = await cms.person('Reader');
  for (const workspace of demoWorkspaces) await cms.addMember(reader, workspace.slug);
  readerCookies = (await SiteClient.signedIn(siteUrl, reader.email)).cookieList();
}, 120_000);

/** A page as the reader sees it: signed in, a member of every demo workspace. */
async function readerPage(options: Parameters<Browser['newContext']>[0] = {}) {
  const { context, page } = await newPage(browser, { extraHTTPHeaders: ownAddress(), ...options });
  await context.addCookies(readerCookies);
  return { context, page };
}
afterAll(() => browser?.close());

const open = demoWorkspaces.filter((workspace) => workspace.visibility === 'open');
const restricted = demoWorkspaces.filter((workspace) => workspace.visibility === 'restricted');
const hidden = demoWorkspaces.filter((workspace) => workspace.visibility === 'hidden');
const publishedStudies = demoCaseStudies.filter((study) => !study.draftOnly);

interface RouteExpectation {
  path: string;
  status: number;
  /** Text the page's h1 contains. */
  heading: string | RegExp;
  /** Rendered for the reader (a member of every demo workspace) rather than an anonymous visitor. */
  reader?: boolean;
}

const routes: RouteExpectation[] = [
  { path: '/', status: 200, heading: /FutureNHS/ },
  { path: '/workspaces', status: 200, heading: /Workspaces/ },
  { path: '/workspaces?page=2', status: 200, heading: /Workspaces/ },
  { path: '/workspaces?q=virtual', status: 200, heading: /Workspaces/ },
  // Every published page of every demo workspace (so every block the demo uses), as a member.
  ...demoWorkspaces.flatMap((workspace) =>
    workspace.pages
      .filter((page) => !page.draftOnly)
      .map((page, index) => ({
        path: index === 0 ? `/workspaces/${workspace.slug}` : `/workspaces/${workspace.slug}/pages/${page.slug}`,
        status: 200,
        heading: page.title,
        reader: true,
      })),
  ),
  { path: `/workspaces/${open[0].slug}/members`, status: 200, heading: 'Members', reader: true },
  // Anonymous visitors: every workspace's title, summary and managers, and a way to sign in.
  ...[...open, ...restricted].map((workspace) => ({ path: `/workspaces/${workspace.slug}`, status: 200, heading: workspace.title })),
  ...[...open, ...restricted].map((workspace) => ({ path: `/workspaces/${workspace.slug}/pages/${workspace.pages[1].slug}`, status: 403, heading: workspace.title })),
  ...[...open, ...restricted].map((workspace) => ({ path: `/workspaces/${workspace.slug}/members`, status: 200, heading: 'Members' })),
  ...hidden.map((workspace) => ({ path: `/workspaces/${workspace.slug}`, status: 404, heading: /not found/i })),
  { path: '/case-studies', status: 200, heading: /Case studies/ },
  { path: '/case-studies?region=london', status: 200, heading: /Case studies/ },
  { path: '/case-studies?topic=mental-health&page=1', status: 200, heading: /Case studies/ },
  ...publishedStudies.map((study) => ({ path: `/case-studies/${study.slug}`, status: 200, heading: study.title })),
  { path: '/search?q=virtual', status: 200, heading: /Search/ },
  { path: '/search?q=', status: 200, heading: /Search/ },
  { path: '/blocks', status: 200, heading: /[Bb]locks/ },
  { path: '/no-such-page', status: 404, heading: /not found/i },
  { path: '/workspaces/no-such-workspace', status: 404, heading: /not found/i },
  { path: '/case-studies/no-such-study', status: 404, heading: /not found/i },
];

describe('every route renders in NHS.UK style with no accessibility violations', () => {
  it.each(routes)('$path → $status (reader: $reader)', async ({ path, status, heading, reader }) => {
    const { context, page } = reader ? await readerPage() : await newPage(browser);
    const response = await page.goto(`${siteUrl}${path}`);
    expect(response?.status()).toBe(status);
    const h1 = page.locator('h1');
    expect(await h1.count()).toBe(1);
    if (typeof heading === 'string') expect(await h1.textContent()).toContain(heading);
    else expect(await h1.textContent()).toMatch(heading);
    // The NHS.UK shell: skip link, header, main landmark, footer.
    expect(await page.locator('a.nhsuk-skip-link[href="#maincontent"]').count()).toBe(1);
    expect(await page.locator('header.nhsuk-header').count()).toBe(1);
    expect(await page.locator('main#maincontent').count()).toBe(1);
    expect(await page.locator('footer').count()).toBe(1);
    await expectNoAxeViolations(page, path);
    await context.close();
  });
});

describe('restricted and hidden workspaces', () => {
  it('show a restricted workspace title and summary only, never its pages', async () => {
    const workspace = restricted[0];
    const html = await (await fetch(`${siteUrl}/workspaces/${workspace.slug}`)).text();
    expect(html).toContain(workspace.summary.replace(/’/g, '’'));
    for (const page of workspace.pages) expect(html).not.toContain(page.intro.slice(0, 40));
    const missing = await fetch(`${siteUrl}/workspaces/${workspace.slug}/pages/does-not-exist`);
    const existing = await fetch(`${siteUrl}/workspaces/${workspace.slug}/pages/${workspace.pages[1].slug}`);
    // The same answer whether or not the page exists: nothing is learned by probing.
    expect(missing.status).toBe(existing.status);
  });

  it('never list or find hidden workspaces', async () => {
    const directory = await (await fetch(`${siteUrl}/workspaces`)).text();
    const search = await (await fetch(`${siteUrl}/search?q=${encodeURIComponent(hidden[0].title.split(' ')[0])}`)).text();
    for (const workspace of hidden) {
      expect(directory).not.toContain(workspace.title);
      expect(search).not.toContain(workspace.title);
      expect((await fetch(`${siteUrl}/workspaces/${workspace.slug}/pages/${workspace.pages[0].slug}`)).status).toBe(404);
    }
  });

  it('do not serve a draft-only page', async () => {
    const workspace = demoWorkspaces.find((candidate) => candidate.pages.some((page) => page.draftOnly))!;
    const draft = workspace.pages.find((page) => page.draftOnly)!;
    // As a member, who may read the workspace's published pages.
    const headers = { cookie: readerCookies.map(({ name, value }) => `${name}=${value}`).join('; ') };
    expect((await fetch(`${siteUrl}/workspaces/${workspace.slug}/pages/${draft.slug}`, { headers })).status).toBe(404);
    const home = await (await fetch(`${siteUrl}/workspaces/${workspace.slug}`, { headers })).text();
    expect(home).toContain(workspace.pages[0].title);
    expect(home).not.toContain(draft.title);
  });
});

describe('without JavaScript', () => {
  it('filters case studies by region and topic with a plain form, giving a shareable URL', async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}/case-studies`);
    await page.locator('select[name="region"]').selectOption('london');
    await Promise.all([page.waitForURL(/region=london/), page.locator('main form button[type="submit"], main form input[type="submit"]').first().click()]);
    const londonStudies = publishedStudies.filter((study) => study.region === 'london');
    for (const study of londonStudies) expect(await page.getByText(study.title).count()).toBeGreaterThan(0);
    for (const study of publishedStudies.filter((candidate) => candidate.region !== 'london')) {
      expect(await page.getByRole('heading', { name: study.title }).count()).toBe(0);
    }
    // axe runs as a script, so it needs a context with JavaScript (it hangs in one without).
    const filteredUrl = page.url();
    await context.close();
    const withScript = await newPage(browser);
    await withScript.page.goto(filteredUrl);
    await expectNoAxeViolations(withScript.page, 'filtered case studies');
    await withScript.context.close();
  });

  it('reaches a workspace page from the directory and moves through its page navigation', async () => {
    const { context, page } = await readerPage({ javaScriptEnabled: false });
    const workspace = open[0];
    await page.goto(`${siteUrl}/workspaces?q=${encodeURIComponent(workspace.title)}`);
    await page.getByRole('link', { name: workspace.title }).first().click();
    await page.waitForURL(`${siteUrl}/workspaces/${workspace.slug}`);
    const second = workspace.pages[1];
    await page.getByRole('link', { name: second.title }).first().click();
    await page.waitForURL(`${siteUrl}/workspaces/${workspace.slug}/pages/${second.slug}`);
    expect(await page.locator('[aria-current="page"]').first().textContent()).toContain(second.title);
    await context.close();
  });

  it('moves focus to the main content from the skip link', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${siteUrl}/case-studies`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/Skip to main content/i);
    await page.keyboard.press('Enter');
    expect(page.url()).toContain('#maincontent');
    await context.close();
  });
});
