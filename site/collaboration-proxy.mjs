/**
 * The collaboration connection through the site's own origin (docs/documents.md): a browser opens
 * `ws(s)://<site>/collaboration` and this forwards the WebSocket upgrade to the CMS's
 * collaboration server, then pipes the two sockets both ways. Browsers never talk to the CMS, so
 * the CSP's `connect-src 'self'` holds and the CMS needs no public address.
 *
 * Only pages of this site may open it: the Origin header must name the host the request came to
 * (or the site's configured SITE_URL). Cookies are stripped: the ticket in the first message
 * authenticates, so a stolen cookie opens nothing and the CMS never sees the site's session.
 * Plain Node (server.mjs loads it before Astro), no dependency.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Headers a WebSocket handshake needs, passed on as the browser sent them; nothing else is. */
const FORWARDED = ['upgrade', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-protocol', 'sec-websocket-extensions', 'user-agent'];

function refuse(socket, status, reason) {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
}

/** Whether the page that opens the socket is one of this site's. */
export function isAllowedOrigin(originHeader, hostHeader, siteOrigin) {
  if (typeof originHeader !== 'string' || originHeader === '' || originHeader === 'null') return false;
  let origin;
  try {
    origin = new URL(originHeader);
  } catch {
    return false;
  }
  if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return false;
  if (siteOrigin && origin.origin === siteOrigin) return true;
  return typeof hostHeader === 'string' && hostHeader !== '' && origin.host === hostHeader.toLowerCase();
}

/** The visitor's address: the last X-Forwarded-For entry behind a trusted proxy (the one it added), else the socket's. */
function clientAddress(request, trustProxy) {
  if (trustProxy) {
    const forwarded = request.headers['x-forwarded-for'];
    const last = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined;
    if (last) return last;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

/**
 * An `upgrade` listener for a Node HTTP server. `cmsUrl` is where the CMS listens (CMS_URL);
 * `siteUrl` the site's public URL (SITE_URL), if configured. `tunnels` holds the open pairs of
 * sockets, so a shutting-down server can close them (the editors reconnect elsewhere).
 */
export function collaborationProxy({ cmsUrl, siteUrl, path = '/collaboration', trustProxy = false }) {
  const target = new URL(cmsUrl);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const siteOrigin = siteUrl ? new URL(siteUrl).origin : undefined;
  const tunnels = new Set();

  function onUpgrade(request, socket, head) {
    socket.on('error', () => socket.destroy());
    const pathname = (request.url ?? '').split('?')[0];
    if (pathname !== path) return refuse(socket, 404, 'Not Found');
    if (request.method !== 'GET' || String(request.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuse(socket, 400, 'Bad Request');
    if (!isAllowedOrigin(request.headers.origin, request.headers.host, siteOrigin)) return refuse(socket, 403, 'Forbidden');

    const headers = { connection: 'Upgrade', host: target.host, 'x-forwarded-for': clientAddress(request, trustProxy) };
    for (const name of FORWARDED) {
      const value = request.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const upstream = send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port || (target.protocol === 'https:' ? 443 : 80),
      method: 'GET',
      path: request.url,
      headers,
    });
    // The CMS unreachable, or it closed before answering: the browser's provider tries again later.
    upstream.on('error', () => refuse(socket, 502, 'Bad Gateway'));
    // The CMS answered without upgrading (it refused the handshake): its status goes back, no body.
    upstream.on('response', (response) => {
      response.resume();
      refuse(socket, response.statusCode ?? 502, response.statusMessage || 'Refused');
    });
    upstream.on('upgrade', (response, cmsSocket, cmsHead) => {
      if (socket.destroyed) return cmsSocket.destroy();
      const lines = [`HTTP/1.1 101 ${response.statusMessage || 'Switching Protocols'}`];
      for (let i = 0; i < response.rawHeaders.length; i += 2) lines.push(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (cmsHead?.length) socket.write(cmsHead);
      if (head?.length) cmsSocket.write(head);
      socket.setNoDelay(true);
      cmsSocket.setNoDelay(true);
      const tunnel = { socket, cmsSocket };
      tunnels.add(tunnel);
      const close = () => {
        tunnels.delete(tunnel);
        socket.destroy();
        cmsSocket.destroy();
      };
      socket.on('close', close);
      cmsSocket.on('close', close);
      cmsSocket.on('error', close);
      socket.on('error', close);
      cmsSocket.pipe(socket);
      socket.pipe(cmsSocket);
    });
    // The browser went before the CMS answered.
    socket.on('close', () => upstream.destroy());
    upstream.end();
  }

  onUpgrade.closeAll = () => {
    for (const { socket, cmsSocket } of tunnels) {
      socket.destroy();
      cmsSocket.destroy();
    }
    tunnels.clear();
  };
  onUpgrade.tunnels = tunnels;
  return onUpgrade;
}
