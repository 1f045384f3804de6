/**
 * Starts the platform as it runs in production, for the browser tests and the benchmark:
 * a throwaway database (SQLite file, or a fresh PostgreSQL database when TEST_DATABASE_URL is
 * set), seeded, then the compiled CMS (`strapi start`) and the built site as real processes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createThrowawayDatabase, type ThrowawayDatabase } from './throwaway-database.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cmsDir = join(root, 'cms');
const siteDir = join(root, 'site');
const requireFromCms = createRequire(join(cmsDir, 'package.json'));

export interface Stack {
  cmsUrl: string;
  siteUrl: string;
  /** The arguments to node that run this stack's built site (tests may start more instances of it). */
  siteCommand: string[];
  env: Record<string, string>;
  pids: { cms?: number; site?: number };
  logs: { cms: string; site: string };
  stop(): Promise<void>;
}

export interface StackOptions {
  cmsPort: number;
  sitePort: number;
  /** A script run with the stack's environment after the database exists (default: the demo seed). */
  seedScript?: string;
  seedArgs?: string[];
  /**
   * Build the site afresh, into a folder of this stack's own (site/.tmp/build-<port>, removed on
   * stop), so that stacks running side by side (two people's browser tests, a benchmark) never
   * rebuild the site another one is running. Otherwise site/dist, built if missing.
   */
  rebuildSite?: boolean;
  /** More environment for both processes (e.g. the browser tests' mail server). */
  env?: Record<string, string>;
  /** More environment for the site only. */
  siteEnv?: Record<string, string>;
  /**
   * Also build the CMS's admin panel (`strapi build`, into cms/dist/build), while the site builds,
   * for tests that serve it from a CMS instance of their own (the stack's CMS serves no admin
   * panel). Its output goes to .tmp/stack-logs/cms-admin-build.log.
   */
  adminPanel?: boolean;
  log?: (message: string) => void;
}

const logFolder = join(root, '.tmp', 'stack-logs');

const secret = () => randomBytes(18).toString('base64url');

/** Ports nothing listens on now, chosen by the OS; held open together so no two are the same. */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** What the CMS's compile reads (sources, not what it writes), as a count and modification times. */
function cmsSourcesStamp(): string {
  let count = 0;
  let sum = 0;
  const visit = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const child = join(path, entry.name);
      if (entry.isDirectory()) visit(child);
      else {
        count += 1;
        sum += statSync(child).mtimeMs;
      }
    }
  };
  for (const folder of ['cms/src', 'cms/config', 'cms/database', 'blocks/src', 'contract/src']) {
    if (existsSync(join(root, folder))) visit(join(root, folder));
  }
  for (const file of ['cms/tsconfig.json', 'blocks/tsconfig.json', 'blocks/tsconfig.types.json', 'contract/tsconfig.json', 'contract/tsconfig.types.json']) {
    if (existsSync(join(root, file))) sum += statSync(join(root, file)).mtimeMs;
  }
  return `${count}:${sum}`;
}

/**
 * The stamp of the sources this process last compiled, kept on the process rather than in this
 * module: a vitest run loads this file once for each project's setup, and the CMS tests' setup and
 * the browser tests' stack would otherwise compile the same sources twice in a row.
 */
const compiledStamp = Symbol.for('futurenhs.stack.compiledCmsSources');

export function compileCms(): void {
  const holder = globalThis as { [compiledStamp]?: string };
  const stamp = cmsSourcesStamp();
  if (holder[compiledStamp] === stamp && existsSync(join(cmsDir, 'dist/src/index.js'))) return;
  const tsc = requireFromCms.resolve('typescript/bin/tsc');
  // The workspace packages' declarations first: the CMS's compiler reads them in place of their sources (cms `compile:types`).
  for (const project of ['../blocks/tsconfig.types.json', '../contract/tsconfig.types.json']) {
    execFileSync(process.execPath, [tsc, '-p', project], { cwd: cmsDir, stdio: 'inherit' });
  }
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: cmsDir, stdio: 'inherit' });
  // Local plugins compile together with the code they share (Strapi reads src/plugins/dist/<name>, never their TypeScript).
  execFileSync(process.execPath, [tsc, '-p', 'src/plugins/tsconfig.json'], { cwd: cmsDir, stdio: 'inherit' });
  holder[compiledStamp] = stamp;
}

/** The arguments to node that build the site into `outDir`, and those that serve that build. */
function siteCommands(outDir: string): { build: string[]; serve: string[] } {
  const astro = join(dirname(createRequire(join(siteDir, 'package.json')).resolve('astro/package.json')), 'bin/astro.mjs');
  return { build: [astro, 'build', '--outDir', outDir], serve: [join(siteDir, 'server.mjs'), outDir] };
}

// Set here, not left to the caller's shell: vitest and the benchmark build from whatever
// environment they were started in, and Astro would otherwise ask to send usage data.
const siteBuildEnv = () => ({ ...process.env, ASTRO_TELEMETRY_DISABLED: '1' });

/**
 * Builds the site (unless `force` is false and a build exists) into `outDir`, and returns the
 * arguments to node that serve it. The folder must be inside site/, so the build's imports resolve
 * to its packages.
 */
export function buildSite(force = false, outDir = join(siteDir, 'dist')): string[] {
  const { build, serve } = siteCommands(outDir);
  if (!force && existsSync(join(outDir, 'server/entry.mjs'))) return serve;
  execFileSync(process.execPath, build, { cwd: siteDir, stdio: 'inherit', env: siteBuildEnv() });
  return serve;
}

/** Runs node with `args` to its end; rejects, with the end of its output, unless it exits with 0. */
function runNode(args: string[], cwd: string, env: NodeJS.ProcessEnv, logFile?: string): Promise<void> {
  let output: number | undefined;
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    output = openSync(logFile, 'w');
  }
  const child = spawn(process.execPath, args, { cwd, env, stdio: output === undefined ? 'inherit' : ['ignore', output, output] });
  if (output !== undefined) closeSync(output);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`node ${args.join(' ')} failed (${signal ?? `exit code ${code}`})${logFile ? `:\n${logTail(logFile)}` : ''}`));
    });
  });
}

/**
 * Builds the admin panel as `pnpm build` does (`strapi build`, which compiles the CMS again and
 * bundles the panel into cms/dist/build). It rewrites cms/dist, so nothing may load the CMS from
 * there meanwhile.
 */
export function buildAdminPanel(env: Record<string, string>, logFile = join(logFolder, 'cms-admin-build.log')): Promise<void> {
  // bin/ is not in @strapi/strapi's exports map; the CLI sits beside its package.json.
  const strapiBin = join(dirname(requireFromCms.resolve('@strapi/strapi/package.json')), 'bin/strapi.js');
  return runNode([strapiBin, 'build'], cmsDir, { ...process.env, ...env }, logFile);
}

async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} was not ready at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Each process writes its output to a log file rather than through this process, which may be
 * the benchmark's load generator: piping every request log line through it would skew the numbers.
 */
function start(command: string[], cwd: string, env: Record<string, string>, logFile: string): ChildProcess {
  const output = openSync(logFile, 'a');
  const child = spawn(process.execPath, command, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', output, output] });
  closeSync(output);
  return child;
}

export function logTail(logFile: string, lines = 40): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The settings a platform started for tests or a benchmark runs with: its throwaway database,
 * new secrets each time, and where the CMS and the site answer.
 */
export function platformEnv(database: ThrowawayDatabase, cmsUrl: string, siteUrl: string): Record<string, string> {
  return {
    ...(database.env as Record<string, string>),
    NODE_ENV: 'production',
    STRAPI_TELEMETRY_DISABLED: 'true',
    ASTRO_TELEMETRY_DISABLED: '1',
    SERVE_ADMIN_PANEL: 'false',
    STRAPI_STARTUP_BANNER: 'false',
    APP_KEYS: `${secret()},${secret()}`,
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    CMS_API_TOKEN: secret(),
    PREVIEW_SECRET: secret(),
    REVALIDATE_SECRET: secret(),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    CMS_URL: cmsUrl,
    CMS_PUBLIC_URL: cmsUrl,
    SITE_URL: siteUrl,
    SITE_INTERNAL_URLS: siteUrl,
    HOST: '127.0.0.1',
    ADMIN_EMAIL: 'admin@futurenhs.test',
    ADMIN_PASSWORD: `Admin-${secret()}`,
  };
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => undefined);
  const database = await createThrowawayDatabase('futurenhs_stack');
  const cmsUrl = `http://127.0.0.1:${options.cmsPort}`;
  const siteUrl = `http://127.0.0.1:${options.sitePort}`;
  const env: Record<string, string> = { ...platformEnv(database, cmsUrl, siteUrl), ...options.env };

  compileCms();
  log('seeding');
  execFileSync(process.execPath, [options.seedScript ?? join(cmsDir, 'scripts/seed.ts'), ...(options.seedArgs ?? [])], {
    cwd: cmsDir,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const buildDir = options.rebuildSite ? join(siteDir, '.tmp', `build-${options.sitePort}`) : join(siteDir, 'dist');
  let siteCommand: string[];
  if (options.adminPanel) {
    // The two builds side by side: each spends much of its time on one core. The seed has ended
    // and the CMS has not started, so nothing loads cms/dist while the admin build rewrites it.
    log('building the site and the admin panel');
    const { build, serve } = siteCommands(buildDir);
    const siteBuilt = options.rebuildSite || !existsSync(join(buildDir, 'server/entry.mjs')) ? runNode(build, siteDir, siteBuildEnv()) : Promise.resolve();
    const results = await Promise.allSettled([siteBuilt, buildAdminPanel(env)]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) {
      await database.drop();
      throw failed.reason;
    }
    siteCommand = serve;
  } else {
    siteCommand = buildSite(options.rebuildSite, buildDir);
  }

  // bin/ is not in @strapi/strapi's exports map; the CLI sits beside its package.json.
  const strapiBin = join(dirname(requireFromCms.resolve('@strapi/strapi/package.json')), 'bin/strapi.js');
  mkdirSync(logFolder, { recursive: true });
  const logs = { cms: join(logFolder, `cms-${options.cmsPort}.log`), site: join(logFolder, `site-${options.sitePort}.log`) };
  for (const file of Object.values(logs)) rmSync(file, { force: true });
  log(`process logs: ${logs.cms}, ${logs.site}`);
  const cms = start([strapiBin, 'start'], cmsDir, { ...env, PORT: String(options.cmsPort) }, logs.cms);
  const site = start(siteCommand, siteDir, { ...env, ...options.siteEnv, PORT: String(options.sitePort) }, logs.site);
  const stop = async () => {
    await Promise.all([stopProcess(site), stopProcess(cms)]);
    await database.drop();
    if (options.rebuildSite) rmSync(buildDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${cmsUrl}/_health`, cms, 'The CMS');
    await waitFor(`${siteUrl}/_health`, site, 'The site');
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- CMS log ---\n${logTail(logs.cms)}\n--- site log ---\n${logTail(logs.site)}`);
  }
  return { cmsUrl, siteUrl, siteCommand, env, pids: { cms: cms.pid, site: site.pid }, logs, stop };
}
