import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { HANDLER, IMG, MARKDOWN, RLO, SCRIPT, SVG } from './hostile-corpus.ts';
import { Cms, ownAddress, type Actor } from './membership-helpers.ts';
import { builderApi, builderPath, createPageOverHttp, decode, editorAction, errorSummaryOf, fillBlockForm, follow, FormClient, forms, pngFile } from './page-builder-helpers.ts';

/**
 * Hostile input through every field type of the page builder (text, multiline, Markdown, link,
 * number, yes/no, choice, image, case study, list items): each is either stored safely or refused
 * with the NHS error summary, and whatever is stored renders inert in the preview and on the
 * published page: nothing runs, no on* attributes, no javascript:/data: links, no direction
 * overrides. Checked in the HTML, then in Chromium (a script that ran would set window.__pwned or
 * open a dialog).
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = Date.now().toString(36);
const slug = `pb-hostile-${run}`;
const pageSlug = `hostile-${run}`;

let cms: Cms;
let manager: Actor;
let member: Actor;
let managerClient: FormClient;
let memberClient: FormClient;
let documentId = '';
let browser: Browser;

const newBlock = (uid: string) => `${builderPath(slug, documentId)}/blocks/new?type=${encodeURIComponent(uid)}`;

async function blockCount(): Promise<number> {
  const html = await managerClient.html(builderPath(slug, documentId));
  return (html.match(/<li class="nhsuk-card app-block-item"/g) ?? []).length;
}

/** Saved (303) or refused with the error summary (400) and nothing stored: never anything else. */
async function storedOrRefused(uid: string, value: Record<string, unknown>, options: Parameters<typeof fillBlockForm>[3] = {}): Promise<'stored' | 'refused'> {
  const before = await blockCount();
  const { response } = await fillBlockForm(managerClient, newBlock(uid), uid, value, options);
  if (response.status === 303) {
    expect(await blockCount()).toBe(before + 1);
    return 'stored';
  }
  const html = await response.text();
  expect(response.status, `${uid}: neither stored nor refused`).toBe(400);
  expect(errorSummaryOf(html).length, `${uid}: refused without an error summary`).toBeGreaterThan(0);
  expect(await blockCount()).toBe(before);
  return 'refused';
}

/**
 * The tags of an HTML document as a browser's tokenizer sees them: read from the start, each tag
 * with its quoted attribute values consumed whole (so `<img onerror=…>` written inside an
 * attribute's value is text, as it is to the browser), comments and text skipped.
 */
function tags(html: string): { name: string; attributes: [string, string][]; source: string }[] {
  const found: { name: string; attributes: [string, string][]; source: string }[] = [];
  const token = /<!--[\s\S]*?-->|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>\/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>|<\/[^>]*>|[^<]+|</g;
  for (const match of html.matchAll(token)) {
    if (!match[1]) continue;
    const attributes: [string, string][] = [];
    for (const attribute of (match[2] ?? '').matchAll(/([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes.push([attribute[1].toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '']);
    }
    found.push({ name: match[1].toLowerCase(), attributes, source: match[0].slice(0, 160) });
  }
  return found;
}

/** What would make markup in `html`'s <main> live: scripts, handlers, unsafe links, foreign frames, direction overrides. */
export function liveMarkup(html: string): string[] {
  const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
  const problems: string[] = [];
  for (const tag of tags(main)) {
    // The site's own bundled module (Astro renders a component's script where it is used): served from /_astro/, never inline.
    const ownScript = tag.name === 'script' && tag.attributes.some(([name, value]) => name === 'src' && /^\/_astro\/[\w.-]+\.js$/.test(value));
    if (['script', 'object', 'embed', 'base', 'meta'].includes(tag.name) && !ownScript) problems.push(`a ${tag.name} element: ${tag.source}`);
    for (const [name, raw] of tag.attributes) {
      const value = decode(raw).replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (name.startsWith('on')) problems.push(`an event handler: ${tag.source}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(name) && /^(javascript|data|vbscript):/.test(value)) problems.push(`an unsafe ${name}: ${tag.source}`);
      if (tag.name === 'iframe' && name === 'src' && !/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(value)) problems.push(`a foreign frame: ${tag.source}`);
    }
  }
  if (/[\u202A-\u202E\u2066-\u2069]/.test(main)) problems.push('a direction override');
  return problems;
}

beforeAll(async () => {
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Mallory');
  member = await cms.person('Reader');
  await cms.createWorkspace(manager, slug, 'open', `Hostile ${run}`);
  await cms.addMember(member, slug);
  managerClient = await FormClient.signedIn(siteUrl, manager.email);
  memberClient = await FormClient.signedIn(siteUrl, member.email);
  documentId = await createPageOverHttp(managerClient, slug, `Hostile ${run}`, pageSlug);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('hostile input through every field type', { timeout: 240_000 }, () => {
  it('text, multiline and list items: stored as text, direction overrides removed', async () => {
    expect(await storedOrRefused('blocks.card-group', {
      heading: `${SCRIPT}${RLO}`,
      headingLevel: 'h2',
      columns: 'two',
      cards: [
        { title: IMG, description: `${SVG}\n${HANDLER}`, href: '/workspaces', image: null, imageAltText: null, imageIsDecorative: false },
        { title: `${HANDLER}${RLO}`, description: SCRIPT, href: '#section', image: null, imageAltText: null, imageIsDecorative: false },
      ],
    })).toBe('stored');
    expect(await storedOrRefused('blocks.quote', { quote: `${SCRIPT}\n\n${SVG}`, name: IMG, role: HANDLER })).toBe('stored');
    expect(await storedOrRefused('blocks.do-dont-list', { type: 'dont', heading: SCRIPT, headingLevel: 'h3', items: [{ text: IMG }, { text: `${RLO}${HANDLER}` }] })).toBe('stored');
  });

  it('Markdown: stored, rendered through the sanitizer', async () => {
    expect(await storedOrRefused('blocks.rich-text', { body: MARKDOWN })).toBe('stored');
    expect(await storedOrRefused('blocks.summary-list', { heading: SVG, headingLevel: 'h2', rows: [{ key: IMG, value: MARKDOWN }] })).toBe('stored');
  });

  it('links: javascript:, data:, protocol-relative, quoted and overridden addresses are refused', async () => {
    for (const href of [
      'javascript:window.__pwned=1',
      ' JaVaScRiPt:window.__pwned=1',
      'data:text/html,<script>window.__pwned=1</script>',
      'vbscript:msgbox(1)',
      '//evil.example/phish',
      '/\\evil.example',
      'https://example.org/" onmouseover="window.__pwned=1',
      `https://example.org/${RLO}`,
    ]) {
      expect(await storedOrRefused('blocks.action-link', { text: 'Go', href }), href).toBe('refused');
    }
    expect(await storedOrRefused('blocks.video-embed', { title: 'Video', url: 'https://evil.example/watch?v=x', transcriptUrl: null })).toBe('refused');
    expect(await storedOrRefused('blocks.button', { text: SCRIPT, href: '/search?q=%3Cscript%3E', variant: 'primary' })).toBe('stored');
  });

  it('numbers, yes/no and choices: anything but their own values is refused or read as the default', async () => {
    expect(await storedOrRefused('blocks.latest-discussions', { heading: 'Talk', headingLevel: 'h2', count: SCRIPT })).toBe('refused');
    expect(await storedOrRefused('blocks.latest-discussions', { heading: 'Talk', headingLevel: 'h2', count: '1e9' })).toBe('refused');
    expect(['stored', 'refused']).toContain(await storedOrRefused('blocks.warning-callout', { heading: 'Careful', headingLevel: `h1"><script>window.__pwned=1</script>`, body: 'Body' }));
    // A choice or yes/no outside its values: refused, or read as a value of its own (never stored as sent).
    expect(['stored', 'refused']).toContain(await storedOrRefused('blocks.do-dont-list', { type: 'do', heading: null, headingLevel: 'h2', items: [{ text: 'x' }] }, { overrides: { type: SCRIPT } }));
    const outcome = await storedOrRefused('blocks.details', { summary: 'More', body: 'Text', expander: true }, { overrides: { expander: `"><script>window.__pwned=1</script>` } });
    expect(['stored', 'refused']).toContain(outcome);
  });

  it('case studies: only a real one can be chosen', async () => {
    expect(
      await storedOrRefused('blocks.case-study-highlight', { caseStudy: { documentId: 'x' }, heading: SCRIPT, headingLevel: 'h2', text: IMG }, { overrides: { caseStudy: `"><script>window.__pwned=1</script>` } }),
    ).toBe('refused');
    expect(await storedOrRefused('blocks.case-study-highlight', { caseStudy: { documentId: 'x' }, heading: SCRIPT, headingLevel: 'h2', text: IMG })).toBe('stored');
  });

  it('images: an SVG or HTML file posing as an image is refused; alt text is text', async () => {
    const svg = new File([`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"><script>window.__pwned=1</script></svg>`], 'photo.png', { type: 'image/png' });
    const html = new File(['<!doctype html><html><body><script>window.__pwned=1</script></body></html>'], 'photo.jpg', { type: 'image/jpeg' });
    const realSvg = new File([`<svg xmlns="http://www.w3.org/2000/svg"></svg>`], 'picture.svg', { type: 'image/svg+xml' });
    for (const file of [svg, html, realSvg]) {
      expect(await storedOrRefused('blocks.image', { image: { id: 1 }, altText: 'A picture', isDecorative: false, caption: null }, { image: () => file }), file.name).toBe('refused');
    }
    expect(await storedOrRefused('blocks.image', { image: { id: 1 }, altText: IMG, isDecorative: false, caption: `${SCRIPT}${RLO}` }, { image: () => pngFile('ok.png') })).toBe('stored');
  });

  it('refuses a 1 MB body with the error summary', async () => {
    expect(await storedOrRefused('blocks.rich-text', { body: `${'A long paragraph. '.repeat(58_255)}end` })).toBe('refused');
    // Straight at the CMS, past the site's own checks: refused too, and nothing stored.
    const current = await builderApi<{ data: { revision: number; blocks: unknown[] } }>(cmsUrl, manager.jwt, 'GET', `/workspaces/${slug}/pages/${documentId}`);
    const response = await fetch(`${cmsUrl}/api/page-builder/workspaces/${slug}/pages/${documentId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${manager.jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ revision: current.json.data.revision, blocks: [{ __component: 'blocks.rich-text', body: 'x'.repeat(1_100_000) }] }),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const after = await builderApi<{ data: { revision: number; blocks: unknown[] } }>(cmsUrl, manager.jwt, 'GET', `/workspaces/${slug}/pages/${documentId}`);
    expect(after.json.data.revision).toBe(current.json.data.revision);
    expect(after.json.data.blocks).toEqual(current.json.data.blocks);
  });

  it('re-shows a refused form with the hostile values escaped, as text', async () => {
    const { response } = await fillBlockForm(managerClient, newBlock('blocks.action-link'), 'blocks.action-link', { text: IMG, href: 'javascript:window.__pwned=1' });
    const html = await response.text();
    expect(response.status).toBe(400);
    expect(liveMarkup(html)).toEqual([]);
    const form = forms(html).find((candidate) => candidate.multipart)!;
    expect(form.fields).toContainEqual(['text', IMG]);
  });

  it('renders everything stored inert in the preview and on the published page', async () => {
    const preview = await managerClient.html(`${builderPath(slug, documentId)}/preview`);
    expect(liveMarkup(preview)).toEqual([]);
    expect(preview).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect((await editorAction(managerClient, slug, documentId, 'publish')).status).toBe(303);
    const { response } = await follow(memberClient, `/workspaces/${slug}/pages/${pageSlug}`);
    expect(response.status).toBe(200);
    const published = await response.text();
    expect(liveMarkup(published)).toEqual([]);
    expect(published).toContain('gnp.exe');
  });

  it('runs nothing in Chromium', async () => {
    const check = async (client: FormClient, path: string, label: string) => {
      const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
      await context.addCookies(client.cookieList());
      const page: Page = await context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await page.goto(`${siteUrl}${path}`);
      await page.locator('main').hover();
      for (const link of await page.locator('main a').all()) await link.hover({ trial: false, timeout: 2000 }).catch(() => undefined);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), label).toBeUndefined();
      expect(dialogs, label).toEqual([]);
      await expectNoAxeViolations(page, label);
      await context.close();
    };
    await check(managerClient, `${builderPath(slug, documentId)}/preview`, 'hostile preview');
    await check(managerClient, builderPath(slug, documentId), 'hostile editor');
    await check(memberClient, `/workspaces/${slug}/pages/${pageSlug}`, 'hostile published page');
  });
});
