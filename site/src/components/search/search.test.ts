import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import BaseLayout from '../../layouts/BaseLayout.astro';
import { parseSearchParams, type SearchRequest } from '../../lib/search/params.ts';
import WorkspaceNavigation from '../WorkspaceNavigation.astro';
import { answer, HOSTILE_SNIPPET, LONG_WORD, nothingFound } from './fixtures.ts';
import SearchView from './SearchView.astro';

/**
 * The search page's parts, rendered by Astro's container with answers shaped as the CMS sends
 * them (fixtures.ts): highlighting that stays text, counts, type links and facets that keep the
 * other filters, paging, "did you mean", nothing found, errors, and the search of one workspace.
 */
let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

function requestOf(query: string): { request: SearchRequest; url: URL } {
  const url = new URL(`http://site.test/search?${query}`);
  return { request: parseSearchParams(url.searchParams).request, url };
}

async function render(query: string, props: Record<string, unknown> = {}): Promise<string> {
  const { request, url } = requestOf(query);
  return container.renderToString(SearchView, { props: { request, url, ...props }, request: new Request(url) });
}

/** The markup outside attribute values and text: what a browser would run or build. */
const tags = (html: string) => [...html.matchAll(/<([a-z][a-z0-9-]*)\b/gi)].map((match) => match[1].toLowerCase());
const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&#38;/g, '&');

describe('results', () => {
  it('marks up matches as <mark>, and shows members’ words as text only', async () => {
    const html = await render('q=night+staffing', { answer: answer() });
    expect(tags(html)).not.toContain('script');
    expect(tags(html)).not.toContain('img');
    expect(html).toContain('<mark class="app-search-mark">&lt;script&gt;window.__pwned=1&lt;/script&gt;</mark>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<mark class="app-search-mark"> staffing </mark>');
    // Direction overrides are taken out on the way in (the contract's plain text).
    expect(html).not.toContain('\u202E');
    expect(html).toContain(' Night staffing');
    expect(html).toContain(LONG_WORD);
    expect(HOSTILE_SNIPPET).toContain('<img');
  });

  it('gives each hit its link, type, context, workspace and date', async () => {
    const html = await render('q=night+staffing', { answer: answer() });
    expect(html).toMatch(/<h2 class="nhsuk-heading-s app-search-result__title">\s*<a href="\/workspaces\/virtual-wards\/discussions\/1">/);
    expect(html).toContain('<strong class="app-search-result__type">Discussion</strong>');
    expect(html).toContain('Ada Lovelace, Ward manager');
    expect(html).toMatch(/In <a href="\/workspaces\/virtual-wards">Virtual Wards Network<\/a>/);
    expect(html).toContain('<time datetime="2026-11-24T21:30:00.000Z">24 November 2026 at 9:30pm</time>');
    expect(html).toContain('<strong class="app-search-result__type">Case study</strong>');
    expect(html).toContain('href="/case-studies/total-triage"');
  });

  it('says what was searched and how much was found', async () => {
    const html = await render('q=night+staffing', { answer: answer() });
    expect(html).toContain('<h1>Search results for “night staffing”</h1>');
    expect(html).toMatch(/<p class="app-result-count">\s*24 results for “night staffing”/);
    expect(html).toContain('value="night staffing"');
  });

  it('offers the types the answer counts, keeping the other filters, the current one marked', async () => {
    const html = await render('q=night&type=discussion&region=london&page=2', { answer: answer() });
    const links = [...html.matchAll(/<a href="([^"]+)"( aria-current="true")?[^>]*>\s*([A-Za-z ]+) <span class="app-search-types__count">\((\d+)/g)].map((match) => ({
      href: decode(match[1]),
      current: Boolean(match[2]),
      label: match[3],
      count: Number(match[4]),
    }));
    expect(links).toEqual([
      { href: '/search?q=night&region=london', current: false, label: 'All', count: 24 },
      { href: '/search?q=night&type=workspace&region=london', current: false, label: 'Workspaces', count: 2 },
      { href: '/search?q=night&type=discussion&region=london', current: true, label: 'Discussions', count: 10 },
      { href: '/search?q=night&type=comment&region=london', current: false, label: 'Comments', count: 11 },
      { href: '/search?q=night&type=case-study&region=london', current: false, label: 'Case studies', count: 1 },
    ]);
    expect(html).toContain('aria-label="Type of result"');
  });

  it('offers the facets it has as a GET form, with counts and the choices made', async () => {
    const html = await render('q=night&type=discussion&region=london', { answer: answer() });
    const form = html.slice(html.indexOf('<form class="app-search-filters"'));
    expect(form).toMatch(/^<form class="app-search-filters" action="\/search" method="get"/);
    expect(form).toContain('<input type="hidden" name="q" value="night">');
    expect(form).toContain('<input type="hidden" name="type" value="discussion">');
    expect(form).toMatch(/id="search-workspace-all" name="workspace" type="radio" value="" checked/);
    expect(form).toMatch(/name="workspace" type="radio" value="virtual-wards">\s*<label[^>]*>Virtual Wards Network \(20\)<\/label>/);
    expect(form).toMatch(/name="region" type="checkbox" value="london" checked>\s*<label[^>]*>London \(1\)<\/label>/);
    expect(form).toMatch(/name="topic" type="checkbox" value="workforce">\s*<label[^>]*>Workforce \(1\)<\/label>/);
    expect(form).toContain('Apply filters');
    // A region chosen that the answer no longer counts can still be unticked.
    const gone = await render('q=night&region=south-west', { answer: answer() });
    expect(gone).toMatch(/name="region" type="checkbox" value="south-west" checked>\s*<label[^>]*>south-west \(0\)<\/label>/);
  });

  it('pages with the site’s pagination, every link keeping the filters, up to the contract’s last page', async () => {
    const html = await render('q=night&type=comment&region=london&topic=workforce&page=2', { answer: answer({ page: 2, total: 45 }) });
    expect(decode(html)).toContain('href="/search?q=night&type=comment&region=london&topic=workforce&page=3"');
    expect(decode(html)).toContain('href="/search?q=night&type=comment&region=london&topic=workforce" class="nhsuk-pagination__previous"');
    expect(html).toContain('aria-label="Page 5"');
    expect(html).not.toContain('aria-label="Page 6"');
    const many = await render('q=night', { answer: answer({ total: 10_000 }) });
    expect(many).toContain('aria-label="Page 50"');
    expect(many).not.toContain('aria-label="Page 51"');
  });
});

describe('nothing found', () => {
  it('suggests what the CMS suggests, with the filters kept, and says what to try', async () => {
    const html = await render('q=nigth+stafing&type=discussion', { answer: nothingFound() });
    expect(html).toMatch(/0 results for “nigth stafing”/);
    expect(decode(html)).toMatch(/Did you mean <a href="\/search\?q=night\+staffing&type=discussion">night staffing<\/a>\?/);
    expect(html).toContain('No results found');
    expect(html).toContain('check the spelling');
    expect(html).toContain('try fewer or different words');
    expect(html).toContain('remove some of the filters');
    expect(html).toContain('<a href="/workspaces">workspaces</a>');
    expect(html).toContain('<a href="/case-studies">case studies</a>');
    expect(html).not.toContain('app-search-results');
  });

  it('says nothing about "did you mean" when the CMS has nothing to suggest', async () => {
    const html = await render('q=zzzz', { answer: nothingFound(null) });
    expect(html).not.toContain('Did you mean');
    expect(html).not.toContain('remove some of the filters');
    expect(html).toContain('No results found');
  });
});

describe('the empty page and errors', () => {
  it('shows the form only before anything is searched', async () => {
    const html = await render('');
    expect(html).toContain('<h1>Search</h1>');
    expect(html).toMatch(/<form class="app-search-form" action="\/search" method="get"/);
    expect(html).toContain('<label class="nhsuk-label" for="search-q">Search FutureNHS</label>');
    expect(html).toContain('data-search-suggest="/search/suggest"');
    expect(html).not.toContain('nhsuk-error-summary');
    expect(html).not.toContain('app-result-count');
    expect(html).not.toContain('app-search-types');
  });

  it('shows the error summary linking to the box, the words kept in it', async () => {
    const long = 'x'.repeat(101);
    const html = await render(`q=${long}`, { errors: ['Search term must be 100 characters or fewer'] });
    expect(html).toContain('nhsuk-error-summary');
    expect(html).toContain('<li><a href="#search-q">Search term must be 100 characters or fewer</a></li>');
    expect(html).toContain(`value="${long}"`);
    expect(html).toContain('nhsuk-input--error');
    expect(html).toContain('aria-describedby="search-q-hint search-q-error"');
    expect(html).toMatch(/id="search-q-error"><span class="nhsuk-u-visually-hidden">Error:<\/span> Search term must be 100 characters or fewer/);
  });

  it('prefixes the page title with "Error:" (the layout) when the page shows errors', async () => {
    const html = await container.renderToString(BaseLayout, { props: { title: 'Search', hasErrors: true } });
    expect(html).toContain('<title>Error: Search - FutureNHS</title>');
  });
});

describe('a search of one workspace', () => {
  const scope = { slug: 'virtual-wards', title: 'Virtual Wards Network' };

  it('says where it searched, keeps the workspace in the form, and links to a search everywhere', async () => {
    const html = await render('q=night&workspace=virtual-wards&type=discussion', { answer: answer(), scope });
    expect(html).toContain('<h1>Search results for “night” in Virtual Wards Network</h1>');
    expect(html).toContain('<input type="hidden" name="workspace" value="virtual-wards">');
    expect(html).toContain('data-search-suggest="/search/suggest?workspace=virtual-wards"');
    expect(decode(html)).toContain('<a href="/search?q=night&type=discussion">Search everywhere for “night”</a>');
    expect(html).toMatch(/name="workspace" type="radio" value="virtual-wards" checked/);
  });

  it('offers the search everywhere among what to try when nothing is found there', async () => {
    const html = await render('q=nothing&workspace=virtual-wards', { answer: nothingFound(null), scope });
    expect(html).toMatch(/<a href="\/search\?q=nothing">search everywhere<\/a>, not just in Virtual Wards Network/);
  });

  it('is offered on the workspace’s own pages to those who may read it', async () => {
    const items = [
      { title: 'Home', href: '/workspaces/virtual-wards', current: true },
      { title: 'Online consultations', href: '/workspaces/virtual-wards/pages/online-consultations', current: false },
    ];
    const props = { items, workspaceTitle: 'Virtual Wards Network', slug: 'virtual-wards', showDiscussions: true };
    const html = await container.renderToString(WorkspaceNavigation, { props });
    // After the workspace's own navigation, which stays as it was.
    expect(html).toContain('<a class="nhsuk-contents-list__link" href="/workspaces/virtual-wards/pages/online-consultations">Online consultations</a>');
    expect(html.indexOf('Online consultations')).toBeLessThan(html.indexOf('app-workspace-search'));
    expect(html).toMatch(/<form class="app-workspace-search" action="\/search" method="get" novalidate>\s*<input type="hidden" name="workspace" value="virtual-wards">/);
    expect(html).toContain('<label class="nhsuk-label" for="workspace-search-q">Search Virtual Wards Network</label>');
    const outsider = await container.renderToString(WorkspaceNavigation, { props: { ...props, showDiscussions: false } });
    expect(outsider).not.toContain('app-workspace-search');
  });
});

describe('the header search box', () => {
  it('is on every page, labelled, asking for suggestions from a script file (no inline script)', async () => {
    const html = await container.renderToString(BaseLayout, { props: { title: 'Anything' }, request: new Request('http://site.test/anything') });
    expect(html).toContain('<label class="nhsuk-label nhsuk-u-visually-hidden" for="search-field">Search FutureNHS</label>');
    expect(html).toMatch(/<input class="nhsuk-input" id="search-field" name="q" type="search"[^>]*data-search-suggest="\/search\/suggest"/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});

describe('a page past the last result', () => {
  it('says so and links to the first page', async () => {
    const html = await render('q=night&type=comment&page=9', { answer: answer({ page: 9, total: 45, hits: [] }) });
    expect(html).toContain('There are no more results.');
    expect(decode(html)).toContain('<a href="/search?q=night&type=comment">Go to the first page of results</a>');
  });
});
