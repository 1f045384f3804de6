import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AdminClient } from './admin-client.ts';
import { expectNoAxeViolations, launchBrowser, newPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');
const MODEL = 'api::case-study.case-study';

let browser: Browser;
let admin: AdminClient;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await AdminClient.signIn(cmsUrl, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
});
afterAll(() => browser?.close());

async function listedTitles(query = ''): Promise<string> {
  return (await fetch(`${siteUrl}/case-studies${query}`)).text();
}

describe('an editor publishes a case study in the admin', () => {
  const title = `Community pharmacy blood pressure checks ${Date.now()}`;
  const slug = `community-pharmacy-checks-${Date.now()}`;
  let documentId: string;

  it('keeps the draft off the site', async () => {
    ({ documentId } = await admin.createDraft(MODEL, {
      title,
      slug,
      summary: 'Pharmacies in Leeds checked the blood pressure of 9,000 people in a year.',
      organisation: 'West Yorkshire ICB',
      region: 'north-east-and-yorkshire',
      outcomes: [{ headline: '9,000 checks in a year', detail: 'One in five needed follow-up.' }],
      body: [{ __component: 'blocks.inset-text', body: 'Checks were offered **without appointment**.' }],
    }));
    expect(await listedTitles()).not.toContain(title);
    expect(await listedTitles('?region=north-east-and-yorkshire')).not.toContain(title);
    expect((await fetch(`${siteUrl}/case-studies/${slug}`)).status).toBe(404);
  });

  it('shows the draft through the admin preview link, and only with a valid token', async () => {
    const previewUrl = await admin.previewUrl(MODEL, documentId);
    expect(previewUrl.startsWith(`${siteUrl}/case-studies/${slug}?preview=`)).toBe(true);

    const { context, page } = await newPage(browser);
    const response = await page.goto(previewUrl);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toContain('no-store');
    await expect.poll(() => page.locator('h1').textContent()).toContain(title);
    expect(await page.getByText('without appointment').count()).toBe(1);
    await expectNoAxeViolations(page, 'case study preview');
    await context.close();

    const tampered = previewUrl.replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    expect((await fetch(tampered)).status).toBe(404);
    const otherDocument = previewUrl.replace(`preview=${documentId}`, 'preview=someoneelse');
    expect((await fetch(otherDocument)).status).toBe(404);
    // The preview did not leak into the public caches.
    expect((await fetch(`${siteUrl}/case-studies/${slug}`)).status).toBe(404);
  });

  it('appears on the next request once published, and goes when unpublished', async () => {
    await admin.publish(MODEL, documentId);
    expect(await listedTitles()).toContain(title);
    expect(await listedTitles('?region=north-east-and-yorkshire')).toContain(title);
    const page = await fetch(`${siteUrl}/case-studies/${slug}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('9,000 checks in a year');

    await admin.unpublish(MODEL, documentId);
    expect(await listedTitles()).not.toContain(title);
    expect((await fetch(`${siteUrl}/case-studies/${slug}`)).status).toBe(404);
  });
});
