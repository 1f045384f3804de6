import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ownAddress, PASSWORD } from './membership-helpers.ts';

/**
 * For the search tests: words no other test writes, browser pages signed in as someone, and a
 * search that is asked again until what was just written has been indexed (the CMS indexes a
 * change in the background, within about a second of it).
 */

/** Letters only: the search reads a member's words as letters and digits, and digits would make other words. */
export function runTag(): string {
  return Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]);
}

export async function browserPage(browser: Browser, contexts: BrowserContext[], options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: ownAddress(), ...options });
  contexts.push(context);
  const page = await context.newPage();
  // A step that cannot happen fails on its own, rather than as the whole test's timeout.
  page.setDefaultTimeout(30_000);
  return page;
}

export async function signedInPage(browser: Browser, contexts: BrowserContext[], siteUrl: string, email: string): Promise<Page> {
  const page = await browserPage(browser, contexts);
  await page.goto(`${siteUrl}/sign-in`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/sign-in')), page.locator('main button[type="submit"]').click()]);
  return page;
}

/** /search with these parameters (repeated names for lists). */
export function searchPath(params: Record<string, string | string[]>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const item of [value].flat()) query.append(name, item);
  return `/search?${query.toString()}`;
}

/** The titles of the results shown, in order. */
export async function resultTitles(page: Page): Promise<string[]> {
  return (await page.locator('.app-search-result__title').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

export const resultCount = async (page: Page) => ((await page.locator('.app-result-count').textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Opens a search and asks again (a few times, half a second apart) until a result's title contains `title`. */
export async function searchUntilFound(page: Page, url: string, title: string, attempts = 16): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    await page.goto(url);
    if ((await resultTitles(page)).some((shown) => shown.includes(title))) return;
    await page.waitForTimeout(500);
  }
  expect(await resultTitles(page), `results of ${url}`).toContainEqual(expect.stringContaining(title));
}

/** Follows a link or presses a button, and waits for the page it leads to. */
export async function go(page: Page, target: Locator): Promise<void> {
  expect(await target.count(), 'the control to use').toBe(1);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), target.click()]);
}
