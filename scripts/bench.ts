/**
 * `pnpm bench`: seeds 2,500 workspaces with pages, starts the built CMS and site, and measures
 * the site's workspace home page (10 blocks, as a signed-in member reads it, and the sign-in
 * prompt anonymous visitors get) and case-study list against Strapi's own REST `populate=*`
 * request for the same page. Prints a table; numbers, never pass/fail.
 *
 * Then the search part (scripts/bench-search.ts): a corpus of a million documents, the index build
 * and search queries. Then the files part (scripts/bench-files.ts): a 100 MB upload and download
 * through the site, with the processes' memory, and a folder of 5,000 files. Then the documents part
 * (scripts/bench-documents.ts): 50 documents with 4 Yjs clients each, their updates' latency and
 * the CMS's memory and CPU.
 *
 * Options (environment): BENCH_WORKSPACES (2500), BENCH_SECONDS (15), BENCH_CONNECTIONS (50),
 * TEST_DATABASE_URL (PostgreSQL server; SQLite otherwise), BENCH_ONLY (`pages`, `search`, `files` or
 * `documents`: one part only), and the other parts' own (scripts/bench-search.ts, bench-files.ts,
 * bench-documents.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { LONG_THREAD_TITLE, LONG_THREAD_WORKSPACE } from '../cms/seed/demo-forum.ts';
import { DEFAULT_DEMO_PASSWORD } from '../cms/seed/demo-people.ts';
import { encodeSession, SESSION_COOKIE } from '../site/src/lib/session/cookie.ts';
import { rowOf, type Measurement as BaseMeasurement } from './bench-support.ts';
import { startStack, type Stack } from './stack.ts';

const workspaces = Number(process.env.BENCH_WORKSPACES ?? 2500);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Measurement extends BaseMeasurement {
  baseline?: string;
}

interface PostOptions {
  body: string;
  /** The status a successful post answers (the site's forms redirect: 303). */
  expectStatus: number;
}

async function measure(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  baseline?: string,
  paths?: string[],
  post?: PostOptions,
): Promise<Measurement> {
  // With several paths, each request takes the next one.
  let next = 0;
  const requests = paths
    ? [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, path: paths[next++ % paths.length] }) }]
    : post
      ? [{ method: 'POST' as const, body: post.body, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } }]
      : undefined;
  // Warm up (first render, JIT) before the measured run; a rotating run starts cold on purpose.
  if (!paths && !post) await autocannon({ url, connections: 5, duration: 2, headers });
  const latencies: number[] = [];
  let non2xx = 0;
  // A rotating run makes exactly one request per path, so every request misses the page cache.
  const instance = autocannon({ url, connections, headers, requests, ...(paths ? { amount: paths.length } : { duration: seconds }) });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (post ? statusCode !== post.expectStatus : statusCode < 200 || statusCode >= 300) non2xx++;
  });
  return { ...rowOf(name, connections, await instance, latencies, non2xx), baseline };
}

function residentMemoryMb(pid: number | undefined): string {
  if (!pid) return '?';
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return `${Math.round(kb / 1024)} MB`;
  } catch {
    return '?';
  }
}

function printTable(rows: Measurement[]) {
  const byName = new Map(rows.map((row) => [row.name, row]));
  const lines = rows.map((row) => {
    const base = row.baseline ? byName.get(row.baseline) : undefined;
    const ratio = base ? `${(row.requestsPerSecond / base.requestsPerSecond).toFixed(1)}×` : '1.0× (baseline)';
    return [row.name, String(row.connections), row.requestsPerSecond.toFixed(0), row.p50.toFixed(1), row.p95.toFixed(1), row.p99.toFixed(1), String(row.errors), row.baseline ? ratio : '—'];
  });
  const header = ['measurement', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'vs baseline'];
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const format = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(format(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const line of lines) console.log(format(line));
}

/** A demo member's session cookie, made the way the site's sign-in makes it, and their access token. */
async function memberSession(cmsUrl: string): Promise<{ cookie: string; jwt: string }> {
  const response = await fetch(`${cmsUrl}/api/auth/local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: 'member@demo.nhs.net', password: process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD, deviceId: 'bench' }),
  });
  if (!response.ok) throw new Error(`The demo member could not sign in (HTTP ${response.status})`);
  const { jwt, refreshToken } = (await response.json()) as { jwt: string; refreshToken: string };
  return { cookie: `${SESSION_COOKIE}=${encodeSession({ access: jwt, refresh: refreshToken, device: 'bench' })}`, jwt };
}

// One access token lasts the whole run: the benchmark's clients do not store refreshed cookies.
process.env.SESSION_ACCESS_SECONDS ??= '3600';
// One member posts for 15 s as fast as 50 connections allow: far past a person's posting limit.
process.env.RATE_LIMIT_POSTING ??= '10000000';

/** The long demo thread's first page, a page further on (following "Show more" links) and its CSRF field. */
async function longThread(siteUrl: string, cmsUrl: string, member: { cookie: string }, jwt: string) {
  const response = await fetch(`${cmsUrl}/api/forum/workspaces/${LONG_THREAD_WORKSPACE}/discussions?pageSize=50`, { headers: { authorization: `Bearer ${jwt}` } });
  const { data } = (await response.json()) as { data: { id: number; title: string; commentCount: number }[] };
  const thread = data.find((discussion) => discussion.title === LONG_THREAD_TITLE);
  if (!thread || thread.commentCount < 1000) throw new Error(`The demo's long thread is missing (HTTP ${response.status})`);
  const firstPath = `/workspaces/${LONG_THREAD_WORKSPACE}/discussions/${thread.id}`;
  let path = firstPath;
  let html = '';
  // Ten "Show more" links on: a cursor deep into the thread.
  for (let page = 0; page <= 10; page += 1) {
    const pageResponse = await fetch(`${siteUrl}${path}`, { headers: member });
    html = await pageResponse.text();
    if (pageResponse.status !== 200) throw new Error(`The long thread's page ${path} answered HTTP ${pageResponse.status}`);
    // The "Show more comments" link (each comment's own links also carry the current cursor).
    const more = /<a[^>]*href="([^"]*after=[^"]+)"[^>]*>\s*Show more comments/.exec(html);
    if (!more) throw new Error(`No "Show more" link on ${path}`);
    if (page < 10) path = more[1].replace(/&amp;/g, '&').replace(/^https?:\/\/[^/]+/, '');
  }
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error('No CSRF field on the long thread');
  return { firstPath, laterPath: path, csrf };
}

const only = process.env.BENCH_ONLY;

if (!only || only === 'pages') {
  let stack: Stack | undefined;
  try {
    console.log(`Seeding ${workspaces} workspaces (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}) and starting the built CMS and site...`);
    const seedStarted = Date.now();
    stack = await startStack({
      cmsPort: Number(process.env.BENCH_CMS_PORT ?? 1437),
      sitePort: Number(process.env.BENCH_SITE_PORT ?? 4421),
      seedScript: join(import.meta.dirname, '../cms/scripts/seed-bulk.ts'),
      seedArgs: ['--workspaces', String(workspaces)],
      rebuildSite: true,
      log: (line) => console.log(line),
    });
    console.log(`Ready in ${Math.round((Date.now() - seedStarted) / 1000)} s.\n`);

    const slug = `bench-workspace-${String(Math.floor(workspaces / 2)).padStart(4, '0')}`;
    const token = { authorization: `Bearer ${stack.env.CMS_API_TOKEN}` };
    const strapiPage = `${stack.cmsUrl}/api/pages?filters[workspace][slug][$eq]=${slug}&filters[isHome][$eq]=true&populate=*`;
    const check = await fetch(strapiPage, { headers: token });
    const checked = (await check.json()) as { data: { blocks: unknown[] }[] };
    if (check.status !== 200 || checked.data[0]?.blocks?.length !== 10) throw new Error(`The baseline request does not return the 10-block page (HTTP ${check.status})`);
    const session = await memberSession(stack.cmsUrl);
    const member = { cookie: session.cookie };
    // A browser keeps the CSRF cookie the first page sets; so does the benchmark's member.
    const csrf = (await fetch(`${stack.siteUrl}/workspaces/${slug}`, { headers: member })).headers
      .getSetCookie()
      .find((header) => header.startsWith('fnhs_csrf='));
    if (csrf) member.cookie += `; ${csrf.split(';')[0]}`;
    const homePage = await fetch(`${stack.siteUrl}/workspaces/${slug}`, { headers: member });
    const homeHtml = await homePage.text();
    if (homePage.status !== 200) throw new Error(`The site's workspace page answered HTTP ${homePage.status}`);
    if (!homeHtml.includes(`benchmark workspace <strong>${Math.floor(workspaces / 2)}</strong>`)) {
      throw new Error('The signed-in member does not see the workspace page with its blocks');
    }

    const rows: Measurement[] = [];
    rows.push(await measure('Strapi REST populate=* (baseline)', strapiPage, token));
    rows.push(await measure('site /workspaces/{slug}, member (10 blocks)', `${stack.siteUrl}/workspaces/${slug}`, member, 'Strapi REST populate=* (baseline)'));
    rows.push(await measure('site /workspaces/{slug}, anonymous (sign-in prompt)', `${stack.siteUrl}/workspaces/${slug}`, {}, 'Strapi REST populate=* (baseline)'));
    rows.push(await measure('site /case-studies', `${stack.siteUrl}/case-studies`, {}, 'Strapi REST populate=* (baseline)'));
    const thread = await longThread(stack.siteUrl, stack.cmsUrl, member, session.jwt);
    rows.push(await measure('site discussion, 1,080-comment thread, first page, member', `${stack.siteUrl}${thread.firstPath}`, member, 'Strapi REST populate=* (baseline)'));
    rows.push(await measure('site discussion, same thread, 11th page (cursor), member', `${stack.siteUrl}${thread.laterPath}`, member, 'Strapi REST populate=* (baseline)'));
    rows.push(
      await measure('site posting a comment (form post, 303), member', `${stack.siteUrl}${thread.firstPath}`, { ...member, origin: stack.siteUrl }, undefined, undefined, {
        body: new URLSearchParams({ _csrf: thread.csrf, intent: 'comment', body: 'Posted by the benchmark: thank you all for sharing.' }).toString(),
        expectStatus: 303,
      }),
    );
    const everyWorkspace = Array.from({ length: workspaces }, (_, index) => `/workspaces/bench-workspace-${String(index).padStart(4, '0')}`);
    rows.push(
      await measure(`site, ${workspaces} workspaces once each, member (uncached)`, `${stack.siteUrl}/`, member, 'Strapi REST populate=* (baseline)', everyWorkspace),
    );
    console.log(`\n${workspaces} workspaces, ${seconds} s per run, ${connections} connections, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}, Node ${process.version}\n`);
    printTable(rows);
    console.log(`\nResident memory after the runs: CMS ${residentMemoryMb(stack.pids.cms)}, site ${residentMemoryMb(stack.pids.site)}`);
    console.log(`\nThe uncached row requests each workspace's page once: every request misses the site's caches and reads the CMS.`);
    console.log(`\nThe member row renders the page for one signed-in member per request (never page-cached); the anonymous row is the`);
    console.log(`sign-in prompt anonymous visitors get, served from the page cache.`);
    console.log(`\nThe discussion rows render the long demo thread for one signed-in member (20 comments and their first replies);`);
    console.log(`the posting row posts a new comment to it through the site's form for the whole run.`);
    console.log(`\nTargets: workspace page p95 < 50 ms at 50 connections; ≥ 10× the baseline's throughput; discussion page p95 < 50 ms.`);
  } finally {
    await stack?.stop();
  }
}

if (!only || only === 'search') {
  const { runSearchBench } = await import('./bench-search.ts');
  await runSearchBench();
}

if (!only || only === 'files') {
  const { runFilesBench } = await import('./bench-files.ts');
  await runFilesBench();
}

if (!only || only === 'documents') {
  const { runDocumentsBench } = await import('./bench-documents.ts');
  await runDocumentsBench();
}
