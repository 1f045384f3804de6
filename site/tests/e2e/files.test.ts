import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { files, filesOk, htmlFile, pngFile, sha256, textFile, uploadFiles, type TestFile } from './files-helpers.ts';
import { Cms, ownAddress, PASSWORD, SiteClient, type Actor } from './membership-helpers.ts';

/**
 * A workspace's files as people use them, in Chromium, with axe on every page and error state:
 * uploading one file and several (with the progress bar, cancelled, and without JavaScript), a
 * new version and restoring an old one (the very bytes come back), renaming, moving, deleting to
 * the recycle bin and restoring, deleting for good and emptying the bin; the refusals (too large,
 * a refused type, a name clash) keep what was typed. Then who may reach the pages and the bytes:
 * a signed-in stranger, someone signed out, and a member removed a moment ago.
 *
 * The e2e stack runs the CMS with FILES_MAX_MB=2 (global-setup.ts), so "too large" is cheap.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = Date.now().toString(36);
const slug = `files-${run}`;
const hiddenSlug = `files-hidden-${run}`;
const LIMIT_MB = Number(env.FILES_MAX_MB ?? 2);

let browser: Browser;
let cms: Cms;
let manager: Actor;
let member: Actor;
let stranger: Actor;
let managerPage: Page;
let memberPage: Page;
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

async function go(page: Page, target: Locator) {
  expect(await target.count(), 'the control to use').toBe(1);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}

const banner = (page: Page) => page.locator('.nhsuk-notification-banner__heading');
const errorSummary = (page: Page) => page.locator('.nhsuk-error-summary');
const main = async (page: Page) => (await page.locator('main').textContent()) ?? '';
const filesUrl = (path = '') => `${siteUrl}/workspaces/${slug}/files${path}`;
const asFile = (file: TestFile) => ({ name: file.name, mimeType: file.mimeType, buffer: file.buffer });

/** The bytes of a site URL fetched with the page's own cookies (as the browser's download would). */
async function fetchAs(page: Page, path: string, headers: Record<string, string> = {}) {
  return page.context().request.get(path.startsWith('http') ? path : `${siteUrl}${path}`, { headers, maxRedirects: 0 });
}

/** The id of the item a files table row links to. */
async function itemIdOf(page: Page, name: string): Promise<number> {
  const href = await page.locator('main table a', { hasText: name }).first().getAttribute('href');
  return Number(/\/items\/(\d+)/.exec(href ?? '')?.[1]);
}

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Manager');
  member = await cms.person('Member');
  stranger = await cms.person('Stranger');
  await cms.createWorkspace(manager, slug, 'restricted', `Files flows ${run}`);
  await cms.addMember(member, slug);
  await cms.createWorkspace(manager, hiddenSlug, 'hidden', `Hidden files ${run}`);
  await uploadFiles(cmsUrl, manager, hiddenSlug, 'root', [textFile(`secret-${run}.txt`, 'hidden')]);
  managerPage = await signedInPage(manager.email);
  memberPage = await signedInPage(member.email);
}, 180_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('files', { timeout: 120_000 }, () => {
  it('a member uploads one file, then several, with the progress bar saying how far it has got', async () => {
    const page = memberPage;
    // What the upload's live region says, kept across the navigation that ends the upload.
    const said: string[] = [];
    await page.exposeFunction('fileUploadSaid', (text: string) => said.push(text));
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const status = document.getElementById('upload-status');
        if (!status) return;
        new MutationObserver(() => (window as unknown as { fileUploadSaid(text: string): void }).fileUploadSaid(status.textContent ?? '')).observe(status, { childList: true, characterData: true, subtree: true });
      });
    });

    await page.goto(`${siteUrl}/workspaces/${slug}`);
    await go(page, page.getByRole('link', { name: 'Files', exact: true }));
    expect(await main(page)).toContain('There are no files in this workspace yet');
    await expectNoAxeViolations(page, 'empty files');
    await go(page, page.getByRole('link', { name: 'Upload files' }));
    await expectNoAxeViolations(page, 'upload form');

    const minutes = textFile(`minutes-${run}.txt`, 'first', 600_000);
    await page.locator('#files').setInputFiles([asFile(minutes)]);
    await page.locator('#description').fill('Board minutes');
    await Promise.all([page.waitForURL(filesUrl()), page.getByRole('button', { name: 'Upload files' }).click()]);
    expect(await banner(page).textContent()).toContain('1 file uploaded');
    expect(said.some((text) => /% uploaded/.test(text))).toBe(true);
    const row = page.locator('main tbody tr', { hasText: minutes.name });
    expect(await row.textContent()).toContain('Board minutes');
    expect(await row.textContent()).toContain(`${member.firstName} ${member.lastName}`);
    await expectNoAxeViolations(page, 'files with one file');

    await go(page, page.getByRole('link', { name: 'Upload files' }));
    await page.locator('#files').setInputFiles([asFile(pngFile(`chart-${run}.png`)), asFile(textFile(`agenda-${run}.txt`, 'agenda'))]);
    await Promise.all([page.waitForURL(filesUrl()), page.getByRole('button', { name: 'Upload files' }).click()]);
    expect(await banner(page).textContent()).toContain('2 files uploaded');
    expect(await main(page)).toContain(`chart-${run}.png`);
    expect(await main(page)).toContain(`agenda-${run}.txt`);

    // Sorting by size puts the largest first.
    await page.locator('#sort').selectOption('size-desc');
    await go(page, page.getByRole('button', { name: 'Sort files' }));
    expect(await page.locator('main tbody tr').first().textContent()).toContain(minutes.name);
    await expectNoAxeViolations(page, 'files sorted by size');
  });

  it('an upload in progress can be cancelled, and nothing is added', async () => {
    const page = memberPage;
    await page.goto(filesUrl('/root/upload'));
    // The site never answers this one, so it is still going when Cancel is pressed.
    await page.route('**/files/root/upload?*', () => undefined);
    await page.locator('#files').setInputFiles([asFile(textFile(`cancelled-${run}.txt`, 'cancelled'))]);
    await page.getByRole('button', { name: 'Upload files' }).click();
    const cancel = page.getByRole('button', { name: 'Cancel upload' });
    await cancel.waitFor({ state: 'visible' });
    expect(await page.locator('progress#upload-progress').isVisible()).toBe(true);
    await expectNoAxeViolations(page, 'upload in progress');
    await cancel.click();
    await page.getByText('Upload cancelled').waitFor();
    await page.unroute('**/files/root/upload?*');
    await page.goto(filesUrl());
    expect(await main(page)).not.toContain(`cancelled-${run}.txt`);
  });

  it('refusals come back with clear errors, keeping the description: too large, a refused type, a name clash', async () => {
    const page = memberPage;
    await page.goto(filesUrl('/root/upload'));
    // Too large: the browser says so before sending anything.
    const large = textFile(`large-${run}.txt`, 'large', LIMIT_MB * 1024 * 1024 + 1024);
    await page.locator('#files').setInputFiles([asFile(large)]);
    await page.locator('#description').fill('Kept after a refusal');
    await page.getByRole('button', { name: 'Upload files' }).click();
    await errorSummary(page).waitFor();
    expect(await errorSummary(page).textContent()).toContain(`must be ${LIMIT_MB} MB or smaller`);
    expect(await page.locator('#files-error').textContent()).toContain(large.name);
    await expectNoAxeViolations(page, 'upload refused: too large');

    // A web page: refused by the CMS for what its bytes are.
    await page.locator('#files').setInputFiles([asFile(htmlFile(`page-${run}.html`))]);
    await page.getByRole('button', { name: 'Upload files' }).click();
    await page.locator('#files-error', { hasText: `page-${run}.html` }).waitFor();
    expect(await page.locator('#description').inputValue()).toBe('Kept after a refusal');
    expect(await page.locator('.nhsuk-error-summary a[href="#files"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'upload refused: type');

    // The same name as a file already here.
    await page.locator('#files').setInputFiles([asFile(textFile(`minutes-${run}.txt`, 'again'))]);
    await page.getByRole('button', { name: 'Upload files' }).click();
    await page.locator('#files-error', { hasText: `minutes-${run}.txt` }).waitFor();
    expect(await errorSummary(page).count()).toBe(1);
    await expectNoAxeViolations(page, 'upload refused: name clash');
  });

  it('without JavaScript the form uploads as plain HTML, and refusals come back as a page with what was typed', async () => {
    const page = await signedInPage(member.email, { javaScriptEnabled: false });
    await page.goto(filesUrl('/root/upload'));
    await page.locator('#files').setInputFiles([asFile(textFile(`plain-${run}.txt`, 'plain'))]);
    await go(page, page.getByRole('button', { name: 'Upload files' }));
    expect(page.url()).toBe(filesUrl());
    expect(await banner(page).textContent()).toContain('1 file uploaded');

    await page.goto(filesUrl('/root/upload'));
    await page.locator('#files').setInputFiles([asFile(htmlFile(`plain-${run}.html`))]);
    await page.locator('#description').fill('Typed without JavaScript');
    await go(page, page.getByRole('button', { name: 'Upload files' }));
    expect(await errorSummary(page).textContent()).toContain(`plain-${run}.html`);
    expect(await page.locator('#description').inputValue()).toBe('Typed without JavaScript');
    expect(await page.title()).toMatch(/^Error: /);

    // Larger than the limit: the CMS refuses it (413) and the page says how large a file may be.
    await page.goto(filesUrl('/root/upload'));
    await page.locator('#files').setInputFiles([asFile(textFile(`big-${run}.txt`, 'big', LIMIT_MB * 1024 * 1024 + 4096))]);
    await go(page, page.getByRole('button', { name: 'Upload files' }));
    expect(await errorSummary(page).textContent()).toContain(`must be ${LIMIT_MB} MB or smaller`);
  });

  it('a new version, then an old one restored: the history says who and what, and the very bytes come back', async () => {
    const page = memberPage;
    await page.goto(filesUrl());
    const name = `agenda-${run}.txt`;
    await go(page, page.getByRole('link', { name, exact: true }));
    await expectNoAxeViolations(page, 'file page');
    const id = Number(/\/items\/(\d+)/.exec(page.url())?.[1]);
    const first = await fetchAs(page, `/workspaces/${slug}/files/items/${id}/download`);
    expect(first.status()).toBe(200);
    const firstBytes = await first.body();

    await go(page, page.getByRole('link', { name: 'Upload a new version' }));
    await expectNoAxeViolations(page, 'new version form');
    await page.locator('#file').setInputFiles([asFile(textFile(name, 'second version'))]);
    await page.locator('#comment').fill('Added the finance item');
    await Promise.all([page.waitForURL(`${siteUrl}/workspaces/${slug}/files/items/${id}`), page.getByRole('button', { name: 'Upload new version' }).click()]);
    expect(await banner(page).textContent()).toContain('The new version has been uploaded');
    const history = page.locator('main table');
    expect(await history.textContent()).toContain('Added the finance item');
    expect(await history.locator('tbody tr').count()).toBe(2);

    await go(page, page.getByRole('button', { name: 'Restore version 1' }));
    expect(await banner(page).textContent()).toContain('Version 1 has been restored');
    expect(await history.locator('tbody tr').count()).toBe(3);
    expect(await history.locator('tbody tr').first().textContent()).toContain('Restored from version 1');
    await expectNoAxeViolations(page, 'file page after a restore');

    const restored = await fetchAs(page, `/workspaces/${slug}/files/items/${id}/download`);
    expect(sha256(await restored.body())).toBe(sha256(firstBytes));
    const second = await fetchAs(page, `/workspaces/${slug}/files/items/${id}/download?version=2`);
    expect((await second.body()).toString()).toContain('second version');
  });

  it('downloads are attachments, sandboxed and never cached, with byte ranges; previews only for images and PDFs', async () => {
    const page = memberPage;
    await page.goto(filesUrl());
    const textId = await itemIdOf(page, `minutes-${run}.txt`);
    const imageId = await itemIdOf(page, `chart-${run}.png`);
    const download = await fetchAs(page, `/workspaces/${slug}/files/items/${textId}/download`);
    const headers = download.headers();
    expect(headers['content-type']).toBe('application/octet-stream');
    expect(headers['content-disposition']).toMatch(/^attachment;.*minutes-/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toContain('sandbox');
    expect(headers['content-security-policy']).toContain("default-src 'none'");
    expect(headers['cache-control']).toBe('private, no-store');
    expect(headers['accept-ranges']).toBe('bytes');
    const whole = await download.body();

    const part = await fetchAs(page, `/workspaces/${slug}/files/items/${textId}/download`, { range: 'bytes=10-19' });
    expect(part.status()).toBe(206);
    expect(part.headers()['content-range']).toBe(`bytes 10-19/${whole.length}`);
    expect((await part.body()).equals(whole.subarray(10, 20))).toBe(true);
    const past = await fetchAs(page, `/workspaces/${slug}/files/items/${textId}/download`, { range: `bytes=${whole.length + 10}-` });
    expect(past.status()).toBe(416);

    const preview = await fetchAs(page, `/workspaces/${slug}/files/items/${imageId}/preview`);
    expect(preview.status()).toBe(200);
    expect(preview.headers()['content-type']).toBe('image/png');
    expect(preview.headers()['content-disposition']).toMatch(/^inline/);
    expect(preview.headers()['content-security-policy']).toContain('sandbox');
    expect((await fetchAs(page, `/workspaces/${slug}/files/items/${textId}/preview`)).status()).toBe(404);
    await page.goto(`${siteUrl}/workspaces/${slug}/files/items/${imageId}`);
    expect(await page.getByRole('link', { name: /Open in browser/ }).count()).toBe(1);
  });

  it('a folder is made, a file renamed and moved into it, and the breadcrumbs lead back', async () => {
    const page = memberPage;
    await page.goto(filesUrl());
    await go(page, page.getByRole('link', { name: 'New folder' }));
    await go(page, page.getByRole('button', { name: 'Create folder' }));
    expect(await errorSummary(page).textContent()).toContain('Enter a folder name');
    await expectNoAxeViolations(page, 'new folder, with an error');
    await page.locator('#name').fill(`Board ${run}`);
    await go(page, page.getByRole('button', { name: 'Create folder' }));
    expect(await banner(page).textContent()).toContain(`The folder Board ${run} has been created`);
    expect(await main(page)).toContain('This folder is empty');
    await expectNoAxeViolations(page, 'empty folder');
    const folderUrl = page.url();

    await page.goto(filesUrl());
    const id = await itemIdOf(page, `minutes-${run}.txt`);
    await page.goto(`${siteUrl}/workspaces/${slug}/files/items/${id}/edit`);
    await expectNoAxeViolations(page, 'rename a file');
    await page.locator('#name').fill(`chart-${run}.png`);
    await go(page, page.getByRole('button', { name: 'Save' }));
    expect(await errorSummary(page).count(), 'a name clash is refused').toBe(1);
    expect(await page.locator('#name').inputValue()).toBe(`chart-${run}.png`);
    await expectNoAxeViolations(page, 'rename refused: name clash');
    await page.locator('#name').fill(`minutes-final-${run}.txt`);
    await go(page, page.getByRole('button', { name: 'Save' }));
    expect(await banner(page).textContent()).toContain('The file has been saved');
    expect(await page.locator('h1').textContent()).toContain(`minutes-final-${run}.txt`);

    await go(page, page.getByRole('link', { name: 'Move to another folder' }));
    await expectNoAxeViolations(page, 'move a file');
    await page.locator('#destination').selectOption({ label: `\u2013 Board ${run}` });
    await go(page, page.getByRole('button', { name: 'Move' }));
    expect(await banner(page).textContent()).toContain('has been moved');
    expect(await page.locator('.nhsuk-breadcrumb').textContent()).toContain(`Board ${run}`);
    await go(page, page.locator('.nhsuk-breadcrumb__list a', { hasText: `Board ${run}` }));
    expect(page.url()).toBe(folderUrl);
    expect(await main(page)).toContain(`minutes-final-${run}.txt`);
  });

  it('deleted to the bin, restored by a manager, deleted for good, and the bin emptied', async () => {
    const member_ = memberPage;
    await member_.goto(filesUrl());
    const agendaId = await itemIdOf(member_, `agenda-${run}.txt`);
    await member_.goto(`${siteUrl}/workspaces/${slug}/files/items/${agendaId}`);
    await go(member_, member_.getByRole('link', { name: 'Delete', exact: true }));
    await expectNoAxeViolations(member_, 'delete a file');
    await go(member_, member_.getByRole('button', { name: 'Yes, delete the file' }));
    expect(await banner(member_).textContent()).toContain('has been moved to the recycle bin');
    expect(await member_.locator('main table').textContent()).not.toContain(`agenda-${run}.txt`);
    expect(await member_.getByRole('link', { name: 'Recycle bin' }).count(), 'only managers see the bin').toBe(0);
    expect((await member_.goto(filesUrl('/bin')))?.status()).toBe(403);
    expect((await fetchAs(member_, `/workspaces/${slug}/files/items/${agendaId}/download`)).status(), 'nothing in the bin is downloaded').toBe(404);

    const page = managerPage;
    await page.goto(filesUrl());
    await go(page, page.getByRole('link', { name: 'Recycle bin' }));
    expect(await main(page)).toContain(`agenda-${run}.txt`);
    await expectNoAxeViolations(page, 'recycle bin');
    await go(page, page.getByRole('button', { name: `Restore agenda-${run}.txt` }));
    expect(await banner(page).textContent()).toContain(`agenda-${run}.txt has been restored`);
    await page.goto(filesUrl());
    expect(await page.locator('main table').textContent()).toContain(`agenda-${run}.txt`);

    // A folder with a file in it, to the bin; then deleted for good from there.
    await page.goto(filesUrl());
    await go(page, page.locator('main .app-folder-list a', { hasText: `Board ${run}` }));
    await go(page, page.getByRole('link', { name: `Delete the folder Board ${run}` }));
    await go(page, page.getByRole('button', { name: 'Yes, delete the folder' }));
    await go(page, page.getByRole('link', { name: 'Recycle bin' }));
    await go(page, page.getByRole('link', { name: `Delete for good Board ${run}` }));
    await expectNoAxeViolations(page, 'delete for good');
    await go(page, page.getByRole('button', { name: 'Yes, delete it for good' }));
    expect(await banner(page).textContent()).toContain(`Board ${run} has been deleted for good`);
    expect(await main(page)).toContain('The recycle bin is empty');

    // Two more in the bin, then all gone at once.
    await page.goto(filesUrl());
    for (const name of [`agenda-${run}.txt`, `chart-${run}.png`]) {
      const id = await itemIdOf(page, name);
      await page.goto(`${siteUrl}/workspaces/${slug}/files/items/${id}/delete`);
      await go(page, page.getByRole('button', { name: 'Yes, delete the file' }));
    }
    await page.goto(filesUrl('/bin'));
    await go(page, page.getByRole('link', { name: 'Empty the recycle bin' }));
    await expectNoAxeViolations(page, 'empty the bin');
    await go(page, page.getByRole('button', { name: 'Yes, empty the recycle bin' }));
    expect(await banner(page).textContent()).toContain('The recycle bin has been emptied');
    expect(await main(page)).toContain('The recycle bin is empty');
  });
});

describe('who reaches files', { timeout: 60_000 }, () => {
  it('a signed-in stranger: not found for a hidden workspace, refused for a restricted one, pages and bytes alike', async () => {
    const client = await SiteClient.signedIn(siteUrl, stranger.email);
    const hiddenItems = await filesOk<{ data: { items: { id: number }[] } }>(cmsUrl, manager, 'GET', `/workspaces/${hiddenSlug}/folders/root`);
    const hiddenId = hiddenItems.data.items[0].id;
    expect((await client.get(`/workspaces/${hiddenSlug}/files`)).status).toBe(404);
    expect((await client.get(`/workspaces/${hiddenSlug}/files/items/${hiddenId}`)).status).toBe(404);
    expect((await client.get(`/workspaces/${hiddenSlug}/files/items/${hiddenId}/download`)).status).toBe(404);

    const visible = await filesOk<{ data: { items: { id: number; name: string }[] } }>(cmsUrl, manager, 'GET', `/workspaces/${slug}/folders/root`);
    const itemId = visible.data.items[0].id;
    const folderPage = await client.get(`/workspaces/${slug}/files`);
    expect(folderPage.status).toBe(403);
    const html = await folderPage.text();
    for (const item of visible.data.items) expect(html).not.toContain(item.name);
    expect((await client.get(`/workspaces/${slug}/files/items/${itemId}`)).status).toBe(403);
    const bytes = await client.get(`/workspaces/${slug}/files/items/${itemId}/download`);
    expect(bytes.status).toBe(403);

    const anonymous = new SiteClient(siteUrl);
    const signIn = await anonymous.get(`/workspaces/${slug}/files/items/${itemId}/download`);
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toContain('/sign-in');
  });

  it('a member removed from the workspace loses the download link they kept, at once', async () => {
    const leaver = await cms.person('Leaver');
    await cms.addMember(leaver, slug);
    const [id] = await uploadFiles(cmsUrl, leaver, slug, 'root', [textFile(`leaver-${run}.txt`, 'leaver')]);
    const client = await SiteClient.signedIn(siteUrl, leaver.email);
    const link = `/workspaces/${slug}/files/items/${id}/download`;
    expect((await client.get(link)).status).toBe(200);
    await cms.as(manager, 'POST', `/workspaces/${slug}/members/${leaver.id}/remove`);
    expect((await client.get(link)).status).toBe(403);
    expect((await client.get(`/workspaces/${slug}/files`)).status).toBe(403);
    expect((await files(cmsUrl, leaver, 'GET', `/workspaces/${slug}/items/${id}/download`)).status).toBe(403);
  });
});
