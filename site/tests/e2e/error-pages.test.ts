import { spawn, type ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePorts } from '../../../scripts/stack.ts';
import { expectNoAxeViolations, launchBrowser, newPage } from './browser.ts';

const siteUrl = inject('siteUrl');
const env = inject('stackEnv');
const siteCommand = inject('siteCommand');

/** A second instance of the built site whose CMS is unreachable: every CMS-backed page fails. */
let brokenSite: ChildProcess;
let brokenSiteUrl: string;
let browser: Browser;

beforeAll(async () => {
  const [port, deadCmsPort] = await freePorts(2);
  brokenSiteUrl = `http://127.0.0.1:${port}`;
  brokenSite = spawn(process.execPath, siteCommand, {
    env: { ...process.env, ...env, PORT: String(port), CMS_URL: `http://127.0.0.1:${deadCmsPort}`, CMS_TIMEOUT_MS: '1000' },
    stdio: 'ignore',
  });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(`${brokenSiteUrl}/_health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  brokenSite?.kill();
  await browser?.close();
});

describe('error pages', () => {
  it('shows the NHS "problem with the service" page, with no accessibility violations, when the CMS is down', async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto(`${brokenSiteUrl}/case-studies`);
    expect(response?.status()).toBe(500);
    expect(await page.locator('h1').textContent()).toMatch(/problem with the service/i);
    expect(await page.content()).not.toMatch(/ECONNREFUSED|fetch failed|at .*\.js:\d+/);
    await expectNoAxeViolations(page, '500 page');
    await context.close();
  });

  it('does not cache a failure: the healthy site keeps serving', async () => {
    expect((await fetch(`${brokenSiteUrl}/case-studies`)).status).toBe(500);
    expect((await fetch(`${siteUrl}/case-studies`)).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy and nosniff on pages', async () => {
    const response = await fetch(`${siteUrl}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$| )/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('loads every page of the demo without a CSP violation', async () => {
    const { context, page } = await newPage(browser);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    for (const path of ['/', '/workspaces', '/case-studies', '/blocks']) await page.goto(`${siteUrl}${path}`);
    expect(violations).toEqual([]);
    await context.close();
  });
});
