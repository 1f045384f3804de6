import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { startDiscussion } from './forum-helpers.ts';
import { Cms, ownAddress, type Actor } from './membership-helpers.ts';
import { builderPath, createPageOverHttp, fillBlockForm, FormClient } from './page-builder-helpers.ts';

/**
 * Where focus lands after a form's round trip, by keyboard alone (no clicks: only Tab, Enter and
 * typing): a refused reply puts focus on the error summary, in view; in the page builder, adding,
 * saving and moving a block put focus on that block, its message in view (with JavaScript and
 * without), and Preview and Publish are a few key presses away from there.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const slug = `keyboard-${run}`;

let browser: Browser;
const contexts: BrowserContext[] = [];
let manager: Actor;
let member: Actor;
let managerHttp: FormClient;
let pageId = '';
let discussionId = 0;

async function signedInPage(actor: Actor, options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const client = await FormClient.signedIn(siteUrl, actor.email);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, extraHTTPHeaders: ownAddress(), ...options });
  contexts.push(context);
  await context.addCookies(client.cookieList());
  return context.newPage();
}

/** What has focus: its tag, id and text, for matching and for failure messages. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return { tag: element?.tagName.toLowerCase() ?? '', id: element?.id ?? '', text: (element?.textContent ?? '').replace(/\s+/g, ' ').trim(), className: element?.getAttribute('class') ?? '' };
  });
}

/** Presses Tab until `wanted` has focus; how many presses it took. */
async function tabTo(page: Page, wanted: (element: Awaited<ReturnType<typeof focused>>) => boolean, what: string, limit = 300): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return presses;
  }
  throw new Error(`${what} not reached in ${limit} presses of Tab on ${page.url()}`);
}

/** Presses Enter on what has focus and waits for the page it leads to (after any redirect). */
async function enter(page: Page) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
}

/** Whether the element is wholly inside the viewport. */
function inView(page: Page, selector: string) {
  return page.locator(selector).first().evaluate((element) => {
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  });
}

/** The block that has focus after a builder round trip, and the message it carries. */
async function expectFocusOnBlock(page: Page, index: number, message: string) {
  expect(new URL(page.url()).hash).toBe(`#block-${index}`);
  const now = await focused(page);
  expect(now, 'focus is on the changed block').toMatchObject({ tag: 'li', id: `block-${index}` });
  expect(await page.locator(`#block-${index} .app-block-message`).textContent()).toContain(message);
  expect(await inView(page, `#block-${index} .app-block-message`), 'the block’s message is in view').toBe(true);
  // Said once, where the change is: no second banner at the top of the page.
  expect(await page.locator('.nhsuk-notification-banner--success').count()).toBe(1);
}

beforeAll(async () => {
  browser = await launchBrowser();
  const cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Kay');
  member = await cms.person('Kit');
  await cms.createWorkspace(manager, slug, 'open', `Keyboard ${run}`);
  await cms.addMember(member, slug);
  managerHttp = await FormClient.signedIn(siteUrl, manager.email);
  pageId = await createPageOverHttp(managerHttp, slug, `Keyboard page ${run}`, 'keyboard');
  // Enough blocks that the one changed is far below the page's top, where a banner would be.
  for (const text of ['First', 'Second', 'Third', 'Fourth']) {
    const added = await fillBlockForm(managerHttp, `${builderPath(slug, pageId)}/blocks/new?type=blocks.inset-text`, 'blocks.inset-text', { body: `${text} block ${run}` });
    expect(added.response.status).toBe(303);
  }
  discussionId = await startDiscussion(cmsUrl, member, slug, { title: `Keyboard discussion ${run}`, body: 'Opening post.' }, [
    [manager, `A comment to reply to ${run}`],
    [member, 'Another comment, so the form opens well down the page.'],
  ]);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('a refused reply', () => {
  it('puts focus on the error summary, in view, after the round trip', async () => {
    const page = await signedInPage(member, { viewport: { width: 1024, height: 600 } });
    await page.goto(`${siteUrl}/workspaces/${slug}/discussions/${discussionId}`);
    await tabTo(page, (element) => element.tag === 'a' && element.text.startsWith('Reply to comment by Kay'), 'the Reply link');
    await enter(page);
    // The link opens the form at #reply-N, which takes focus: the text box is the next stop.
    expect(new URL(page.url()).hash).toMatch(/^#reply-\d+$/);
    expect((await focused(page)).id).toMatch(/^reply-\d+$/);
    await tabTo(page, (element) => element.tag === 'textarea', 'the reply box', 3);
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Post reply', 'Post reply', 3);
    await enter(page);

    const summary = await focused(page);
    expect(summary.className, `focus after the refusal: ${JSON.stringify(summary)}`).toContain('nhsuk-error-summary');
    expect(summary.text).toContain('Enter your reply');
    expect(await inView(page, '.nhsuk-error-summary'), 'the error summary is in view').toBe(true);
    // Its link leads to the reply box, which keeps the form open where it was.
    await tabTo(page, (element) => element.tag === 'a' && element.text === 'Enter your reply', 'the summary’s link', 2);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).tag).toBe('textarea');
    await expectNoAxeViolations(page, 'refused reply');
  });
});

describe('the page builder by keyboard', () => {
  it('adds, saves and moves a block, with focus on the block and its message in view each time', async () => {
    const page = await signedInPage(manager);
    const editor = `${siteUrl}${builderPath(slug, pageId)}`;

    // Add: below the third block, so the new block is the fourth (index 3).
    await page.goto(editor);
    await tabTo(page, (element) => element.tag === 'a' && element.text === 'Add a block below this one (block 3)', 'Add a block below block 3');
    await enter(page);
    await tabTo(page, (element) => element.tag === 'a' && element.text === 'Add inset text', 'Add inset text');
    await enter(page);
    await tabTo(page, (element) => element.tag === 'textarea', 'the block’s text box');
    await page.keyboard.type(`Added by keyboard ${run}`);
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Add block', 'Add block');
    await enter(page);
    await expectFocusOnBlock(page, 3, 'Block added');
    expect(await page.locator('#block-3 .app-block-summary').textContent()).toContain(`Added by keyboard ${run}`);

    // Save: edit the block that has focus; focus comes back to it.
    await tabTo(page, (element) => element.tag === 'a' && element.text.startsWith('Edit block 4'), 'Edit block 4', 5);
    await enter(page);
    await tabTo(page, (element) => element.tag === 'textarea', 'the block’s text box');
    await page.keyboard.press('End');
    await page.keyboard.type(', then saved');
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Save block', 'Save block');
    await enter(page);
    await expectFocusOnBlock(page, 3, 'Block saved');
    expect(await page.locator('#block-3 .app-block-summary').textContent()).toContain('then saved');

    // Move: the focused block down one place; focus follows it.
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Move down block 4', 'Move down block 4', 8);
    await enter(page);
    await expectFocusOnBlock(page, 4, 'Block moved');
    expect(await page.locator('#block-4 .app-block-summary').textContent()).toContain(`Added by keyboard ${run}`);
    await expectNoAxeViolations(page, 'editor after a move');

    // Preview and Publish, from the changed block, without going through the blocks.
    let presses = await tabTo(page, (element) => element.tag === 'a' && element.text === 'Go to preview and publish', 'the link to Preview and publish', 2);
    await page.keyboard.press('Enter');
    presses += 1;
    await expect.poll(async () => (await focused(page)).id).toBe('publishing');
    presses += await tabTo(page, (element) => element.tag === 'a' && element.text.startsWith('Preview the draft'), 'Preview the draft', 2);
    presses += await tabTo(page, (element) => element.tag === 'button' && element.text === 'Publish page', 'Publish page', 3);
    expect(presses, 'key presses from the changed block to Publish').toBeLessThanOrEqual(7);
    await enter(page);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Page published');
  });

  it('moves a block without JavaScript, focus landing on it from the address alone', async () => {
    const page = await signedInPage(manager, { javaScriptEnabled: false });
    await page.goto(`${siteUrl}${builderPath(slug, pageId)}`);
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Move up block 2', 'Move up block 2');
    await enter(page);
    await expectFocusOnBlock(page, 0, 'Block moved');
  });
});
