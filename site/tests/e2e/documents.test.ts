import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser } from './browser.ts';
import { createDocument, storedDocument } from './documents-helpers.ts';
import { pngFile, uploadFiles } from './files-helpers.ts';
import { Cms, ownAddress, PASSWORD, type Actor } from './membership-helpers.ts';

/**
 * Documents written together, in Chromium, with axe on the editor, its dialogs, the read-only
 * view, the versions and the forms' errors: two members typing in the same paragraph at once
 * converge, and a reader (signed in, not a member of the open workspace) sees it live without
 * being able to change it; a document's life through the site's own forms (create, rename,
 * comment, reply, resolve and reopen, link and image, name a version, compare, restore, export);
 * reading without JavaScript; and a member removed while the editor is open loses it at once.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const run = Date.now().toString(36);
const slug = `documents-${run}`;
const closedSlug = `documents-closed-${run}`;

let browser: Browser;
let cms: Cms;
let manager: Actor;
let member: Actor;
let reader: Actor;
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
const documentUrl = (id: number, path = '', workspace = slug) => `${siteUrl}/workspaces/${workspace}/files/items/${id}${path}`;
const editor = (page: Page) => page.locator('[data-editor-mount] .ProseMirror');
const status = (page: Page) => page.locator('[data-editor-status]');
/** The document's words as the page shows them, without the other people's caret labels. */
const editorText = (page: Page) =>
  editor(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.app-caret')) caret.remove();
    return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
  });

/** Opens the document and waits for the live editor to replace the HTML (synced). */
async function openEditor(page: Page, id: number, workspace = slug): Promise<void> {
  await page.goto(documentUrl(id, '', workspace));
  await editor(page).waitFor({ state: 'visible' });
  await expect.poll(() => status(page).textContent(), { timeout: 15_000 }).toMatch(/All changes saved|You can read this document but not change it/);
}

/** Puts the caret at the end of the document's last paragraph. */
async function caretAtEnd(page: Page): Promise<void> {
  await editor(page).click();
  await page.keyboard.press('Control+End');
}

/** Waits until the CMS's stored copy (HTML for readers without JavaScript, exports, versions) has `text`. */
async function stored(id: number, text: string, as: Actor = member): Promise<void> {
  await expect.poll(async () => (await storedDocument(cmsUrl, as, slug, id)).html, { timeout: 20_000, interval: 250 }).toContain(text);
}

beforeAll(async () => {
  browser = await launchBrowser();
  cms = await Cms.connect(cmsUrl, env);
  manager = await cms.person('Manager');
  member = await cms.person('Member');
  reader = await cms.person('Reader');
  // Open: a signed-in non-member may read it (live, read-only) but not write in it.
  await cms.createWorkspace(manager, slug, 'open', `Documents ${run}`);
  await cms.addMember(member, slug);
  await cms.createWorkspace(manager, closedSlug, 'restricted', `Closed documents ${run}`);
}, 180_000);

// The tests are long: everyone's CMS token is renewed before each, so none expires midway.
beforeEach(async () => {
  for (const actor of [manager, member, reader]) actor.jwt = await cms.signIn(actor.email);
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('documents written together', { timeout: 150_000 }, () => {
  it('two members typing in the same paragraph at once converge, and a reader sees it live, read-only', async () => {
    const id = await createDocument(cmsUrl, member, slug, `Together ${run}`);
    const [ann, bob, rea] = await Promise.all([signedInPage(member.email), signedInPage(manager.email), signedInPage(reader.email)]);
    await Promise.all([openEditor(ann, id), openEditor(bob, id), openEditor(rea, id)]);

    // Each sees the others.
    await expect.poll(() => ann.locator('[data-editor-presence]').textContent(), { timeout: 10_000 }).toContain(`${manager.firstName} ${manager.lastName}`);
    await expect.poll(() => bob.locator('[data-editor-presence]').textContent(), { timeout: 10_000 }).toContain(`${member.firstName} ${member.lastName}`);
    await expectNoAxeViolations(ann, 'the editor');
    // The toolbar is one tab stop, its buttons reached with the arrow keys, each saying whether it is on.
    expect(await ann.locator('[data-editor-toolbar] button[tabindex="0"]').count()).toBe(1);
    await ann.locator('[data-editor-toolbar] button[data-command="bold"]').focus();
    await ann.keyboard.press('ArrowRight');
    expect(await ann.evaluate(() => (document.activeElement as HTMLElement).dataset.command)).toBe('italic');
    expect(await ann.locator('[data-editor-toolbar] button[data-command="italic"]').getAttribute('aria-pressed')).toBe('false');

    await caretAtEnd(ann);
    await ann.keyboard.type('Shared paragraph: ');
    await expect.poll(() => editorText(bob), { timeout: 10_000 }).toContain('Shared paragraph:');

    // Both type into the same paragraph at the same moment.
    await caretAtEnd(ann);
    await caretAtEnd(bob);
    await Promise.all([ann.keyboard.type('apples pears plums ', { delay: 15 }), bob.keyboard.type('oak ash elm ', { delay: 15 })]);
    await expect
      .poll(async () => {
        const [a, b] = await Promise.all([editorText(ann), editorText(bob)]);
        return a === b && ['apples', 'pears', 'plums', 'oak', 'ash', 'elm'].every((word) => a.includes(word));
      }, { timeout: 15_000 })
      .toBe(true);
    const converged = await editorText(ann);
    expect(converged.startsWith('Shared paragraph:')).toBe(true);
    // One paragraph, not two.
    expect(await ann.locator('[data-editor-mount] .ProseMirror > p').count()).toBe(1);

    // The reader sees the same text, live, and cannot change it: not editable, no toolbar.
    await expect.poll(() => editorText(rea), { timeout: 10_000 }).toBe(converged);
    expect(await editor(rea).getAttribute('contenteditable')).toBe('false');
    expect(await rea.locator('[data-editor-toolbar]').isVisible()).toBe(false);
    expect(await rea.locator('[data-editor-toolbar] button:visible').count()).toBe(0);
    expect(await status(rea).textContent()).toBe('You can read this document but not change it');
    await editor(rea).click();
    await rea.keyboard.type('reader was here');
    await ann.waitForTimeout(500);
    expect(await editorText(ann)).not.toContain('reader was here');
    await expectNoAxeViolations(rea, 'the read-only view');
    await expect.poll(() => status(ann).textContent(), { timeout: 10_000 }).toBe('All changes saved');
  });

  it('a document from the form: renamed, commented on, linked, illustrated, versioned, compared, restored and exported', async () => {
    const page = await signedInPage(member.email);
    const [imageId] = await uploadFiles(cmsUrl, member, slug, 'root', [pngFile(`chart-${run}.png`)]);
    await page.goto(`${siteUrl}/workspaces/${slug}/files`);
    await go(page, page.getByRole('link', { name: 'New document' }));
    await expectNoAxeViolations(page, 'the new-document form');
    await go(page, page.getByRole('button', { name: 'Create document' }));
    expect(await errorSummary(page).textContent()).toContain('Enter a document name');
    await expectNoAxeViolations(page, 'the new-document form with errors');
    await page.locator('#name').fill(`Bad/name ${run}`);
    await go(page, page.getByRole('button', { name: 'Create document' }));
    expect(await errorSummary(page).textContent()).toContain('cannot contain /');
    expect(await page.locator('#name').inputValue()).toBe(`Bad/name ${run}`);

    const name = `Board minutes ${run}`;
    await page.locator('#name').fill(name);
    await go(page, page.getByRole('button', { name: 'Create document' }));
    expect(page.url()).toMatch(/\/files\/items\/\d+$/);
    const id = Number(/\/items\/(\d+)$/.exec(page.url())![1]);
    expect(await banner(page).textContent()).toContain(`The document ${name} has been created`);

    // A clashing name is refused and kept.
    await page.goto(`${siteUrl}/workspaces/${slug}/files/new-document`);
    await page.locator('#name').fill(name);
    await go(page, page.getByRole('button', { name: 'Create document' }));
    expect(await errorSummary(page).count()).toBe(1);
    expect(await page.locator('#name').inputValue()).toBe(name);

    // The folder lists it as a document.
    await page.goto(`${siteUrl}/workspaces/${slug}/files`);
    const row = page.locator('main tbody tr', { hasText: name });
    expect(await row.textContent()).toContain('Document');
    expect(await row.locator('a').first().getAttribute('href')).toBe(`/workspaces/${slug}/files/items/${id}`);

    // Renamed through the item's own form.
    await page.goto(documentUrl(id));
    await go(page, page.getByRole('link', { name: 'Rename or describe the document' }));
    expect(await page.locator('h1').textContent()).toContain('Rename or describe the document');
    const renamed = `Minutes of the board ${run}`;
    await page.locator('#name').fill(renamed);
    await go(page, page.getByRole('button', { name: 'Save' }));
    expect(await banner(page).textContent()).toContain('The document has been saved');
    expect(await page.locator('h1').textContent()).toContain(renamed);

    // Writing.
    await editor(page).waitFor({ state: 'visible' });
    await caretAtEnd(page);
    await page.keyboard.type('The board agreed the budget.');
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('All changes saved');

    // A comment on the word "budget".
    await page.evaluate(() => {
      const paragraph = document.querySelector('[data-editor-mount] .ProseMirror p')!;
      const text = paragraph.firstChild!;
      const start = text.textContent!.indexOf('budget');
      const range = document.createRange();
      range.setStart(text, start);
      range.setEnd(text, start + 'budget'.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    });
    const commentButton = page.locator('[data-editor-toolbar] button[data-command="comment"]');
    await expect.poll(() => commentButton.isDisabled(), { timeout: 10_000 }).toBe(false);
    await commentButton.click();
    const commentDialog = page.locator('dialog[data-dialog="comment"]');
    await commentDialog.waitFor({ state: 'visible' });
    expect(await commentDialog.locator('[data-comment-quote]').textContent()).toBe('budget');
    await commentDialog.getByRole('button', { name: 'Add comment' }).click();
    expect(await commentDialog.locator('.nhsuk-error-message').textContent()).toContain('Enter a comment');
    await expectNoAxeViolations(page, 'the comment dialog with an error');
    await commentDialog.locator('#comment-body').fill('Which budget: this year or next?');
    await commentDialog.getByRole('button', { name: 'Add comment' }).click();
    await commentDialog.waitFor({ state: 'hidden' });
    const thread = page.locator('#comments .app-comment', { hasText: 'Which budget' });
    await thread.waitFor();
    expect(await thread.locator('.app-comment__quote').textContent()).toContain('budget');
    expect(await thread.textContent()).toContain(`${member.firstName} ${member.lastName}`);
    const commentId = await thread.getAttribute('data-comment-id');
    await expect.poll(() => editor(page).locator(`span[data-comment-id="${commentId}"]`).textContent(), { timeout: 10_000 }).toBe('budget');

    // Reply, resolve, reopen: in the background, the editor stays connected.
    await thread.locator('textarea').fill('This year.');
    await thread.getByRole('button', { name: 'Reply' }).click();
    await expect.poll(() => page.locator(`#comment-${commentId} .app-comment__replies`).textContent(), { timeout: 10_000 }).toContain('This year.');
    await page.locator(`#comment-${commentId}`).getByRole('button', { name: /Resolve/ }).click();
    await expect.poll(() => page.locator('#comments details.app-comment-resolved summary').textContent(), { timeout: 10_000 }).toContain('Resolved comments (1)');
    await page.locator(`#comment-${commentId}`).getByRole('button', { name: /Reopen/ }).click();
    await expect.poll(() => page.locator('#comments details.app-comment-resolved').count(), { timeout: 10_000 }).toBe(0);
    expect(await status(page).textContent()).toBe('All changes saved');

    // A link: a refused address first.
    await caretAtEnd(page);
    await page.keyboard.press('Enter');
    await page.locator('[data-editor-toolbar] button[data-command="link"]').click();
    const linkDialog = page.locator('dialog[data-dialog="link"]');
    await linkDialog.waitFor({ state: 'visible' });
    await expectNoAxeViolations(page, 'the link dialog');
    await linkDialog.locator('#link-href').fill('javascript:alert(1)');
    await linkDialog.getByRole('button', { name: 'Save link' }).click();
    expect(await linkDialog.locator('#link-href-error').textContent()).toContain('Enter an address starting');
    await expectNoAxeViolations(page, 'the link dialog with an error');
    await linkDialog.locator('#link-href').fill('https://www.nhs.uk/');
    await linkDialog.getByRole('button', { name: 'Save link' }).click();
    await linkDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => editor(page).locator('a[href="https://www.nhs.uk/"]').count(), { timeout: 10_000 }).toBe(1);

    // An image from the workspace's files.
    await page.locator('[data-editor-toolbar] button[data-command="image"]').click();
    const imageDialog = page.locator('dialog[data-dialog="image"]');
    await imageDialog.waitFor({ state: 'visible' });
    await imageDialog.getByLabel(`chart-${run}.png`).waitFor();
    await expectNoAxeViolations(page, 'the image dialog');
    await imageDialog.getByLabel(`chart-${run}.png`).check();
    await imageDialog.locator('#image-alt').fill('Spending by quarter');
    await imageDialog.getByRole('button', { name: 'Insert image' }).click();
    await imageDialog.waitFor({ state: 'hidden' });
    await expect.poll(() => editor(page).locator(`img[src="/workspaces/${slug}/files/items/${imageId}/preview"]`).getAttribute('alt'), { timeout: 10_000 }).toBe('Spending by quarter');

    // A table, then a row more.
    await page.locator('[data-editor-toolbar] button[data-command="table"]').click();
    await expect.poll(() => editor(page).locator('table tr').count(), { timeout: 10_000 }).toBe(3);
    await page.locator('[data-editor-toolbar] button[data-command="add-row"]').click();
    await expect.poll(() => editor(page).locator('table tr').count(), { timeout: 10_000 }).toBe(4);
    expect(await page.locator('[data-editor-toolbar] button[data-command="bold"]').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('All changes saved');
    await stored(id, 'The board agreed the');

    // Name the current version (an empty name first).
    await go(page, page.getByRole('link', { name: 'Version history' }));
    await expectNoAxeViolations(page, 'the versions list');
    await go(page, page.getByRole('button', { name: 'Save version' }));
    expect(await errorSummary(page).textContent()).toContain('Enter a name for the version');
    await page.locator('#name').fill('Agreed at the board');
    await go(page, page.getByRole('button', { name: 'Save version' }));
    expect(await banner(page).textContent()).toContain('Agreed at the board');
    expect(await page.locator('main table').textContent()).toContain('Agreed at the board');

    // Then more words, and the comparison shows them as added.
    await page.goto(documentUrl(id));
    await editor(page).waitFor({ state: 'visible' });
    await caretAtEnd(page);
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Second thoughts after the meeting.');
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('All changes saved');
    await stored(id, 'Second thoughts after the meeting.');
    await page.goto(documentUrl(id, '/versions'));
    await go(page, page.locator('main table tr', { hasText: 'Agreed at the board' }).getByRole('link', { name: /Compare with now/ }));
    await expectNoAxeViolations(page, 'the comparison');
    const added = page.locator('.app-diff ins', { hasText: 'Second thoughts after the meeting.' });
    expect(await added.count()).toBeGreaterThan(0);
    expect(await added.first().locator('.nhsuk-u-visually-hidden').textContent()).toMatch(/Added: |Changed: /);
    expect(await page.locator('article.app-document--version').textContent()).not.toContain('Second thoughts');

    // Restore it: the words added since are gone, live too.
    await go(page, page.getByRole('button', { name: 'Restore this version' }));
    expect(await banner(page).textContent()).toContain('restored');
    await editor(page).waitFor({ state: 'visible' });
    await expect.poll(() => editorText(page), { timeout: 15_000 }).not.toContain('Second thoughts');
    expect(await editorText(page)).toContain('The board agreed the budget.');
    await expect.poll(async () => (await storedDocument(cmsUrl, member, slug, id)).html, { timeout: 20_000 }).not.toContain('Second thoughts');

    // Exports answer with the right type, as attachments.
    const docx = await page.context().request.get(documentUrl(id, '/export.docx'), { maxRedirects: 0 });
    expect(docx.status()).toBe(200);
    expect(docx.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers()['content-disposition']).toMatch(/^attachment/);
    expect((await docx.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    const pdf = await page.context().request.get(documentUrl(id, '/export.pdf'), { maxRedirects: 0 });
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^attachment/);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('without JavaScript a document reads as HTML, with its downloads and comment forms', async () => {
    const id = await createDocument(cmsUrl, member, slug, `Plain ${run}`);
    // Words and a comment, written live by a member first.
    const writer = await signedInPage(member.email);
    await openEditor(writer, id);
    await caretAtEnd(writer);
    await writer.keyboard.type('Read me without scripts.');
    await expect.poll(() => status(writer).textContent(), { timeout: 10_000 }).toBe('All changes saved');
    await stored(id, 'Read me without scripts.');
    await writer.close();

    const page = await signedInPage(member.email, { javaScriptEnabled: false });
    await page.goto(documentUrl(id));
    expect(await page.locator('article.app-document').textContent()).toContain('Read me without scripts.');
    expect(await page.locator('[data-editor-toolbar]').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: /Download as Word \(DOCX\)/ }).getAttribute('href')).toBe(`/workspaces/${slug}/files/items/${id}/export.docx`);
    expect(await page.getByRole('link', { name: /Download as PDF/ }).getAttribute('href')).toBe(`/workspaces/${slug}/files/items/${id}/export.pdf`);
    expect(await page.getByRole('link', { name: 'Version history' }).count()).toBe(1);
    // (axe runs in the page's JavaScript, so it checks this page in the tests with JavaScript on.)
  });

  it('comments without JavaScript: reply (an empty one refused), resolve and reopen by plain forms', async () => {
    const id = await createDocument(cmsUrl, member, slug, `Commented ${run}`);
    const writer = await signedInPage(member.email);
    await openEditor(writer, id);
    await caretAtEnd(writer);
    await writer.keyboard.type('Please review this sentence.');
    await expect.poll(() => status(writer).textContent(), { timeout: 10_000 }).toBe('All changes saved');
    await writer.evaluate(() => {
      const text = document.querySelector('[data-editor-mount] .ProseMirror p')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 'Please review'.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await writer.locator('[data-editor-toolbar] button[data-command="comment"]').click();
    await writer.locator('#comment-body').fill('Reviewed without scripts?');
    await writer.locator('dialog[data-dialog="comment"]').getByRole('button', { name: 'Add comment' }).click();
    await writer.locator('#comments .app-comment', { hasText: 'Reviewed without scripts?' }).waitFor();
    await writer.close();

    const page = await signedInPage(manager.email, { javaScriptEnabled: false });
    await page.goto(documentUrl(id));
    const thread = page.locator('#comments .app-comment', { hasText: 'Reviewed without scripts?' });
    expect(await thread.locator('.app-comment__quote').textContent()).toContain('Please review');
    await go(page, thread.getByRole('button', { name: 'Reply' }));
    expect(await errorSummary(page).textContent()).toContain('Enter a reply');
    expect(await page.locator('#comments .app-comment textarea').getAttribute('aria-describedby')).toMatch(/^reply-\d+-error$/);
    await page.locator('#comments .app-comment textarea').fill('Yes, by a plain form.');
    await go(page, page.locator('#comments .app-comment').getByRole('button', { name: 'Reply' }));
    expect(await banner(page).textContent()).toContain('Your reply has been added');
    expect(await page.locator('#comments').textContent()).toContain('Yes, by a plain form.');
    await go(page, page.locator('#comments .app-comment').getByRole('button', { name: /Resolve/ }));
    expect(await banner(page).textContent()).toContain('The comment has been resolved');
    expect(await page.locator('#comments details .app-comment').count()).toBe(1);
    await go(page, page.locator('#comments details .app-comment').getByRole('button', { name: /Reopen/ }));
    expect(await banner(page).textContent()).toContain('The comment has been reopened');
    expect(await page.locator('#comments details').count()).toBe(0);
  });

  it('a member removed while writing loses the editor at once: read-only, with a warning', async () => {
    const leaver = await cms.person('Leaver');
    await cms.addMember(leaver, closedSlug);
    const id = await createDocument(cmsUrl, manager, closedSlug, `Leaving ${run}`);
    const page = await signedInPage(leaver.email);
    await openEditor(page, id, closedSlug);
    expect(await editor(page).getAttribute('contenteditable')).toBe('true');
    await cms.as(manager, 'POST', `/workspaces/${closedSlug}/members/${leaver.id}/remove`, {});
    // No longer a reader of the restricted workspace: the CMS closes the connection, and the editor does not reconnect.
    const warning = page.locator('[data-editor-gone]');
    await expect.poll(() => warning.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await warning.textContent()).toContain('You no longer have access to this document');
    expect(await editor(page).getAttribute('contenteditable')).toBe('false');
    expect(await page.locator('[data-editor-toolbar]').isVisible()).toBe(false);
    // A reload shows the refusal page.
    const again = await page.goto(documentUrl(id, '', closedSlug));
    expect(again?.status()).toBe(403);
  });

  it('a member removed from an open workspace keeps reading live, no longer writing', async () => {
    const leaver = await cms.person('Reader-to-be');
    await cms.addMember(leaver, slug);
    const id = await createDocument(cmsUrl, member, slug, `Still reading ${run}`);
    const [page, writer] = [await signedInPage(leaver.email), await signedInPage(member.email)];
    await openEditor(page, id);
    await openEditor(writer, id);
    expect(await editor(page).getAttribute('contenteditable')).toBe('true');
    await cms.as(manager, 'POST', `/workspaces/${slug}/members/${leaver.id}/remove`, {});
    await expect.poll(() => editor(page).getAttribute('contenteditable'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('You can read this document but not change it');
    expect(await page.locator('[data-editor-toolbar]').isVisible()).toBe(false);
    expect(await page.locator('[data-editor-gone]').isVisible()).toBe(false);
    // Still live: the member's words reach them.
    await caretAtEnd(writer);
    await writer.keyboard.type('Written after the removal.');
    await expect.poll(() => editorText(page), { timeout: 10_000 }).toContain('Written after the removal.');
  });
});
