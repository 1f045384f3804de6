import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCaseStudies } from '../../../cms/seed/demo-content.ts';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { createDocument, nameVersion } from './documents-helpers.ts';
import { filesOk, textFile, uploadFiles } from './files-helpers.ts';
import { createHomeWithLatestDiscussions, startDiscussion } from './forum-helpers.ts';
import { longestUnbroken } from './hostile-corpus.ts';
import { Cms, ownAddress, SiteClient, type Actor } from './membership-helpers.ts';
import { builderPath, createPageOverHttp, editorAction, errorSummaryOf, fillBlockForm, FormClient } from './page-builder-helpers.ts';

/**
 * Reflow (WCAG 1.4.10) and text spacing (1.4.12) on every page template of the site, its error
 * states included: at 320 × 256 CSS px, and at 1280 px with the text spacing of 1.4.12 applied,
 * the page never scrolls sideways (a table scrolls in its own named, focusable region instead).
 * The workspace, its page, its discussion, a comment, a block and a member's name are the longest
 * unbroken strings of the hostile corpus, so whatever people type is shown at its widest. Every
 * .astro file under src/pages must have a visit here: a new page template without one fails.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const slug = `reflow-${run}`;
const [longest, second, third, fourth] = longestUnbroken(4, 90);
/** The limits: a workspace's and a page's title 120 characters, a discussion's 100, a first name 100. */
const WORKSPACE_TITLE = `${longest}${run}`;
const PAGE_TITLE = `${second}${run}`;
const DISCUSSION_TITLE = `${third}${run}`.slice(0, 100);
const LONG_TEXT = `${fourth}${longest}${second}`;
const MEMBER_NAME = `${third}`.slice(0, 100);
/** Folder names are up to 100 characters and file names up to 200, neither with / or \\. */
const FOLDER_NAME = `${second}`.replace(/[\\/]/g, '-').slice(0, 100);
const FILE_NAME = `${longest}${run}`.replace(/[\\/]/g, '-').slice(0, 190) + '.txt';
const BINNED_NAME = `binned-${run}.txt`;
/** A document's name is up to 200 characters (no / or \\), a version's up to 100. */
const DOCUMENT_NAME = `${third}${run}`.replace(/[\\/]/g, '-').slice(0, 200);
const VERSION_NAME = `${second}`.slice(0, 100);

type Who = 'anonymous' | 'member' | 'manager';
interface Visit {
  /** The page template, as its file under src/pages (without .astro). */
  template: string;
  path: () => string;
  as: Who;
  /**
   * Shows the page's error state: the form holding this selector is submitted with its text
   * fields emptied, and the page must come back with the error summary.
   */
  errorsOf?: string;
  /** Text the page must show (a hostile title), so the check is made with it on the page. */
  shows?: string[];
  /** Every page of the block gallery, rather than `path` alone. */
  gallery?: true;
}

let pageId = '';
let discussionId = 0;
let replyTo = 0;
let galleryPaths: string[] = [];
let folderId = 0;
let fileId = 0;
let binnedId = 0;
let documentId = 0;
let versionId = 0;

const ws = (path = '') => `/workspaces/${slug}${path}`;
const study = demoCaseStudies.find((candidate) => !candidate.draftOnly)!;

const VISITS: Visit[] = [
  // Anyone
  { template: 'index', path: () => '/', as: 'anonymous' },
  { template: '404', path: () => '/no-such-page', as: 'anonymous' },
  { template: '500', path: () => '/500', as: 'anonymous' },
  { template: 'blocks/index', path: () => '/blocks', as: 'anonymous' },
  { template: 'blocks/[name]', path: () => galleryPaths[0], as: 'anonymous', gallery: true },
  { template: 'case-studies/index', path: () => '/case-studies', as: 'anonymous' },
  { template: 'case-studies/[slug]', path: () => `/case-studies/${study.slug}`, as: 'anonymous' },
  { template: 'confirm-email', path: () => '/confirm-email', as: 'anonymous', errorsOf: '#email' },
  { template: 'forgot-password/index', path: () => '/forgot-password', as: 'anonymous', errorsOf: '#email' },
  { template: 'forgot-password/check-email', path: () => '/forgot-password/check-email', as: 'anonymous' },
  { template: 'form-expired', path: () => '/form-expired', as: 'anonymous' },
  { template: 'invitations/[token]', path: () => '/invitations/no-such-invitation', as: 'anonymous' },
  { template: 'register/index', path: () => '/register', as: 'anonymous', errorsOf: '#email' },
  { template: 'register/check-email', path: () => '/register/check-email', as: 'anonymous' },
  { template: 'reset-password', path: () => '/reset-password?code=not-a-real-code', as: 'anonymous', errorsOf: '#password' },
  { template: 'search', path: () => `/search?q=${encodeURIComponent(run)}`, as: 'anonymous', shows: [WORKSPACE_TITLE] },
  { template: 'sign-in', path: () => '/sign-in', as: 'anonymous', errorsOf: '#email' },
  { template: 'sign-out', path: () => '/sign-out', as: 'anonymous' },
  { template: 'account/deleted', path: () => '/account/deleted', as: 'anonymous' },
  { template: 'workspaces/index', path: () => `/workspaces?q=${encodeURIComponent(run)}`, as: 'anonymous', shows: [WORKSPACE_TITLE] },
  { template: 'workspaces/[slug]/index', path: () => ws(), as: 'anonymous', shows: [WORKSPACE_TITLE] },
  { template: 'workspaces/[slug]/members', path: () => ws('/members'), as: 'anonymous' },
  { template: 'workspaces/[slug]/pages/[page]', path: () => ws('/pages/long-title'), as: 'anonymous' },
  // A member of the workspace
  { template: 'account/index', path: () => '/account', as: 'member', errorsOf: '#firstName' },
  { template: 'account/photo', path: () => '/account/photo', as: 'member', errorsOf: 'input[type="file"]' },
  { template: 'account/change-password', path: () => '/account/change-password', as: 'member', errorsOf: 'input[type="password"]' },
  { template: 'account/delete', path: () => '/account/delete', as: 'member', errorsOf: '#password' },
  { template: 'workspaces/new', path: () => '/workspaces/new', as: 'member', errorsOf: '#title' },
  { template: 'workspaces/[slug]/index', path: () => ws(), as: 'member', shows: [WORKSPACE_TITLE, PAGE_TITLE, DISCUSSION_TITLE] },
  { template: 'workspaces/[slug]/pages/[page]', path: () => ws('/pages/long-title'), as: 'member', shows: [PAGE_TITLE] },
  { template: 'workspaces/[slug]/members', path: () => ws('/members'), as: 'member', shows: [MEMBER_NAME] },
  { template: 'workspaces/[slug]/discussions/index', path: () => ws('/discussions'), as: 'member', shows: [DISCUSSION_TITLE] },
  { template: 'workspaces/[slug]/discussions/new', path: () => ws('/discussions/new'), as: 'member', errorsOf: '#title' },
  { template: 'workspaces/[slug]/discussions/[id]', path: () => ws(`/discussions/${discussionId}`), as: 'member', shows: [DISCUSSION_TITLE], errorsOf: '#body' },
  { template: 'workspaces/[slug]/discussions/[id]', path: () => ws(`/discussions/${discussionId}?reply=${replyTo}#reply-${replyTo}`), as: 'member', errorsOf: '#reply-body' },
  { template: 'workspaces/[slug]/files/index', path: () => ws('/files'), as: 'member', shows: [FOLDER_NAME, FILE_NAME] },
  { template: 'workspaces/[slug]/files/[folder]/index', path: () => ws(`/files/${folderId}`), as: 'member', shows: [FOLDER_NAME] },
  // The upload forms' errors are shown by their script without a new page; the files tests check them.
  { template: 'workspaces/[slug]/files/[folder]/upload', path: () => ws(`/files/${folderId}/upload`), as: 'member', shows: [FOLDER_NAME] },
  { template: 'workspaces/[slug]/files/[folder]/new-folder', path: () => ws('/files/root/new-folder'), as: 'member', errorsOf: '#name' },
  { template: 'workspaces/[slug]/files/[folder]/edit', path: () => ws(`/files/${folderId}/edit`), as: 'manager', errorsOf: '#name' },
  { template: 'workspaces/[slug]/files/[folder]/move', path: () => ws(`/files/${folderId}/move`), as: 'manager' },
  { template: 'workspaces/[slug]/files/[folder]/delete', path: () => ws(`/files/${folderId}/delete`), as: 'manager', shows: [FOLDER_NAME] },
  { template: 'workspaces/[slug]/files/items/[id]/index', path: () => ws(`/files/items/${fileId}`), as: 'member', shows: [FILE_NAME] },
  { template: 'workspaces/[slug]/files/items/[id]/edit', path: () => ws(`/files/items/${fileId}/edit`), as: 'member', errorsOf: '#name' },
  { template: 'workspaces/[slug]/files/items/[id]/move', path: () => ws(`/files/items/${fileId}/move`), as: 'member', shows: [FOLDER_NAME] },
  { template: 'workspaces/[slug]/files/items/[id]/delete', path: () => ws(`/files/items/${fileId}/delete`), as: 'member', shows: [FILE_NAME] },
  { template: 'workspaces/[slug]/files/items/[id]/new-version', path: () => ws(`/files/items/${fileId}/new-version`), as: 'member', shows: [FILE_NAME] },
  { template: 'workspaces/[slug]/files/forbidden', path: () => ws('/files/bin'), as: 'member' },
  { template: 'workspaces/[slug]/files/new-document', path: () => ws('/files/new-document'), as: 'member', errorsOf: '#name' },
  { template: 'workspaces/[slug]/files/items/[id]/index', path: () => ws(`/files/items/${documentId}`), as: 'member', shows: [DOCUMENT_NAME] },
  { template: 'workspaces/[slug]/files/items/[id]/versions/index', path: () => ws(`/files/items/${documentId}/versions`), as: 'member', shows: [DOCUMENT_NAME, VERSION_NAME], errorsOf: '#name' },
  { template: 'workspaces/[slug]/files/items/[id]/versions/[version]', path: () => ws(`/files/items/${documentId}/versions/${versionId}`), as: 'member', shows: [DOCUMENT_NAME, VERSION_NAME] },
  // Its manager
  { template: 'workspaces/[slug]/files/bin/index', path: () => ws('/files/bin'), as: 'manager', shows: [BINNED_NAME] },
  { template: 'workspaces/[slug]/files/bin/delete', path: () => ws(`/files/bin/delete?kind=item&id=${binnedId}&name=binned`), as: 'manager' },
  { template: 'workspaces/[slug]/files/bin/empty', path: () => ws('/files/bin/empty'), as: 'manager' },
  { template: 'workspaces/[slug]/manage/members', path: () => ws('/manage/members'), as: 'manager', shows: [MEMBER_NAME], errorsOf: '#email' },
  { template: 'workspaces/[slug]/manage/settings', path: () => ws('/manage/settings'), as: 'manager' },
  { template: 'workspaces/[slug]/manage/audit', path: () => ws('/manage/audit'), as: 'manager' },
  { template: 'workspaces/[slug]/manage/moderation', path: () => ws('/manage/moderation'), as: 'manager' },
  { template: 'workspaces/[slug]/manage/pages/index', path: () => builderPath(slug), as: 'manager', shows: [PAGE_TITLE], errorsOf: '#title' },
  { template: 'workspaces/[slug]/manage/pages/[documentId]/index', path: () => builderPath(slug, pageId), as: 'manager', shows: [PAGE_TITLE], errorsOf: '#title' },
  { template: 'workspaces/[slug]/manage/pages/[documentId]/add', path: () => `${builderPath(slug, pageId)}/add`, as: 'manager' },
  { template: 'workspaces/[slug]/manage/pages/[documentId]/blocks/new', path: () => `${builderPath(slug, pageId)}/blocks/new?type=blocks.inset-text`, as: 'manager', errorsOf: 'textarea' },
  { template: 'workspaces/[slug]/manage/pages/[documentId]/blocks/[index]', path: () => `${builderPath(slug, pageId)}/blocks/0`, as: 'manager' },
  { template: 'workspaces/[slug]/manage/pages/[documentId]/preview', path: () => `${builderPath(slug, pageId)}/preview`, as: 'manager', shows: [PAGE_TITLE] },
  { template: 'workspaces/[slug]/manage/pages/[documentId]/history', path: () => `${builderPath(slug, pageId)}/history`, as: 'manager', shows: [PAGE_TITLE] },
  { template: 'workspaces/[slug]/manage/pages/[documentId]/delete', path: () => `${builderPath(slug, pageId)}/delete`, as: 'manager', shows: [PAGE_TITLE] },
];

/** WCAG 1.4.12's text spacing, as a reader's own stylesheet would set it. */
const TEXT_SPACING = `
  * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
  p { margin-bottom: 2em !important; }
`;

const VIEWPORTS = {
  narrow: { viewport: { width: 320, height: 256 }, spacing: false },
  spaced: { viewport: { width: 1280, height: 800 }, spacing: true },
} as const;
type ViewportName = keyof typeof VIEWPORTS;

let browser: Browser;
const contexts = new Map<string, Promise<BrowserContext>>();
const cookies = {} as Record<Who, { name: string; value: string; url: string }[]>;

function contextFor(who: Who, viewportName: ViewportName): Promise<BrowserContext> {
  const key = `${who} ${viewportName}`;
  // The promise is kept, so cases running at once share one context rather than each making one.
  let context = contexts.get(key);
  if (!context) {
    context = (async () => {
      // The text spacing stylesheet is the reader's own: the site's CSP (style-src 'self') is not for it.
      const made = await browser.newContext({ viewport: VIEWPORTS[viewportName].viewport, bypassCSP: VIEWPORTS[viewportName].spacing, extraHTTPHeaders: ownAddress() });
      await made.addCookies(cookies[who]);
      // A first visit gives the context its CSRF cookie, before pages opened at once would each be given one, all but the last going stale.
      await made.request.get(`${siteUrl}/sign-in`);
      return made;
    })();
    contexts.set(key, context);
  }
  return context;
}

/** Whether the page scrolls sideways, and if so the innermost elements reaching past its right edge. */
function overflowOf(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const past = (element: Element) => element.getBoundingClientRect().right > width + 0.5;
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((element) => past(element) && ![...element.children].some(past))
      .slice(0, 5)
      .map((element) => `<${element.tagName.toLowerCase()} class="${element.getAttribute('class') ?? ''}"> right edge ${Math.round(element.getBoundingClientRect().right)}px: ${(element.textContent ?? '').trim().slice(0, 60)}`);
    return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
  });
}

/** Tables not in their own scroll region (TableContainer: role="region", a name, tabindex="0"). */
function tablesOutsideRegions(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('table')]
      .filter((table) => !table.parentElement?.closest('.app-table-container[role="region"][tabindex="0"][aria-label]'))
      .map((table) => table.querySelector('caption')?.textContent?.trim() ?? 'a table without a caption'),
  );
}

async function submitEmptied(page: Page, field: string) {
  const form = page.locator('main form', { has: page.locator(field) }).first();
  await form.evaluate((element: HTMLFormElement) => {
    for (const input of element.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]), textarea')) input.value = '';
  });
  // Its own submit button, so a form with several (a block form's "Add another") sends the one that saves.
  const button = form.locator('button[type="submit"]:not([name="listAction"])').last();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

/** One visit at one viewport: the page (its error state, if it has one) never scrolls sideways. */
async function check(visit: Visit, path: string, viewportName: ViewportName, expect: typeof import('vitest').expect) {
  const label = `${visit.as} ${path} (${visit.template})${visit.errorsOf ? ' with errors' : ''}, ${viewportName}`;
  const context = await contextFor(visit.as, viewportName);
  const page = await context.newPage();
  try {
    await page.goto(`${siteUrl}${path}`, { waitUntil: 'load' });
    if (visit.errorsOf) {
      await submitEmptied(page, visit.errorsOf);
      expect(await page.locator('.nhsuk-error-summary').count(), `${label}: the error summary`).toBe(1);
    }
    for (const text of visit.shows ?? []) expect(await page.locator('body').innerText(), `${label} shows the hostile text`).toContain(text);
    if (VIEWPORTS[viewportName].spacing) await page.addStyleTag({ content: TEXT_SPACING });
    const { scrollWidth, clientWidth, culprits } = await overflowOf(page);
    expect(scrollWidth, `${label} scrolls sideways:\n  ${culprits.join('\n  ')}`).toBeLessThanOrEqual(clientWidth);
    expect(await tablesOutsideRegions(page), `${label}: tables outside a scroll region`).toEqual([]);
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  const cms = await Cms.connect(cmsUrl, env);
  const manager: Actor = await cms.person('Rhea');
  const member: Actor = await cms.person('Remy');
  await cms.createWorkspace(manager, slug, 'open', WORKSPACE_TITLE);
  await cms.addMember(member, slug);
  const managerHttp = await FormClient.signedIn(siteUrl, manager.email);
  const memberHttp = await SiteClient.signedIn(siteUrl, member.email);

  // The member's name is a long unbroken string too (members list, managers' table, comments).
  const profile = await memberHttp.post('/account', { firstName: MEMBER_NAME, lastName: 'Tester', jobTitle: `${fourth}`.slice(0, 150), organisation: 'NHS Test Trust', bio: '' });
  expect(profile.status, 'saving the member’s profile').toBe(303);

  await createHomeWithLatestDiscussions(cms, slug, { title: 'Home', text: LONG_TEXT });
  pageId = await createPageOverHttp(managerHttp, slug, PAGE_TITLE, 'long-title');
  const added = await fillBlockForm(managerHttp, `${builderPath(slug, pageId)}/blocks/new?type=blocks.inset-text`, 'blocks.inset-text', { body: LONG_TEXT });
  expect(added.response.status, 'adding a block').toBe(303);
  const published = await editorAction(managerHttp, slug, pageId, 'publish');
  expect(published.status, `publishing: ${errorSummaryOf(await published.clone().text()).join('; ')}`).toBe(303);

  const invited = await managerHttp.submit(ws('/manage/members'), /value="invite"/, { email: `${'reflow'.repeat(8)}${run}@example.nhs.net` });
  expect(invited.status, `inviting: ${errorSummaryOf(await invited.clone().text()).join('; ')}`).toBe(303);

  discussionId = await startDiscussion(cmsUrl, member, slug, { title: DISCUSSION_TITLE, body: LONG_TEXT }, [[manager, LONG_TEXT]]);
  const thread = await (await memberHttp.get(ws(`/discussions/${discussionId}`))).text();
  replyTo = Number(/[?&]reply=(\d+)/.exec(thread)?.[1]);
  expect(replyTo, 'a comment to reply to').toBeGreaterThan(0);

  // A folder and a file with long unbroken names, and one more file in the recycle bin.
  const folder = await filesOk<{ data: { id: number } }>(cmsUrl, member, 'POST', `/workspaces/${slug}/folders`, { name: FOLDER_NAME, parentId: null });
  folderId = folder.data.id;
  [fileId, binnedId] = await uploadFiles(cmsUrl, member, slug, 'root', [textFile(FILE_NAME, 'reflow'), textFile(BINNED_NAME, 'binned')], LONG_TEXT.slice(0, 1000));
  await filesOk(cmsUrl, member, 'DELETE', `/workspaces/${slug}/items/${binnedId}`);
  // A document written together, with a long name and a named version.
  documentId = await createDocument(cmsUrl, member, slug, DOCUMENT_NAME);
  versionId = await nameVersion(cmsUrl, member, slug, documentId, VERSION_NAME);

  const gallery = await (await fetch(`${siteUrl}/blocks`)).text();
  galleryPaths = [...new Set([...gallery.matchAll(/href="(\/blocks\/[a-z0-9-]+)"/g)].map((match) => match[1]))];
  expect(galleryPaths.length, 'the block gallery’s pages').toBeGreaterThan(0);

  cookies.anonymous = [];
  cookies.member = memberHttp.cookieList();
  cookies.manager = managerHttp.cookieList();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  for (const context of contexts.values()) await (await context).close();
  await browser?.close();
});

describe('every page template has a visit', () => {
  it('covers each .astro file under src/pages (fragments are covered where they are shown)', () => {
    const pagesDir = fileURLToPath(new URL('../../src/pages/', import.meta.url));
    const files = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
    const templates = files(pagesDir)
      .filter((file) => file.endsWith('.astro') && !/export const partial = true/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(pagesDir, file).split('\\').join('/').replace(/\.astro$/, ''));
    const visited = new Set(VISITS.map((visit) => visit.template));
    expect(templates.filter((template) => !visited.has(template))).toEqual([]);
  });
});

describe.concurrent('no sideways scrolling at 320 × 256 CSS px, nor at 1280 px with text spacing', { timeout: 120_000 }, () => {
  const cases = (['narrow', 'spaced'] as const).flatMap((viewportName) => VISITS.map((visit) => ({ viewportName, visit, name: `${visit.as}: ${visit.template}${visit.errorsOf ? ' (errors)' : ''}` })));
  it.for(cases)('$viewportName, $name', async ({ viewportName, visit }, { expect }) => {
    for (const path of visit.gallery ? galleryPaths : [visit.path()]) await check(visit, path, viewportName, expect);
  });
});

describe('tables in their own scroll regions', () => {
  it('scroll the table, not the page, and pass axe, at 320 CSS px', async () => {
    const context = await contextFor('manager', 'narrow');
    const page = await context.newPage();
    for (const path of [builderPath(slug), ws('/manage/members'), ws('/manage/audit'), `${builderPath(slug, pageId)}/history`]) {
      await page.goto(`${siteUrl}${path}`);
      const regions = page.locator('.app-table-container');
      expect(await regions.count(), path).toBeGreaterThan(0);
      await expectNoAxeViolations(page, `${path} at 320 CSS px`);
    }
    // The pages table is wider than the phone: its region scrolls by keyboard once focused.
    await page.goto(`${siteUrl}${builderPath(slug)}`);
    const region = page.locator('#pages').getByRole('region', { name: 'Pages of this workspace' });
    const { scrollWidth, clientWidth } = await region.evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await page.close();
  });
});
