/**
 * The site's HTTP server: `node server.mjs [build folder]` (default `dist`), listening on HOST and PORT.
 *
 * @astrojs/node's standalone server looks for a static file on disk (an lstat and a `send` stream)
 * before every request, pages included: about a twentieth of the site's CPU under load. The build's
 * static files are fixed once it is built, so this server lists them at start and sends only those
 * from disk; everything else goes straight to Astro (the adapter in middleware mode).
 */
import { readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import send from 'send';
import { collaborationProxy } from './collaboration-proxy.mjs';

const buildFolder = resolve(import.meta.dirname, process.argv[2] ?? 'dist');
const clientFolder = join(buildFolder, 'client');
const { handler: astro } = await import(pathToFileURL(join(buildFolder, 'server/entry.mjs')).href);

/** URL paths (`/_astro/x.css`) of every file the build put in its client folder. */
function listStaticFiles(folder) {
  const files = readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  return new Set(files.map((file) => `/${relative(folder, join(file.parentPath, file.name)).split(sep).join('/')}`));
}
const staticFiles = listStaticFiles(clientFolder);
// Hashed file names: a new build makes new names, so these may be cached for good.
const immutableFolder = '/_astro/';

function staticPath(url) {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  try {
    const decoded = decodeURIComponent(path);
    return staticFiles.has(decoded) ? decoded : undefined;
  } catch {
    return undefined;
  }
}

const server = createServer((request, response) => {
  try {
    decodeURI(request.url);
  } catch {
    response.writeHead(400).end('Bad request.');
    return;
  }
  const file = (request.method === 'GET' || request.method === 'HEAD') && staticPath(request.url);
  if (!file) {
    astro(request, response);
    return;
  }
  send(request, file, { root: clientFolder, immutable: file.startsWith(immutableFolder), maxAge: file.startsWith(immutableFolder) ? '1y' : 0 })
    .on('error', (error) => response.writeHead(error.statusCode ?? 500).end())
    .pipe(response);
});

// The documents' live connection (WebSocket) goes on to the CMS's collaboration server.
const collaboration = collaborationProxy({
  cmsUrl: process.env.CMS_URL || 'http://127.0.0.1:1337',
  siteUrl: process.env.SITE_URL || undefined,
  trustProxy: ['true', '1', 'yes'].includes(process.env.TRUST_PROXY ?? ''),
});
server.on('upgrade', collaboration);

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 4321);
server.listen(port, host, () => console.log(`FutureNHS site listening on http://${host}:${port}`));
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Open editors reconnect (to another instance, or to this one once it is back).
    collaboration.closeAll();
    // Keep-alive clients mid-request get a moment to finish; then the process goes anyway.
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
