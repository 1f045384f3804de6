import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import BaseLayout from '../layouts/BaseLayout.astro';
import WorkspaceLayout from '../layouts/WorkspaceLayout.astro';
import CsrfField from './CsrfField.astro';
import ErrorSummary from './ErrorSummary.astro';
import TextInput from './form/TextInput.astro';
import SiteHeader from './SiteHeader.astro';
import SharedFragment from './SharedFragment.astro';
import { invalidateAllCaches } from '../lib/cache/registry.ts';
import Pagination from './Pagination.astro';
import WorkspaceNavigation from './WorkspaceNavigation.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const workspace = {
  documentId: 'ws1',
  title: 'Virtual Wards Network',
  slug: 'virtual-wards-network',
  summary: 'Clinicians running virtual wards.',
  visibility: 'open' as const,
};

describe('BaseLayout', () => {
  it('renders the NHS shell: skip link, banner, navigation, one main, footer', async () => {
    const html = await container.renderToString(BaseLayout, {
      props: { title: 'Workspaces', section: 'workspaces', breadcrumbs: [{ text: 'Home', href: '/' }] },
      slots: { default: '<h1>Workspaces</h1>' },
      request: new Request('http://site.test/workspaces'),
    });
    expect(html).toContain('<title>Workspaces - FutureNHS</title>');
    expect(html).toMatch(/<a class="nhsuk-skip-link"[^>]*href="#maincontent"/);
    expect(html).toContain('role="banner"');
    expect(html).toContain('<span class="nhsuk-header__service-name">FutureNHS</span>');
    expect(html).toMatch(/<form class="nhsuk-header__search-form" id="search" action="\/search" method="get"/);
    expect(html.match(/<main /g)).toHaveLength(1);
    expect(html).toContain('id="maincontent"');
    expect(html).toContain('role="contentinfo"');
    expect(html).toMatch(/href="\/workspaces" aria-current="page"/);
    expect(html).toContain('aria-label="Breadcrumb"');
    // The CSP forbids inline script and style.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style[\s>]/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('prefixes the title when the page shows errors, and shows the preview banner for drafts', async () => {
    const html = await container.renderToString(BaseLayout, { props: { title: 'Search', hasErrors: true, preview: true } });
    expect(html).toContain('<title>Error: Search - FutureNHS</title>');
    expect(html).toContain('This is a preview');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
  });
});

describe('WorkspaceNavigation', () => {
  it('marks the current page with aria-current and does not link it', async () => {
    const html = await container.renderToString(WorkspaceNavigation, {
      props: {
        workspaceTitle: 'Virtual Wards Network',
        items: [
          { title: 'Home', href: '/workspaces/v', current: false },
          { title: 'Remote monitoring', href: '/workspaces/v/pages/remote-monitoring', current: true },
        ],
      },
    });
    expect(html).toContain('aria-label="Pages in Virtual Wards Network"');
    expect(html).toMatch(/<li class="nhsuk-contents-list__item" aria-current="page">\s*<span class="nhsuk-contents-list__current">Remote monitoring<\/span>/);
    expect(html).toContain('<a class="nhsuk-contents-list__link" href="/workspaces/v">Home</a>');
    expect(html).not.toContain('href="/workspaces/v/pages/remote-monitoring"');
  });
});

describe('WorkspaceLayout', () => {
  it('shows a restricted workspace as its listing and the members-only notice only', async () => {
    const html = await container.renderToString(WorkspaceLayout, {
      props: { workspace: { ...workspace, visibility: 'restricted' }, restricted: true },
      slots: { default: '<p>SECRET CONTENT</p>' },
    });
    expect(html).toContain('<h1>');
    expect(html).toContain('Virtual Wards Network');
    expect(html).toContain('Clinicians running virtual wards.');
    expect(html).toContain('Restricted: members only');
    expect(html).not.toContain('SECRET CONTENT');
  });

  it('titles a further page with the workspace as its caption', async () => {
    const html = await container.renderToString(WorkspaceLayout, {
      props: {
        workspace,
        page: { documentId: 'p1', title: 'Remote monitoring', slug: 'remote-monitoring', isHome: false, updatedAt: null, commentsEnabled: false, blocks: [] },
        navigation: [],
      },
    });
    expect(html).toContain('<title>Remote monitoring - Virtual Wards Network - FutureNHS</title>');
    expect(html).toMatch(/<span class="nhsuk-caption-l">Virtual Wards Network/);
    expect(html).toContain('href="/workspaces/virtual-wards-network"');
  });
});

describe('Pagination', () => {
  it('links every page, keeping the filters, with the current one marked', async () => {
    const html = await container.renderToString(Pagination, {
      props: { url: new URL('http://site.test/case-studies?region=london&page=2'), page: 2, pageCount: 3 },
    });
    expect(html).toContain('href="/case-studies?region=london" class="nhsuk-pagination__previous"');
    expect(html).toContain('href="/case-studies?region=london&amp;page=3" class="nhsuk-pagination__next"');
    expect(html).toMatch(/aria-label="Page 2" aria-current="page"/);
  });

  it('renders nothing for a single page', async () => {
    const html = await container.renderToString(Pagination, { props: { url: new URL('http://site.test/workspaces'), page: 1, pageCount: 1 } });
    expect(html.trim()).toBe('');
  });
});

describe('ErrorSummary', () => {
  it('links each error to its field', async () => {
    const html = await container.renderToString(ErrorSummary, { props: { errors: [{ text: 'Enter a search term', href: '#search-q' }] } });
    expect(html).toContain('There is a problem');
    expect(html).toContain('<a href="#search-q">Enter a search term</a>');
  });
});

describe('SiteHeader account links', () => {
  it('offers sign in (coming back to this page) and register to anonymous visitors', async () => {
    const html = await container.renderToString(SiteHeader, { request: new Request('http://site.test/workspaces?page=2'), locals: { viewer: null } as unknown as App.Locals });
    expect(html).toContain('<nav class="nhsuk-header__account" aria-label="Account">');
    expect(html).toContain('href="/sign-in?next=%2Fworkspaces%3Fpage%3D2">Sign in</a>');
    expect(html).toContain('href="/register">Register</a>');
    expect(html).not.toContain('Sign out');
  });

  it('shows a signed-in member their name and a sign-out button carrying the CSRF token', async () => {
    const viewer = { id: '1', email: 'tom@nhs.net', firstName: 'Tom', lastName: 'Evans', jobTitle: 'Nurse', organisation: 'Leeds', bio: '', profileComplete: true, memberships: [] };
    const html = await container.renderToString(SiteHeader, { locals: { viewer, csrfToken: 'token-123' } as unknown as App.Locals });
    expect(html).toMatch(/<a class="nhsuk-header__account-link" href="\/account">[\s\S]*Tom Evans/);
    expect(html).toMatch(/<form class="nhsuk-header__account-form" action="\/sign-out" method="post"/);
    expect(html).toContain('<input type="hidden" name="_csrf" value="token-123">');
    expect(html).not.toContain('>Sign in<');
  });
});

describe('form fields', () => {
  it('render the CSRF token as a hidden field', async () => {
    expect(await container.renderToString(CsrfField, { locals: { csrfToken: 'abc' } as unknown as App.Locals })).toContain('<input type="hidden" name="_csrf" value="abc">');
  });

  it('wire an input to its hint and error, keeping the value typed', async () => {
    const html = await container.renderToString(TextInput, {
      props: { name: 'email', label: 'Email address', type: 'email', value: 'priya@', hint: 'Your work email', error: 'Enter an email address in the correct format' },
    });
    expect(html).toContain('nhsuk-form-group--error');
    expect(html).toMatch(/<span class="nhsuk-error-message" id="email-error"><span class="nhsuk-u-visually-hidden">Error: <\/span>Enter an email address in the correct format<\/span>/);
    expect(html).toMatch(/<input class="nhsuk-input nhsuk-input--error" id="email" name="email" type="email" value="priya@"[^>]*aria-describedby="email-hint email-error"/);
  });

  it('never put a value in a password input', async () => {
    const html = await container.renderToString(TextInput, { props: { name: 'password', label: 'Password', type: 'password', value: 'secret' } });
    expect(html).not.toContain('secret');
    expect(html).toContain('data-module="nhsuk-password-input"');
  });
});

describe('SharedFragment', () => {
  const render = (cacheKey: string | null, content: string) => container.renderToString(SharedFragment, { props: { cacheKey }, slots: { default: content } });

  it('renders once per key for every viewer, until the CMS revalidates', async () => {
    expect(await render('page-1|v1', '<p>first render</p>')).toContain('first render');
    // The same key is served from the first render: its content is not rendered again.
    expect(await render('page-1|v1', '<p>second render</p>')).toContain('first render');
    expect(await render('page-1|v2', '<p>new version</p>')).toContain('new version');
    invalidateAllCaches();
    expect(await render('page-1|v1', '<p>after revalidation</p>')).toContain('after revalidation');
  });

  it('never shares what has no key (a draft in preview)', async () => {
    expect(await render(null, '<p>draft one</p>')).toContain('draft one');
    expect(await render(null, '<p>draft two</p>')).toContain('draft two');
  });
});
