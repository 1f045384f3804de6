import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { Cms, ownAddress, PASSWORD, type Actor } from './membership-helpers.ts';
import { axeViolations, builderApi, builderPath, createPageOverHttp, editorAction, fillBlockForm, follow, FormClient, pngBytes, withoutIds } from './page-builder-helpers.ts';

/**
 * The page builder as managers use it, in Chromium, with axe on every page and error state:
 * building a page of several kinds of block (an uploaded image with alt text, a card group of two
 * cards), preview, publish; what a member and a non-member then get; rename and re-slug (the old
 * address redirects); reorder; home page; delete; unpublish; history and restore; two managers on
 * one page (the second save is refused, nothing is lost); and a short path with JavaScript off.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = Date.now().toString(36);
const slug = `pb-flows-${run}`;
const handbookSlug = `handbook-${run}`;
const handbookTitle = `Team handbook ${run}`;

const TEXT = {
  richText: `We share the rota every Friday ${run}`,
  inset: `Night shifts swap only with a manager's agreement ${run}`,
  warningHeading: `Register by 31 March ${run}`,
  warningBody: 'Late registrations cannot be included.',
  cardsHeading: `Where to go next ${run}`,
  card1: `Rota templates ${run}`,
  card2: `Contact the team ${run}`,
  imageAlt: `The ward team around a whiteboard ${run}`,
  action: `Ask to join the rota ${run}`,
  details: `How swaps work ${run}`,
};

let browser: Browser;
let cms: Cms;
let manager: Actor;
let secondManager: Actor;
let member: Actor;
let outsider: Actor;
let managerPage: Page;
let memberPage: Page;
let outsiderPage: Page;
let managerHttp: FormClient;
let memberHttp: FormClient;
let handbookId = '';
let welcomeId = '';
let imageSrc = '';
const contexts: BrowserContext[] = [];

async function signedInPage(email: string, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: ownAddress(), ...options });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${siteUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.locator('main button[type="submit"]').click()]);
  return page;
}

/** axe's findings over the test, reported when it ends (see axeViolations). */
const axeFindings: string[] = [];
async function expectNoAxeViolations(page: Page, label: string) {
  axeFindings.push(...(await axeViolations(page, label)));
}
afterEach(() => {
  expect(axeFindings.splice(0), 'axe findings').toEqual([]);
});

/** Presses a button or follows a link, and waits for the page it leads to (after any Post/Redirect/Get). */
async function go(page: Page, target: Locator) {
  const count = await target.count();
  if (count !== 1) console.log(`No single control ${target} on ${page.url()}:\n${await page.locator('main').ariaSnapshot()}`);
  expect(count, 'the control to use').toBe(1);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

const banner = (page: Page) => page.locator('.nhsuk-notification-banner--success .nhsuk-notification-banner__heading');
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const editorUrl = (documentId: string) => `${siteUrl}${builderPath(slug, documentId)}`;

/** From the editor: Add a block → the block's form. */
async function openNewBlock(page: Page, documentId: string, displayName: string) {
  await page.goto(editorUrl(documentId));
  await go(page, page.getByRole('link', { name: 'Add a block', exact: true }));
  await go(page, page.getByRole('link', { name: `Add ${displayName.toLowerCase()}`, exact: true }));
}

async function addBlock(page: Page) {
  await go(page, page.getByRole('button', { name: 'Add block', exact: true }));
  expect(await banner(page).textContent()).toContain('Block added');
}

/** The blocks of the editor, by their summary line. */
async function blockSummaries(page: Page): Promise<string[]> {
  return page.locator('[data-page-builder-blocks] .app-block-summary').allTextContents();
}

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Ada');
  secondManager = await cms.person('Grace');
  member = await cms.person('Mary');
  outsider = await cms.person('Otto');
  await cms.createWorkspace(manager, slug, 'restricted', `Builder flows ${run}`);
  await cms.addMember(secondManager, slug, 'manager');
  await cms.addMember(member, slug);
  managerHttp = await FormClient.signedIn(siteUrl, manager.email);
  memberHttp = await FormClient.signedIn(siteUrl, member.email);
  // The home page, made quickly over HTTP: the flows below are about a further page.
  welcomeId = await createPageOverHttp(managerHttp, slug, `Welcome ${run}`, 'welcome');
  const added = await fillBlockForm(managerHttp, `${builderPath(slug, welcomeId)}/blocks/new?type=blocks.inset-text`, 'blocks.inset-text', { body: `Welcome text ${run}` });
  expect(added.response.status).toBe(303);
  expect((await editorAction(managerHttp, slug, welcomeId, 'publish')).status).toBe(303);
  managerPage = await signedInPage(manager.email);
  memberPage = await signedInPage(member.email);
  outsiderPage = await signedInPage(outsider.email);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('building a page', { timeout: 240_000 }, () => {
  it('a manager creates a page, after fixing what was missing', async () => {
    const page = managerPage;
    await page.goto(`${siteUrl}/workspaces/${slug}`);
    await go(page, page.getByRole('link', { name: 'Manage', exact: true }));
    await go(page, page.locator('main nav').getByRole('link', { name: 'Pages', exact: true }));
    expect(await page.locator('h1').textContent()).toContain('Pages');
    expect(await main(page)).toContain(`Welcome ${run}`);
    await expectNoAxeViolations(page, 'pages list');

    await page.locator('#slug').fill('Not A Slug!');
    await go(page, page.getByRole('button', { name: 'Create page' }));
    expect(await errorSummary(page).textContent()).toContain('Enter a title for the page');
    expect(await errorSummary(page).textContent()).toContain('The address can only contain');
    await expectNoAxeViolations(page, 'pages list with errors');

    await page.locator('#title').fill(handbookTitle);
    await page.locator('#slug').fill(handbookSlug);
    await go(page, page.getByRole('button', { name: 'Create page' }));
    expect(await banner(page).textContent()).toContain('created');
    handbookId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await main(page)).toContain('This page has no blocks yet');
    await expectNoAxeViolations(page, 'editor of an empty page');
  });

  it('adds seven kinds of block through their forms, with an image and a card group of two', async () => {
    const page = managerPage;
    await openNewBlock(page, handbookId, 'Rich text');
    await expectNoAxeViolations(page, 'add a block');
    await go(page, page.getByRole('button', { name: 'Add block', exact: true }));
    expect(await errorSummary(page).count()).toBe(1);
    await expectNoAxeViolations(page, 'rich text form with an error');
    await page.locator('#body').fill(`## Our rota\n\n${TEXT.richText}, with **bold** words.`);
    await addBlock(page);

    await openNewBlock(page, handbookId, 'Inset text');
    await page.locator('#body').fill(TEXT.inset);
    await addBlock(page);

    await openNewBlock(page, handbookId, 'Warning callout');
    await page.locator('#heading').fill(TEXT.warningHeading);
    await page.locator('#body').fill(TEXT.warningBody);
    await addBlock(page);

    await openNewBlock(page, handbookId, 'Card group');
    await page.locator('#heading').fill(TEXT.cardsHeading);
    await page.locator('#cards-0-title').fill(TEXT.card1);
    await page.locator('#cards-0-href').fill('/workspaces');
    await go(page, page.locator('button[name="listAction"][value="add:cards"]'));
    // What was typed survives "Add another".
    expect(await page.locator('#cards-0-title').inputValue()).toBe(TEXT.card1);
    await page.locator('#cards-1-title').fill(TEXT.card2);
    await page.locator('#cards-1-href').fill('javascript:alert(1)');
    await go(page, page.getByRole('button', { name: 'Add block', exact: true }));
    expect(await errorSummary(page).textContent()).toContain('Enter a web address');
    expect(await page.locator('#cards-1-title').inputValue()).toBe(TEXT.card2);
    await expectNoAxeViolations(page, 'card group form with an invalid link');
    await page.locator('#cards-1-href').fill('mailto:team@nhs.net');
    await addBlock(page);

    await openNewBlock(page, handbookId, 'Image with caption');
    // nhsuk-frontend's script gives the file input's id to its own drop button: the input is found by name.
    await page.locator('input[type="file"][name="image.upload"]').setInputFiles({ name: 'ward-team.png', mimeType: 'image/png', buffer: pngBytes(320, 200) });
    // Without alt text and not decorative: refused, and the uploaded image is kept for the next try.
    await go(page, page.getByRole('button', { name: 'Add block', exact: true }));
    expect(await errorSummary(page).count()).toBe(1);
    await expectNoAxeViolations(page, 'image form without alt text');
    await page.locator('#altText').fill(TEXT.imageAlt);
    await addBlock(page);

    await openNewBlock(page, handbookId, 'Action link');
    await page.locator('#text').fill(TEXT.action);
    await page.locator('#href').fill(`/workspaces/${slug}/members`);
    await addBlock(page);

    await openNewBlock(page, handbookId, 'Details (expander)');
    await page.locator('#summary').fill(TEXT.details);
    await page.locator('#body').fill('Ask in the discussion, then tell a manager.');
    await addBlock(page);

    expect(await page.locator('[data-page-builder-blocks] > li').count()).toBe(7);
    await expectNoAxeViolations(page, 'editor with seven blocks');
  });

  it('shows the draft in the preview only, with a live preview beside the editor', async () => {
    const page = managerPage;
    await page.goto(editorUrl(handbookId));
    // The script fetches the preview beside the blocks.
    await page.locator('[data-page-builder-preview-content]').filter({ hasText: TEXT.warningHeading }).waitFor();
    await expectNoAxeViolations(page, 'editor with its live preview');
    await go(page, page.getByRole('link', { name: `Preview the draft of ${handbookTitle}` }));
    const text = await main(page);
    expect(text).toContain('Preview: members cannot see this draft');
    for (const value of [TEXT.richText, TEXT.inset, TEXT.warningHeading, TEXT.card1, TEXT.card2, TEXT.action, TEXT.details]) expect(text).toContain(value);
    imageSrc = (await page.locator(`main img[alt="${TEXT.imageAlt}"]`).getAttribute('src')) ?? '';
    expect(imageSrc).toMatch(new RegExp(`^/workspaces/${slug}/images/[a-f0-9]{32}\\.webp$`));
    await expectNoAxeViolations(page, 'preview');

    const draft = await memberPage.goto(`${siteUrl}/workspaces/${slug}/pages/${handbookSlug}`);
    expect(draft?.status()).toBe(404);
    expect(await main(memberPage)).not.toContain(TEXT.inset);
  });

  it('previews a block as it is typed beside its form, inert and unsaved', async () => {
    const page = managerPage;
    await page.goto(`${editorUrl(handbookId)}/blocks/new?type=blocks.inset-text`);
    const preview = page.locator('[data-page-builder-block-preview]');
    // Nothing typed yet: the preview says what it waits for.
    await preview.filter({ hasText: 'once its required fields are filled in' }).waitFor();
    const typed = `Typed, not saved ${run}`;
    await page.locator('textarea[name="body"]').fill(`${typed} <img src=x onerror="window.pwned=1"> [a link](javascript:alert(1))`);
    await preview.locator('.nhsuk-inset-text').filter({ hasText: typed }).waitFor();
    await expectNoAxeViolations(page, 'block form with its live preview');
    // Rendered as members would see it: the markup is text, the link is not a javascript: link.
    expect(await preview.locator('img, [onerror], a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    // Previewing saved nothing.
    await page.goto(editorUrl(handbookId));
    expect(await main(page)).not.toContain(typed);
  });

  it('publishes; a member reads the page and its image; a signed-in non-member gets neither', async () => {
    const page = managerPage;
    await page.goto(editorUrl(handbookId));
    await go(page, page.getByRole('button', { name: 'Publish page' }));
    expect(await banner(page).textContent()).toContain('Page published');
    expect(await main(page)).toContain('Published');
    await expectNoAxeViolations(page, 'editor of a published page');

    const read = await memberPage.goto(`${siteUrl}/workspaces/${slug}/pages/${handbookSlug}`);
    expect(read?.status()).toBe(200);
    const text = await main(memberPage);
    for (const value of [TEXT.richText, TEXT.inset, TEXT.warningHeading, TEXT.card1, TEXT.card2, TEXT.action, TEXT.details]) expect(text).toContain(value);
    expect(text).not.toContain('Preview');
    const image = memberPage.locator(`main img[alt="${TEXT.imageAlt}"]`);
    const width = await image.evaluate((element: HTMLImageElement) => {
      element.loading = 'eager';
      return element.decode().then(() => element.naturalWidth, () => 0);
    });
    expect(width).toBeGreaterThan(0);
    await expectNoAxeViolations(memberPage, 'published page, as a member');

    const refused = await outsiderPage.goto(`${siteUrl}/workspaces/${slug}/pages/${handbookSlug}`);
    expect(refused?.status()).toBe(403);
    const refusedText = await main(outsiderPage);
    for (const value of [TEXT.richText, TEXT.inset, TEXT.card1, handbookTitle]) expect(refusedText).not.toContain(value);
    expect((await outsiderPage.request.get(`${siteUrl}${imageSrc}`)).status()).toBe(403);
    expect((await memberPage.request.get(`${siteUrl}${imageSrc}`)).status()).toBe(200);
  });
});

describe('changing a page', { timeout: 240_000 }, () => {
  it('renames and re-slugs a page; its old address redirects', async () => {
    const page = managerPage;
    await page.goto(editorUrl(handbookId));
    await page.locator('#title').fill(`Team guide ${run}`);
    await page.locator('#slug').fill(`guide-${run}`);
    await go(page, page.getByRole('button', { name: 'Save settings' }));
    expect(await banner(page).textContent()).toContain(`/workspaces/${slug}/pages/guide-${run}`);
    expect(await page.locator('h1').textContent()).toContain(`Team guide ${run}`);

    const old = await memberHttp.get(`/workspaces/${slug}/pages/${handbookSlug}`);
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe(`/workspaces/${slug}/pages/guide-${run}`);
    await memberPage.goto(`${siteUrl}/workspaces/${slug}/pages/${handbookSlug}`);
    expect(new URL(memberPage.url()).pathname).toBe(`/workspaces/${slug}/pages/guide-${run}`);
    expect(await memberPage.locator('h1').textContent()).toContain(`Team guide ${run}`);
    // A non-member learns nothing from the old address either.
    const probe = await outsiderPage.goto(`${siteUrl}/workspaces/${slug}/pages/${handbookSlug}`);
    expect(probe?.status()).toBe(403);
  });

  it('refuses a duplicate address with the error summary', async () => {
    const page = managerPage;
    await page.goto(editorUrl(handbookId));
    await page.locator('#slug').fill('welcome');
    await go(page, page.getByRole('button', { name: 'Save settings' }));
    expect(await errorSummary(page).count()).toBe(1);
    expect(await page.locator('#slug').inputValue()).toBe('welcome');
    await expectNoAxeViolations(page, 'settings with a duplicate address');
  });

  it('moves blocks with the buttons and by dragging', async () => {
    const page = managerPage;
    await page.goto(editorUrl(handbookId));
    const before = await blockSummaries(page);
    await go(page, page.getByRole('button', { name: 'Move down block 1', exact: true }));
    expect(await banner(page).textContent()).toContain('Block moved');
    const after = await blockSummaries(page);
    expect(after[0]).toBe(before[1]);
    expect(after[1]).toBe(before[0]);
    await expectNoAxeViolations(page, 'editor after a move');

    // Drag the third block to the top: the script submits the same reorder form. The drag is the
    // browser's own events, dispatched (headless Chromium does not start native drags from a mouse).
    expect(await page.locator('#block-2').getAttribute('draggable')).toBe('true');
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.evaluate(() => {
        const from = document.getElementById('block-2')!;
        const to = document.getElementById('block-0')!;
        const dataTransfer = new DataTransfer();
        const top = to.getBoundingClientRect().top + 2;
        from.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer }));
        to.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer, clientY: top }));
        to.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer, clientY: top }));
        from.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer }));
      }),
    ]);
    expect(await banner(page).textContent()).toContain('Blocks reordered');
    const dragged = await blockSummaries(page);
    expect(dragged[0]).toBe(after[2]);
    expect([...dragged].sort()).toEqual([...after].sort());
  });

  it('duplicates and removes a block', async () => {
    const page = managerPage;
    await page.goto(editorUrl(handbookId));
    const before = await blockSummaries(page);
    await go(page, page.getByRole('button', { name: 'Duplicate block 1', exact: true }));
    expect(await blockSummaries(page)).toEqual([before[0], ...before]);
    await go(page, page.getByRole('button', { name: 'Remove block 2', exact: true }));
    expect(await banner(page).textContent()).toContain('Block removed');
    expect(await blockSummaries(page)).toEqual(before);
  });

  it('reorders pages, chooses the home page, unpublishes and deletes a page after confirming', async () => {
    const page = managerPage;
    const extraTitle = `Extra ${run}`;
    const extraId = await createPageOverHttp(managerHttp, slug, extraTitle, `extra-${run}`);
    await fillBlockForm(managerHttp, `${builderPath(slug, extraId)}/blocks/new?type=blocks.inset-text`, 'blocks.inset-text', { body: `Extra text ${run}` });
    expect((await editorAction(managerHttp, slug, extraId, 'publish')).status).toBe(303);

    await page.goto(`${siteUrl}${builderPath(slug)}`);
    const titles = () => page.locator('main table tbody tr td:first-child strong').allTextContents();
    expect(await titles()).toEqual([`Welcome ${run}`, `Team guide ${run}`, extraTitle]);
    const row = (title: string) => page.locator('main table tbody tr', { hasText: title });
    await go(page, row(extraTitle).getByRole('button', { name: 'Move up' }));
    expect(await banner(page).textContent()).toContain('Page order saved');
    expect(await titles()).toEqual([`Welcome ${run}`, extraTitle, `Team guide ${run}`]);
    await expectNoAxeViolations(page, 'pages list after a move');
    const navigation = await memberHttp.html(`/workspaces/${slug}`);
    expect(navigation.indexOf(extraTitle)).toBeLessThan(navigation.indexOf(`Team guide ${run}`));

    await go(page, row(`Team guide ${run}`).getByRole('button', { name: 'Make home page' }));
    expect(await banner(page).textContent()).toContain('is now the home page');
    expect(await titles()).toEqual([`Team guide ${run}`, `Welcome ${run}`, extraTitle]);
    await memberPage.goto(`${siteUrl}/workspaces/${slug}`);
    expect(await main(memberPage)).toContain(TEXT.inset);
    await go(page, row(`Welcome ${run}`).getByRole('button', { name: 'Make home page' }));

    await page.goto(editorUrl(extraId));
    await go(page, page.getByRole('button', { name: 'Unpublish page' }));
    expect(await banner(page).textContent()).toContain('Page unpublished');
    expect((await memberHttp.get(`/workspaces/${slug}/pages/extra-${run}`)).status).toBe(404);

    await page.goto(`${siteUrl}${builderPath(slug)}`);
    await go(page, row(extraTitle).getByRole('link', { name: 'Delete' }));
    expect(await page.locator('h1').textContent()).toContain(`Delete ${extraTitle}?`);
    await expectNoAxeViolations(page, 'delete confirmation');
    await go(page, page.getByRole('button', { name: 'Yes, delete this page' }));
    expect(await banner(page).textContent()).toContain('deleted');
    expect(await titles()).not.toContain(extraTitle);
    expect((await managerHttp.get(`${builderPath(slug, extraId)}`)).status).toBe(404);
  });

  it('keeps a version at each publish, and restores an earlier one as the draft', async () => {
    const page = managerPage;
    const changed = `Changed inset ${run}`;
    await page.goto(editorUrl(handbookId));
    const insetIndex = (await blockSummaries(page)).findIndex((line) => line.includes('Night shifts'));
    await page.goto(`${editorUrl(handbookId)}/blocks/${insetIndex}`);
    await page.locator('#body').fill(changed);
    await go(page, page.getByRole('button', { name: 'Save block', exact: true }));
    expect(await main(page)).toContain('Changed since publishing');
    await go(page, page.getByRole('button', { name: 'Publish changes' }));
    await memberPage.goto(`${siteUrl}/workspaces/${slug}/pages/guide-${run}`);
    expect(await main(memberPage)).toContain(changed);

    await page.goto(editorUrl(handbookId));
    await go(page, page.getByRole('link', { name: `History and earlier versions of Team guide ${run}` }));
    await expectNoAxeViolations(page, 'history');
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    // Newest first: the first publish is the last row.
    const first = rows.last();
    const number = Number((await first.locator('td').first().textContent())?.trim());
    await go(page, first.getByRole('link', { name: `View version ${number}` }));
    expect(await main(page)).toContain(TEXT.inset);
    await expectNoAxeViolations(page, 'one version');
    await go(page, page.getByRole('button', { name: `Restore this version (${number})` }));
    expect(await banner(page).textContent()).toContain(`Version ${number} restored`);
    expect(await main(page)).toContain('Changed since publishing');

    const { json: version } = await builderApi<{ data: { title: string; blocks: unknown[] } }>(cmsUrl, manager.jwt, 'GET', `/workspaces/${slug}/pages/${handbookId}/versions/${number}`);
    const { json: draft } = await builderApi<{ data: { title: string; blocks: unknown[] } }>(cmsUrl, manager.jwt, 'GET', `/workspaces/${slug}/pages/${handbookId}`);
    expect(withoutIds(draft.data.blocks)).toEqual(withoutIds(version.data.blocks));
    expect(draft.data.title).toBe(version.data.title);
    // Members still see the published page until the restored draft is published.
    await memberPage.goto(`${siteUrl}/workspaces/${slug}/pages/guide-${run}`);
    expect(await main(memberPage)).toContain(changed);
  });
});

describe('two managers on one page', { timeout: 240_000 }, () => {
  it('refuses the second save with a message, keeps what was typed and the refused version, and restores either exactly', async () => {
    const first = managerPage;
    const second = await signedInPage(secondManager.email);
    await first.goto(editorUrl(handbookId));
    await second.goto(editorUrl(handbookId));
    expect(await second.locator('#presence').textContent()).toContain('Also editing: Ada Tester');
    await first.reload();
    expect(await first.locator('#presence').textContent()).toContain('Also editing: Grace Tester');
    await expectNoAxeViolations(second, 'editor with someone else editing');

    const index = (await blockSummaries(first)).findIndex((line) => line.includes('Register by'));
    await first.goto(`${editorUrl(handbookId)}/blocks/${index}`);
    await second.goto(`${editorUrl(handbookId)}/blocks/${index}`);
    const firstWords = `First manager's heading ${run}`;
    const secondWords = `Second manager's heading ${run}`;
    await first.locator('#heading').fill(firstWords);
    await go(first, first.getByRole('button', { name: 'Save block', exact: true }));
    expect(await banner(first).textContent()).toContain('Block saved');

    await second.locator('#heading').fill(secondWords);
    await second.locator('#body').fill('Second body');
    await go(second, second.getByRole('button', { name: 'Save block', exact: true }));
    const summary = (await errorSummary(second).textContent()) ?? '';
    expect(summary).toContain('Ada Tester');
    expect(summary).toContain('kept in the page’s history');
    expect(await second.locator('#heading').inputValue()).toBe(secondWords);
    expect(await second.locator('#body').inputValue()).toBe('Second body');
    await expectNoAxeViolations(second, 'block form refused as a conflict');

    // The draft holds the first manager's words; the refused version is in the history.
    await second.goto(`${editorUrl(handbookId)}/preview`);
    expect(await main(second)).toContain(firstWords);
    expect(await main(second)).not.toContain(secondWords);
    await second.goto(`${editorUrl(handbookId)}/history`);
    const refused = second.locator('main table tbody tr').filter({ hasText: 'Refused save (kept)' }).first();
    const refusedNumber = Number((await refused.locator('td').first().textContent())?.trim());
    await go(second, refused.getByRole('link', { name: `View version ${refusedNumber}` }));
    expect(await main(second)).toContain(secondWords);
    await go(second, second.getByRole('button', { name: `Restore this version (${refusedNumber})` }));
    await second.goto(`${editorUrl(handbookId)}/preview`);
    expect(await main(second)).toContain(secondWords);

    const { json: version } = await builderApi<{ data: { blocks: unknown[] } }>(cmsUrl, secondManager.jwt, 'GET', `/workspaces/${slug}/pages/${handbookId}/versions/${refusedNumber}`);
    const { json: draft } = await builderApi<{ data: { blocks: unknown[] } }>(cmsUrl, secondManager.jwt, 'GET', `/workspaces/${slug}/pages/${handbookId}`);
    expect(withoutIds(draft.data.blocks)).toEqual(withoutIds(version.data.blocks));

    // A stale publish is refused too: the first manager's editor is from before the second's save.
    await first.goto(editorUrl(handbookId));
    await second.goto(`${editorUrl(handbookId)}/blocks/${index}`);
    await second.locator('#body').fill('Saved after the first manager opened the page');
    await go(second, second.getByRole('button', { name: 'Save block', exact: true }));
    expect(await banner(second).textContent()).toContain('Block saved');
    await go(first, first.getByRole('button', { name: 'Publish changes' }));
    expect(await errorSummary(first).count()).toBe(1);
    expect(await main(first)).toContain('Changed since publishing');
    await expectNoAxeViolations(first, 'publish refused as a conflict');
  });
});

describe('without JavaScript', { timeout: 180_000 }, () => {
  it('creates a page, adds a card group of two through plain forms, moves a block, publishes, and a member reads it', async () => {
    const page = await signedInPage(manager.email, { javaScriptEnabled: false });
    const title = `Plain forms ${run}`;
    await page.goto(`${siteUrl}${builderPath(slug)}`);
    await page.locator('#title').fill(title);
    await page.locator('#slug').fill(`plain-${run}`);
    await go(page, page.getByRole('button', { name: 'Create page' }));
    const documentId = new URL(page.url()).pathname.split('/').pop()!;

    await go(page, page.getByRole('link', { name: 'Add a block', exact: true }));
    await go(page, page.getByRole('link', { name: 'Add card group', exact: true }));
    await page.locator('#cards-0-title').fill(`Plain card one ${run}`);
    await page.locator('#cards-0-href').fill('/workspaces');
    await go(page, page.locator('button[name="listAction"][value="add:cards"]'));
    await page.locator('#cards-1-title').fill(`Plain card two ${run}`);
    await page.locator('#cards-1-href').fill('/case-studies');
    await go(page, page.getByRole('button', { name: 'Add block', exact: true }));
    expect(await banner(page).textContent()).toContain('Block added');

    await go(page, page.getByRole('link', { name: 'Add a block', exact: true }));
    await go(page, page.getByRole('link', { name: 'Add inset text', exact: true }));
    await page.locator('#body').fill(`Plain inset ${run}`);
    await go(page, page.getByRole('button', { name: 'Add block', exact: true }));
    await go(page, page.getByRole('button', { name: 'Move up block 2', exact: true }));
    expect((await blockSummaries(page))[0]).toContain(`Plain inset ${run}`);
    await go(page, page.getByRole('button', { name: 'Publish page' }));
    expect(await banner(page).textContent()).toContain('Page published');

    const { response } = await follow(memberHttp, `/workspaces/${slug}/pages/plain-${run}`);
    const html = await response.text();
    expect(html).toContain(`Plain card one ${run}`);
    expect(html).toContain(`Plain card two ${run}`);
    expect(html.indexOf(`Plain inset ${run}`)).toBeLessThan(html.indexOf(`Plain card one ${run}`));
    expect(documentId).toMatch(/^[a-z0-9]+$/);
  });
});
