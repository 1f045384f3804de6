import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { Cms, ownAddress, PASSWORD, type Actor } from './membership-helpers.ts';

/**
 * Membership as people do it, in Chromium, with axe on every page and every error state: join
 * an open workspace, ask to join a restricted one, approval by its manager, invitations, the
 * last manager who may not leave, visibility, the audit log and its CSV, a new workspace.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = Date.now().toString(36);
const openSlug = `fl-open-${run}`;
const restrictedSlug = `fl-restricted-${run}`;
const restrictedSecret = `Only members read this ${run}`;

let browser: Browser;
let cms: Cms;
let manager: Actor;
let member: Actor;
let managerPage: Page;
let memberPage: Page;
const contexts: BrowserContext[] = [];

/** A browser of its own (own cookies, own address for the site's per-address limits), signed in through /sign-in. */
async function signedInPage(actor: Actor): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`${siteUrl}/sign-in`);
  await page.locator('#email').fill(actor.email);
  await page.locator('#password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.locator('main button[type="submit"]').click()]);
  return page;
}

/** Submits a plain form and waits for the page it leads to (after any Post/Redirect/Get). */
async function submit(page: Page, button: ReturnType<Page['locator']>) {
  expect(await button.count(), 'the button to press').toBe(1);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

const banner = (page: Page) => page.locator('.nhsuk-notification-banner__heading');
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Manager');
  member = await cms.person('Member');
  await cms.createWorkspace(manager, openSlug, 'open', `Flow open ${run}`);
  await cms.createPage(openSlug, { title: 'Welcome', slug: 'home', isHome: true, text: `Open for all ${run}` });
  await cms.createWorkspace(manager, restrictedSlug, 'restricted', `Flow restricted ${run}`);
  await cms.createPage(restrictedSlug, { title: 'Welcome', slug: 'home', isHome: true, text: restrictedSecret });
  managerPage = await signedInPage(manager);
  memberPage = await signedInPage(member);
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('joining', () => {
  it('a member joins an open workspace from the directory', async () => {
    const page = memberPage;
    // Before joining: an open workspace is readable, with a way to join on its pages.
    await page.goto(`${siteUrl}/workspaces/${openSlug}`);
    expect(await page.content()).toContain(`Open for all ${run}`);
    expect(await page.getByRole('button', { name: 'Join this workspace' }).count()).toBe(1);
    await expectNoAxeViolations(page, 'open workspace, not yet a member');
    await page.goto(`${siteUrl}/workspaces/${openSlug}/members`);
    await expectNoAxeViolations(page, 'members page, not yet a member');
    await page.goto(`${siteUrl}/workspaces?q=${encodeURIComponent(`Flow open ${run}`)}`);
    await expectNoAxeViolations(page, 'directory, signed in');
    await submit(page, page.getByRole('button', { name: `Join Flow open ${run}` }));
    expect(new URL(page.url()).pathname).toBe(`/workspaces/${openSlug}`);
    expect(await banner(page).textContent()).toContain(`You have joined Flow open ${run}`);
    await expectNoAxeViolations(page, 'joined an open workspace');
    await page.goto(`${siteUrl}/workspaces?q=${encodeURIComponent(`Flow open ${run}`)}`);
    expect(await page.locator('.nhsuk-card').first().textContent()).toContain('Member');
  });

  it('asks to join a restricted workspace with a message, seeing nothing of it before', async () => {
    const page = memberPage;
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}`);
    expect(await page.content()).not.toContain(restrictedSecret);
    expect(await page.locator('main').textContent()).toContain('Manager Tester');
    await expectNoAxeViolations(page, 'restricted workspace, outsider');
    await page.locator('#message').fill('x'.repeat(501));
    await submit(page, page.getByRole('button', { name: 'Request to join' }));
    expect(await errorSummary(page).textContent()).toContain('500 characters or fewer');
    expect(await page.locator('#message').inputValue()).toHaveLength(501);
    await expectNoAxeViolations(page, 'request to join: message too long');
    await page.locator('#message').fill('I run the rota for our ward and would like to follow this.');
    await submit(page, page.getByRole('button', { name: 'Request to join' }));
    expect(await banner(page).textContent()).toContain('Your request to join has been sent');
    expect(await page.locator('main').textContent()).toContain('Request pending');
    await expectNoAxeViolations(page, 'request pending');
  });

  it('the manager approves it on the members page, and the member now reads its pages', async () => {
    const page = managerPage;
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}`);
    await Promise.all([page.waitForURL(`**/workspaces/${restrictedSlug}/manage/members`), page.getByRole('link', { name: 'Manage', exact: true }).click()]);
    expect(await page.locator('main').textContent()).toContain('I run the rota for our ward');
    await expectNoAxeViolations(page, 'manage members with a request');
    await submit(page, page.getByRole('button', { name: 'Approve Member Tester' }));
    expect(await banner(page).textContent()).toContain('Request approved');
    await expectNoAxeViolations(page, 'request approved');

    await memberPage.goto(`${siteUrl}/workspaces/${restrictedSlug}`);
    expect(await memberPage.content()).toContain(restrictedSecret);
    await expectNoAxeViolations(memberPage, 'restricted workspace, member');
  });

  it('managers’ pages are refused to a member with the NHS 403 page', async () => {
    const response = await memberPage.goto(`${siteUrl}/workspaces/${restrictedSlug}/manage/members`);
    expect(response?.status()).toBe(403);
    expect(await memberPage.locator('h1').textContent()).toContain('You do not have permission');
    await expectNoAxeViolations(memberPage, '403');
  });
});

describe('managing', () => {
  it('a manager invites someone by email, then withdraws the invitation', async () => {
    const page = managerPage;
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}/manage/members`);
    await page.locator('#email').fill('one@nhs.net, two@nhs.net');
    await submit(page, page.getByRole('button', { name: 'Send invitation' }));
    expect(await errorSummary(page).textContent()).toContain('Enter one email address');
    expect(await page.locator('#email').inputValue()).toBe('one@nhs.net, two@nhs.net');
    await expectNoAxeViolations(page, 'invite: two addresses');
    const invitee = `invitee-${run}@example.nhs.net`;
    await page.locator('#email').fill(invitee);
    await submit(page, page.getByRole('button', { name: 'Send invitation' }));
    expect(await banner(page).textContent()).toContain(`Invitation sent to ${invitee}`);
    expect(await page.locator('main table').first().textContent()).toContain(invitee);
    await expectNoAxeViolations(page, 'invitation sent');
    await submit(page, page.getByRole('button', { name: `Withdraw the invitation to ${invitee}` }));
    expect(await banner(page).textContent()).toContain('Invitation withdrawn');
    expect(await page.locator('main').textContent()).not.toContain(invitee);
  });

  it('rejects a request with a reason', async () => {
    const page = managerPage;
    const hopeful = await cms.person('Hopeful');
    await cms.as(hopeful, 'POST', `/workspaces/${restrictedSlug}/request`, { message: 'May I?' });
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}/manage/members`);
    await page.locator(`#reason-${hopeful.id}`).fill('This forum is for chief nurses only');
    await submit(page, page.getByRole('button', { name: 'Reject Hopeful Tester' }));
    expect(await banner(page).textContent()).toContain('Request rejected');
    expect(await page.locator('main').textContent()).not.toContain('May I?');
  });

  it('removes only after confirmation', async () => {
    const page = managerPage;
    const other = await cms.person('Leaver');
    await cms.as(other, 'POST', `/workspaces/${openSlug}/join`);
    await page.goto(`${siteUrl}/workspaces/${openSlug}/manage/members`);
    await Promise.all([page.waitForURL(/remove=/), page.getByRole('link', { name: 'Remove Leaver Tester' }).click()]);
    await expectNoAxeViolations(page, 'remove confirmation');
    await submit(page, page.getByRole('button', { name: 'Yes, remove Leaver Tester' }));
    expect(await banner(page).textContent()).toContain('Member removed');
    expect(await page.locator('main').textContent()).not.toContain('Leaver Tester');
  });

  it('the last manager cannot leave: the error summary says why', async () => {
    const page = managerPage;
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}/members`);
    await expectNoAxeViolations(page, 'members page, manager');
    await submit(page, page.getByRole('button', { name: 'Leave this workspace' }));
    expect(await errorSummary(page).textContent()).toContain('last manager');
    await expectNoAxeViolations(page, 'last manager cannot leave');
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}/manage/members`);
    await submit(page, page.getByRole('button', { name: /^Make member\W+Manager Tester$/ }));
    expect(await errorSummary(page).textContent()).toContain('last manager');
    await expectNoAxeViolations(page, 'last manager cannot be demoted');
  });

  it('changes the visibility, saying what each means', async () => {
    const page = managerPage;
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}/manage/settings`);
    await expectNoAxeViolations(page, 'settings');
    await submit(page, page.getByRole('button', { name: 'Save visibility' }));
    expect(await errorSummary(page).textContent()).toContain('already restricted');
    await expectNoAxeViolations(page, 'settings: unchanged');
    await page.locator('#visibility-hidden').check();
    await submit(page, page.getByRole('button', { name: 'Save visibility' }));
    expect(await banner(page).textContent()).toContain('This workspace is now hidden');
    // Hidden: gone from the directory for everyone, at once.
    const directory = await (await fetch(`${siteUrl}/workspaces?q=${encodeURIComponent(`Flow restricted ${run}`)}`)).text();
    expect(directory).not.toContain(`/workspaces/${restrictedSlug}"`);
    expect((await fetch(`${siteUrl}/workspaces/${restrictedSlug}`)).status).toBe(404);
  });

  it('reads the audit log, filters it, and downloads it as CSV', async () => {
    const page = managerPage;
    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}/manage/audit`);
    const table = page.locator('main table');
    for (const text of ['Created the workspace', 'Asked to join', 'Approved a request to join', 'Rejected a request to join', 'Reason: This forum is for chief nurses only', 'Invited someone', 'Withdrew an invitation', 'Changed who can see the workspace', 'From restricted to hidden']) {
      expect(await table.textContent()).toContain(text);
    }
    await expectNoAxeViolations(page, 'audit log');
    await page.locator('#action').selectOption('member.approved');
    await submit(page, page.getByRole('button', { name: 'Filter the log' }));
    expect(page.url()).toContain('action=member.approved');
    expect(await table.locator('tbody tr').count()).toBe(1);
    expect(await table.textContent()).toContain('Member Tester');
    await expectNoAxeViolations(page, 'audit log, filtered');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download CSV/ }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('time,action,actor');
    expect(csv).toContain('member.approved');
    expect(csv).not.toContain('member.requested');

    await page.goto(`${siteUrl}/workspaces/${restrictedSlug}/manage/audit?from=2026-02-30`);
    expect(await errorSummary(page).textContent()).toContain('start date');
    await expectNoAxeViolations(page, 'audit log: bad date');
  });
});

describe('invitations', () => {
  it('an invited member accepts on the workspace page; another declines', async () => {
    const slug = `fl-invite-${run}`;
    await cms.createWorkspace(manager, slug, 'hidden', `Flow invitation ${run}`);
    await cms.createPage(slug, { title: 'Welcome', slug: 'home', isHome: true, text: `Invited only ${run}` });
    const guest = await cms.person('Guest');
    const other = await cms.person('Other');
    for (const person of [guest, other]) await cms.as(manager, 'POST', `/workspaces/${slug}/invitations`, { email: person.email });

    const page = await signedInPage(guest);
    await page.goto(`${siteUrl}/workspaces/${slug}`);
    expect(await page.content()).not.toContain(`Invited only ${run}`);
    expect(await page.locator('main').textContent()).toContain('You have been invited');
    await expectNoAxeViolations(page, 'invited');
    await submit(page, page.getByRole('button', { name: 'Accept the invitation' }));
    expect(await banner(page).textContent()).toContain(`You have joined Flow invitation ${run}`);
    expect(await page.content()).toContain(`Invited only ${run}`);

    const declining = await signedInPage(other);
    await declining.goto(`${siteUrl}/workspaces/${slug}`);
    await submit(declining, declining.getByRole('button', { name: 'Decline' }));
    expect(new URL(declining.url()).pathname).toBe('/workspaces');
    expect(await banner(declining).textContent()).toContain(`You have declined the invitation to Flow invitation ${run}`);
    await expectNoAxeViolations(declining, 'directory after declining');
    expect((await declining.goto(`${siteUrl}/workspaces/${slug}`))?.status()).toBe(404);
  });
});

describe('without JavaScript', () => {
  it('joins and leaves with plain forms', async () => {
    const walker = await cms.person('Walker');
    const context = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: ownAddress() });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${siteUrl}/sign-in?next=${encodeURIComponent(`/workspaces/${openSlug}/members`)}`);
    await page.locator('#email').fill(walker.email);
    await page.locator('#password').fill(PASSWORD);
    await submit(page, page.locator('main button[type="submit"]'));
    expect(new URL(page.url()).pathname).toBe(`/workspaces/${openSlug}/members`);
    await submit(page, page.getByRole('button', { name: 'Join this workspace' }));
    expect(await banner(page).textContent()).toContain(`You have joined Flow open ${run}`);
    expect(await page.locator('main').textContent()).toContain('Walker Tester');
    await submit(page, page.getByRole('button', { name: 'Leave this workspace' }));
    expect(await banner(page).textContent()).toContain(`You have left Flow open ${run}`);
    expect(await page.locator('main').textContent()).not.toContain('Walker Tester');
  });
});

describe('creating a workspace', () => {
  it('asks for what is missing, then makes the creator its manager', async () => {
    const page = memberPage;
    await page.goto(`${siteUrl}/workspaces/new`);
    await expectNoAxeViolations(page, 'new workspace');
    await submit(page, page.getByRole('button', { name: 'Create workspace' }));
    const summary = await errorSummary(page).textContent();
    expect(summary).toContain('Enter a name');
    expect(summary).toContain('Enter a summary');
    expect(summary).toContain('Choose who can find and read');
    await expectNoAxeViolations(page, 'new workspace: missing fields');
    await page.locator('#title').fill(`Made in a test ${run}`);
    await page.locator('#summary').fill('For the flows test.');
    await page.locator('#visibility-restricted').check();
    await page.locator('#slug').fill(`made-${run}`);
    await submit(page, page.getByRole('button', { name: 'Create workspace' }));
    expect(new URL(page.url()).pathname).toBe(`/workspaces/made-${run}`);
    expect(await banner(page).textContent()).toContain('Your workspace has been created');
    expect(await page.getByRole('link', { name: 'Manage', exact: true }).count()).toBe(1);
    await expectNoAxeViolations(page, 'new workspace created');
  });
});
