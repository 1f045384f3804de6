import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const cmsDir = join(import.meta.dirname, '../..');
const strapiBin = join(dirname(createRequire(join(cmsDir, 'package.json')).resolve('@strapi/strapi/package.json')), 'bin/strapi.js');

export interface CmsProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** As a crash would: no shutdown, nothing stored on the way out. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Another CMS instance, as a separate process (`strapi start` on the compiled CMS), on the same
 * database and settings as this test's in-process one: for what needs two instances or a crash.
 */
export async function startCmsProcess(port: number, env: Record<string, string | undefined> = {}): Promise<CmsProcess> {
  let output = '';
  const child = spawn(process.execPath, [strapiBin, 'start'], {
    cwd: cmsDir,
    env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true', SERVE_ADMIN_PANEL: 'false', STRAPI_STARTUP_BANNER: 'false', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The CMS process exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      if ((await fetch(`${url}/_health`)).status < 500) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The CMS process did not answer within 2 minutes:\n${output.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    output: () => output,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
