import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { Cms, ownAddress, PASSWORD, type Actor } from './membership-helpers.ts';

/**
 * The forum as people use it, in Chromium, with axe on every state: starting a discussion,
 * replying, liking, editing, deleting, reporting and moderating, pinning and locking, paging a
 * long thread, comments on a workspace page and on a case study. Then the same forms again in a
 * browser with JavaScript turned off: every one works as plain HTML. (axe runs in the page's own
 * JavaScript, so the states are checked with axe in the first pass, not the second.)
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = Date.now().toString(36);
const slug = `forum-${run}`;
const title = `Safe staffing on night shifts ${run}`;

// The demo seed (cms/seed/demo-forum.ts): a long thread, and a case study with comments.
const DEMO_PASSWORD = 'Demo-password-2026';
const LONG_THREAD_WORKSPACE = 'digital-primary-care';
const LONG_THREAD_TITLE = 'Online consultation tools: what is working for your practice?';
const CASE_STUDY = 'total-triage-in-a-rural-practice';

let browser: Browser;
let cms: Cms;
let manager: Actor;
let author: Actor;
let replier: Actor;
let managerPage: Page;
let authorPage: Page;
let replierPage: Page;
let discussionUrl = '';
const contexts: BrowserContext[] = [];

async function signedInPage(email: string, password = PASSWORD, options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: ownAddress(), ...options });
  contexts.push(context);
  const page = await context.newPage();
  // A step that cannot happen fails on its own, rather than as the whole test's timeout.
  page.setDefaultTimeout(15_000);
  await page.goto(`${siteUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.locator('main button[type="submit"]').click()]);
  return page;
}

/** Presses a button or follows a link, and waits for the page it leads to (after any Post/Redirect/Get). */
async function go(page: Page, target: Locator) {
  expect(await target.count(), 'the control to use').toBe(1);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

const banner = (page: Page) => page.locator('.nhsuk-notification-banner__heading');
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const fullName = (actor: Actor) => `${actor.firstName} ${actor.lastName}`;

/** Reloads until `text` shows (the CMS tells the site about other people's writes just after they commit). */
async function eventually(page: Page, text: string, seconds = 8) {
  for (let waited = 0; waited < seconds * 2; waited++) {
    if ((await main(page)).includes(text)) return;
    await page.waitForTimeout(500);
    await page.reload();
  }
  expect(await main(page)).toContain(text);
}

/** The ids of the top-level comments on the page, in order. */
async function topLevelIds(page: Page): Promise<number[]> {
  const ids = await page.locator('ul[aria-label="Comments"] > li').evaluateAll((items) => items.map((item) => Number(item.id.replace('comment-', ''))));
  return ids;
}

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Manager');
  author = await cms.person('Author');
  replier = await cms.person('Replier');
  await cms.createWorkspace(manager, slug, 'open', `Forum flows ${run}`);
  await cms.addMember(author, slug);
  await cms.addMember(replier, slug);
  await cms.createPage(slug, { title: 'Welcome', slug: 'home', isHome: true, text: `Forum home ${run}` });
  await cms.createPage(slug, { title: 'Guidance', slug: 'guidance', text: `Guidance ${run}`, position: 1 });
  managerPage = await signedInPage(manager.email);
  authorPage = await signedInPage(author.email);
  replierPage = await signedInPage(replier.email);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('discussions', { timeout: 120_000 }, () => {
  it('a member starts a discussion, after fixing what was missing', async () => {
    const page = authorPage;
    await page.goto(`${siteUrl}/workspaces/${slug}`);
    await go(page, page.getByRole('link', { name: 'Discussions', exact: true }));
    expect(await main(page)).toContain('There are no discussions yet');
    await expectNoAxeViolations(page, 'empty discussions list');
    await go(page, page.getByRole('link', { name: 'Start a discussion' }));
    await expectNoAxeViolations(page, 'start a discussion');

    await page.locator('#title').fill(title);
    await go(page, page.getByRole('button', { name: 'Start discussion' }));
    expect(await errorSummary(page).textContent()).toContain('Enter what you want to discuss');
    expect(await page.locator('#title').inputValue()).toBe(title);
    await expectNoAxeViolations(page, 'start a discussion, with an error');

    await page.locator('#body').fill('How do you staff **nights** safely? Our [guidance](https://www.england.nhs.uk/) is out of date.');
    await go(page, page.getByRole('button', { name: 'Start discussion' }));
    discussionUrl = page.url().split('?')[0].split('#')[0];
    expect(await banner(page).textContent()).toContain('Your discussion has been started');
    expect(await page.locator('h1').textContent()).toContain(title);
    expect(await page.locator('.nhsuk-card--feature .app-post__body strong').textContent()).toBe('nights');
    expect(await page.locator('.nhsuk-card--feature a[href="https://www.england.nhs.uk/"]').getAttribute('rel')).toBe('nofollow ugc noopener');
    await expectNoAxeViolations(page, 'new discussion');

    await page.locator('#body').fill('Opening comment from the author');
    await go(page, page.getByRole('button', { name: 'Post comment' }));
    expect(await banner(page).textContent()).toContain('Your comment has been posted');
    await expectNoAxeViolations(page, 'thread with a comment');

    await page.goto(`${siteUrl}/workspaces/${slug}/discussions`);
    const card = page.locator('main .nhsuk-card').filter({ hasText: title });
    expect(await card.textContent()).toContain('1 comment');
    expect(await card.textContent()).toContain('Opening comment from the author');
    await expectNoAxeViolations(page, 'discussions list');
  });

  it('another member replies, likes and unlikes, and sees who liked', async () => {
    const page = replierPage;
    await page.goto(discussionUrl);
    const about = `comment by ${fullName(author)}`;
    await go(page, page.getByRole('link', { name: `Reply to ${about}` }));
    await go(page, page.getByRole('button', { name: 'Post reply' }));
    expect(await errorSummary(page).textContent()).toContain('Enter your reply');
    await expectNoAxeViolations(page, 'reply with an error');
    await page.locator('#reply-body').fill('A reply that stays readable');
    await go(page, page.getByRole('button', { name: 'Post reply' }));
    expect(await banner(page).textContent()).toContain('Your reply has been posted');
    expect(await main(page)).toContain('A reply that stays readable');
    await expectNoAxeViolations(page, 'all replies to a comment');

    await page.goto(discussionUrl);
    await go(page, page.getByRole('button', { name: `Like ${about}` }));
    expect(await banner(page).textContent()).toContain('You liked this comment');
    expect(await main(page)).toContain('1 like');
    await expectNoAxeViolations(page, 'a liked comment');
    await go(page, page.getByRole('link', { name: `Who liked this ${about}` }));
    expect(await page.locator('main').textContent()).toContain('People who liked this comment');
    expect(await page.locator('#comments ul').textContent()).toContain(fullName(replier));
    await expectNoAxeViolations(page, 'who liked a comment');
    await go(page, page.getByRole('link', { name: 'Back to the comments' }));
    await go(page, page.getByRole('button', { name: `Unlike ${about}` }));
    expect(await banner(page).textContent()).toContain('You no longer like this comment');
    expect(await main(page)).toContain('0 likes');
  });

  it('the author edits their comment (marked edited) and deletes it, and the reply stays', async () => {
    const page = authorPage;
    await page.goto(discussionUrl);
    // Authors may not like their own comment.
    expect(await page.getByRole('button', { name: `Like comment by ${fullName(author)}` }).count()).toBe(0);
    await go(page, page.getByRole('link', { name: 'Edit your comment' }));
    await expectNoAxeViolations(page, 'editing a comment');
    await page.locator('#edit-body').fill('Opening comment, corrected');
    await go(page, page.getByRole('button', { name: 'Save changes' }));
    expect(await banner(page).textContent()).toContain('Your comment has been updated');
    expect(await main(page)).toContain('Opening comment, corrected');
    expect(await main(page)).toContain('(edited');

    await go(page, page.getByRole('link', { name: 'Delete your comment' }));
    expect(await main(page)).toContain('Are you sure you want to delete this comment?');
    await expectNoAxeViolations(page, 'delete confirmation');
    await go(page, page.getByRole('button', { name: 'Delete comment' }));
    expect(await banner(page).textContent()).toContain('The comment has been removed');
    expect(await main(page)).toContain('Comment removed');
    expect(await main(page)).not.toContain('Opening comment, corrected');
    expect(await main(page)).toContain('A reply that stays readable');
    await expectNoAxeViolations(page, 'a removed comment with its reply');
  });

  it('a member reports a comment, the manager hides it, and its author is told why', async () => {
    await authorPage.goto(discussionUrl);
    await authorPage.locator('#body').fill(`Call me on 07700 900123 ${run}`);
    await go(authorPage, authorPage.getByRole('button', { name: 'Post comment' }));
    const commentId = (await authorPage.locator('li[id^="comment-"]').filter({ hasText: `07700 900123 ${run}` }).getAttribute('id'))!.replace('comment-', '');

    const page = replierPage;
    await page.goto(discussionUrl);
    await go(page, page.getByRole('link', { name: `Report comment by ${fullName(author)}` }).first());
    await go(page, page.getByRole('button', { name: 'Report comment' }));
    expect(await errorSummary(page).textContent()).toContain('Enter why you are reporting this comment');
    await expectNoAxeViolations(page, 'report with an error');
    await page.locator('#reason').fill('It shares a personal phone number');
    await go(page, page.getByRole('button', { name: 'Report comment' }));
    expect(await banner(page).textContent()).toContain('reported');

    await managerPage.goto(`${siteUrl}/workspaces/${slug}/manage/moderation`);
    expect(await main(managerPage)).toContain('It shares a personal phone number');
    // The moderation page is built by another part of the forum work: its form for this comment.
    const item = managerPage.locator('main form').filter({ has: managerPage.locator(`input[name="comment"][value="${commentId}"]`) });
    await item.locator('textarea').fill('Personal details');
    await go(managerPage, item.getByRole('button', { name: /Hide comment/ }));
    expect(await errorSummary(managerPage).count()).toBe(0);

    await authorPage.goto(discussionUrl);
    await eventually(authorPage, 'Your comment was hidden by a moderator. Reason: Personal details');
    await expectNoAxeViolations(authorPage, 'own hidden comment');
    await page.goto(discussionUrl);
    await eventually(page, 'This comment was hidden by a moderator');
    expect(await main(page)).not.toContain('07700 900123');
  });

  it('the manager pins and locks the discussion; a locked discussion offers no forms', async () => {
    const page = managerPage;
    await page.goto(discussionUrl);
    await go(page, page.getByRole('button', { name: 'Pin discussion' }));
    expect(await banner(page).textContent()).toContain('The discussion is pinned');
    await go(page, page.getByRole('button', { name: 'Lock discussion' }));
    expect(await banner(page).textContent()).toContain('The discussion is locked');
    expect(await main(page)).toContain('This discussion is locked');
    await expectNoAxeViolations(page, 'locked discussion, manager');

    await replierPage.goto(discussionUrl);
    await eventually(replierPage, 'This discussion is locked');
    expect(await replierPage.locator('main form[method="post"]').count()).toBe(0);
    await expectNoAxeViolations(replierPage, 'locked discussion, member');
    await replierPage.goto(`${siteUrl}/workspaces/${slug}/discussions`);
    const card = replierPage.locator('main .nhsuk-card').filter({ hasText: title });
    expect(await card.textContent()).toContain('Pinned');
    expect(await card.textContent()).toContain('Locked');
  });
});

describe('a long thread', { timeout: 120_000 }, () => {
  it('pages with "Show more comments" with no repeats and no gaps', async () => {
    const jwt = await cms.signIn('member@demo.nhs.net', DEMO_PASSWORD);
    const api = async <T,>(path: string): Promise<T> => {
      const response = await fetch(`${cmsUrl}/api/forum/workspaces/${LONG_THREAD_WORKSPACE}${path}`, { headers: { authorization: `Bearer ${jwt}` } });
      expect(response.status, path).toBe(200);
      return (await response.json()) as T;
    };
    const list = await api<{ data: { id: number; title: string }[] }>('/discussions?sort=title&pageSize=50');
    const thread = list.data.find((discussion) => discussion.title === LONG_THREAD_TITLE);
    expect(thread, 'the demo long thread').toBeDefined();
    // The first 100 top-level comments, oldest first, as the CMS pages them.
    const first = await api<{ data: { id: number }[]; meta: { nextCursor: string } }>(`/discussions/${thread!.id}/comments?sort=oldest&limit=50`);
    const second = await api<{ data: { id: number }[] }>(`/discussions/${thread!.id}/comments?sort=oldest&limit=50&after=${first.meta.nextCursor}`);
    const expected = [...first.data, ...second.data].map((comment) => comment.id);

    const page = await signedInPage('member@demo.nhs.net', DEMO_PASSWORD);
    await page.goto(`${siteUrl}/workspaces/${LONG_THREAD_WORKSPACE}/discussions/${thread!.id}?sort=oldest`);
    await expectNoAxeViolations(page, 'long thread');
    const seen: number[] = [];
    for (let pageNumber = 0; pageNumber < 5; pageNumber++) {
      if (pageNumber > 0) await go(page, page.getByRole('link', { name: 'Show more comments' }));
      seen.push(...(await topLevelIds(page)));
    }
    expect(seen).toEqual(expected);
    await expectNoAxeViolations(page, 'long thread, fifth page');
    await go(page, page.getByRole('link', { name: 'Back to the first comments' }));
    expect((await topLevelIds(page))[0]).toBe(expected[0]);
  });
});

describe('comments elsewhere', { timeout: 120_000 }, () => {
  it('a manager turns comments on for a workspace page, and a member comments there', async () => {
    await managerPage.goto(`${siteUrl}/workspaces/${slug}/pages/guidance`);
    expect(await managerPage.locator('#comments').count()).toBe(0);
    await go(managerPage, managerPage.getByRole('button', { name: 'Turn comments on for this page' }));
    expect(await banner(managerPage).textContent()).toContain('Comments are turned on for this page');
    expect(await managerPage.locator('#comments').count()).toBe(1);
    await expectNoAxeViolations(managerPage, 'workspace page with comments, manager');
    // Members do not get the switch.
    await replierPage.goto(`${siteUrl}/workspaces/${slug}/pages/guidance`);
    await eventually(replierPage, 'Add a comment');
    expect(await replierPage.getByRole('button', { name: /Turn comments/ }).count()).toBe(0);
    await replierPage.locator('#body').fill(`On the guidance page ${run}`);
    await go(replierPage, replierPage.getByRole('button', { name: 'Post comment' }));
    expect(await banner(replierPage).textContent()).toContain('Your comment has been posted');
    expect(await main(replierPage)).toContain(`On the guidance page ${run}`);
    expect(await main(replierPage)).toContain(`Guidance ${run}`);
    await expectNoAxeViolations(replierPage, 'workspace page with a comment');
  });

  it('a case study asks anonymous visitors to sign in, and a signed-in member comments', async () => {
    const anonymous = await browser.newContext({ extraHTTPHeaders: ownAddress() });
    contexts.push(anonymous);
    const visitor = await anonymous.newPage();
    const response = await visitor.goto(`${siteUrl}/case-studies/${CASE_STUDY}`);
    expect(response?.status()).toBe(200);
    const signIn = visitor.getByRole('link', { name: 'Sign in to read and join the discussion' });
    expect(await signIn.getAttribute('href')).toBe(`/sign-in?next=${encodeURIComponent(`/case-studies/${CASE_STUDY}#comments`)}`);
    expect(await visitor.locator('form[method="post"] textarea').count()).toBe(0);
    await expectNoAxeViolations(visitor, 'case study, anonymous');
    // Still one page for every anonymous visitor: nothing personal, so shared caches may keep it.
    const first = await fetch(`${siteUrl}/case-studies/${CASE_STUDY}`, { headers: ownAddress() });
    const again = await fetch(`${siteUrl}/case-studies/${CASE_STUDY}`, { headers: ownAddress() });
    const headers = Object.fromEntries(again.headers);
    expect(headers).not.toHaveProperty('set-cookie');
    expect(headers['cache-control'] ?? '').not.toContain('private');
    expect(await again.text()).toBe(await first.text());

    const page = authorPage;
    await page.goto(`${siteUrl}/case-studies/${CASE_STUDY}`);
    await page.locator('#body').fill(`We tried this in our practice too ${run}`);
    await go(page, page.getByRole('button', { name: 'Post comment' }));
    expect(await banner(page).textContent()).toContain('Your comment has been posted');
    expect(await main(page)).toContain(`We tried this in our practice too ${run}`);
    await expectNoAxeViolations(page, 'case study with comments, signed in');
  });
});

describe('without JavaScript', { timeout: 120_000 }, () => {
  it('a member starts a discussion, comments, edits, replies, likes, unlikes, reports and deletes with plain forms', async () => {
    const page = await signedInPage(replier.email, PASSWORD, { javaScriptEnabled: false });
    const noScriptTitle = `Without JavaScript ${run}`;
    await page.goto(`${siteUrl}/workspaces/${slug}/discussions/new`);
    await go(page, page.getByRole('button', { name: 'Start discussion' }));
    expect(await errorSummary(page).textContent()).toContain('Enter a title');
    await page.locator('#title').fill(noScriptTitle);
    await page.locator('#body').fill('Started with JavaScript turned off');
    await go(page, page.getByRole('button', { name: 'Start discussion' }));
    expect(await banner(page).textContent()).toContain('Your discussion has been started');
    const threadUrl = page.url().split('?')[0].split('#')[0];

    await page.locator('#body').fill('My own comment');
    await go(page, page.getByRole('button', { name: 'Post comment' }));
    expect(await banner(page).textContent()).toContain('Your comment has been posted');
    await go(page, page.getByRole('link', { name: 'Edit your comment' }));
    await page.locator('#edit-body').fill('My own comment, edited');
    await go(page, page.getByRole('button', { name: 'Save changes' }));
    expect(await main(page)).toContain('My own comment, edited');
    expect(await main(page)).toContain('(edited');

    // Someone else's comment to reply to, like and report.
    await authorPage.goto(threadUrl);
    await authorPage.locator('#body').fill(`From the author ${run}`);
    await go(authorPage, authorPage.getByRole('button', { name: 'Post comment' }));

    await page.goto(threadUrl);
    const about = `comment by ${fullName(author)}`;
    await go(page, page.getByRole('link', { name: `Reply to ${about}` }));
    await go(page, page.getByRole('button', { name: 'Post reply' }));
    expect(await errorSummary(page).textContent()).toContain('Enter your reply');
    await page.locator('#reply-body').fill('A reply without JavaScript');
    await go(page, page.getByRole('button', { name: 'Post reply' }));
    expect(await banner(page).textContent()).toContain('Your reply has been posted');

    await page.goto(threadUrl);
    await go(page, page.getByRole('button', { name: `Like ${about}` }));
    expect(await banner(page).textContent()).toContain('You liked this comment');
    await go(page, page.getByRole('link', { name: `Who liked this ${about}` }));
    expect(await page.locator('#comments ul').textContent()).toContain(fullName(replier));
    await go(page, page.getByRole('link', { name: 'Back to the comments' }));
    await go(page, page.getByRole('button', { name: `Unlike ${about}` }));
    expect(await banner(page).textContent()).toContain('You no longer like this comment');

    await go(page, page.getByRole('link', { name: `Report ${about}` }));
    await page.locator('#reason').fill('Testing reports without JavaScript');
    await go(page, page.getByRole('button', { name: 'Report comment' }));
    expect(await banner(page).textContent()).toContain('reported');

    const ownComment = page.locator('li[id^="comment-"]').filter({ hasText: 'My own comment, edited' });
    await go(page, ownComment.getByRole('link', { name: 'Delete your comment' }));
    await go(page, page.getByRole('button', { name: 'Delete comment' }));
    expect(await banner(page).textContent()).toContain('The comment has been removed');
    expect(await main(page)).toContain('Comment removed');
    expect(await main(page)).not.toContain('My own comment, edited');
  });
});
