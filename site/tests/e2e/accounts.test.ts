import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from '../../../cms/seed/demo-people.ts';
import { AdminClient } from './admin-client.ts';
import { expectNoAxeViolations, launchBrowser, newPage } from './browser.ts';
import { waitForMail } from './mail.ts';

/**
 * Accounts end to end: the built site and CMS, real mail over SMTP, Chromium, and axe on every
 * page and every error state.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');
const mailDir = inject('mailDir');

const PASSWORD = 'a long enough password 1';
const USER_MODEL = 'plugin::users-permissions.user';

let browser: Browser;
let admin: AdminClient;
beforeAll(async () => {
  browser = await launchBrowser();
  admin = await AdminClient.signIn(cmsUrl, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
});
afterAll(() => browser?.close());

let counter = 0;
const uniqueEmail = (name: string, domain = 'nhs.net') => `${name}-${Date.now().toString(36)}-${++counter}@${domain}`;

interface Person {
  email: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  organisation: string;
  password: string;
}
const person = (name: string, domain?: string): Person => ({
  email: uniqueEmail(name, domain),
  firstName: 'Alex',
  lastName: `Tester ${counter}`,
  jobTitle: 'Ward manager',
  organisation: 'Leeds Teaching Hospitals NHS Trust',
  password: PASSWORD,
});

const h1 = (page: Page) => page.locator('h1').first().textContent();
const summary = (page: Page) => page.locator('.nhsuk-error-summary').textContent();

async function fillRegistration(page: Page, who: Person) {
  await page.fill('#email', who.email);
  await page.fill('#firstName', who.firstName);
  await page.fill('#lastName', who.lastName);
  await page.fill('#jobTitle', who.jobTitle);
  await page.fill('#organisation', who.organisation);
  await page.fill('#password', who.password);
  await page.fill('#passwordConfirmation', who.password);
}

/** Clicks a form's button and waits for the page the POST ends on (after any redirect). */
async function submit(page: Page, name: string | RegExp) {
  await Promise.all([page.waitForEvent('load'), page.locator('main').getByRole('button', { name }).click()]);
}

/**
 * A browser context arriving from an address of its own (the stack trusts X-Forwarded-For, as
 * behind a proxy), so the per-address rate limits count each test alone rather than the run.
 */
let addresses = 0;
function open(options: Parameters<typeof newPage>[1] = {}) {
  addresses++;
  return newPage(browser, { ...options, extraHTTPHeaders: { 'x-forwarded-for': `10.77.${addresses >> 8}.${addresses & 255}` } });
}

/** Registers through the form and confirms through the emailed link; returns on the sign-in page. */
async function registerAndConfirm(page: Page, who: Person, { check = false } = {}) {
  const since = Date.now();
  await page.goto(`${siteUrl}/register`);
  if (check) await expectNoAxeViolations(page, 'register');
  await fillRegistration(page, who);
  await submit(page, 'Register');
  await page.waitForURL(`${siteUrl}/register/check-email`);
  expect(await page.locator('main').textContent()).toContain(who.email);
  if (check) await expectNoAxeViolations(page, 'register: check your email');
  const link = await confirmationLink(who.email, since);
  await page.goto(link);
  await page.waitForURL(`${siteUrl}/sign-in?confirmed=1`);
  return link;
}

/** The link in the confirmation mail: to the site, which confirms with the CMS. */
async function confirmationLink(email: string, since: number): Promise<string> {
  const mail = await waitForMail(mailDir, email, { since, subject: /confirm/i });
  const link = mail.links.find((candidate) => candidate.startsWith(`${siteUrl}/confirm-email?confirmation=`));
  expect(link, `confirmation link in ${mail.text}`).toBeDefined();
  return link!;
}

async function signIn(page: Page, email: string, password: string, path = '/sign-in') {
  if (!page.url().startsWith(`${siteUrl}${path}`)) await page.goto(`${siteUrl}${path}`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await submit(page, 'Sign in');
}

/** A confirmed member, signed in on a fresh browser context. */
async function signedInMember(who = person('member')): Promise<{ context: BrowserContext; page: Page; who: Person }> {
  const { context, page } = await open();
  await registerAndConfirm(page, who);
  await signIn(page, who.email, who.password);
  expect(await page.locator('.nhsuk-header__account').textContent()).toContain(who.lastName);
  return { context, page, who };
}

async function accountsWithEmail(email: string): Promise<number> {
  const query = new URLSearchParams({ 'filters[$and][0][email][$eq]': email });
  const { results } = await admin.request<{ results: unknown[] }>('GET', `/content-manager/collection-types/${USER_MODEL}?${query}`);
  return results.length;
}

describe('registration, confirmation, sign-in, profile and sign-out', () => {
  it('takes a new member from registering to signing out, every page accessible', async () => {
    const { context, page } = await open();
    const who = person('journey');
    await page.goto(`${siteUrl}/`);
    const header = page.locator('.nhsuk-header__account');
    expect(await header.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(await header.getByRole('link', { name: 'Register' }).count()).toBe(1);

    const link = await registerAndConfirm(page, who, { check: true });
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Your email address has been confirmed');
    await expectNoAxeViolations(page, 'sign in: confirmed');

    // The link works once; used again, it explains and offers a new one.
    const used = await page.goto(link);
    expect(used?.status()).toBe(400);
    expect(await h1(page)).toBe('This link has expired or has already been used');
    await expectNoAxeViolations(page, 'confirm email: used link');
    await page.goto(`${siteUrl}/sign-in`);

    await signIn(page, who.email, who.password);
    await page.waitForURL(`${siteUrl}/`);
    expect(await header.textContent()).toContain(`${who.firstName} ${who.lastName}`);
    expect(await header.getByRole('button', { name: 'Sign out' }).count()).toBe(1);

    await page.goto(`${siteUrl}/account`);
    expect(await h1(page)).toBe('Your account');
    expect(await page.inputValue('#jobTitle')).toBe(who.jobTitle);
    await expectNoAxeViolations(page, 'account');
    await page.fill('#bio', 'I run a frailty virtual ward.');
    await page.fill('#organisation', 'Leeds Community Healthcare NHS Trust');
    await submit(page, 'Save profile');
    await page.waitForURL(`${siteUrl}/account`);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Your profile has been saved');
    expect(await page.inputValue('#organisation')).toBe('Leeds Community Healthcare NHS Trust');
    expect(await page.inputValue('#bio')).toBe('I run a frailty virtual ward.');
    await expectNoAxeViolations(page, 'account: saved');
    // The banner is shown once.
    await page.reload();
    expect(await page.locator('.nhsuk-notification-banner').count()).toBe(0);

    await Promise.all([page.waitForURL(`${siteUrl}/sign-out`), header.getByRole('button', { name: 'Sign out' }).click()]);
    expect(await h1(page)).toBe('You have signed out');
    await expectNoAxeViolations(page, 'signed out');
    const response = await page.goto(`${siteUrl}/account`);
    expect(page.url()).toBe(`${siteUrl}/sign-in?next=%2Faccount`);
    expect(response?.status()).toBe(200);
    await context.close();
  });

  it('keeps session and CSRF cookies httpOnly and never lets a signed-in page be cached', async () => {
    const { context, page } = await signedInMember();
    const cookies = await context.cookies(siteUrl);
    const session = cookies.find((cookie) => cookie.name === 'fnhs_session')!;
    const csrf = cookies.find((cookie) => cookie.name === 'fnhs_csrf')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(csrf).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session.expires).toBeGreaterThan(Date.now() / 1000);
    const home = await page.goto(`${siteUrl}/workspaces`);
    expect(home?.headers()['cache-control']).toBe('private, no-store');
    expect(home?.headers()['x-site-cache']).toBeUndefined();
    // Nobody else is served the member's page from the cache.
    const anonymous = await (await fetch(`${siteUrl}/workspaces`)).text();
    expect(anonymous).not.toContain('Sign out');
    await context.close();
  });

  it('sends a member whose profile is incomplete to complete it before taking part, then back', async () => {
    const { context, page, who } = await signedInMember(person('incomplete'));
    const query = new URLSearchParams({ 'filters[$and][0][email][$eq]': who.email });
    const { results } = await admin.request<{ results: { documentId: string }[] }>('GET', `/content-manager/collection-types/${USER_MODEL}?${query}`);
    await admin.request('PUT', `/content-manager/collection-types/${USER_MODEL}/${results[0].documentId}`, { jobTitle: '' });

    await page.goto(`${siteUrl}/sign-out`);
    await submit(page, 'Sign out');
    await signIn(page, who.email, who.password, '/sign-in?next=%2Fworkspaces');
    await page.waitForURL(`${siteUrl}/account?complete=1&next=%2Fworkspaces`);
    expect(await page.locator('.nhsuk-inset-text').textContent()).toContain('Complete your profile before you take part');
    await expectNoAxeViolations(page, 'account: complete your profile');

    await submit(page, 'Save profile');
    expect(await summary(page)).toContain('Enter your job title');
    await expectNoAxeViolations(page, 'account: profile error');
    await page.fill('#jobTitle', 'Matron');
    await submit(page, 'Save profile');
    await page.waitForURL(`${siteUrl}/workspaces`);
    await context.close();
  });

  it('signs in and out without JavaScript', async () => {
    const who = person('nojs');
    const setup = await open();
    await registerAndConfirm(setup.page, who);
    await setup.context.close();

    const { context, page } = await open({ javaScriptEnabled: false });
    await signIn(page, who.email, who.password, '/sign-in?next=%2Fcase-studies');
    await page.waitForURL(`${siteUrl}/case-studies`);
    await page.locator('.nhsuk-header__account').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${siteUrl}/sign-out`);
    expect(await h1(page)).toBe('You have signed out');
    await context.close();
  });
});

describe('registration errors', () => {
  it('refuses an email domain that is not on the allow-list, keeping what was typed except passwords', async () => {
    const { context, page } = await open();
    const who = person('outsider', 'example.com');
    await page.goto(`${siteUrl}/register`);
    await fillRegistration(page, who);
    const response = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), page.getByRole('button', { name: 'Register' }).click()]).then(([posted]) => posted);
    expect(response.status()).toBe(400);
    await page.waitForLoadState('load');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await summary(page)).toMatch(/Registration is open to people with an email address from an NHS or partner organisation/);
    expect(await page.getByRole('link', { name: /Registration is open/ }).getAttribute('href')).toBe('#email');
    expect(await page.locator('#email-error').textContent()).toContain('Registration is open');
    expect(await page.inputValue('#email')).toBe(who.email);
    expect(await page.inputValue('#organisation')).toBe(who.organisation);
    expect(await page.inputValue('#password')).toBe('');
    await expectNoAxeViolations(page, 'register: domain refused');
    expect(await accountsWithEmail(who.email)).toBe(0);
    await context.close();
  });

  it('explains a malformed email, overlong fields and a weak, mismatched password', async () => {
    const { context, page } = await open();
    await page.goto(`${siteUrl}/register`);
    await fillRegistration(page, { ...person('bad'), email: 'someone@', firstName: 'F'.repeat(101), jobTitle: 'J'.repeat(151) });
    await page.fill('#password', 'too short');
    await page.fill('#passwordConfirmation', 'something else');
    await submit(page, 'Register');
    const text = await summary(page);
    expect(text).toContain('Enter an email address in the correct format, like name@nhs.net');
    expect(text).toContain('First name must be 100 characters or fewer');
    expect(text).toContain('Job title must be 150 characters or fewer');
    expect(text).toContain('Password must be 12 characters or more');
    expect(text).toContain('Passwords do not match');
    expect(await page.locator('.nhsuk-form-group--error').count()).toBe(5);
    await expectNoAxeViolations(page, 'register: field errors');

    await page.goto(`${siteUrl}/register`);
    await submit(page, 'Register');
    expect(await summary(page)).toContain('Enter your email address');
    await expectNoAxeViolations(page, 'register: empty');
    await context.close();
  });

  it('makes one account from a registration form submitted twice, and shows no error', async () => {
    const { context, page } = await open();
    const who = person('double');
    await page.goto(`${siteUrl}/register`);
    await fillRegistration(page, who);
    const form = Object.fromEntries(
      await page.locator('main form input').evaluateAll((inputs) => (inputs as HTMLInputElement[]).map((input) => [input.name, input.value])),
    ) as Record<string, string>;
    // Two POSTs of the same form at once, as a double click sends them.
    const post = () => context.request.post(`${siteUrl}/register`, { form, headers: { origin: siteUrl }, maxRedirects: 0 });
    const responses = await Promise.all([post(), post()]);
    expect(responses.map((response) => [response.status(), response.headers().location])).toEqual([
      [303, '/register/check-email'],
      [303, '/register/check-email'],
    ]);
    await page.goto(`${siteUrl}/register/check-email`);
    expect(await h1(page)).toBe('Check your email');
    // The CMS creates the account after it has answered (its queue): wait for it, then for any second one.
    await expect.poll(() => accountsWithEmail(who.email), { timeout: 10_000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await accountsWithEmail(who.email)).toBe(1);
    await context.close();
  });
});

describe('sign-in errors', () => {
  it('says only that the email address and password do not match, and never echoes the password', async () => {
    const { context, page } = await open();
    await signIn(page, 'nobody@nhs.net', 'not the password at all');
    expect(await summary(page)).toContain('Enter a correct email address and password');
    expect(await page.inputValue('#email')).toBe('nobody@nhs.net');
    expect(await page.inputValue('#password')).toBe('');
    await expectNoAxeViolations(page, 'sign in: wrong');
    await context.close();
  });

  it('asks for a confirmed email address first, and sends a new link', async () => {
    const { context, page } = await open();
    const who = person('unconfirmed');
    await page.goto(`${siteUrl}/register`);
    await fillRegistration(page, who);
    await submit(page, 'Register');
    await page.waitForURL(`${siteUrl}/register/check-email`);
    await signIn(page, who.email, who.password);
    expect(await summary(page)).toContain('Confirm your email address using the link we sent you, then sign in');
    await expectNoAxeViolations(page, 'sign in: not confirmed');

    await page.getByRole('link', { name: 'Send a new confirmation link' }).click();
    await page.waitForURL(`${siteUrl}/confirm-email`);
    await expectNoAxeViolations(page, 'confirm email: send a new link');
    const since = Date.now();
    await page.fill('#email', who.email);
    await submit(page, 'Send a new link');
    await page.waitForURL(`${siteUrl}/register/check-email`);
    await page.goto(await confirmationLink(who.email, since));
    await page.waitForURL(`${siteUrl}/sign-in?confirmed=1`);
    await signIn(page, who.email, who.password);
    await page.waitForURL(`${siteUrl}/`);
    await context.close();
  });

  it('follows ?next= only to this site', async () => {
    const { context, page, who } = await signedInMember();
    await page.goto(`${siteUrl}/sign-out`);
    await submit(page, 'Sign out');
    await signIn(page, who.email, who.password, `/sign-in?next=${encodeURIComponent('//evil.example/steal')}`);
    await page.waitForURL(`${siteUrl}/`);
    await context.close();
  });
});

describe('forgotten password', () => {
  it('resets the password by the emailed link, signing out the other browser', async () => {
    const other = await signedInMember(person('forgot'));
    const { who } = other;
    const { context, page } = await open();

    await page.goto(`${siteUrl}/forgot-password`);
    await expectNoAxeViolations(page, 'forgot password');
    const since = Date.now();
    await page.fill('#email', who.email);
    await submit(page, 'Send the link');
    await page.waitForURL(`${siteUrl}/forgot-password/check-email`);
    expect(await page.locator('main').textContent()).toContain(who.email);
    await expectNoAxeViolations(page, 'forgot password: check your email');

    const mail = await waitForMail(mailDir, who.email, { since, subject: /password/i });
    const link = mail.links.find((candidate) => candidate.startsWith(`${siteUrl}/reset-password?code=`));
    expect(link, `reset link in ${mail.text}`).toBeDefined();
    await page.goto(link!);
    await expectNoAxeViolations(page, 'reset password');
    await page.fill('#password', 'a brand new password 2');
    await page.fill('#passwordConfirmation', 'not the same password');
    await submit(page, 'Change password');
    expect(await summary(page)).toContain('Passwords do not match');
    await expectNoAxeViolations(page, 'reset password: mismatch');

    await page.fill('#password', 'a brand new password 2');
    await page.fill('#passwordConfirmation', 'a brand new password 2');
    await submit(page, 'Change password');
    await page.waitForURL(`${siteUrl}/account`);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Your password has been changed');

    // The browser that was signed in before the reset is signed out.
    await other.page.goto(`${siteUrl}/account`);
    expect(other.page.url()).toBe(`${siteUrl}/sign-in?next=%2Faccount`);
    await other.context.close();

    // The link works once.
    await page.goto(link!);
    await page.fill('#password', 'yet another password 3');
    await page.fill('#passwordConfirmation', 'yet another password 3');
    await submit(page, 'Change password');
    expect(await summary(page)).toContain('Your link to reset your password has expired or has already been used');
    await context.close();
  });

  it('gives the same answer for an address with no account', async () => {
    const { context, page } = await open();
    await page.goto(`${siteUrl}/forgot-password`);
    await page.fill('#email', uniqueEmail('nobody'));
    await submit(page, 'Send the link');
    await page.waitForURL(`${siteUrl}/forgot-password/check-email`);
    await context.close();
  });

  it('explains a wrong reset code and a malformed email', async () => {
    const { context, page } = await open();
    await page.goto(`${siteUrl}/reset-password?code=not-a-real-code`);
    await page.fill('#password', 'a brand new password 2');
    await page.fill('#passwordConfirmation', 'a brand new password 2');
    await submit(page, 'Change password');
    expect(await summary(page)).toContain('Your link to reset your password has expired or has already been used. Request a new link');
    await expectNoAxeViolations(page, 'reset password: wrong code');

    await page.goto(`${siteUrl}/forgot-password`);
    await page.fill('#email', 'not an email');
    await submit(page, 'Send the link');
    expect(await summary(page)).toContain('Enter an email address in the correct format');
    await expectNoAxeViolations(page, 'forgot password: malformed email');
    await context.close();
  });

  it('limits how often a reset link is sent to one address', async () => {
    const { context, page } = await open();
    const email = uniqueEmail('limited');
    let status = 0;
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.goto(`${siteUrl}/forgot-password`);
      await page.fill('#email', email);
      const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), page.getByRole('button', { name: 'Send the link' }).click()]);
      status = response.status();
      await page.waitForLoadState('load');
    }
    expect(status).toBe(429);
    expect(await summary(page)).toMatch(/Too many attempts\. Try again in \d+ minutes?/);
    expect(await page.inputValue('#email')).toBe(email);
    await expectNoAxeViolations(page, 'forgot password: rate limited');
    await context.close();
  });
});

describe('profile photo', () => {
  // A 1×1 PNG: the CMS reads the type from these bytes, crops and re-encodes it.
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

  it('is added, refused when it is not an image, and removed', async () => {
    const { context, page } = await signedInMember(person('pictured'));
    await page.goto(`${siteUrl}/account`);
    await page.getByRole('link', { name: 'Add a photo (optional)' }).click();
    await expectNoAxeViolations(page, 'photo');

    await submit(page, 'Upload photo');
    expect(await summary(page)).toContain('Choose a photo to upload');
    await expectNoAxeViolations(page, 'photo: none chosen');
    await page.setInputFiles('#photo', { name: 'looks-like.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload="alert(1)"/>') });
    await submit(page, 'Upload photo');
    expect(await summary(page)).toContain('The photo must be a JPG, PNG, WebP or GIF image');
    await expectNoAxeViolations(page, 'photo: not an image');

    await page.setInputFiles('#photo', { name: 'me.png', mimeType: 'image/png', buffer: PNG });
    await submit(page, 'Upload photo');
    await page.waitForURL(`${siteUrl}/account`);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Your photo has been saved');
    const photo = page.locator('img.app-profile-photo');
    expect(await photo.getAttribute('src')).toMatch(/\.webp$/);
    expect(await photo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(400);
    await expectNoAxeViolations(page, 'account with photo');

    await page.getByRole('link', { name: 'Change or remove your photo' }).click();
    await submit(page, 'Remove photo');
    await page.waitForURL(`${siteUrl}/account`);
    expect(await page.locator('img.app-profile-photo').count()).toBe(0);
    await context.close();
  });
});

describe('change password and delete account', () => {
  it('keeps this browser signed in with the new password and ends the other browser’s session', async () => {
    const first = await signedInMember(person('changer'));
    const second = await open();
    await signIn(second.page, first.who.email, first.who.password);
    await second.page.goto(`${siteUrl}/account`);
    expect(await h1(second.page)).toBe('Your account');

    const { page } = first;
    await page.goto(`${siteUrl}/account/change-password`);
    await expectNoAxeViolations(page, 'change password');
    await page.fill('#currentPassword', 'not my password at all');
    await page.fill('#password', 'my changed password 4');
    await page.fill('#passwordConfirmation', 'my changed password 4');
    await submit(page, 'Change password');
    expect(await summary(page)).toContain('Your current password is incorrect');
    await expectNoAxeViolations(page, 'change password: wrong current');

    await page.fill('#currentPassword', first.who.password);
    await page.fill('#password', 'my changed password 4');
    await page.fill('#passwordConfirmation', 'my changed password 4');
    await submit(page, 'Change password');
    await page.waitForURL(`${siteUrl}/account`);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('Your password has been changed');
    await page.reload();
    expect(await h1(page)).toBe('Your account');

    await second.page.goto(`${siteUrl}/account`);
    expect(second.page.url()).toBe(`${siteUrl}/sign-in?next=%2Faccount`);
    await signIn(second.page, first.who.email, 'my changed password 4');
    await second.page.goto(`${siteUrl}/account`);
    expect(await h1(second.page)).toBe('Your account');
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it('deletes the account after the password is confirmed, and signs out', async () => {
    const { context, page, who } = await signedInMember(person('leaver'));
    await page.goto(`${siteUrl}/account/delete`);
    expect(await page.locator('main').textContent()).toContain('former member');
    await expectNoAxeViolations(page, 'delete account');
    await page.fill('#password', 'the wrong password');
    await submit(page, 'Delete my account');
    expect(await summary(page)).toContain('Your password is not correct');
    await expectNoAxeViolations(page, 'delete account: wrong password');
    expect(await accountsWithEmail(who.email)).toBe(1);

    await page.fill('#password', who.password);
    await submit(page, 'Delete my account');
    await page.waitForURL(`${siteUrl}/account/deleted`);
    expect(await h1(page)).toBe('Your account has been deleted');
    await expectNoAxeViolations(page, 'account deleted');
    expect(await page.locator('.nhsuk-header__account').getByRole('link', { name: 'Sign in' }).count()).toBe(1);
    expect(await accountsWithEmail(who.email)).toBe(0);
    await context.close();
  });
});

describe('CSRF', () => {
  it('refuses a form without a token, or with a tampered one, and changes nothing', async () => {
    const { context, page, who } = await signedInMember(person('csrf'));
    const profile = { firstName: 'Forged', lastName: 'Name', jobTitle: 'Forger', organisation: 'Elsewhere', bio: '' };

    const missing = await context.request.post(`${siteUrl}/account`, { form: profile, headers: { origin: siteUrl }, maxRedirects: 0 });
    expect(missing.status()).toBe(403);
    expect(await missing.text()).toContain('This form has expired');

    const tampered = await context.request.post(`${siteUrl}/account`, { form: { ...profile, _csrf: 'A'.repeat(43) }, headers: { origin: siteUrl }, maxRedirects: 0 });
    expect(tampered.status()).toBe(403);

    // The same refusal in the browser, as a member would see it.
    await page.goto(`${siteUrl}/account`);
    await page.locator('main input[name="_csrf"]').evaluate((input) => ((input as HTMLInputElement).value = 'tampered'));
    await page.fill('#firstName', 'Forged');
    const [response] = await Promise.all([page.waitForResponse((candidate) => candidate.request().method() === 'POST'), page.getByRole('button', { name: 'Save profile' }).click()]);
    expect(response.status()).toBe(403);
    await page.waitForLoadState('load');
    expect(await h1(page)).toBe('This form has expired');
    expect(await page.locator('main').textContent()).toContain('Go back, reload the page and try again');
    await expectNoAxeViolations(page, 'form expired');

    await page.goto(`${siteUrl}/account`);
    expect(await page.inputValue('#firstName')).toBe(who.firstName);
    expect(await page.inputValue('#jobTitle')).toBe(who.jobTitle);

    // Signing out needs the token too.
    expect((await context.request.post(`${siteUrl}/sign-out`, { form: {}, headers: { origin: siteUrl }, maxRedirects: 0 })).status()).toBe(403);
    await page.goto(`${siteUrl}/account`);
    expect(await h1(page)).toBe('Your account');
    await context.close();
  });
});

describe('invitations', () => {
  async function invite(email: string, slug = 'digital-primary-care'): Promise<string> {
    const signIn = await fetch(`${cmsUrl}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'manager@demo.nhs.net', password: env.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD }),
    });
    expect(signIn.status, await signIn.clone().text()).toBe(200);
    const { jwt } = (await signIn.json()) as { jwt: string };
    const since = Date.now();
    const sent = await fetch(`${cmsUrl}/api/membership/workspaces/${slug}/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: JSON.stringify({ email }),
    });
    expect(sent.status, await sent.clone().text()).toBeLessThan(300);
    const mail = await waitForMail(mailDir, email, { since });
    const link = mail.links.find((candidate) => candidate.startsWith(`${siteUrl}/invitations/`));
    expect(link, `invitation link in ${mail.text}`).toBeDefined();
    return link!;
  }

  it('lets someone outside the allow-list register from an invitation, then accept it', async () => {
    const who = person('invitee', 'example.com');
    const link = await invite(who.email);
    const { context, page } = await open();

    await page.goto(link);
    expect(await h1(page)).toContain('Digital Primary Care');
    expect(await page.locator('main').textContent()).toContain(who.email);
    await expectNoAxeViolations(page, 'invitation: anonymous');
    expect(await page.getByRole('button', { name: 'Sign in to accept' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Register to accept' }).click();
    await page.waitForURL(/\/register\?invitation=/);
    expect(await page.inputValue('#email')).toBe(who.email);
    await expectNoAxeViolations(page, 'register from an invitation');

    const since = Date.now();
    await fillRegistration(page, who);
    await submit(page, 'Register');
    await page.waitForURL(`${siteUrl}/register/check-email`);
    await page.goto(await confirmationLink(who.email, since));
    await signIn(page, who.email, who.password, `/sign-in?next=${encodeURIComponent(new URL(link).pathname)}`);
    await page.waitForURL(link);
    await expectNoAxeViolations(page, 'invitation: invitee');

    await submit(page, 'Accept invitation');
    await page.waitForURL(`${siteUrl}/account`);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('You have joined Digital Primary Care');
    expect(await page.locator('main').textContent()).toMatch(/Digital Primary Care Community\s*Member/);

    await page.goto(link);
    expect(await page.locator('main').textContent()).toContain('This invitation has already been accepted');
    await expectNoAxeViolations(page, 'invitation: used');
    await context.close();
  });

  it('lets a member decline, and says when a link is not valid', async () => {
    const { context, page, who } = await signedInMember(person('decliner'));
    const link = await invite(who.email);
    await page.goto(link);
    await submit(page, 'Decline');
    await page.waitForURL(`${siteUrl}/account`);
    expect(await page.locator('.nhsuk-notification-banner--success').textContent()).toContain('You have declined the invitation to Digital Primary Care');
    await page.goto(link);
    expect(await page.locator('main').textContent()).toContain('This invitation was declined');

    const missing = await page.goto(`${siteUrl}/invitations/${'x'.repeat(40)}`);
    expect(missing?.status()).toBe(404);
    expect(await h1(page)).toBe('Invitation not found');
    await expectNoAxeViolations(page, 'invitation: not found');
    await context.close();
  });
});
