import { SEARCH_TYPE_LABELS, SEARCH_TYPES } from '@futurenhs/contract';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildAdminPanel, freePorts, logTail } from '../../../scripts/stack.ts';
import { AdminClient } from './admin-client.ts';
import { WCAG_TAGS, launchBrowser, newPage } from './browser.ts';

/**
 * The admin panel's "Search" page (cms/src/plugins/search/admin): a platform admin signs in, opens
 * it from the menu and reads the index health the plugin's admin route reports.
 *
 * The stack runs the CMS without its admin panel (scripts/stack.ts), so the stack builds the
 * panel as `pnpm build` does (global-setup.ts asks it to when this file runs) and this file starts
 * a second CMS instance on the same database to serve it: it runs no jobs (JOBS_DISABLED), the
 * stack's own instance keeps the index in step.
 */

const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const cmsDir = join(root, 'cms');
const strapiBin = join(dirname(createRequire(join(cmsDir, 'package.json')).resolve('@strapi/strapi/package.json')), 'bin/strapi.js');
const logFile = join(root, '.tmp', 'stack-logs', 'cms-admin-panel.log');

interface Health {
  engine: string;
  documents: Record<string, number>;
  totalDocuments: number;
  outbox: { pending: number; oldestAt: string | null };
  jobs: { runner: string; backlog: number };
}

/** Every type the contract has, in its order, by the name the admin page gives it. */
const LABELS: Record<string, string> = Object.fromEntries(SEARCH_TYPES.map((type) => [type, SEARCH_TYPE_LABELS[type].many]));

let browser: Browser;
let admin: AdminClient;
let panel: ChildProcess | undefined;
let panelUrl: string;

async function startPanel(): Promise<void> {
  const [port] = await freePorts(1);
  panelUrl = `http://127.0.0.1:${port}`;
  mkdirSync(dirname(logFile), { recursive: true });
  const output = openSync(logFile, 'w');
  panel = spawn(process.execPath, [strapiBin, 'start'], {
    cwd: cmsDir,
    env: { ...process.env, ...env, PORT: String(port), SERVE_ADMIN_PANEL: 'true', JOBS_DISABLED: 'true' },
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const started = Date.now();
  while (Date.now() - started < 180_000) {
    if (panel.exitCode !== null) break;
    const response = await fetch(`${panelUrl}/admin`).catch(() => null);
    if (response?.ok && (await response.text()).includes('id="strapi"')) return;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`The CMS serving the admin panel did not start:\n${logTail(logFile)}`);
}

/** The index as the route reports it, once the seed's changes have all reached it. */
async function settledHealth(): Promise<Health> {
  let health: Health | undefined;
  await expect
    .poll(
      async () => {
        health = (await admin.request<{ data: Health }>('GET', '/search/health')).data;
        return health.totalDocuments > 0 && health.outbox.pending === 0;
      },
      { timeout: 60_000, interval: 500 },
    )
    .toBe(true);
  return health!;
}

async function signInToAdminPanel(page: Page): Promise<void> {
  await page.goto(`${panelUrl}/admin/auth/login`);
  await page.getByRole('textbox', { name: /^email/i }).fill(env.ADMIN_EMAIL);
  await page.locator('input[name="password"]').fill(env.ADMIN_PASSWORD);
  await page.getByRole('button', { name: /^log ?in$/i }).click();
  await page.getByRole('navigation').first().waitFor();
}

/** Each row of a table as its header cell's text and its other cells' texts. */
async function tableRows(page: Page, name: string): Promise<string[][]> {
  const table = page.getByRole('table', { name });
  await table.waitFor();
  return table.getByRole('row').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
  );
}

beforeAll(async () => {
  admin = await AdminClient.signIn(cmsUrl, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
  // A run global-setup.ts did not foresee (the stack has no panel): build it here.
  if (!inject('adminPanelBuilt')) await buildAdminPanel(env);
  await startPanel();
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  if (panel && panel.exitCode === null) {
    const exited = new Promise((done) => panel!.once('exit', done));
    panel.kill('SIGTERM');
    await exited;
  }
});

describe('the admin panel shows the search index health', () => {
  it('answers only signed-in admins', async () => {
    expect((await fetch(`${cmsUrl}/search/health`)).status).toBe(401);
    expect((await fetch(`${cmsUrl}/search/health`, { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
  });

  it('lists documents per type, the backlogs and the last reindex on the "Search" page of the menu', async () => {
    const health = await settledHealth();
    const { context, page } = await newPage(browser);
    await signInToAdminPanel(page);

    await page.getByRole('navigation').getByRole('link', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/admin\/plugins\/search$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Search');
    await expect.poll(() => page.title()).toContain('Search');

    // The documents table: one row per type with the route's counts, then the total.
    const rows = await tableRows(page, 'Documents per type');
    expect(rows[0]).toEqual(['Type', 'Documents']);
    const format = (count: number) => count.toLocaleString('en-GB');
    const expected = Object.entries(LABELS).map(([type, label]) => [label, format(health.documents[type] ?? 0)]);
    expect(rows.slice(1, 1 + expected.length)).toEqual(expected);
    expect(rows.at(-1)).toEqual(['Total', format(health.totalDocuments)]);
    // The seed's content is indexed: something of it is counted.
    expect(rows.slice(1, -1).some(([, count]) => Number(count.replace(/,/g, '')) > 0)).toBe(true);

    // Facts are a description list: each value is read with its name.
    const fact = (label: string) => page.locator('dt', { hasText: `${label}:` }).locator('xpath=following-sibling::dd[1]');
    expect(await fact('Outbox backlog').textContent()).toBe('Empty: every change is in the index');
    expect(await fact('Engine').textContent()).toMatch(/PostgreSQL|SQLite|Meilisearch/);
    expect(await fact('Job backlog').textContent()).toMatch(/^\d[\d,]* jobs? waiting$/);
    await page.getByRole('heading', { level: 2, name: 'Last reindex' }).waitFor();
    expect(await page.getByText('pnpm search:reindex').count()).toBe(1);

    // At rest (the design system's hover colour for a primary button, under the pointer after a click, is its own matter).
    const results = await new AxeBuilder({ page }).include('main').withTags(WCAG_TAGS).analyze();
    expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`)).toEqual([]);

    // Refresh reads the route again, and says when in a status message.
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === '/search/health' && response.ok());
    await page.getByRole('button', { name: 'Refresh' }).click();
    await answered;
    await page.locator('main[aria-busy="false"]').waitFor();
    expect(await page.getByRole('status').filter({ hasText: /^Updated at / }).textContent()).toMatch(/^Updated at \d{2}:\d{2}:\d{2}$/);

    await context.close();
  });
});
