import { catalogue } from '@futurenhs/blocks';
import { allFixtures } from '@futurenhs/blocks/fixtures.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { Cms, ownAddress, type Actor } from './membership-helpers.ts';
import {
  axeViolations,
  builderPath,
  createPageOverHttp,
  decode,
  editorAction,
  errorSummaryOf,
  expectedText,
  fillBlockForm,
  follow,
  FormClient,
  visibleText,
} from './page-builder-helpers.ts';

/**
 * Every block of the catalogue, through the page builder's own forms: added from its first
 * fixture (blocks/src/<name>/fixtures.ts) via the form generated from its schema, saved, published,
 * and read by a member. Driven by `catalogue`, so a new block is covered without a new test.
 * Over HTTP for speed (as a browser without JavaScript would post), then one pass in Chromium with
 * axe over every block's form and the published page.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = Date.now().toString(36);
const slug = `pb-catalogue-${run}`;
const pageTitle = `Every block ${run}`;
const pageSlug = `every-block-${run}`;

let cms: Cms;
let manager: Actor;
let member: Actor;
let managerClient: FormClient;
let memberClient: FormClient;
let documentId = '';
let browser: Browser;
const caseStudyTitles = new Map<string, string[]>();

/** Builder images on the page that did not load (lazy ones are loaded first). */
async function brokenImages(page: import('playwright-core').Page): Promise<string[]> {
  return page.locator('main img').evaluateAll(async (images) => {
    const ours = (images as HTMLImageElement[]).filter((image) => image.src.includes('/images/'));
    await Promise.all(
      ours.map((image) => {
        image.loading = 'eager';
        if (image.complete && image.naturalWidth > 0) return null;
        return new Promise((resolve) => {
          image.addEventListener('load', resolve, { once: true });
          image.addEventListener('error', resolve, { once: true });
          setTimeout(resolve, 5000);
        });
      }),
    );
    return ours.filter((image) => image.naturalWidth === 0).map((image) => image.src);
  });
}

const firstFixture = (uid: string) => Object.values((allFixtures as Record<string, Record<string, Record<string, unknown>>>)[uid])[0];

beforeAll(async () => {
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Builder');
  member = await cms.person('Reader');
  await cms.createWorkspace(manager, slug, 'restricted', `Catalogue ${run}`);
  await cms.addMember(member, slug);
  managerClient = await FormClient.signedIn(siteUrl, manager.email);
  memberClient = await FormClient.signedIn(siteUrl, member.email);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('every block of the catalogue through the builder', { timeout: 300_000 }, () => {
  it('creates the page', async () => {
    documentId = await createPageOverHttp(managerClient, slug, pageTitle, pageSlug);
    expect(documentId).toMatch(/^[a-z0-9]+$/);
  });

  it.each(catalogue.map((block) => ({ uid: block.uid, name: block.displayName })))('adds $name from its first fixture through its form', async ({ uid }) => {
    expect(documentId, 'the page was created').not.toBe('');
    const { response, caseStudyTitles: titles } = await fillBlockForm(managerClient, `${builderPath(slug, documentId)}/blocks/new?type=${encodeURIComponent(uid)}`, uid, firstFixture(uid));
    const body = response.status === 303 ? '' : await response.text();
    expect(response.status, `saving ${uid}: ${errorSummaryOf(body).join('; ')}`).toBe(303);
    expect(response.headers.get('location')).toMatch(new RegExp(`^${builderPath(slug, documentId)}#block-\\d+$`));
    caseStudyTitles.set(uid, titles);
  });

  it('lists every block in the editor, in the order added', async () => {
    const html = await managerClient.html(builderPath(slug, documentId));
    const names = [...html.matchAll(/<h3 class="nhsuk-card__heading nhsuk-heading-s"[^>]*><span class="nhsuk-u-visually-hidden">Block \d+: <\/span>([^<]+)<\/h3>/g)].map((match) => decode(match[1]));
    expect(names).toEqual(catalogue.map((block) => block.displayName));
  });

  it('keeps the draft from members until it is published, then shows them every block', async () => {
    const draft = await follow(memberClient, `/workspaces/${slug}/pages/${pageSlug}`);
    expect(draft.response.status).toBe(404);

    const published = await editorAction(managerClient, slug, documentId, 'publish');
    expect(published.status).toBe(303);

    const { response } = await follow(memberClient, `/workspaces/${slug}/pages/${pageSlug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    const text = visibleText(html);
    const problems: string[] = [];
    for (const block of catalogue) {
      const fixture = firstFixture(block.uid);
      const wanted = expectedText(block.uid, fixture);
      if (wanted && !text.includes(wanted)) problems.push(`${block.uid}: "${wanted}" is not on the page`);
      for (const title of caseStudyTitles.get(block.uid) ?? []) if (!text.includes(title)) problems.push(`${block.uid}: the case study "${title}" is not on the page`);
    }
    expect(problems).toEqual([]);
    // Every image a workspace shows (its uploads, a case study's in a highlight) comes through the site, for its readers.
    const images = [...html.matchAll(/<img\b[^>]*src="([^"]+)"/g)].map((match) => match[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(images.some((src) => src.endsWith('.webp'))).toBe(true);
    for (const src of images) {
      expect(src).toMatch(new RegExp(`^/workspaces/${slug}/images/[a-f0-9]{32}\\.(webp|jpg)$`));
      const image = await memberClient.get(src);
      expect([src, image.status]).toEqual([src, 200]);
      expect(image.headers.get('content-type')).toBe(src.endsWith('.jpg') ? 'image/jpeg' : 'image/webp');
      expect(image.headers.get('x-content-type-options')).toBe('nosniff');
      await image.arrayBuffer();
    }
  });

  it('passes axe on every block’s form and on the published page, in Chromium', async () => {
    const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
    await context.addCookies(managerClient.cookieList());
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // Every page is checked before the findings are reported, so one finding does not hide the others.
    const findings: string[] = [];
    const expectNoAxeViolations = async (checked: import('playwright-core').Page, label: string) => findings.push(...(await axeViolations(checked, label)));
    await page.goto(`${siteUrl}${builderPath(slug, documentId)}`);
    await expectNoAxeViolations(page, 'editor with every block');
    for (let index = 0; index < catalogue.length; index += 1) {
      await page.goto(`${siteUrl}${builderPath(slug, documentId)}/blocks/${index}`);
      expect(await page.locator('h1').textContent()).toContain(`Edit block ${index + 1}`);
      await expectNoAxeViolations(page, `form of ${catalogue[index].uid}`);
    }
    await page.goto(`${siteUrl}${builderPath(slug, documentId)}/add`);
    await expectNoAxeViolations(page, 'add a block');
    await context.close();

    const reader = await browser.newContext({ extraHTTPHeaders: ownAddress() });
    await reader.addCookies(memberClient.cookieList());
    const readerPage = await reader.newPage();
    await readerPage.goto(`${siteUrl}/workspaces/${slug}/pages/${pageSlug}`);
    expect(await readerPage.locator('h1').textContent()).toContain(pageTitle);
    // Every image the page shows has loaded (the member may read them).
    const broken = await brokenImages(readerPage);
    expect(broken).toEqual([]);
    await expectNoAxeViolations(readerPage, 'published page with every block');
    await reader.close();
    expect(findings).toEqual([]);
  });
});
