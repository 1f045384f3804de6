/**
 * The files part of `pnpm bench` (issue 15 "Performance"), also run alone by `pnpm bench:files`
 * or `BENCH_ONLY=files pnpm bench`. It starts the built CMS and site on a throwaway database with
 * the demo seed and a folder of 5,000 files (bulk inserted), then, signed in as the demo member:
 *
 * - uploads a 100 MB CSV (generated on disk, streamed from it) straight to the CMS and through the
 *   site's upload page, and downloads it back both ways (once, and five at a time), giving the
 *   throughput and the resident memory of the site and CMS processes sampled every 100 ms during
 *   each transfer (before, peak, and the difference: the target is flat, not the file's size);
 * - measures with autocannon the 5,000-file folder's first page, its 50th page and its first page
 *   by size, through the site and from the CMS, at 10 and 50 connections.
 *
 * Figures, never pass/fail. Options (environment): BENCH_SECONDS (10 per run here),
 * BENCH_FILES_MB (100), BENCH_FILES_LARGEST_MB (250, also uploaded through the site; 0 for none),
 * BENCH_FILES_ITEMS (5,000), BENCH_FILES_CMS_PORT / BENCH_FILES_SITE_PORT
 * (1439 / 4423), TEST_DATABASE_URL (PostgreSQL server; SQLite otherwise).
 *
 * This file is also the stack's seed script: `node scripts/bench-files.ts --seed <result.json>`
 * runs in the CMS folder with the stack's environment, seeds the demo, adds the large folder and
 * writes where it is to the result file.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { percentile, printTable, residentKb, rowOf, type Measurement } from './bench-support.ts';
import type { Stack } from './stack.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const fileMegabytes = Number(process.env.BENCH_FILES_MB ?? 100);
/** Also uploaded through the site, to see whether its memory follows the size: the upload limit's default. */
const largestMegabytes = Number(process.env.BENCH_FILES_LARGEST_MB ?? 250);
const itemCount = Number(process.env.BENCH_FILES_ITEMS ?? 5000);
/** The demo workspace the demo member belongs to (as a plain member: they may upload, not manage). */
const WORKSPACE = 'digital-primary-care';
const MEMBER = 'member@demo.nhs.net';
/** A manager of WORKSPACE: empties the bin of what the benchmark uploaded, stored bytes included. */
const MANAGER = 'manager@demo.nhs.net';
const FOLDER_NAME = 'Benchmark: a folder of many files';
const PAGE_SIZE = 50;

/** What this script uses of Strapi (its types are the CMS package's, not resolvable from here). */
interface Strapi {
  db: { query(uid: string): any };
  plugin(name: string): any;
  destroy(): Promise<void>;
}

interface SeedResult {
  folderId: number;
  items: number;
  insertSeconds: number;
}

// ---------------------------------------------------------------- seed mode

/** A small seeded generator: the same folder on every run, so runs compare. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  { ext: '.pdf', mime: 'application/pdf', label: 'PDF', words: 'Board paper' },
  { ext: '.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word document', words: 'Meeting minutes' },
  { ext: '.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel spreadsheet', words: 'Activity data' },
  { ext: '.csv', mime: 'text/csv', label: 'CSV', words: 'Referral export' },
  { ext: '.png', mime: 'image/png', label: 'PNG image', words: 'Pathway diagram' },
];

/**
 * The demo, then a folder of `itemCount` files in WORKSPACE, written straight into the files
 * plugin's tables in batches (items, their one version each, and a media-library row owned by the
 * workspace for each version's bytes): through the upload route it would take hours, and what is
 * measured is the reading. The bytes are not on disk (listing a folder never reads them).
 */
async function seed(resultFile: string): Promise<void> {
  const { bootStrapi } = await import('../cms/seed/boot-strapi.ts');
  const { seedDemo } = await import('../cms/seed/seed-demo.ts');
  process.env.SITE_REVALIDATION = 'off';
  const strapi = (await bootStrapi()) as unknown as Strapi;
  try {
    await seedDemo(strapi as never, (message) => console.log(`  seed: ${message}`));
    const started = Date.now();
    const workspace = (await strapi.plugin('membership').service('access').findWorkspace(WORKSPACE)) as { id: number } | null;
    if (!workspace) throw new Error(`The demo workspace ${WORKSPACE} is missing`);
    const people = (await strapi.db.query('plugin::users-permissions.user').findMany({
      select: ['id', 'email'],
      where: { email: { $in: [MEMBER, MANAGER, 'aisha.khan@demo.nhs.net', 'liam.oconnor@demo.nhs.net', 'megan.hughes@demo.nhs.net'] } },
    })) as { id: number; email: string }[];
    const member = people.find((person) => person.email === MEMBER);
    if (!member) throw new Error(`The demo member ${MEMBER} is missing`);
    const folder = (await strapi.db.query('plugin::files.folder').create({
      data: { workspaceId: workspace.id, parentId: null, name: FOLDER_NAME, description: 'Made by the benchmark', creatorId: member.id },
    })) as { id: number };

    const random = generator(15);
    const now = Date.now();
    const batch = 500;
    for (let start = 0; start < itemCount; start += batch) {
      const indexes = Array.from({ length: Math.min(batch, itemCount - start) }, (_, offset) => start + offset);
      const made = indexes.map((index) => {
        const kind = KINDS[index % KINDS.length]!;
        // Sizes from 1 KB to about 50 MB, most small (as a shared drive's are), so size order differs from name order.
        const size = Math.round(1024 * Math.exp(random() * Math.log(50_000)));
        // Changed over the past year: date order differs from both.
        const changed = new Date(now - Math.floor(random() * 365 * 24 * 3600 * 1000)).toISOString();
        const person = people[Math.floor(random() * people.length)]!;
        const hash = `bench_${randomBytes(10).toString('hex')}`;
        return { index, kind, size, changed, person, hash };
      });
      const stored = (await strapi.db.query('plugin::upload.file').createMany({
        data: made.map((row) => ({
          name: `${row.hash}${row.kind.ext}`,
          hash: row.hash,
          ext: row.kind.ext,
          mime: row.kind.mime,
          size: Math.round(row.size / 10) / 100,
          url: `/uploads/${row.hash}${row.kind.ext}`,
          provider: 'local',
          folderPath: '/',
        })),
      })) as { ids?: number[] };
      // Ids in insertion order, read back by hash (not every driver returns them from a bulk insert).
      const storedIds = new Map(
        ((await strapi.db.query('plugin::upload.file').findMany({ select: ['id', 'hash'], where: { hash: { $in: made.map((row) => row.hash) } } })) as { id: number; hash: string }[]).map((row) => [row.hash, row.id]),
      );
      void stored;
      await strapi.plugin('storage').service('ownership').record([...storedIds.values()], { workspaceId: workspace.id, scope: 'content' });
      const names = made.map((row) => `${row.kind.words} ${String(row.index + 1).padStart(4, '0')}${row.kind.ext}`);
      await strapi.db.query('plugin::files.item').createMany({
        data: made.map((row, offset) => ({
          workspaceId: workspace.id,
          folderId: folder.id,
          kind: 'file',
          name: names[offset],
          description: row.index % 3 === 0 ? `Shared for the benchmark: file ${row.index + 1}` : null,
          creatorId: row.person.id,
          changedById: row.person.id,
          currentVersion: 1,
          mime: row.kind.mime,
          size: row.size,
          createdAt: row.changed,
          updatedAt: row.changed,
        })),
      });
      const itemIds = new Map(
        ((await strapi.db.query('plugin::files.item').findMany({ select: ['id', 'name'], where: { folderId: folder.id, name: { $in: names } } })) as { id: number; name: string }[]).map((row) => [row.name, row.id]),
      );
      await strapi.db.query('plugin::files.version').createMany({
        data: made.map((row, offset) => ({
          itemId: itemIds.get(names[offset]!),
          workspaceId: workspace.id,
          number: 1,
          storedFileId: storedIds.get(row.hash),
          originalName: names[offset],
          mime: row.kind.mime,
          ext: row.kind.ext,
          label: row.kind.label,
          size: row.size,
          sha256: createHash('sha256').update(row.hash).digest('hex'),
          comment: null,
          authorId: row.person.id,
          scan: 'unscanned',
          textExtracted: true,
          createdAt: row.changed,
          updatedAt: row.changed,
        })),
      });
    }
    const insertSeconds = (Date.now() - started) / 1000;
    console.log(`  bench files: ${itemCount} files in folder ${folder.id} of ${WORKSPACE} (${insertSeconds.toFixed(1)} s)`);
    // Search indexes new items through its outbox: drained here, so the CMS does not index them while it is measured.
    await strapi.plugin('search').service('indexer').drain();
    console.log(`  bench files: search outbox drained (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    writeFileSync(resultFile, JSON.stringify({ folderId: folder.id, items: itemCount, insertSeconds } satisfies SeedResult));
  } finally {
    await strapi.destroy();
  }
}

// ---------------------------------------------------------------- memory


interface MemoryFigures {
  beforeMb: number;
  peakMb: number;
  afterMb: number;
  /** One sample a second (MB), to tell memory that follows the bytes from a heap that grows once. */
  perSecondMb: number[];
}

/** Samples the site's and the CMS's resident memory every 100 ms until stopped. */
function memorySampler(pids: { site: number; cms: number }) {
  const before = { site: residentKb(pids.site), cms: residentKb(pids.cms) };
  const peak = { ...before };
  const perSecond = { site: [before.site], cms: [before.cms] };
  let ticks = 0;
  const timer = setInterval(() => {
    const now = { site: residentKb(pids.site), cms: residentKb(pids.cms) };
    peak.site = Math.max(peak.site, now.site);
    peak.cms = Math.max(peak.cms, now.cms);
    if (++ticks % 10 === 0) {
      perSecond.site.push(now.site);
      perSecond.cms.push(now.cms);
    }
  }, 100);
  return {
    /** Stops sampling, and a second later reads what each process kept. */
    async stop(): Promise<{ site: MemoryFigures; cms: MemoryFigures }> {
      clearInterval(timer);
      peak.site = Math.max(peak.site, residentKb(pids.site));
      peak.cms = Math.max(peak.cms, residentKb(pids.cms));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const mb = (kb: number) => kb / 1024;
      const figures = (which: 'site' | 'cms') => ({
        beforeMb: mb(before[which]),
        peakMb: mb(peak[which]),
        afterMb: mb(residentKb(pids[which])),
        perSecondMb: perSecond[which].map(mb),
      });
      return { site: figures('site'), cms: figures('cms') };
    },
  };
}

// ---------------------------------------------------------------- transfers

/** A CSV of `megabytes` MB (UTF-8 text, so the CMS's inspection accepts it), written in chunks. */
async function writeCsv(path: string, megabytes: number): Promise<void> {
  const target = megabytes * 1024 * 1024;
  const random = generator(100);
  const places = ['Leeds', 'Bristol', 'Kent', 'Sussex', 'Cumbria', 'Sheffield', 'Barts', 'Manchester', 'Newcastle', 'Plymouth'];
  const services = ['Outpatients', 'Community nursing', 'Virtual ward', 'Urgent treatment centre', 'Physiotherapy', 'Diabetes clinic'];
  const out = createWriteStream(path);
  let written = 0;
  const header = 'referral_id,received,organisation,service,priority,waiting_days,notes\n';
  out.write(header);
  written += Buffer.byteLength(header);
  let row = 0;
  while (written < target) {
    const lines: string[] = [];
    for (let index = 0; index < 200; index++, row++) {
      lines.push(
        `${row},2026-${String(1 + (row % 12)).padStart(2, '0')}-${String(1 + (row % 28)).padStart(2, '0')},${places[Math.floor(random() * places.length)]} ICB,${services[Math.floor(random() * services.length)]},${1 + Math.floor(random() * 4)},${Math.floor(random() * 400)},"Reviewed by the team — follow-up booked"`,
      );
    }
    const chunk = `${lines.join('\n')}\n`;
    // Whole rows only: the file ends a little short of the size rather than mid-row.
    if (written + Buffer.byteLength(chunk) > target) break;
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

interface Transfer {
  status: number;
  body: string;
  bytes: number;
  /** From the first byte sent to the last byte of the answer. */
  ms: number;
  /** Upload: from the first byte to the last byte of the body handed to the socket. */
  sentMs?: number;
  sha256?: string;
}

/** A multipart form with one file, streamed from disk (never whole in memory), and the answer. */
function uploadFile(url: string, headers: Record<string, string>, file: { path: string; name: string; field: string }, fields: Record<string, string> = {}): Promise<Transfer> {
  const boundary = `----bench-files-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(file.path).size;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let sentMs: number | undefined;
    const request = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(head.length + size + tail.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), bytes: size, ms: performance.now() - started, sentMs }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.write(head);
    const stream = createReadStream(file.path);
    stream.on('error', reject);
    stream.pipe(request, { end: false });
    stream.on('end', () => request.end(tail, () => (sentMs = performance.now() - started)));
  });
}

/**
 * A download, hashed as it streams in (nothing kept), with how long it took. With
 * `bytesPerSecond`, read no faster than that, as a member on a slow line does: the server then
 * has to wait for the reader (backpressure) or hold what it cannot send yet.
 */
function downloadFile(url: string, headers: Record<string, string>, bytesPerSecond?: number): Promise<Transfer> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = httpRequest(url, { headers }, (response: IncomingMessage) => {
      const hash = createHash('sha256');
      let bytes = 0;
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        hash.update(chunk);
        if (!bytesPerSecond) return;
        const wait = started + (bytes / bytesPerSecond) * 1000 - performance.now();
        if (wait > 0) {
          response.pause();
          setTimeout(() => response.resume(), wait);
        }
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: '', bytes, ms: performance.now() - started, sha256: hash.digest('hex') }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

interface TransferRow {
  name: string;
  /** Which processes the bytes passed through: the site's memory is shown only when it did. */
  via: 'cms' | 'site';
  megabytes: number;
  seconds: number;
  note: string;
  memory: { site: MemoryFigures; cms: MemoryFigures };
  /** Print the memory each second, too. */
  trace?: boolean;
}

/** Each traced transfer's memory, a sample a second: growth that follows the bytes shows here. */
function printTraces(rows: TransferRow[]) {
  const trace = (figures: MemoryFigures) => figures.perSecondMb.map((mb) => mb.toFixed(0)).join(' ');
  for (const row of rows.filter((candidate) => candidate.trace)) {
    console.log(`${row.name}: RSS MB each second: ${row.via === 'site' ? `site ${trace(row.memory.site)}; ` : ''}CMS ${trace(row.memory.cms)}`);
  }
}

function printTransfers(rows: TransferRow[]) {
  const fmt = (value: number) => value.toFixed(0);
  const memory = (figures: MemoryFigures) => `${fmt(figures.beforeMb)} → ${fmt(figures.peakMb)} (+${fmt(figures.peakMb - figures.beforeMb)})`;
  const lines = rows.map((row) => [row.name, fmt(row.megabytes), row.seconds.toFixed(1), (row.megabytes / row.seconds).toFixed(1), row.via === 'site' ? memory(row.memory.site) : '—', memory(row.memory.cms), row.note]);
  const header = ['transfer', 'MB', 's', 'MB/s', 'site RSS MB: before → peak (+Δ), fresh process', 'CMS RSS MB: before → peak (+Δ)', 'checked'];
  printTable(header, lines);
}

function printRows(rows: FolderMeasurement[]) {
  printTable(
    ['measurement', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors (timeouts, non-200)', 'CMS own p50 / p95 ms'],
    rows.map((row) => [
      row.name,
      String(row.connections),
      row.requestsPerSecond.toFixed(0),
      row.p50.toFixed(1),
      row.p95.toFixed(1),
      row.p99.toFixed(1),
      `${row.errors} (${row.timeouts}, ${row.non200})`,
      `${row.cmsP50} / ${row.cmsP95}`,
    ]),
  );
}

interface FolderMeasurement extends Measurement {
  /** The CMS's own time for the folder reads of the run (its request log): the rest is waiting. */
  cmsP50: number;
  cmsP95: number;
  cmsReads: number;
  /** Of the errors: requests autocannon gave up on after 10 s, and answers other than 200. */
  timeouts: number;
  non200: number;
}

/** The durations the CMS's request log gave the folder reads written since `offset`. */
function cmsLogTimes(logFile: string, offset: number, folderId: number): number[] {
  const length = statSync(logFile).size - offset;
  const buffer = Buffer.alloc(Math.max(0, length));
  const fd = openSync(logFile, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  const times: number[] = [];
  const line = new RegExp(`GET /api/files/workspaces/[^/]+/folders/${folderId} \\((\\d+) ms\\)`, 'g');
  for (const match of buffer.toString('utf8').matchAll(line)) times.push(Number(match[1]));
  return times.sort((a, b) => a - b);
}

async function measure(name: string, url: string, headers: Record<string, string>, connections: number, cmsLog: { file: string; folderId: number }): Promise<FolderMeasurement> {
  // Warm up (first render, JIT, the database's caches) before the measured run.
  await autocannon({ url, connections: 5, duration: 2, headers });
  const offset = statSync(cmsLog.file).size;
  const latencies: number[] = [];
  let non200 = 0;
  const instance = autocannon({ url, connections, headers, duration: seconds });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    if (statusCode !== 200) non200++;
  });
  const result = await instance;
  // The log is written as requests finish: a moment for the last ones.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const times = cmsLogTimes(cmsLog.file, offset, cmsLog.folderId);
  // autocannon counts a timeout among its errors too: each failed request once here.
  return { ...rowOf(name, connections, result, latencies, non200), errors: result.errors + non200, cmsP50: percentile(times, 50), cmsP95: percentile(times, 95), cmsReads: times.length, timeouts: result.timeouts, non200 };
}

/**
 * Another instance of the stack's built site, with the same environment, on a port of its own:
 * each transfer through the site gets a process that has carried no file before, so its memory
 * shows what that transfer costs and nothing left from an earlier one.
 */
async function freshSite(stack: Stack, logFile: string): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const { freePorts } = await import('./stack.ts');
  const [port] = await freePorts(1);
  const output = openSync(logFile, 'a');
  const child = spawn(process.execPath, stack.siteCommand, { cwd: join(import.meta.dirname, '../site'), env: { ...process.env, ...stack.env, PORT: String(port) }, stdio: ['ignore', output, output] });
  closeSync(output);
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/_health`)).status < 500) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || attempt > 240) {
      await stop();
      throw new Error(`A second site process did not start (see ${logFile})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, pid: child.pid!, stop };
}

const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');

// ---------------------------------------------------------------- the run

export interface FilesBenchResult {
  transfers: TransferRow[];
  rows: FolderMeasurement[];
}

export async function runFilesBench(): Promise<FilesBenchResult> {
  const { startStack } = await import('./stack.ts');
  const { encodeSession, SESSION_COOKIE } = await import('../site/src/lib/session/cookie.ts');
  const { DEFAULT_DEMO_PASSWORD } = await import('../cms/seed/demo-people.ts');
  // One access token lasts the whole run: the benchmark's clients do not store refreshed cookies.
  process.env.SESSION_ACCESS_SECONDS ??= '3600';
  const folder = mkdtempSync(join(tmpdir(), 'bench-files-'));
  const resultFile = join(folder, 'seed.json');
  const database = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  const csv = join(folder, 'bench-upload.csv');
  const siteLog = join(import.meta.dirname, '../.tmp/stack-logs/bench-files-sites.log');
  const smallCsv = join(folder, 'bench-upload-quarter.csv');
  console.log(`Files: writing a ${fileMegabytes} MB CSV, seeding the demo and a folder of ${itemCount} files (${database}), starting the CMS and site...`);
  await writeCsv(csv, fileMegabytes);
  await writeCsv(smallCsv, fileMegabytes / 4);
  const smallMegabytes = statSync(smallCsv).size / 1024 / 1024;
  const largestCsv = join(folder, 'bench-upload-largest.csv');
  if (largestMegabytes > fileMegabytes) await writeCsv(largestCsv, largestMegabytes);
  const csvBytes = statSync(csv).size;
  const csvSha = await sha256OfFile(csv);
  const megabytes = csvBytes / 1024 / 1024;
  const stack = await startStack({
    cmsPort: Number(process.env.BENCH_FILES_CMS_PORT ?? 1439),
    sitePort: Number(process.env.BENCH_FILES_SITE_PORT ?? 4423),
    seedScript: fileURLToPath(import.meta.url),
    seedArgs: ['--seed', resultFile],
    rebuildSite: true,
    log: (line) => console.log(line),
  });
  const transfers: TransferRow[] = [];
  const rows: FolderMeasurement[] = [];
  const uploaded: number[] = [];
  const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  const signIn = async (email: string) => {
    const response = await fetch(`${stack.cmsUrl}/api/auth/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: email, password, deviceId: 'bench-files' }),
    });
    if (!response.ok) throw new Error(`${email} could not sign in (HTTP ${response.status})`);
    return (await response.json()) as { jwt: string; refreshToken: string };
  };
  try {
    const seed = JSON.parse(readFileSync(resultFile, 'utf8')) as SeedResult;
    const pids = { site: stack.pids.site!, cms: stack.pids.cms! };
    const member = await signIn(MEMBER);
    const bearer = { authorization: `Bearer ${member.jwt}` };
    const cookie = { cookie: `${SESSION_COOKIE}=${encodeSession({ access: member.jwt, refresh: member.refreshToken, device: 'bench-files' })}` };
    // A browser keeps the CSRF cookie the first page sets; so does the benchmark's member.
    const first = await fetch(`${stack.siteUrl}/workspaces/${WORKSPACE}/files`, { headers: cookie });
    if (first.status !== 200) throw new Error(`The site's files page answered HTTP ${first.status}`);
    const csrfCookie = first.headers.getSetCookie().find((header) => header.startsWith('fnhs_csrf='));
    if (csrfCookie) cookie.cookie += `; ${csrfCookie.split(';')[0]}`;
    const api = `${stack.cmsUrl}/api/files/workspaces/${WORKSPACE}`;
    const itemIdByName = async (name: string) => {
      const response = await fetch(`${api}/folders/root?sort=date&order=desc&pageSize=100`, { headers: bearer });
      const { data } = (await response.json()) as { data: { items: { id: number; name: string }[] } };
      return data.items.find((item) => item.name === name)?.id;
    };
    const storedSha = async (id: number) => {
      const response = await fetch(`${api}/items/${id}`, { headers: bearer });
      const { data } = (await response.json()) as { data: { versions: { sha256: string; size: number }[] } };
      return data.versions[0]?.sha256;
    };
    console.log(`\nLoad average (1 / 5 / 15 min) before the transfers: ${load()}`);

    // ---- uploads: a quarter-size file first, then the full one, each way. Memory that follows
    // the bytes grows about four times as much for the second; a heap that grows once does not.
    const sizes = [
      { path: smallCsv, megabytes: smallMegabytes, bytes: statSync(smallCsv).size, sha256: await sha256OfFile(smallCsv) },
      { path: csv, megabytes, bytes: csvBytes, sha256: csvSha },
    ];
    const label = (mb: number) => `${mb.toFixed(0)} MB`;
    let directId: number | undefined;
    for (const file of sizes) {
      const name = `Bench upload ${label(file.megabytes)} (CMS direct).csv`;
      const sampler = memorySampler(pids);
      const sent = await uploadFile(`${api}/folders/root/files`, { ...bearer, accept: 'application/json' }, { path: file.path, name, field: 'files' });
      const memory = await sampler.stop();
      if (sent.status !== 201) throw new Error(`The upload to the CMS answered HTTP ${sent.status}: ${sent.body.slice(0, 500)}`);
      const id = (JSON.parse(sent.body) as { data: { items: { id: number }[] } }).data.items[0]!.id;
      uploaded.push(id);
      if (file.path === csv) directId = id;
      transfers.push({
        via: 'cms',
        name: `upload ${label(file.megabytes)}, CMS direct`,
        megabytes: file.megabytes,
        seconds: sent.ms / 1000,
        note: `${(await storedSha(id)) === file.sha256 ? 'sha256 matches' : 'sha256 DIFFERS'}; body sent in ${(sent.sentMs! / 1000).toFixed(1)} s`,
        memory,
        trace: file.path === csv,
      });
    }
    const largest = largestMegabytes > fileMegabytes ? [{ path: largestCsv, megabytes: statSync(largestCsv).size / 1024 / 1024, bytes: statSync(largestCsv).size, sha256: await sha256OfFile(largestCsv) }] : [];
    try {
      for (const file of [...sizes, ...largest]) {
        const site = await freshSite(stack, siteLog);
        try {
          // The upload page's form, as a browser gets it: its action carries the CSRF token.
          const uploadPage = await fetch(`${site.url}/workspaces/${WORKSPACE}/files/root/upload`, { headers: cookie });
          const html = await uploadPage.text();
          const action = /<form[^>]*action="([^"]*_csrf=[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
          if (uploadPage.status !== 200 || !action) throw new Error(`the site's upload page answered HTTP ${uploadPage.status}${action ? '' : ' without a form that carries its CSRF token'}`);
          const name = `Bench upload ${label(file.megabytes)} (through the site).csv`;
          const sampler = memorySampler({ site: site.pid, cms: pids.cms });
          const sent = await uploadFile(new URL(action, site.url).href, { ...cookie, origin: site.url, accept: 'application/json' }, { path: file.path, name, field: 'files' }, { description: 'Uploaded by the benchmark' });
          const memory = await sampler.stop();
          if (sent.status !== 200 && sent.status !== 303) throw new Error(`the site's upload answered HTTP ${sent.status}: ${sent.body.slice(0, 500)}`);
          const id = await itemIdByName(name);
          if (!id) throw new Error('the file uploaded through the site is not in the folder');
          uploaded.push(id);
          transfers.push({
            via: 'site',
            name: `upload ${label(file.megabytes)}, through the site`,
            megabytes: file.megabytes,
            seconds: sent.ms / 1000,
            note: `${(await storedSha(id)) === file.sha256 ? 'sha256 matches' : 'sha256 DIFFERS'}; body sent in ${(sent.sentMs! / 1000).toFixed(1)} s`,
            memory,
            trace: true,
          });
        } finally {
          await site.stop();
        }
      }
    } catch (error) {
      console.log(`The upload through the site could not be measured: ${(error as Error).message}`);
    }

    // ---- downloads of the full-size file uploaded to the CMS directly (so the site's figures never
    // wait on its own upload): at full speed, five at once, and to a reader on a slow line.
    const downloads = [
      { name: 'CMS direct', via: 'cms' as const, path: `/api/files/workspaces/${WORKSPACE}/items/${directId}/download`, headers: bearer },
      { name: 'through the site', via: 'site' as const, path: `/workspaces/${WORKSPACE}/files/items/${directId}/download`, headers: cookie },
    ];
    const slowRate = 10 * 1024 * 1024;
    for (const { parallel, rate } of [{ parallel: 1, rate: undefined }, { parallel: 5, rate: undefined }, { parallel: 1, rate: slowRate }]) {
      for (const download of downloads) {
        const site = download.via === 'site' ? await freshSite(stack, siteLog) : undefined;
        let results: Transfer[];
        let ms: number;
        let memory: { site: MemoryFigures; cms: MemoryFigures };
        try {
          // The site's first answer (JIT, modules) before the baseline, as a running site has given many.
          if (site) await (await fetch(`${site.url}/workspaces/${WORKSPACE}/files`, { headers: cookie })).text();
          const sampler = memorySampler({ site: site?.pid ?? pids.site, cms: pids.cms });
          const started = performance.now();
          results = await Promise.all(Array.from({ length: parallel }, () => downloadFile(`${site?.url ?? stack.cmsUrl}${download.path}`, download.headers, rate)));
          ms = performance.now() - started;
          memory = await sampler.stop();
        } finally {
          await site?.stop();
        }
        const good = results.filter((result) => result.status === 200 && result.bytes === csvBytes && result.sha256 === csvSha).length;
        transfers.push({
          via: download.via,
          name: `download ${label(megabytes)}, ${download.name}${parallel > 1 ? `, ${parallel} at once` : ''}${rate ? `, reader at ${rate / 1024 / 1024} MB/s` : ''}`,
          megabytes: results.reduce((sum, result) => sum + result.bytes, 0) / 1024 / 1024,
          seconds: ms / 1000,
          note: `${good}/${parallel} complete, sha256 matches${good < parallel ? ` (statuses ${results.map((result) => result.status).join(', ')})` : ''}`,
          memory,
          trace: Boolean(rate) || parallel > 1,
        });
      }
    }
    console.log(`\n${database}, Node ${process.version}; load average after the transfers: ${load()}\n`);
    printTransfers(transfers);
    console.log('');
    printTraces(transfers);

    // ---- the folder of many files, and a folder of the demo's few as a yardstick on this machine
    const folderPath = `/workspaces/${WORKSPACE}/files/${seed.folderId}`;
    const cmsFolder = `${api}/folders/${seed.folderId}?pageSize=${PAGE_SIZE}`;
    const check = await fetch(`${stack.siteUrl}${folderPath}`, { headers: cookie });
    const checkHtml = await check.text();
    if (check.status !== 200 || !checkHtml.includes('Activity data 0003.xlsx')) throw new Error(`The site's page of the folder of ${seed.items} files answered HTTP ${check.status} without its first files`);
    const root = (await (await fetch(`${api}/folders/root`, { headers: bearer })).json()) as { data: { folders: { id: number; name: string }[] } };
    const small = root.data.folders.find((candidate) => candidate.id !== seed.folderId);
    if (!small) throw new Error(`The demo's folders are missing from ${WORKSPACE}`);
    const smallCount = ((await (await fetch(`${api}/folders/${small.id}?pageSize=${PAGE_SIZE}`, { headers: bearer })).json()) as { data: { pagination: { total: number } } }).data.pagination.total;
    const deepPage = Math.min(50, Math.ceil(seed.items / PAGE_SIZE));
    console.log(`\nFolder of ${seed.items} files (inserted in ${seed.insertSeconds.toFixed(1)} s); ${seconds} s per run. Load average before: ${load()}`);
    const runs: { name: string; url: string; headers: Record<string, string>; connections: number[]; folderId: number }[] = [
      { name: `site folder of ${seed.items}, page 1 (by name), member`, url: `${stack.siteUrl}${folderPath}`, headers: cookie, connections: [10, 50], folderId: seed.folderId },
      { name: `CMS folder of ${seed.items}, page 1 (by name)`, url: cmsFolder, headers: bearer, connections: [10, 50], folderId: seed.folderId },
      { name: `site folder of ${seed.items}, page ${deepPage} (by name), member`, url: `${stack.siteUrl}${folderPath}?page=${deepPage}`, headers: cookie, connections: [50], folderId: seed.folderId },
      { name: `CMS folder of ${seed.items}, page ${deepPage} (by name)`, url: `${cmsFolder}&page=${deepPage}`, headers: bearer, connections: [50], folderId: seed.folderId },
      { name: `site folder of ${seed.items}, page 1 by size, member`, url: `${stack.siteUrl}${folderPath}?sort=size`, headers: cookie, connections: [50], folderId: seed.folderId },
      { name: `CMS folder of ${seed.items}, page 1 by size`, url: `${cmsFolder}&sort=size&order=desc`, headers: bearer, connections: [50], folderId: seed.folderId },
      { name: `site demo folder of ${smallCount} (yardstick), member`, url: `${stack.siteUrl}/workspaces/${WORKSPACE}/files/${small.id}`, headers: cookie, connections: [50], folderId: small.id },
      { name: `CMS demo folder of ${smallCount} (yardstick)`, url: `${api}/folders/${small.id}?pageSize=${PAGE_SIZE}`, headers: bearer, connections: [50], folderId: small.id },
    ];
    for (const run of runs) {
      for (const connections of run.connections) rows.push(await measure(run.name, run.url, run.headers, connections, { file: stack.logs.cms, folderId: run.folderId }));
    }
    console.log(`\nLoad average after the folder runs: ${load()}\n`);
    printTransfers(transfers);
    console.log('');
    printTraces(transfers);
    console.log('');
    printRows(rows);
    console.log(`\nRSS is the process's resident memory (with any child processes), sampled every 100 ms during each transfer; "+Δ" is peak minus before.`);
    console.log(`Each transfer through the site runs in a site process of its own (the same build, started for it), so its figures carry nothing from earlier ones.`);
    console.log(`"CMS own" is the time the CMS's request log gives its folder reads during the run (for the site's rows, the site's calls): the rest of the latency is waiting for a turn.`);
    console.log(`Targets: memory flat during a ${fileMegabytes} MB transfer (not growing with the file's size); the first page of a ${seed.items}-file folder, p95 at 50 connections (figures only).`);
    return { transfers, rows };
  } finally {
    // What the benchmark uploaded goes to the bin and is purged by a manager, so its bytes leave the disk.
    try {
      if (uploaded.length) {
        const member = await signIn(MEMBER);
        const manager = await signIn(MANAGER);
        for (const id of uploaded) {
          await fetch(`${stack.cmsUrl}/api/files/workspaces/${WORKSPACE}/items/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${member.jwt}` } });
          const purged = await fetch(`${stack.cmsUrl}/api/files/workspaces/${WORKSPACE}/bin/item/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${manager.jwt}` } });
          if (!purged.ok) console.log(`The uploaded file ${id} could not be purged (HTTP ${purged.status}); its bytes stay in cms/public/uploads`);
        }
      }
    } catch (error) {
      console.log(`Clearing the uploaded files failed: ${(error as Error).message}`);
    }
    await stack.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

const seedArgument = process.argv.indexOf('--seed');
if (seedArgument > 0) {
  await seed(process.argv[seedArgument + 1]!);
  process.exit(0);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runFilesBench();
}
