import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { createHomeWithLatestDiscussions, forum, forumOk } from './forum-helpers.ts';
import { FORUM_CORPUS as CORPUS } from './hostile-corpus.ts';
import { Cms, ownAddress, SiteClient, type Actor } from './membership-helpers.ts';

/**
 * Hostile input through every forum field, typed into the site's own forms in Chromium: the
 * discussion's title and opening post, a comment, a reply, an edited comment, a report's reason
 * and a moderator's reason for hiding. Each must be stored as the text it is (the CMS answers
 * JSON holding the text), and come out inert wherever the site shows it: no script runs (the
 * `window.__pwned` flag stays unset), no element carries an event handler or a javascript:/data:
 * link, no <svg>/<script> comes from member text, direction overrides are gone from what is read,
 * and links members write carry rel="nofollow ugc noopener". axe checks every page shown.
 * A 1 MB body is refused with a clear message, by the site (the NHS error summary) and by the
 * CMS directly (a 4xx with a message), and nothing is stored.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const slug = `hostile-${run}`;

const HOSTILE_BODY = Object.entries(CORPUS)
  .map(([name, text]) => `${name}: ${text}`)
  .join('\n\n');
/** Within the title's 100 characters: markup, a handler, svg and a direction override together. */
const HOSTILE_TITLE = `<script>__pwned=1</script><img src=x onerror=__pwned=1><svg onload=1>\u202Egpj.exe ${run}`;
const HOSTILE_REASON = `<img src=x onerror="window.__pwned='reason'"> [x](javascript:window.__pwned=1) <svg onload=1></svg> \u202Etxt.exe ${run}`;
const HIDE_REASON = `<script>window.__pwned='hide'</script><a href="javascript:window.__pwned=1">why</a> \u2066isolated\u2069 ${run}`;
const ONE_MEGABYTE = 1024 * 1024;
// The forms' limits: a test that sent more would test the limit, not the hostile text.
if (HOSTILE_TITLE.length > 100 || HOSTILE_REASON.length > 500 || HIDE_REASON.length > 500 || HOSTILE_BODY.length + 20 > 5000) throw new Error('The corpus no longer fits the forum fields');
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const withoutBidi = (text: string) => text.replace(BIDI, '');

let browser: Browser;
const contexts: BrowserContext[] = [];
let author: Actor;
let reporter: Actor;
let manager: Actor;
const pages = {} as Record<'author' | 'reporter' | 'manager', Page>;
let discussionId = 0;
let commentId = 0;

/** A Chromium page signed in as `actor` (through the site's sign-in form), with an address of its own. */
async function browserFor(actor: Actor): Promise<Page> {
  const client = await SiteClient.signedIn(siteUrl, actor.email);
  const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
  contexts.push(context);
  await context.addCookies(client.cookieList());
  return context.newPage();
}

beforeAll(async () => {
  const cms = await Cms.connect(cmsUrl, env);
  [manager, author, reporter] = await Promise.all([cms.person('Moderator'), cms.person('Author'), cms.person('Reporter')]);
  await cms.createWorkspace(manager, slug, 'restricted', `Hostile input ${run}`);
  await cms.addMember(author, slug);
  await cms.addMember(reporter, slug);
  await createHomeWithLatestDiscussions(cms, slug, { title: 'Welcome', text: `Welcome to the hostile input workspace ${run}` });
  browser = await launchBrowser();
  pages.author = await browserFor(author);
  pages.reporter = await browserFor(reporter);
  pages.manager = await browserFor(manager);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

const forumPath = `/workspaces/${slug}`;
const threadPath = () => `${forumPath}/discussions/${discussionId}`;
const main = (page: Page) => page.locator('main');

async function visit(page: Page, path: string): Promise<number | undefined> {
  const response = await page.goto(`${siteUrl}${path}`);
  return response?.status();
}

/** Clicks a control that submits a form, and waits for the page it ends on. */
async function press(page: Page, control: Locator): Promise<void> {
  expect(await control.count(), 'the control to press').toBe(1);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), control.click()]);
}

/**
 * What the page must never hold, whatever members typed. Run in the page, after every script
 * of the site has run and after focus and hover have had their chance.
 */
async function expectInert(page: Page, label: string, options: { externalLinks?: boolean } = {}): Promise<void> {
  // Give handlers a chance to fire: focus everything focusable, hover the links.
  await page.evaluate(async () => {
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('main a, main [tabindex], main details'))) {
      element.focus();
      element.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Focus styles (the NHS yellow, no underline) are not what axe should judge the page by.
    (document.activeElement as HTMLElement | null)?.blur();
  });
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    const describe = (element: Element) => `<${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}>`;
    if ((window as unknown as { __pwned?: unknown }).__pwned !== undefined) problems.push(`window.__pwned was set to ${String((window as unknown as { __pwned?: unknown }).__pwned)}`);
    const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster', 'background', 'style'];
    for (const element of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) problems.push(`${describe(element)} has the handler ${name}="${attribute.value}"`);
        if (URL_ATTRIBUTES.includes(name) && /^\s*(javascript|data|vbscript):/i.test(attribute.value)) problems.push(`${describe(element)} has ${name}="${attribute.value.slice(0, 60)}"`);
        if (URL_ATTRIBUTES.includes(name) && /pwned/i.test(attribute.value)) problems.push(`${describe(element)} carries member text in ${name}`);
      }
    }
    // The site's own scripts are files (the CSP allows no inline script); anything else came from text.
    for (const script of Array.from(document.querySelectorAll('script'))) {
      if (!script.src || /pwned/.test(script.textContent ?? '')) problems.push(`an inline <script>: ${(script.textContent ?? '').slice(0, 60)}`);
    }
    // The site's own SVGs are NHS.UK icons and the logo, all carrying nhsuk- classes.
    for (const svg of Array.from(document.querySelectorAll('svg'))) {
      if (!/\bnhsuk-/.test(svg.getAttribute('class') ?? '')) problems.push(`an <svg> from member text: ${svg.outerHTML.slice(0, 80)}`);
    }
    for (const element of Array.from(document.querySelectorAll('main iframe, main object, main embed, main img[src="x"], main form[action^="javascript"], main details[ontoggle]'))) {
      problems.push(`${describe(element)} from member text`);
    }
    // What is read must not be reordered by direction controls (a textarea holds what was typed).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement?.closest('textarea')) continue;
      const text = node.textContent ?? '';
      const match = /[\u202A-\u202E\u2066-\u2069]/.exec(text);
      if (match) problems.push(`direction control U+${match[0].codePointAt(0)!.toString(16).toUpperCase()} in <${node.parentElement?.tagName.toLowerCase()}> "${text.slice(0, 60)}"`);
    }
    const external = Array.from(document.querySelectorAll<HTMLAnchorElement>('main a[href]')).filter((link) => {
      try {
        return new URL(link.href).origin !== location.origin;
      } catch {
        return false;
      }
    });
    for (const link of external) {
      const rel = (link.getAttribute('rel') ?? '').split(/\s+/);
      for (const wanted of ['nofollow', 'ugc', 'noopener']) if (!rel.includes(wanted)) problems.push(`the link to ${link.href} has rel="${link.getAttribute('rel') ?? ''}", without ${wanted}`);
    }
    return { problems, externalLinks: external.map((link) => link.href) };
  });
  // Soft, so one page's problem does not hide the next page's: every page of the flow is reported.
  expect.soft(found.problems, `${label}: ${page.url()}`).toEqual([]);
  // The corpus's one safe link must survive, with its rel, where member Markdown is shown.
  if (options.externalLinks) expect(found.externalLinks, `${label}: the safe link`).toContain('https://www.nhs.uk/conditions/');
  await expectNoAxeViolations(page, label);
}

interface StoredDiscussion {
  data: { id: number; title: string; body: string };
}
interface StoredComments {
  data: { id: number; state: string; body: string | null; parentId: number | null; replies: { id: number; state: string; body: string | null }[] }[];
}

/**
 * The CMS's answer is JSON holding the text typed, never markup to run. Browsers send a textarea's
 * line breaks as CRLF, and direction controls may be removed on the way in: neither is compared.
 */
function expectStoredAsText(stored: string | null | undefined, typed: string, label: string) {
  expect(typeof stored, label).toBe('string');
  const normal = (text: string) => withoutBidi(text).replace(/\r\n/g, '\n').trim();
  expect(normal(stored!), label).toBe(normal(typed));
}

async function commentsOfThread(actor: Actor): Promise<StoredComments['data']> {
  const answer = await forumOk<StoredComments>(cmsUrl, actor, 'GET', `/workspaces/${slug}/discussions/${discussionId}/comments?sort=oldest&limit=50`);
  return answer.data;
}

describe('hostile input in every forum field', () => {
  it('a discussion’s title and opening post are stored as text and shown inert: thread, list and the latest-discussions block', async () => {
    const page = pages.author;
    expect(await visit(page, `${forumPath}/discussions/new`)).toBe(200);
    await page.locator('#title').fill(HOSTILE_TITLE);
    await page.locator('#body').fill(HOSTILE_BODY);
    await press(page, main(page).getByRole('button', { name: 'Start discussion' }));
    const match = new RegExp(`${forumPath}/discussions/(\\d+)`).exec(new URL(page.url()).pathname);
    expect(match, `redirected to the new discussion, not ${page.url()}: ${await page.locator('.nhsuk-error-summary').allInnerTexts()}`).not.toBeNull();
    discussionId = Number(match![1]);

    const stored = await forum<StoredDiscussion>(cmsUrl, author, 'GET', `/workspaces/${slug}/discussions/${discussionId}`);
    expect(stored.status).toBe(200);
    expectStoredAsText(stored.json.data.title, HOSTILE_TITLE, 'stored title');
    expectStoredAsText(stored.json.data.body, HOSTILE_BODY, 'stored body');

    await expectInert(page, 'the thread', { externalLinks: true });
    // The title reads as the text typed, without its direction override.
    expect(withoutBidi(await page.locator('h1').innerText())).toContain(withoutBidi(HOSTILE_TITLE));
    expect(await main(page).innerText()).toContain('markdown javascript link');

    for (const reader of [pages.author, pages.reporter]) {
      expect(await visit(reader, `${forumPath}/discussions`)).toBe(200);
      expect(withoutBidi(await main(reader).innerText())).toContain(withoutBidi(HOSTILE_TITLE));
      await expectInert(reader, 'the discussion list');
      expect(await visit(reader, forumPath)).toBe(200);
      expect(await main(reader).locator(`a[href="${threadPath()}"]`).first().innerText()).toContain(withoutBidi(HOSTILE_TITLE));
      await expectInert(reader, 'the workspace home with its latest discussions');
    }
  });

  it('a comment, a reply and an edited comment are stored as text and shown inert', async () => {
    const page = pages.author;
    expect(await visit(page, threadPath())).toBe(200);
    await page.locator('#body').fill(HOSTILE_BODY);
    await press(page, main(page).getByRole('button', { name: 'Post comment' }));
    let comments = await commentsOfThread(author);
    expect(comments).toHaveLength(1);
    commentId = comments[0].id;
    expectStoredAsText(comments[0].body, HOSTILE_BODY, 'stored comment');
    await expectInert(page, 'the thread with a comment', { externalLinks: true });

    const replier = pages.reporter;
    expect(await visit(replier, `${threadPath()}?reply=${commentId}`)).toBe(200);
    await replier.locator('#reply-body').fill(`Reply: ${HOSTILE_BODY}`);
    await press(replier, main(replier).getByRole('button', { name: 'Post reply' }));
    comments = await commentsOfThread(author);
    expect(comments[0].replies).toHaveLength(1);
    expectStoredAsText(comments[0].replies[0].body, `Reply: ${HOSTILE_BODY}`, 'stored reply');
    await expectInert(replier, 'the thread with a reply', { externalLinks: true });

    expect(await visit(page, `${threadPath()}?edit=${commentId}`)).toBe(200);
    await expectInert(page, 'the edit form holding hostile text');
    await page.locator('#edit-body').fill(`Edited: ${HOSTILE_BODY}`);
    await press(page, main(page).getByRole('button', { name: 'Save changes' }));
    comments = await commentsOfThread(author);
    expectStoredAsText(comments[0].body, `Edited: ${HOSTILE_BODY}`, 'stored edit');
    expect(await main(page).innerText()).toContain('Edited: scriptTag');
    await expectInert(page, 'the thread with an edited comment', { externalLinks: true });
  });

  it('a report’s reason and a moderator’s reason for hiding are stored as text and shown inert, to the manager and to the author', async () => {
    const page = pages.reporter;
    expect(await visit(page, `${threadPath()}?report=${commentId}`)).toBe(200);
    await page.locator('#reason').fill(HOSTILE_REASON);
    await press(page, main(page).getByRole('button', { name: 'Report comment' }));
    await expectInert(page, 'the thread after reporting');

    const queue = await forumOk<{ data: { comment: { id: number }; reports: { reason: string }[] }[] }>(cmsUrl, manager, 'GET', `/workspaces/${slug}/moderation?state=open`);
    const item = queue.data.find((entry) => entry.comment.id === commentId);
    expect(item, 'the reported comment in the queue').toBeDefined();
    expectStoredAsText(item!.reports[0].reason, HOSTILE_REASON, 'stored report reason');

    const moderator = pages.manager;
    expect(await visit(moderator, `${forumPath}/manage/moderation`)).toBe(200);
    const card = moderator.locator(`#comment-${commentId}`);
    expect(await card.innerText()).toContain(withoutBidi(HOSTILE_REASON));
    await expectInert(moderator, 'the moderation queue', { externalLinks: true });

    // Hiding needs a reason: without one, the NHS error summary says so and nothing changes.
    await press(moderator, card.getByRole('button', { name: /^Hide comment/ }));
    expect(await moderator.locator('.nhsuk-error-summary').innerText()).toContain('Enter the reason for hiding this comment');
    await expectNoAxeViolations(moderator, 'the moderation queue with an error');

    await moderator.locator(`#reason-${commentId}`).fill(HIDE_REASON);
    await press(moderator, moderator.locator(`#comment-${commentId}`).getByRole('button', { name: /^Hide comment/ }));
    expect(await moderator.locator('.nhsuk-notification-banner--success').innerText()).toContain('Comment hidden');
    expect(await visit(moderator, `${forumPath}/manage/moderation?state=hidden`)).toBe(200);
    expect(await moderator.locator(`#comment-${commentId}`).innerText()).toContain(withoutBidi(HIDE_REASON));
    await expectInert(moderator, 'the hidden comments', { externalLinks: true });

    const hidden = await forumOk<{ data: { comment: { id: number; hiddenReason: string | null } }[] }>(cmsUrl, manager, 'GET', `/workspaces/${slug}/moderation?state=hidden`);
    expectStoredAsText(hidden.data.find((entry) => entry.comment.id === commentId)?.comment.hiddenReason, HIDE_REASON, 'stored hide reason');

    // The author is told why, and the reason is as inert for them as for the manager.
    expect(await visit(pages.author, threadPath())).toBe(200);
    expect(withoutBidi(await main(pages.author).innerText())).toContain(withoutBidi(HIDE_REASON));
    await expectInert(pages.author, 'the author’s view of their hidden comment');
  });

  it('a manager dismisses reports (the comment stays) and restores a hidden comment, from the queue', async () => {
    const replies = (await commentsOfThread(author))[0].replies;
    const replyId = replies[0].id;
    await forumOk(cmsUrl, author, 'POST', `/workspaces/${slug}/discussions/${discussionId}/comments/${replyId}/report`, { reason: `Off topic ${run}` });

    const moderator = pages.manager;
    expect(await visit(moderator, `${forumPath}/manage/moderation`)).toBe(200);
    await press(moderator, moderator.locator(`#comment-${replyId}`).getByRole('button', { name: /^Dismiss reports/ }));
    expect(await moderator.locator('.nhsuk-notification-banner--success').innerText()).toContain('Reports dismissed');
    expect(await moderator.locator(`#comment-${replyId}`).count()).toBe(0);
    await expectInert(moderator, 'the moderation queue after dismissing');
    const open = await forumOk<{ data: { comment: { id: number } }[] }>(cmsUrl, manager, 'GET', `/workspaces/${slug}/moderation?state=open`);
    expect(open.data.map((entry) => entry.comment.id)).not.toContain(replyId);
    expect((await commentsOfThread(author))[0].replies[0]).toMatchObject({ id: replyId, state: 'visible' });

    expect(await visit(moderator, `${forumPath}/manage/moderation?state=hidden`)).toBe(200);
    await press(moderator, moderator.locator(`#comment-${commentId}`).getByRole('button', { name: /^Restore comment/ }));
    expect(await moderator.locator('.nhsuk-notification-banner--success').innerText()).toContain('Comment restored');
    expect(new URL(moderator.url()).search).toBe('?state=hidden');
    expect(await moderator.locator(`#comment-${commentId}`).count()).toBe(0);
    await expectInert(moderator, 'the hidden comments after restoring');
    expect((await commentsOfThread(author))[0]).toMatchObject({ id: commentId, state: 'visible' });
  });

  it('a 1 MB body is refused with a clear message by the site and by the CMS, and nothing is stored', async () => {
    const huge = `1MB ${run} `.padEnd(ONE_MEGABYTE, 'x');
    const hugeTitle = `One megabyte ${run}`;

    // The site: the NHS error summary, the form kept, nothing stored.
    const page = pages.author;
    expect(await visit(page, `${forumPath}/discussions/new`)).toBe(200);
    await page.locator('#title').fill(hugeTitle);
    await page.locator('#body').fill(huge);
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), main(page).getByRole('button', { name: 'Start discussion' }).click()]);
    expect(response?.status()).toBeGreaterThanOrEqual(400);
    expect(response?.status()).toBeLessThan(500);
    expect(await page.locator('.nhsuk-error-summary').innerText()).toMatch(/characters or fewer/);
    await expectNoAxeViolations(page, 'the new discussion form refusing 1 MB');

    expect(await visit(page, threadPath())).toBe(200);
    await page.locator('#body').fill(huge);
    const [commented] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), main(page).getByRole('button', { name: 'Post comment' }).click()]);
    expect(commented?.status()).toBeGreaterThanOrEqual(400);
    expect(commented?.status()).toBeLessThan(500);
    expect(await page.locator('.nhsuk-error-summary').innerText()).toMatch(/characters or fewer/);
    await expectNoAxeViolations(page, 'the comment form refusing 1 MB');

    // The CMS directly: a 4xx with a message, for a discussion and for a comment.
    const discussion = await forum<{ error?: { message?: string } }>(cmsUrl, author, 'POST', `/workspaces/${slug}/discussions`, { title: hugeTitle, body: huge });
    expect(discussion.status).toBeGreaterThanOrEqual(400);
    expect(discussion.status).toBeLessThan(500);
    expect(discussion.json.error?.message, 'the refusal says why').toBeTruthy();
    const comment = await forum<{ error?: { message?: string } }>(cmsUrl, author, 'POST', `/workspaces/${slug}/discussions/${discussionId}/comments`, { body: huge });
    expect(comment.status).toBeGreaterThanOrEqual(400);
    expect(comment.status).toBeLessThan(500);
    expect(comment.json.error?.message, 'the refusal says why').toBeTruthy();

    // Nothing was stored, by either route.
    const list = await forumOk<{ data: { title: string }[] }>(cmsUrl, author, 'GET', `/workspaces/${slug}/discussions?pageSize=50`);
    expect(list.data.map((entry) => entry.title)).not.toContain(hugeTitle);
    const comments = await commentsOfThread(author);
    expect(comments.every((entry) => !(entry.body ?? '').startsWith(`1MB ${run}`))).toBe(true);
    expect(comments).toHaveLength(1);
  });
});
