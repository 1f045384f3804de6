import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoCaseStudies } from '../../../cms/seed/demo-content.ts';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { startDiscussion } from './forum-helpers.ts';
import { Cms, type Actor } from './membership-helpers.ts';
import { browserPage, go, resultCount, resultTitles, runTag, searchPath, searchUntilFound, signedInPage } from './search-helpers.ts';

/**
 * Search on the site, in Chromium, as a visitor, a member and an outsider: what each finds (and
 * what an outsider never learns of a hidden workspace), the type filter and a facet, the search of
 * one workspace from that workspace, suggestions by keyboard, and axe on every state: the empty
 * page, results, nothing found with "did you mean", the error summary and the open suggestions.
 * What is written here is searchable within about a second: searches are asked again, briefly,
 * until it shows.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const tag = runTag();
const OPEN = `search-open-${tag}`;
const OPEN_TITLE = `Night staffing exchange ${tag}`;
const HIDDEN = `search-hidden-${tag}`;
const HIDDEN_TITLE = `Sett of secrets ${tag}`;
/** Words found only in this test's content, one per thing written. */
const DISCUSSION_WORD = `pelican${tag}`;
const COMMENT_WORD = `walrus${tag}`;
const PAGE_WORD = `heron${tag}`;
const HIDDEN_WORD = `badger${tag}`;
const DISCUSSION_TITLE = `Rota ${DISCUSSION_WORD} for weekends`;
const PAGE_TITLE = `Heron guidance ${tag}`;
const HIDDEN_DISCUSSION = `Restructure ${HIDDEN_WORD} plans`;

const study = demoCaseStudies.find((candidate) => !candidate.draftOnly && candidate.title.includes('triage'))!;

let browser: Browser;
let cms: Cms;
let manager: Actor;
let member: Actor;
let outsider: Actor;
let memberPage: Page;
let outsiderPage: Page;
let managerPage: Page;
let anonymousPage: Page;
const contexts: BrowserContext[] = [];

const main = async (page: Page) => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
const h1 = async (page: Page) => ((await page.locator('h1').textContent()) ?? '').replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Manager');
  member = await cms.person('Member');
  outsider = await cms.person('Outsider');
  await cms.createWorkspace(manager, OPEN, 'open', OPEN_TITLE);
  await cms.addMember(member, OPEN);
  await cms.createPage(OPEN, { title: 'Welcome', slug: 'home', isHome: true, text: `Welcome to the exchange ${tag}` });
  await cms.createPage(OPEN, { title: PAGE_TITLE, slug: 'heron-guidance', text: `How the ${PAGE_WORD} rota works.`, position: 1 });
  await startDiscussion(cmsUrl, member, OPEN, { title: DISCUSSION_TITLE, body: 'Who covers the weekend nights?' }, [
    [manager, `The ${COMMENT_WORD} team covers ${DISCUSSION_WORD} weekends.`],
  ]);
  await cms.createWorkspace(manager, HIDDEN, 'hidden', HIDDEN_TITLE);
  await cms.createPage(HIDDEN, { title: 'Home', slug: 'home', isHome: true, text: `The ${HIDDEN_WORD} plan is confidential.` });
  await startDiscussion(cmsUrl, manager, HIDDEN, { title: HIDDEN_DISCUSSION, body: `Only for us: ${HIDDEN_WORD}.` }, [[manager, `A ${HIDDEN_WORD} comment.`]]);
  memberPage = await signedInPage(browser, contexts, siteUrl, member.email);
  outsiderPage = await signedInPage(browser, contexts, siteUrl, outsider.email);
  managerPage = await signedInPage(browser, contexts, siteUrl, manager.email);
  anonymousPage = await browserPage(browser, contexts);
}, 240_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('a member', { timeout: 90_000 }, () => {
  it('finds a discussion, a comment and a page of an open workspace, the words marked', async () => {
    const page = memberPage;
    await searchUntilFound(page, `${siteUrl}${searchPath({ q: DISCUSSION_WORD })}`, DISCUSSION_TITLE);
    expect(await h1(page)).toBe(`Search results for “${DISCUSSION_WORD}”`);
    expect(await page.title()).toBe(`Search results for ${DISCUSSION_WORD} - FutureNHS`);
    expect(await page.locator('.app-search-result__title mark').first().textContent()).toMatch(new RegExp(DISCUSSION_WORD, 'i'));
    expect(await main(page)).toContain(OPEN_TITLE);
    await expectNoAxeViolations(page, 'results');

    // A comment is shown by its own words, in its discussion's workspace.
    await searchUntilFound(page, `${siteUrl}${searchPath({ q: COMMENT_WORD })}`, COMMENT_WORD);
    expect(await page.locator('.app-search-result__type').first().textContent()).toBe('Comment');
    expect(await page.locator('.app-search-result mark').first().textContent()).toMatch(new RegExp(COMMENT_WORD, 'i'));
    expect(await page.locator('.app-search-result__workspace').first().textContent()).toContain(OPEN_TITLE);

    await searchUntilFound(page, `${siteUrl}${searchPath({ q: PAGE_WORD })}`, PAGE_TITLE);
    expect(await page.locator('.app-search-result__type').first().textContent()).toBe('Page');
    await go(page, page.locator('.app-search-result__title a').first());
    expect(new URL(page.url()).pathname).toBe(`/workspaces/${OPEN}/pages/heron-guidance`);
  });

  it('narrows to one type by its link, the other types still offered with their counts', async () => {
    const page = memberPage;
    // The discussion's title and the comment both hold the word.
    await searchUntilFound(page, `${siteUrl}${searchPath({ q: DISCUSSION_WORD })}`, DISCUSSION_TITLE);
    const types = page.locator('#search-types');
    expect(await types.locator('[aria-current="true"]').textContent()).toMatch(/^\s*All \(2/);
    await go(page, types.getByRole('link', { name: /^Comments \(1/ }));
    expect(new URL(page.url()).searchParams.getAll('type')).toEqual(['comment']);
    expect(await types.locator('[aria-current="true"]').textContent()).toMatch(/^\s*Comments \(1/);
    expect(await page.locator('.app-search-result__type').allTextContents()).toEqual(['Comment']);
    expect(await resultCount(page)).toBe(`1 result for “${DISCUSSION_WORD}”`);
    expect(await types.getByRole('link', { name: /^Discussions \(1/ }).count()).toBe(1);
  });

  it('narrows to a workspace with the filters form', async () => {
    const page = memberPage;
    await page.goto(`${siteUrl}${searchPath({ q: DISCUSSION_WORD })}`);
    await page.getByRole('radio', { name: new RegExp(`^${OPEN_TITLE} \\(2`) }).check();
    await go(page, page.getByRole('button', { name: 'Apply filters' }));
    expect(new URL(page.url()).searchParams.get('workspace')).toBe(OPEN);
    expect(await h1(page)).toBe(`Search results for “${DISCUSSION_WORD}” in ${OPEN_TITLE}`);
    expect(await resultTitles(page)).toHaveLength(2);
  });

  it('searches one workspace from that workspace, with a way to search everywhere', async () => {
    const page = memberPage;
    await page.goto(`${siteUrl}/workspaces/${OPEN}`);
    const box = page.getByRole('combobox', { name: `Search ${OPEN_TITLE}` });
    await box.fill(PAGE_WORD);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), box.press('Enter')]);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('workspace')).toBe(OPEN);
    expect(await h1(page)).toBe(`Search results for “${PAGE_WORD}” in ${OPEN_TITLE}`);
    expect(await resultTitles(page)).toContainEqual(expect.stringContaining(PAGE_TITLE));
    await go(page, page.getByRole('link', { name: `Search everywhere for “${PAGE_WORD}”` }));
    expect(new URL(page.url()).searchParams.has('workspace')).toBe(false);
    expect(await resultTitles(page)).toContainEqual(expect.stringContaining(PAGE_TITLE));
  });

  it('is offered what it meant when nothing matches', async () => {
    const page = memberPage;
    // Two letters swapped: more than the one typo a search forgives.
    const misspelt = DISCUSSION_WORD.replace('pelican', 'pilecan');
    await page.goto(`${siteUrl}${searchPath({ q: misspelt })}`);
    expect(await resultCount(page)).toBe(`0 results for “${misspelt}”`);
    expect(await main(page)).toContain('No results found');
    const suggestion = page.locator('.app-search-did-you-mean a');
    expect((await suggestion.textContent())?.toLowerCase()).toBe(DISCUSSION_WORD);
    await expectNoAxeViolations(page, 'no results, with did you mean');
    await go(page, suggestion);
    expect(await resultTitles(page)).toContainEqual(expect.stringContaining(DISCUSSION_TITLE));
  });

  it('chooses a suggestion by keyboard as it types', async () => {
    const page = memberPage;
    await page.goto(`${siteUrl}/case-studies`);
    const box = page.locator('#search-field');
    expect(await box.getAttribute('role')).toBe('combobox');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await box.click();
    await box.pressSequentially(DISCUSSION_WORD, { delay: 15 });
    const listbox = page.locator('#search-field-suggestions');
    await listbox.waitFor({ state: 'visible' });
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await box.getAttribute('aria-controls')).toBe('search-field-suggestions');
    const options = listbox.getByRole('option');
    expect(await options.count()).toBe(2);
    // The discussion and the comment on it both match; which ranks first is the engine's to say.
    const texts = await options.allTextContents();
    const discussion = texts.findIndex((text) => text.includes('Discussion'));
    expect(discussion, texts.join(' | ')).toBeGreaterThanOrEqual(0);
    const status = page.locator('header .app-search-suggest + [role="status"]');
    await expect.poll(async () => status.textContent()).toMatch(/^2 suggestions\./);
    await expectNoAxeViolations(page, 'open suggestions');

    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe('search-field-suggestion-0');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).toBe('search-field-suggestion-0');
    await box.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await listbox.isHidden()).toBe(true);
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();

    await box.press('ArrowDown');
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    for (let i = 0; i < discussion; i += 1) await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(`search-field-suggestion-${discussion}`);
    await Promise.all([page.waitForURL((url) => url.pathname.startsWith(`/workspaces/${OPEN}/discussions/`)), box.press('Enter')]);
  });
});

describe('an outsider', { timeout: 90_000 }, () => {
  it('finds nothing of a hidden workspace, which its manager finds', async () => {
    await searchUntilFound(managerPage, `${siteUrl}${searchPath({ q: HIDDEN_WORD })}`, HIDDEN_DISCUSSION);
    // Its page, its discussion and the comment on it.
    expect(await managerPage.locator('.app-search-result__type').allTextContents()).toEqual(expect.arrayContaining(['Page', 'Discussion', 'Comment']));

    const page = outsiderPage;
    await page.goto(`${siteUrl}${searchPath({ q: HIDDEN_WORD })}`);
    expect(await resultCount(page)).toBe(`0 results for “${HIDDEN_WORD}”`);
    const text = await main(page);
    expect(text).not.toContain(HIDDEN_TITLE);
    expect(text).not.toContain('Restructure');
    expect(text).not.toContain('Did you mean');
    expect(await page.locator('.app-search-filters').count()).toBe(0);
    // Not by its address either: the search is refused as for a workspace that does not exist.
    await page.goto(`${siteUrl}${searchPath({ q: HIDDEN_WORD, workspace: HIDDEN })}`);
    expect(await main(page)).not.toContain(HIDDEN_TITLE);
    expect(await page.locator('.app-search-result').count()).toBe(0);
    // Nor as a suggestion.
    const suggestions = await page.evaluate(async (q) => (await fetch(`/search/suggest?q=${encodeURIComponent(q)}`)).json(), HIDDEN_WORD);
    expect(suggestions).toEqual({ query: HIDDEN_WORD, suggestions: [] });
  });

  it('reads an open workspace’s discussion as any signed-in member does', async () => {
    await searchUntilFound(outsiderPage, `${siteUrl}${searchPath({ q: DISCUSSION_WORD })}`, DISCUSSION_TITLE);
  });
});

describe('a visitor', { timeout: 90_000 }, () => {
  it('sees the form only before searching', async () => {
    const page = anonymousPage;
    await page.goto(`${siteUrl}/search`);
    expect(await h1(page)).toBe('Search');
    expect(await page.locator('#search-q').inputValue()).toBe('');
    expect(await page.locator('.app-search-result, .app-result-count, .nhsuk-error-summary').count()).toBe(0);
    await expectNoAxeViolations(page, 'empty search');
  });

  it('finds published case studies, and narrows them by region', async () => {
    const page = anonymousPage;
    await searchUntilFound(page, `${siteUrl}${searchPath({ q: 'triage' })}`, study.title);
    await expectNoAxeViolations(page, 'results for a visitor');
    const region = page.locator('.app-search-filters input[name="region"][value="east-of-england"]');
    await region.check();
    await go(page, page.getByRole('button', { name: 'Apply filters' }));
    expect(new URL(page.url()).searchParams.getAll('region')).toEqual(['east-of-england']);
    expect(await region.isChecked()).toBe(true);
    expect(await resultTitles(page)).toContainEqual(expect.stringContaining(study.title));
  });

  it('finds nothing inside workspaces', async () => {
    const page = anonymousPage;
    for (const word of [DISCUSSION_WORD, COMMENT_WORD, PAGE_WORD, HIDDEN_WORD]) {
      await page.goto(`${siteUrl}${searchPath({ q: word })}`);
      expect(await resultCount(page)).toBe(`0 results for “${word}”`);
      expect(await main(page)).not.toContain(HIDDEN_TITLE);
    }
  });

  it('is told what is wrong with a search, the words kept in the box', async () => {
    const page = anonymousPage;
    const long = `${'long '.repeat(20)}words`;
    await page.goto(`${siteUrl}${searchPath({ q: long })}`);
    expect(await page.title()).toBe('Error: Search - FutureNHS');
    const summary = page.locator('.nhsuk-error-summary');
    expect(await summary.textContent()).toContain('Search term must be 100 characters or fewer');
    expect(await summary.locator('a').getAttribute('href')).toBe('#search-q');
    expect(await page.locator('#search-q').inputValue()).toBe(long.trim());
    await expectNoAxeViolations(page, 'search error');
    await summary.locator('a').click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q');

    await page.goto(`${siteUrl}${searchPath({ q: 'triage', type: 'secret' })}`);
    expect(await page.locator('.nhsuk-error-summary').textContent()).toContain('Choose a type of result from the list');
    expect(await page.locator('#search-q').inputValue()).toBe('triage');
  });
});
