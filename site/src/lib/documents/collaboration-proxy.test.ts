import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collaborationProxy, isAllowedOrigin } from '../../../collaboration-proxy.mjs';

/**
 * The site's forwarding of the collaboration WebSocket (collaboration-proxy.mjs), end to end over
 * real sockets: Node's own WebSocket client → a site server with the proxy → a tiny WebSocket echo
 * server standing in for the CMS (a raw upgrade handler that answers text frames).
 */
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Reads one masked client text frame of up to 125 bytes and answers it unmasked, upper-cased. */
function echo(socket: Socket): void {
  let buffered = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 6) {
      const opcode = buffered[0] & 0x0f;
      const length = buffered[1] & 0x7f;
      if (buffered.length < 6 + length) return;
      const mask = buffered.subarray(2, 6);
      const payload = Buffer.from(buffered.subarray(6, 6 + length).map((byte, index) => byte ^ mask[index % 4]));
      buffered = buffered.subarray(6 + length);
      if (opcode === 0x8) {
        socket.end(Buffer.from([0x88, 0x00]));
        return;
      }
      const reply = Buffer.from(`echo: ${payload.toString('utf8')}`);
      socket.write(Buffer.concat([Buffer.from([0x81, reply.length]), reply]));
    }
  });
}

let cms: Server;
let site: Server;
let siteUrl: string;
const seen: IncomingHttpHeaders[] = [];
let proxy: ReturnType<typeof collaborationProxy>;
const cmsSockets = new Set<Socket>();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

beforeAll(async () => {
  cms = createServer((_request, response) => response.writeHead(404).end());
  cms.on('upgrade', (request, socket: Socket) => {
    cmsSockets.add(socket);
    seen.push(request.headers);
    if (request.url?.includes('refuse')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${request.headers['sec-websocket-key']}${GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    echo(socket);
  });
  const cmsPort = await listen(cms);
  site = createServer((_request, response) => response.writeHead(200).end('page'));
  proxy = collaborationProxy({ cmsUrl: `http://127.0.0.1:${cmsPort}`, siteUrl: undefined, path: '/collaboration' });
  site.on('upgrade', proxy);
  siteUrl = `127.0.0.1:${await listen(site)}`;
});

afterAll(async () => {
  proxy.closeAll();
  for (const socket of cmsSockets) socket.destroy();
  site.closeAllConnections();
  cms.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
  await new Promise((resolve) => cms.close(resolve));
});

/** Opens a socket through the site; the first message received, or how it failed. */
function exchange(path: string, headers: Record<string, string>, message = 'hello'): Promise<{ opened: boolean; reply?: string; code?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://${siteUrl}${path}`, { headers } as unknown as string[]);
    let opened = false;
    socket.onopen = () => {
      opened = true;
      socket.send(message);
    };
    socket.onmessage = (event) => {
      resolve({ opened, reply: String(event.data) });
      socket.close();
    };
    socket.onclose = (event) => resolve({ opened, code: event.code });
  });
}

describe('the collaboration WebSocket through the site', () => {
  it('forwards a same-origin socket to the CMS both ways, without the cookie, with the client address', async () => {
    const before = seen.length;
    const answer = await exchange('/collaboration', { origin: `http://${siteUrl}`, cookie: 'fnhs_session=secret' }, 'ticket and hello');
    expect(answer).toEqual({ opened: true, reply: 'echo: ticket and hello' });
    const headers = seen[before];
    expect(headers.cookie).toBeUndefined();
    expect(headers.origin).toBeUndefined();
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['sec-websocket-key']).toBeTruthy();
  });

  it('carries many messages on one socket', async () => {
    const replies = await new Promise<string[]>((resolve) => {
      const socket = new WebSocket(`ws://${siteUrl}/collaboration`, { headers: { origin: `http://${siteUrl}` } } as unknown as string[]);
      const got: string[] = [];
      socket.onopen = () => ['one', 'two', 'three'].forEach((text) => socket.send(text));
      socket.onmessage = (event) => {
        got.push(String(event.data));
        if (got.length === 3) {
          socket.close();
          resolve(got);
        }
      };
    });
    expect(replies).toEqual(['echo: one', 'echo: two', 'echo: three']);
  });

  it('refuses a page of another site, and a socket with no Origin, before reaching the CMS', async () => {
    const before = seen.length;
    expect((await exchange('/collaboration', { origin: 'https://evil.example' })).opened).toBe(false);
    expect((await exchange('/collaboration', {})).opened).toBe(false);
    expect(seen.length).toBe(before);
  });

  it('forwards nothing but the collaboration path', async () => {
    const before = seen.length;
    expect((await exchange('/_astro/hmr', { origin: `http://${siteUrl}` })).opened).toBe(false);
    expect(seen.length).toBe(before);
  });

  it("passes the CMS's refusal of the handshake back", async () => {
    expect((await exchange('/collaboration?refuse=1', { origin: `http://${siteUrl}` })).opened).toBe(false);
  });

  it('closes open sockets when the server shuts down', async () => {
    const closed = await new Promise<number>((resolve) => {
      const socket = new WebSocket(`ws://${siteUrl}/collaboration`, { headers: { origin: `http://${siteUrl}` } } as unknown as string[]);
      socket.onopen = () => proxy.closeAll();
      socket.onclose = (event) => resolve(event.code);
    });
    expect(closed).toBe(1006);
  });
});

describe('isAllowedOrigin', () => {
  it("allows the request's own host, or the configured site origin", () => {
    expect(isAllowedOrigin('http://localhost:4321', 'localhost:4321', undefined)).toBe(true);
    expect(isAllowedOrigin('https://futurenhs.example', 'site:4321', 'https://futurenhs.example')).toBe(true);
  });
  it('refuses other origins, opaque ones and none', () => {
    expect(isAllowedOrigin('http://localhost:4322', 'localhost:4321', undefined)).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:4321', undefined)).toBe(false);
    expect(isAllowedOrigin(undefined, 'localhost:4321', undefined)).toBe(false);
    expect(isAllowedOrigin('file://x', 'x', undefined)).toBe(false);
  });
});
