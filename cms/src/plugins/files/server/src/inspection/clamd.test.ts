import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR } from './hostile-files';
import { clamdScanner, scannerFromEnv } from './index';

/**
 * A tiny clamd: speaks INSTREAM as the real one does (length-prefixed chunks, a zero length at
 * the end, a NUL-terminated answer) and flags the EICAR string. It records the chunk sizes so the
 * test can see the file was streamed.
 */
function fakeClamd(behaviour: 'answer' | 'silent' = 'answer') {
  const chunkSizes: number[] = [];
  const server = createServer((socket: Socket) => {
    let buffer = Buffer.alloc(0);
    let command = false;
    const data: Buffer[] = [];
    socket.on('data', (bytes: Buffer) => {
      buffer = Buffer.concat([buffer, bytes]);
      if (!command) {
        const end = buffer.indexOf(0);
        if (end === -1) return;
        if (buffer.subarray(0, end).toString() !== 'zINSTREAM') return socket.end('UNKNOWN COMMAND\0');
        command = true;
        buffer = buffer.subarray(end + 1);
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          if (behaviour === 'silent') return;
          const body = Buffer.concat(data).toString('latin1');
          socket.end(body.includes(EICAR) ? 'stream: Eicar-Test-Signature FOUND\0' : 'stream: OK\0');
          return;
        }
        if (buffer.length < 4 + length) return;
        chunkSizes.push(length);
        data.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
    socket.on('error', () => {});
  });
  return { server, chunkSizes };
}

const listen = (server: Server, where: number | string) =>
  new Promise<void>((resolve) => (typeof where === 'string' ? server.listen(where, resolve) : server.listen(where, '127.0.0.1', resolve)));
const portOf = (server: Server) => (server.address() as { port: number }).port;

let dir: string;
let clean: string;
let infected: string;
let large: string;
const servers: Server[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'clamd-'));
  clean = join(dir, 'clean.txt');
  infected = join(dir, 'eicar.txt');
  large = join(dir, 'large.bin');
  await writeFile(clean, 'Minutes of the board meeting.\n');
  await writeFile(infected, EICAR);
  await writeFile(large, Buffer.alloc(1024 ** 2 + 123, 7));
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(dir, { recursive: true, force: true });
});

describe('clamdScanner over TCP', () => {
  it('says clean, or infected with the signature, and streams the file in chunks', async () => {
    const { server, chunkSizes } = fakeClamd();
    servers.push(server);
    await listen(server, 0);
    const scanner = clamdScanner({ host: '127.0.0.1', port: portOf(server), timeoutMs: 5000 });
    expect(await scanner.scan(clean)).toEqual({ clean: true, signature: null });
    expect(await scanner.scan(infected)).toEqual({ clean: false, signature: 'Eicar-Test-Signature' });
    chunkSizes.length = 0;
    expect(await scanner.scan(large)).toEqual({ clean: true, signature: null });
    expect(chunkSizes.length).toBeGreaterThan(1);
    expect(Math.max(...chunkSizes)).toBeLessThanOrEqual(64 * 1024);
    expect(chunkSizes.reduce((sum, size) => sum + size, 0)).toBe(1024 ** 2 + 123);
  });

  it('throws when clamd cannot be reached', async () => {
    const { server } = fakeClamd();
    await listen(server, 0);
    const port = portOf(server);
    await new Promise((resolve) => server.close(resolve));
    await expect(clamdScanner({ host: '127.0.0.1', port, timeoutMs: 5000 }).scan(clean)).rejects.toThrow(/could not be reached/);
  });

  it('throws when clamd does not answer in time', async () => {
    const { server } = fakeClamd('silent');
    servers.push(server);
    await listen(server, 0);
    await expect(clamdScanner({ host: '127.0.0.1', port: portOf(server), timeoutMs: 300 }).scan(clean)).rejects.toThrow(/did not answer within 300 ms/);
  });
});

describe('clamdScanner over a unix socket', () => {
  it('says clean or infected', async () => {
    const { server } = fakeClamd();
    servers.push(server);
    const socket = join(dir, 'clamd.sock');
    await listen(server, socket);
    const scanner = clamdScanner({ socket, timeoutMs: 5000 });
    expect(await scanner.scan(clean)).toEqual({ clean: true, signature: null });
    expect(await scanner.scan(infected)).toEqual({ clean: false, signature: 'Eicar-Test-Signature' });
  });

  it('throws when the socket is not there', async () => {
    await expect(clamdScanner({ socket: join(dir, 'absent.sock') }).scan(clean)).rejects.toThrow(/could not be reached/);
  });
});

describe('scannerFromEnv', () => {
  it('is off unless configured', () => {
    expect(scannerFromEnv({})).toBeNull();
  });

  it('uses CLAMD_SOCKET, or CLAMD_HOST with CLAMD_PORT', async () => {
    const { server } = fakeClamd();
    servers.push(server);
    await listen(server, 0);
    const tcp = scannerFromEnv({ CLAMD_HOST: '127.0.0.1', CLAMD_PORT: String(portOf(server)) });
    expect(await tcp!.scan(infected)).toEqual({ clean: false, signature: 'Eicar-Test-Signature' });
    const socket = join(dir, 'env.sock');
    const unix = fakeClamd();
    servers.push(unix.server);
    await listen(unix.server, socket);
    expect(await scannerFromEnv({ CLAMD_SOCKET: socket })!.scan(clean)).toEqual({ clean: true, signature: null });
  });

  it('refuses a malformed port or timeout instead of scanning nowhere', () => {
    expect(() => scannerFromEnv({ CLAMD_HOST: 'clamd', CLAMD_PORT: 'abc' })).toThrow(/CLAMD_PORT/);
    expect(() => scannerFromEnv({ CLAMD_HOST: 'clamd', CLAMD_TIMEOUT_MS: '-1' })).toThrow(/CLAMD_TIMEOUT_MS/);
  });
});
