import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '../../../cms/seed/demo-people.ts';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { waitForMail } from './mail.ts';
import { ownAddress } from './membership-helpers.ts';

/**
 * Whole journeys of a new person, as one would take them, against the seeded demo: nothing is
 * arranged behind the site's back. Every step is a click or a typed field in Chromium, every mail
 * is read from the SMTP capture, and axe checks every page visited and every error state shown.
 *
 * 1. Someone from an allow-listed domain registers, confirms, signs in, edits their profile, joins
 *    an open workspace, asks to join a restricted one, is approved by its manager (in a second
 *    browser) and then reads the restricted workspace at once.
 * 2. A manager invites someone from outside the allow-list to a hidden workspace; the invitee
 *    cannot see it, registers from the invitation, confirms, signs in, accepts, reads it, and the
 *    invitation link then says it has been used.
 */
const siteUrl = inject('siteUrl');
const env = inject('stackEnv');
const mailDir = inject('mailDir');

const DEMO_PASSWORD = env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
const MANAGER = 'manager@demo.nhs.net';
const PASSWORD = 'a journey long enough password 7';
/** A whole journey is dozens of pages, each checked with axe: more than the project's default per test. */
const JOURNEY_TIMEOUT = 180_000;

/** Unique per run and per test, so the file can run again against the same stack. */
const unique = () => `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

let browser: Browser;
let contexts: BrowserContext[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterEach(async () => {
  for (const context of contexts) await context.close();
  contexts = [];
});
afterAll(() => browser?.close());

/** A browser of its own: own cookies, and an own address for the site's per-address limits. */
async function open(): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: ownAddress() });
  contexts.push(context);
  return context.newPage();
}

const main = (page: Page) => page.locator('main');
const h1 = (page: Page) => page.locator('h1').first();
const banner = (page: Page) => page.locator('.nhsuk-notification-banner--success');
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');
const path = (page: Page) => {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
};

/** Clicks a control that submits a form or follows a link, and waits for the page it ends on. */
async function press(page: Page, control: Locator) {
  expect(await control.count(), 'the control to press').toBe(1);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), control.click()]);
}
const button = (page: Page, name: string | RegExp) => main(page).getByRole('button', { name, exact: typeof name === 'string' });

/** Goes to a page and checks it with axe; returns the response's status. */
async function visit(page: Page, to: string, label: string): Promise<number | undefined> {
  const response = await page.goto(to.startsWith('http') ? to : `${siteUrl}${to}`);
  await expectNoAxeViolations(page, label);
  return response?.status();
}

interface Newcomer {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
}

/** Fills the registration form by its labels (the email may already be there, from an invitation). */
async function fillRegistration(page: Page, who: Newcomer) {
  const email = page.getByLabel('Email address', { exact: true });
  if ((await email.inputValue()) === '') await email.fill(who.email);
  expect(await email.inputValue()).toBe(who.email);
  await page.getByLabel('First name', { exact: true }).fill(who.firstName);
  await page.getByLabel('Last name', { exact: true }).fill(who.lastName);
  await page.getByLabel('Job title', { exact: true }).fill(who.jobTitle);
  await page.getByLabel('Organisation', { exact: true }).fill(who.organisation);
  await page.getByLabel('Create a password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm your password', { exact: true }).fill(PASSWORD);
}

/** Submits the filled registration form, then opens the mailed confirmation link; ends on the sign-in page. */
async function registerAndConfirm(page: Page, who: Newcomer, since: number, label: string) {
  await press(page, button(page, 'Register'));
  expect(path(page)).toBe('/register/check-email');
  expect(await main(page).textContent()).toContain(who.email);
  await expectNoAxeViolations(page, `${label}: check your email`);

  const mail = await waitForMail(mailDir, who.email, { since, subject: /confirm/i });
  const link = mail.links.find((candidate) => candidate.startsWith(`${siteUrl}/confirm-email?confirmation=`));
  expect(link, `confirmation link in ${mail.text}`).toBeDefined();
  await visit(page, link!, `${label}: email confirmed`);
  expect(path(page)).toBe('/sign-in?confirmed=1');
  expect(await banner(page).textContent()).toContain('Your email address has been confirmed');
}

/** Signs in on the sign-in page the browser is on; ends wherever the site sends them. */
async function signInHere(page: Page, email: string, password: string) {
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await page.getByLabel('Email address', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await press(page, button(page, 'Sign in'));
  expect(new URL(page.url()).pathname).not.toBe('/sign-in');
}

/** The demo's manager, signed in through the site in a browser of their own. */
async function managerPage(): Promise<Page> {
  const page = await open();
  await visit(page, '/sign-in', 'sign in (manager)');
  await signInHere(page, MANAGER, DEMO_PASSWORD);
  expect(await page.locator('.nhsuk-header__account').textContent()).toContain('Priya Shah');
  return page;
}

describe('a new person’s journey', () => {
  it('registers, confirms, signs in, edits the profile, joins an open workspace, is approved into a restricted one', async () => {
    const run = unique();
    const who: Newcomer = {
      email: `journey.${run}@journey.nhs.uk`,
      firstName: 'Jordan',
      lastName: `Journey ${run}`,
      jobTitle: 'Community nurse',
      organisation: 'Journey Community Trust',
    };
    const name = `${who.firstName} ${who.lastName}`;
    const page = await open();

    // Register (*.nhs.uk is on the allow-list) and confirm by the mailed link.
    await visit(page, '/', 'home, signed out');
    await press(page, page.locator('.nhsuk-header__account').getByRole('link', { name: 'Register' }));
    expect(path(page)).toBe('/register');
    await expectNoAxeViolations(page, 'register');
    const since = Date.now();
    await fillRegistration(page, who);
    await registerAndConfirm(page, who, since, 'register');

    // Sign in.
    await signInHere(page, who.email, PASSWORD);
    expect(path(page)).toBe('/');
    expect(await page.locator('.nhsuk-header__account').textContent()).toContain(name);
    await expectNoAxeViolations(page, 'home, signed in');

    // The profile: a job title is required, then a new job title and organisation are kept.
    await visit(page, '/account', 'account');
    expect(await h1(page).textContent()).toBe('Your account');
    expect(await page.getByLabel('Job title', { exact: true }).inputValue()).toBe(who.jobTitle);
    expect(await main(page).textContent()).toContain('You are not a member of any workspace yet');
    await page.getByLabel('Job title', { exact: true }).fill('');
    await press(page, button(page, 'Save profile'));
    expect(await errorSummary(page).textContent()).toContain('Enter your job title');
    await expectNoAxeViolations(page, 'account: job title missing');
    await page.getByLabel('Job title', { exact: true }).fill('Crisis team nurse');
    await page.getByLabel('Organisation', { exact: true }).fill('Journey Mental Health NHS Foundation Trust');
    await press(page, button(page, 'Save profile'));
    expect(path(page)).toBe('/account');
    expect(await banner(page).textContent()).toContain('Your profile has been saved');
    expect(await page.getByLabel('Job title', { exact: true }).inputValue()).toBe('Crisis team nurse');
    expect(await page.getByLabel('Organisation', { exact: true }).inputValue()).toBe('Journey Mental Health NHS Foundation Trust');
    await expectNoAxeViolations(page, 'account: profile saved');

    // An open workspace: readable before joining, joined with one button.
    await visit(page, '/workspaces/digital-primary-care', 'open workspace, not a member');
    expect(await main(page).textContent()).toContain('This community brings together');
    await press(page, button(page, 'Join this workspace'));
    expect(new URL(page.url()).pathname).toBe('/workspaces/digital-primary-care');
    expect(await banner(page).textContent()).toContain('You have joined Digital Primary Care Community');
    expect(await button(page, 'Join this workspace').count()).toBe(0);
    expect(await h1(page).textContent()).toContain('Welcome to the Digital Primary Care Community');
    await expectNoAxeViolations(page, 'open workspace, joined');
    await press(page, main(page).getByRole('link', { name: 'Online consultations', exact: true }));
    expect(new URL(page.url()).pathname).toBe('/workspaces/digital-primary-care/pages/online-consultations');
    expect(await main(page).textContent()).toContain('Online consultation tools let patients describe their needs');
    await expectNoAxeViolations(page, 'open workspace, a further page');

    // A restricted workspace: its listing and managers, none of its content; ask to join.
    const restricted = '/workspaces/mental-health-crisis-care';
    const secretHome = 'Members share crisis pathway designs';
    const secretPage = 'Crisis cafés, safe havens and crisis houses';
    await visit(page, restricted, 'restricted workspace, outsider');
    expect(await h1(page).textContent()).toContain('Mental Health Crisis Care Collaborative');
    expect(await main(page).textContent()).toContain('Priya Shah');
    expect(await page.content()).not.toContain('crisis pathway designs');
    expect(await main(page).getByRole('link', { name: 'Crisis alternatives' }).count()).toBe(0);
    const outsiderPage = await visit(page, `${restricted}/pages/crisis-alternatives`, 'restricted workspace’s page, outsider');
    expect(outsiderPage).toBe(403);
    expect(await page.content()).not.toContain(secretPage);

    await visit(page, restricted, 'restricted workspace, outsider again');
    const message = `Journey ${run}: I would like to learn from your crisis alternatives.`;
    await page.getByLabel('Message to the managers (optional)').fill(message);
    await press(page, button(page, 'Request to join'));
    expect(new URL(page.url()).pathname).toBe(restricted);
    expect(await banner(page).textContent()).toContain('Your request to join has been sent');
    expect(await main(page).textContent()).toContain('Request pending');
    expect(await page.content()).not.toContain('crisis pathway designs');
    await expectNoAxeViolations(page, 'restricted workspace, request pending');
    await visit(page, '/account', 'account, member and pending');
    const workspaces = await page.locator('section[aria-labelledby="workspaces-heading"]').textContent();
    expect(workspaces).toMatch(/Digital Primary Care Community\s*Member/);
    expect(workspaces).toMatch(/Requests waiting for a manager\s*Mental Health Crisis Care Collaborative/);

    // Its manager, in another browser, approves the request.
    const manager = await managerPage();
    await visit(manager, `${restricted}/manage/members`, 'manage members, request waiting');
    expect(await main(manager).textContent()).toContain(message);
    await press(manager, button(manager, `Approve ${name}`));
    expect(new URL(manager.url()).pathname).toBe(`${restricted}/manage/members`);
    expect(await banner(manager).textContent()).toContain('Request approved');
    expect(await main(manager).textContent()).not.toContain(message);
    await expectNoAxeViolations(manager, 'manage members, request approved');

    // At once (no waiting for a cache): the new member reads the workspace and its pages.
    await page.goto(`${siteUrl}${restricted}`);
    expect(await main(page).textContent(), 'the restricted workspace right after approval').toContain(secretHome);
    await page.reload();
    expect(await main(page).textContent(), 'the restricted workspace, reloaded').toContain(secretHome);
    expect(await main(page).textContent()).not.toContain('Request pending');
    await expectNoAxeViolations(page, 'restricted workspace, member');
    await press(page, main(page).getByRole('link', { name: 'Crisis alternatives', exact: true }));
    expect(new URL(page.url()).pathname).toBe(`${restricted}/pages/crisis-alternatives`);
    expect(await h1(page).textContent()).toContain('Crisis alternatives');
    expect(await main(page).textContent()).toContain(secretPage);
    await expectNoAxeViolations(page, 'restricted workspace’s page, member');
    await visit(page, `${restricted}/pages/crisis-alternatives`, 'restricted workspace’s page, reloaded');
    expect(await main(page).textContent()).toContain(secretPage);
  }, JOURNEY_TIMEOUT);
});

describe('an invitation to a hidden workspace', () => {
  it('lets someone from outside the allow-list register from it, accept it and read the workspace; the link then says it was used', async () => {
    const run = unique();
    const who: Newcomer = {
      email: `partner.${run}@example-charity.org`,
      firstName: 'Pat',
      lastName: `Partner ${run}`,
      jobTitle: 'Finance adviser',
      organisation: 'Example Charity',
    };
    const hidden = '/workspaces/icb-finance-leads';
    const secret = 'It holds planning submissions and allocation modelling';

    // The manager invites them from the hidden workspace's members page.
    const manager = await managerPage();
    await visit(manager, `${hidden}/manage/members`, 'manage members of a hidden workspace');
    const since = Date.now();
    await manager.getByLabel('Email address', { exact: true }).fill(who.email);
    await press(manager, button(manager, 'Send invitation'));
    expect(new URL(manager.url()).pathname).toBe(`${hidden}/manage/members`);
    expect(await banner(manager).textContent()).toContain(`Invitation sent to ${who.email}`);
    expect(await main(manager).textContent()).toContain(who.email);
    await expectNoAxeViolations(manager, 'invitation sent');

    // Not yet theirs: the hidden workspace is not found.
    const page = await open();
    expect(await visit(page, hidden, 'hidden workspace, anonymous')).toBe(404);
    expect(await page.content()).not.toContain(secret);

    // The mailed link: register to accept.
    const invitation = await waitForMail(mailDir, who.email, { since, subject: /invited/i });
    const link = invitation.links.find((candidate) => candidate.startsWith(`${siteUrl}/invitations/`));
    expect(link, `invitation link in ${invitation.text}`).toBeDefined();
    expect(await visit(page, link!, 'invitation, anonymous')).toBe(200);
    expect(await h1(page).textContent()).toBe('Invitation to join ICB Finance Leads');
    expect(await main(page).textContent()).toContain(who.email);
    await press(page, main(page).getByRole('button', { name: 'Register to accept' }));
    expect(new URL(page.url()).pathname).toBe('/register');
    await expectNoAxeViolations(page, 'register from an invitation');
    expect(await page.getByLabel('Email address', { exact: true }).inputValue()).toBe(who.email);
    const registered = Date.now();
    await fillRegistration(page, who);
    await registerAndConfirm(page, who, registered, 'register from an invitation');

    // Back to the invitation; signing in from it returns there.
    await visit(page, link!, 'invitation, confirmed but signed out');
    await press(page, main(page).getByRole('button', { name: 'Sign in to accept' }));
    expect(path(page)).toBe(`/sign-in?next=${encodeURIComponent(new URL(link!).pathname)}`);
    await expectNoAxeViolations(page, 'sign in to accept');
    await signInHere(page, who.email, PASSWORD);
    expect(page.url()).toBe(link);
    expect(await button(page, 'Accept invitation').count()).toBe(1);
    await expectNoAxeViolations(page, 'invitation, invitee signed in');

    await press(page, button(page, 'Accept invitation'));
    expect(path(page)).toBe('/account');
    expect(await banner(page).textContent()).toContain('You have joined ICB Finance Leads');
    expect(await main(page).textContent()).toMatch(/ICB Finance Leads\s*Member/);
    await expectNoAxeViolations(page, 'account, invitation accepted');

    // The hidden workspace is theirs to read now, pages and all.
    expect(await visit(page, hidden, 'hidden workspace, member')).toBe(200);
    expect(await main(page).textContent(), 'the hidden workspace right after accepting').toContain(secret);
    await press(page, main(page).getByRole('link', { name: 'Planning round', exact: true }));
    expect(new URL(page.url()).pathname).toBe(`${hidden}/pages/planning-round`);
    expect(await main(page).textContent()).toContain('Timetable, templates and questions about the annual operational planning round');
    await expectNoAxeViolations(page, 'hidden workspace’s page, member');

    // The link has been used.
    await visit(page, link!, 'invitation, used');
    expect(await main(page).textContent()).toContain('This invitation has already been accepted');
    expect(await button(page, 'Accept invitation').count()).toBe(0);
  }, JOURNEY_TIMEOUT);
});
