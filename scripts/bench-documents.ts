/**
 * The documents part of `pnpm bench` (issue 16 "Performance"), also run alone by
 * `pnpm bench:documents` or `BENCH_ONLY=documents pnpm bench`. It starts the compiled CMS alone
 * (no site: see startCms) on a throwaway database with a restricted workspace of 201 people (a manager and one person per
 * editor, so no one comes near the per-member connection limit), makes 50 documents through the
 * API, then:
 *
 * - opens 4 Yjs clients per document over WebSocket (no browser: @hocuspocus/provider in this
 *   process, each with a socket and a ticket of its own, as the site's editor has), and gives the
 *   CMS's resident memory before and after: memory per open document;
 * - has every client type a few characters every ~500 ms (at random, 250–750 ms apart) for 20 s,
 *   each carrying a unique marker, and times each marker from the moment it is typed to its
 *   arrival at each of the document's other 3 clients (p50, p95, max, count, and any missing);
 * - samples the CMS's CPU time (/proc/<pid>/stat) idle with every client open and while they type.
 *
 * Figures, never pass/fail. Options (environment): BENCH_DOCUMENTS (50), BENCH_DOCUMENTS_EDITORS
 * (4 per document), BENCH_DOCUMENTS_SECONDS (20 of typing), BENCH_DOCUMENTS_INTERVAL_MS (500, the
 * mean time between one client's updates), BENCH_DOCUMENTS_CMS_PORT
 * (1440), TEST_DATABASE_URL (PostgreSQL server; SQLite otherwise).
 *
 * This file is also the CMS's seed script: `node scripts/bench-documents.ts --seed <result.json>
 * --people <n>` runs in the CMS folder with the CMS's environment, makes the workspace and its
 * people with a session each, and writes them to the result file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, machineCpuSeconds, percentile, printTable, residentKb } from './bench-support.ts';

const documentCount = Number(process.env.BENCH_DOCUMENTS ?? 50);
const editorsPerDocument = Number(process.env.BENCH_DOCUMENTS_EDITORS ?? 4);
const typingSeconds = Number(process.env.BENCH_DOCUMENTS_SECONDS ?? 20);
const intervalMs = Number(process.env.BENCH_DOCUMENTS_INTERVAL_MS ?? 500);
const WORKSPACE = 'bench-documents';
/** A marker typed into a document: which client, and its count of updates. */
const MARKER = /~c(\d+)n(\d+)~/g;

/** What this script uses of Strapi (its types are the CMS package's, not resolvable from here). */
interface Strapi {
  db: { query(uid: string): any };
  documents(uid: string): any;
  plugin(name: string): any;
  destroy(): Promise<void>;
}

interface SeedResult {
  slug: string;
  /** The workspace's manager first, then its members; each with an access token. */
  people: { id: number; jwt: string }[];
  seconds: number;
}

// ---------------------------------------------------------------- seed mode

/**
 * A restricted workspace (reading needs a membership, as most documents' workspaces do) and
 * `people` members, written through the database layer: nobody signs in with a password, each
 * gets a session as signing in would make one, so no password is hashed 200 times.
 */
async function seed(resultFile: string, people: number): Promise<void> {
  const { bootStrapi } = await import('../cms/seed/boot-strapi.ts');
  process.env.SITE_REVALIDATION = 'off';
  const strapi = (await bootStrapi()) as unknown as Strapi;
  try {
    const started = Date.now();
    const workspace = (await strapi.documents('api::workspace.workspace').create({
      data: { title: 'Benchmark: documents written together', slug: WORKSPACE, summary: 'A workspace made by the documents benchmark.', visibility: 'restricted' },
    })) as { id: number };
    const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const jwt = strapi.plugin('users-permissions').service('jwt');
    const made: SeedResult['people'] = [];
    for (let index = 0; index < people; index++) {
      const user = (await strapi.db.query('plugin::users-permissions.user').create({
        data: {
          username: `bench-editor-${index}`,
          email: `bench-editor-${index}@bench.nhs.net`,
          provider: 'local',
          confirmed: true,
          blocked: false,
          role: role.id,
          firstName: `Editor${index}`,
          lastName: 'Benchmark',
          jobTitle: 'Service manager',
          organisation: 'NHS Benchmark Trust',
        },
      })) as { id: number };
      await strapi.db.query('plugin::membership.membership').create({
        data: { workspace: workspace.id, user: user.id, role: index === 0 ? 'manager' : 'member', state: 'active' },
      });
      made.push({ id: user.id, jwt: (await jwt.issue({ id: user.id })) as string });
    }
    // Search indexes new people through its outbox: drained here, so the CMS does not index them while it is measured.
    await strapi.plugin('search').service('indexer').drain();
    const seconds = (Date.now() - started) / 1000;
    console.log(`  bench documents: workspace ${WORKSPACE} with ${people} people (${seconds.toFixed(1)} s)`);
    writeFileSync(resultFile, JSON.stringify({ slug: WORKSPACE, people: made, seconds } satisfies SeedResult));
  } finally {
    await strapi.destroy();
  }
}

// ---------------------------------------------------------------- the CMS alone

interface Cms {
  url: string;
  pid: number;
  /** The CMS's inspector (node --inspect), for collecting its garbage before memory is read. */
  inspectorPort: number;
  log: string;
  stop(): Promise<void>;
}

/**
 * The compiled CMS (`strapi start`) on a throwaway database, seeded by this file, as
 * scripts/stack.ts starts it, but without the site: the editors talk to the CMS's socket
 * directly, so a site build (minutes on this machine) would only be waited for, and a site that
 * does not build would stop this part for nothing. The site's WebSocket forwarding (server.mjs)
 * is therefore not in these figures. The environment is stack.ts's (`platformEnv`).
 */
async function startCms(port: number, seedArgs: string[]): Promise<Cms> {
  const { compileCms, freePorts, logTail, platformEnv } = await import('./stack.ts');
  const { createThrowawayDatabase } = await import('./throwaway-database.ts');
  const root = join(import.meta.dirname, '..');
  const cmsDir = join(root, 'cms');
  const url = `http://127.0.0.1:${port}`;
  // Nothing listens here: the CMS's calls to revalidate the site's caches fail at once, as while seeding.
  const siteUrl = 'http://127.0.0.1:9';
  const database = await createThrowawayDatabase('futurenhs_bench_documents');
  const env = platformEnv(database, url, siteUrl);
  let child: ChildProcess | undefined;
  let inspectorPort = 0;
  const stop = async () => {
    if (child && child.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child!.kill('SIGKILL'), 10_000);
        child!.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child!.kill('SIGTERM');
      });
    }
    await database.drop();
  };
  const logFolder = join(root, '.tmp', 'stack-logs');
  const log = join(logFolder, `cms-${port}.log`);
  try {
    compileCms();
    console.log('seeding');
    await new Promise<void>((resolve, reject) => {
      const seeding = spawn(process.execPath, [fileURLToPath(import.meta.url), ...seedArgs], { cwd: cmsDir, env: { ...process.env, ...env }, stdio: 'inherit' });
      seeding.once('error', reject);
      seeding.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`The seed failed (exit code ${code})`))));
    });
    // bin/ is not in @strapi/strapi's exports map; the CLI sits beside its package.json.
    const strapiBin = join(dirname(createRequire(join(cmsDir, 'package.json')).resolve('@strapi/strapi/package.json')), 'bin/strapi.js');
    mkdirSync(logFolder, { recursive: true });
    rmSync(log, { force: true });
    console.log(`process log: ${log}`);
    // Its output to a file, not through this process: it is also the clients' process.
    const output = openSync(log, 'a');
    [inspectorPort] = await freePorts(1);
    child = spawn(process.execPath, [`--inspect=127.0.0.1:${inspectorPort}`, strapiBin, 'start'], { cwd: cmsDir, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', output, output] });
    closeSync(output);
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`The CMS exited with code ${child.exitCode} before it was ready`);
      try {
        if ((await fetch(`${url}/_health`)).status < 500) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 120_000) throw new Error(`The CMS was not ready at ${url} within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- CMS log ---\n${logTail(log)}`);
  }
  return { url, pid: child.pid!, inspectorPort, log, stop };
}

// ---------------------------------------------------------------- measuring

/** Calls on a process's inspector (the Chrome DevTools protocol, over Node's own WebSocket client). */
async function inspect<T>(port: number, calls: (call: (method: string) => Promise<any>) => Promise<T>): Promise<T> {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const socket = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.onopen = resolve;
    socket.onerror = () => reject(new Error(`The CMS's inspector at port ${port} did not answer`));
  });
  const pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data));
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  };
  let next = 0;
  const call = (method: string) =>
    new Promise<any>((resolve, reject) => {
      const id = ++next;
      pending.set(id, (message) => (message.error ? reject(new Error(`${method}: ${message.error.message}`)) : resolve(message.result)));
      socket.send(JSON.stringify({ id, method, params: {} }));
    });
  try {
    return await calls(call);
  } finally {
    // Detached again at once: nothing of the inspector stays on while the CMS is measured.
    socket.close();
  }
}

interface MemoryReading {
  /** Resident memory (MB), the median of a few samples after the collection. */
  rssMb: number;
  /** The V8 heap in use (MB) right after a full collection: live objects only. */
  heapMb: number;
}

/**
 * The CMS's memory with its garbage collected first (through its inspector): without that, a
 * reading shows whenever V8 last collected, and the difference between two readings is noise of
 * tens of MB either way.
 */
async function memoryOf(cms: Cms): Promise<MemoryReading> {
  const heapMb = await inspect(cms.inspectorPort, async (call) => {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const usage = (await call('Runtime.getHeapUsage')) as { usedSize: number };
    return usage.usedSize / 1024 / 1024;
  });
  const values: number[] = [];
  for (let index = 0; index < 5; index++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    values.push(residentKb(cms.pid) / 1024);
  }
  values.sort((a, b) => a - b);
  return { rssMb: values[Math.floor(values.length / 2)]!, heapMb };
}

/** CPU the CMS, this process (the clients) and the whole machine used over a stretch of time. */
function cpuMeter(cmsPid: number) {
  const start = { cms: cpuSeconds(cmsPid), client: process.cpuUsage(), machine: machineCpuSeconds(), at: performance.now() };
  const perSecond: number[] = [];
  let last = { cms: start.cms, at: start.at };
  const timer = setInterval(() => {
    const now = { cms: cpuSeconds(cmsPid), at: performance.now() };
    perSecond.push(((now.cms - last.cms) / ((now.at - last.at) / 1000)) * 100);
    last = now;
  }, 1000);
  return {
    /** Percentages of one core (the machine's: of all its cores together). */
    stop() {
      clearInterval(timer);
      const seconds = (performance.now() - start.at) / 1000;
      const client = process.cpuUsage(start.client);
      const machine = machineCpuSeconds();
      return {
        seconds,
        cmsPercent: ((cpuSeconds(cmsPid) - start.cms) / seconds) * 100,
        clientPercent: ((client.user + client.system) / 1e6 / seconds) * 100,
        machineBusyPercent: ((machine.busy - start.machine.busy) / (machine.total - start.machine.total)) * 100,
        cmsPerSecond: perSecond,
      };
    },
  };
}

type CpuFigures = ReturnType<ReturnType<typeof cpuMeter>['stop']>;

export interface DocumentsBenchResult {
  documents: number;
  editorsPerDocument: number;
  connections: number;
  openSeconds: number;
  memory: { before: MemoryReading; open: MemoryReading; afterTyping: MemoryReading; perDocumentRssMb: number; perDocumentHeapMb: number };
  cpu: { idle: CpuFigures; typing: CpuFigures };
  latency: { p50: number; p95: number; p99: number; max: number; arrivals: number; expected: number; sent: number; p95BySecond: number[] };
  converged: number;
  stored: number;
  reconnects: number;
}

const load = () => loadavg().map((value) => value.toFixed(1)).join(' / ');

export async function runDocumentsBench(): Promise<DocumentsBenchResult> {
  // The editors' helpers from the CMS's tests: their imports (the provider, ws, yjs) resolve from the CMS's packages.
  const { connectEditor, typeParagraph, until } = await import('../cms/tests/helpers/documents.ts');
  type Editor = ReturnType<typeof connectEditor>;
  // Tokens last the whole run; 51 documents made by one manager are past a person's posting limit.
  process.env.SESSION_ACCESS_SECONDS ??= '3600';
  process.env.RATE_LIMIT_POSTING ??= '10000000';
  const folder = mkdtempSync(join(tmpdir(), 'bench-documents-'));
  const resultFile = join(folder, 'seed.json');
  const database = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite';
  const connections = documentCount * editorsPerDocument;
  console.log(`Documents: a workspace of ${connections + 1} people (${database}), starting the CMS...`);
  const cms = await startCms(Number(process.env.BENCH_DOCUMENTS_CMS_PORT ?? 1440), ['--seed', resultFile, '--people', String(connections + 1)]);
  const editors: { editor: Editor; client: number; document: number }[] = [];
  try {
    const seed = JSON.parse(readFileSync(resultFile, 'utf8')) as SeedResult;
    const api = `${cms.url}/api/documents/workspaces/${seed.slug}/documents`;
    const socketUrl = `${cms.url.replace(/^http/, 'ws')}/collaboration`;
    const bearer = (person: { jwt: string }) => ({ authorization: `Bearer ${person.jwt}`, 'content-type': 'application/json' });
    const [manager, ...members] = seed.people;

    const create = async (name: string) => {
      const response = await fetch(api, { method: 'POST', headers: bearer(manager!), body: JSON.stringify({ name, folderId: null }) });
      if (response.status !== 201) throw new Error(`Creating a document answered HTTP ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { data: { id: number } }).data.id;
    };
    /** A fresh ticket each time the provider (re)connects, from the person's own session, as the site's editor gets one. */
    const ticketOf = (person: { jwt: string }, id: number) => async () => {
      const response = await fetch(`${api}/${id}/ticket`, { method: 'POST', headers: bearer(person) });
      if (response.status !== 200) throw new Error(`A ticket answered HTTP ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { data: { ticket: string } }).data.ticket;
    };
    const open = (person: { jwt: string }, id: number) => connectEditor(socketUrl, `document.${id}`, ticketOf(person, id));
    const allSynced = (list: Editor[], what: string, timeout: number) =>
      until(
        () => {
          const refused = list.find((editor) => editor.events.authenticationFailed.length);
          if (refused) throw new Error(`A client was refused: ${refused.events.authenticationFailed[0]}`);
          return list.every((editor) => editor.provider.isSynced);
        },
        what,
        timeout,
      );

    const ids: number[] = [];
    for (let index = 0; index < documentCount; index++) ids.push(await create(`Benchmark document ${String(index + 1).padStart(2, '0')}`));
    // One document opened and typed in first, kept open: the collaboration server's code paths
    // are loaded and warm before the baseline, so the difference is the documents' own.
    const warmId = await create('Benchmark warm-up');
    const warm = open(manager!, warmId);
    await allSynced([warm], 'the warm-up document to sync', 30_000);
    typeParagraph(warm, 'Warming up the collaboration server.');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const before = await memoryOf(cms);

    // Every document's clients, ten documents at a time.
    const openStarted = performance.now();
    for (let start = 0; start < documentCount; start += 10) {
      const batch: Editor[] = [];
      for (let document = start; document < Math.min(documentCount, start + 10); document++) {
        for (let seat = 0; seat < editorsPerDocument; seat++) {
          const client = document * editorsPerDocument + seat;
          const editor = open(members[client]!, ids[document]!);
          editors.push({ editor, client, document });
          batch.push(editor);
        }
      }
      await allSynced(batch, `${batch.length} clients to sync`, 60_000);
    }
    const openSeconds = (performance.now() - openStarted) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const opened = await memoryOf(cms);
    const idleMeter = cpuMeter(cms.pid);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const idle = idleMeter.stop();

    // Typing. Each marker's send time; each arrival at another client of its document is one latency.
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    /** Each arrival's latency by the second of the run it arrived in: bursts (the CMS storing every document at once) show here. */
    const bySecond: number[][] = [];
    let typingStarted = 0;
    for (const { editor } of editors) {
      editor.doc.getXmlFragment('default').observeDeep((events, transaction) => {
        if (transaction.local) return;
        const now = performance.now();
        for (const event of events) {
          for (const op of event.delta) {
            // Text typed into a paragraph arrives as a string; a new paragraph as the element itself.
            const inserted = typeof op.insert === 'string' ? op.insert : Array.isArray(op.insert) ? op.insert.map(String).join('') : '';
            for (const [marker] of inserted.matchAll(MARKER)) {
              const sent = sentAt.get(marker);
              if (sent === undefined) continue;
              latencies.push(now - sent);
              (bySecond[Math.floor((now - typingStarted) / 1000)] ??= []).push(now - sent);
            }
          }
        }
      });
    }
    const typingMeter = cpuMeter(cms.pid);
    typingStarted = performance.now();
    const typingEnds = performance.now() + typingSeconds * 1000;
    const lastMarker = new Map<number, string>();
    await Promise.all(
      editors.map(async ({ editor, client }) => {
        let count = 0;
        let paragraph: { insert(index: number, text: string): void; length: number } | undefined;
        // Clients start at random moments, so their updates do not come in waves.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * intervalMs));
        while (performance.now() < typingEnds) {
          const marker = `~c${client}n${++count}~`;
          sentAt.set(marker, performance.now());
          if (!paragraph) {
            // The client's own paragraph, typed into from then on, as a person writes a sentence.
            typeParagraph(editor, marker);
            const fragment = editor.doc.getXmlFragment('default');
            const element = fragment.toArray().find((node) => node.toString().includes(marker)) as unknown as { get(index: number): typeof paragraph };
            paragraph = element.get(0);
          } else {
            paragraph.insert(paragraph.length, ` ${marker}`);
          }
          lastMarker.set(client, marker);
          await new Promise((resolve) => setTimeout(resolve, intervalMs * (0.5 + Math.random())));
        }
      }),
    );
    const typing = typingMeter.stop();
    const others = editorsPerDocument - 1;
    const expected = sentAt.size * others;
    // The last updates still on their way.
    await until(() => latencies.length >= expected, 'the last updates to arrive', 5_000).catch(() => undefined);
    const afterTyping = await memoryOf(cms);

    // Every client of a document ends with the same document; the CMS has stored it (after its debounce).
    let converged = 0;
    for (let document = 0; document < documentCount; document++) {
      const texts = editors.filter((entry) => entry.document === document).map(({ editor }) => editor.text());
      if (texts.every((text) => text === texts[0])) converged++;
    }
    let stored = 0;
    await until(
      async () => {
        stored = 0;
        for (let document = 0; document < documentCount; document++) {
          const response = await fetch(`${api}/${ids[document]}`, { headers: bearer(manager!) });
          const html = ((await response.json()) as { data?: { document: { html: string } } }).data?.document.html ?? '';
          const clients = editors.filter((entry) => entry.document === document).map((entry) => entry.client);
          if (clients.every((client) => html.includes(lastMarker.get(client) ?? '\u0000'))) stored++;
        }
        return stored === documentCount;
      },
      'the CMS to store every document',
      15_000,
    ).catch(() => undefined);
    const reconnects = editors.reduce((sum, { editor }) => sum + editor.events.closed.length, 0);
    warm.destroy();

    latencies.sort((a, b) => a - b);
    const latency = {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      arrivals: latencies.length,
      expected,
      sent: sentAt.size,
      p95BySecond: Array.from(bySecond, (values = []) => percentile(values.sort((a, b) => a - b), 95)),
    };
    const memory = {
      before,
      open: opened,
      afterTyping,
      perDocumentRssMb: (opened.rssMb - before.rssMb) / documentCount,
      perDocumentHeapMb: (opened.heapMb - before.heapMb) / documentCount,
    };
    const result: DocumentsBenchResult = { documents: documentCount, editorsPerDocument, connections, openSeconds, memory, cpu: { idle, typing }, latency, converged, stored, reconnects };
    printDocuments(result, database);
    return result;
  } finally {
    for (const { editor } of editors) editor.destroy();
    await cms.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

function printDocuments(result: DocumentsBenchResult, database: string): void {
  const { memory, cpu, latency } = result;
  const ms = (value: number) => value.toFixed(1);
  const mb = (value: number) => value.toFixed(0);
  const percent = (value: number) => `${value.toFixed(0)} %`;
  console.log(`\n${result.documents} documents × ${result.editorsPerDocument} editors = ${result.connections} Yjs clients over WebSocket, one CMS instance, ${database}, Node ${process.version}; load average ${load()}\n`);
  printTable(
    ['documents measurement', 'figure'],
    [
      [`update latency, typed → each other client of the document (${latency.arrivals} of ${latency.expected} arrivals)`, `p50 ${ms(latency.p50)} ms, p95 ${ms(latency.p95)} ms, p99 ${ms(latency.p99)} ms, max ${ms(latency.max)} ms`],
      [`updates typed (${typingSeconds} s, one per client every ~${intervalMs} ms)`, `${latency.sent} (${(latency.sent / cpu.typing.seconds).toFixed(0)}/s in, ${(latency.arrivals / cpu.typing.seconds).toFixed(0)}/s out)`],
      ['update latency p95, each second of typing', latency.p95BySecond.map((value) => value.toFixed(0)).join(' ')],
      ['CMS RSS / V8 heap in use: before → all clients open', `${mb(memory.before.rssMb)} → ${mb(memory.open.rssMb)} MB / ${mb(memory.before.heapMb)} → ${mb(memory.open.heapMb)} MB`],
      ['CMS memory per open document (Δ / documents)', `RSS ${memory.perDocumentRssMb.toFixed(2)} MB, heap ${memory.perDocumentHeapMb.toFixed(2)} MB (${((memory.perDocumentHeapMb * 1024) / result.editorsPerDocument).toFixed(0)} kB heap per connection)`],
      ['CMS RSS / heap after typing (documents grown)', `${mb(memory.afterTyping.rssMb)} MB / ${mb(memory.afterTyping.heapMb)} MB`],
      ['CMS CPU, all clients open, idle (5 s)', `${percent(cpu.idle.cmsPercent)} of one core`],
      ['CMS CPU while typing', `${percent(cpu.typing.cmsPercent)} of one core (each second: ${cpu.typing.cmsPerSecond.map((value) => value.toFixed(0)).join(' ')})`],
      ['bench clients CPU while typing (this process)', `${percent(cpu.typing.clientPercent)} of one core`],
      [`machine busy while typing (${cpus().length} cores)`, `${percent(cpu.typing.machineBusyPercent)} of all cores`],
      ['opening every client (tickets, sockets, sync)', `${result.openSeconds.toFixed(1)} s`],
      ['documents the same at all their clients / stored by the CMS', `${result.converged} / ${result.stored} of ${result.documents}`],
      ['connections closed during the run', String(result.reconnects)],
    ],
  );
  console.log(`\nThe clients run in this benchmark's own Node process, on the same ${cpus().length}-core machine as the CMS and its database: their CPU`);
  console.log(`competes with the CMS's, and their event loop's delay is part of each latency. "Memory per open document" is the CMS's`);
  console.log(`memory with every client synced minus before (a warm-up document already open), over the documents, each read after a full`);
  console.log(`garbage collection (through the CMS's inspector): each document's Yjs state, its ${result.editorsPerDocument} connections and sockets. The documents`);
  console.log(`start empty; each ends the run with about ${Math.round((typingSeconds * 1000) / intervalMs) * result.editorsPerDocument} short updates typed in. CPU is the CMS process's user + system time`);
  console.log(`(/proc/<pid>/stat); "machine busy" counts every process, other people's included. The clients connect to the CMS's socket`);
  console.log(`directly: the site's forwarding of the socket (server.mjs) is not in these figures. Every client starts typing in the same`);
  console.log(`second, so every document reaches the CMS's longest wait before storing (10 s, STORE_MAX_DEBOUNCE_MS) together: the spike`);
  console.log(`in the per-second latency and CPU is all ${result.documents} documents stored at once: a worst case (people who start at different times spread it out).`);
  console.log(`Target: update propagation p95 < 100 ms at this load (figures only).`);
}

const seedArgument = process.argv.indexOf('--seed');
if (seedArgument > 0) {
  const peopleArgument = process.argv.indexOf('--people');
  await seed(process.argv[seedArgument + 1]!, peopleArgument > 0 ? Number(process.argv[peopleArgument + 1]) : 201);
  process.exit(0);
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await runDocumentsBench();
  // The providers' and sockets' timers are gone with the CMS; ending here does not wait on any left.
  process.exit(0);
}
