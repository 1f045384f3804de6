import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corsOrigins } from '../src/security/cors-origins.ts';
import { createPerson, type TestPerson } from './helpers/members.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * Which browser pages may read the CMS's answers. The CMS is configured as in production behind a
 * proxy: the site and the CMS (with its admin) on their own https origins, CORS_ORIGINS unset, so
 * the allowed origins are the default ones derived from SITE_URL and PUBLIC_URL. Every route
 * family is probed from each allowed origin, from another site and from `Origin: null` (sandboxed
 * frames, file pages), by preflight and by the request itself.
 */
const SITE = 'https://site.example';
const ADMIN = 'https://cms.example';
const ALLOWED = [SITE, ADMIN];
const REFUSED = ['https://attacker.example', 'null', 'https://site.example.attacker.example', 'http://site.example', 'https://site.example:8443'];

const ALLOW_METHODS = 'GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS';
const ALLOW_HEADERS = 'Content-Type,Authorization,Origin,Accept';
const CORS_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-max-age',
  'access-control-expose-headers',
];

let cms: TestCms;
let member: TestPerson;
let workspaceSlug: string;

beforeAll(async () => {
  cms = await startTestCms({ SITE_URL: `${SITE}/`, PUBLIC_URL: ADMIN, CORS_ORIGINS: '', TRUST_PROXY: 'true' });
  member = await createPerson(cms.strapi, 'cors');
  const workspace = await cms.strapi.documents('api::workspace.workspace').create({
    data: { title: 'Cross-origin probes', slug: 'cross-origin-probes', summary: 'Open to all', visibility: 'open' } as never,
  });
  workspaceSlug = workspace.slug as string;
});
afterAll(() => cms?.stop());

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  headers?: () => Record<string, string>;
  body?: () => Record<string, unknown>;
  /**
   * The answer the route gives this request whatever its origin: CORS only decides who may read
   * it. Unset for sign-in, whose refusals (wrong password, slowed, limited) are not this file's
   * subject; it must still be the route itself that answers.
   */
  status?: number;
}

let attempt = 0;
const ROUTES: Route[] = [
  { name: 'content API', method: 'GET', path: () => '/api/workspaces', headers: () => ({ authorization: `Bearer ${cms.siteToken}` }), status: 200 },
  { name: 'accounts plugin', method: 'GET', path: () => '/api/accounts/me', headers: () => member.auth, status: 200 },
  { name: 'forum plugin', method: 'GET', path: () => `/api/forum/workspaces/${workspaceSlug}/discussions`, headers: () => member.auth, status: 200 },
  // A member who does not manage the workspace: refused by the policy, and that refusal is as unreadable.
  { name: 'page-builder plugin', method: 'GET', path: () => `/api/page-builder/workspaces/${workspaceSlug}/pages`, headers: () => member.auth, status: 403 },
  {
    name: 'members sign-in',
    method: 'POST',
    path: () => '/api/auth/local',
    // A fresh address each time: no per-account limit joins in.
    body: () => ({ identifier: `nobody-${(attempt += 1)}@example.nhs.net`, password: 'Wrong-password-1' }),
  },
  { name: 'admin sign-in', method: 'POST', path: () => '/admin/login', body: () => ({ email: `admin-${(attempt += 1)}@example.nhs.net`, password: 'Wrong-password-1' }) },
  { name: 'admin token renewal', method: 'POST', path: () => '/admin/access-token', body: () => ({}), status: 401 },
];

function send(route: Route, origin?: string) {
  const request = route.method === 'GET' ? cms.http.get(route.path()) : cms.http.post(route.path()).send(route.body?.() ?? {});
  if (route.headers) request.set(route.headers());
  if (origin !== undefined) request.set('Origin', origin);
  return request;
}

function preflight(route: Route, origin: string) {
  return cms.http
    .options(route.path())
    .set('Origin', origin)
    .set('Access-Control-Request-Method', route.method)
    .set('Access-Control-Request-Headers', 'authorization,content-type');
}

function expectRouteAnswered(route: Route, status: number) {
  if (route.status === undefined) expect([404, 405]).not.toContain(status);
  else expect(status).toBe(route.status);
}

function corsHeadersOf(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(CORS_HEADERS.filter((name) => name in headers).map((name) => [name, headers[name]]));
}

describe.each(ROUTES)('$name ($method)', (route) => {
  it.each(ALLOWED)('answers a preflight from %s for that origin, with credentials', async (origin) => {
    const response = await preflight(route, origin);
    expect(response.status).toBe(204);
    expect(corsHeadersOf(response.headers)).toEqual({
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': ALLOW_METHODS,
      'access-control-allow-headers': ALLOW_HEADERS,
      'access-control-max-age': '31536000',
    });
    expect(response.headers.vary).toMatch(/\bOrigin\b/);
  });

  it.each(ALLOWED)('lets %s read the answer, with credentials', async (origin) => {
    const response = await send(route, origin);
    expectRouteAnswered(route, response.status);
    expect(corsHeadersOf(response.headers)).toEqual({
      'access-control-allow-origin': origin,
      'access-control-allow-credentials': 'true',
    });
    // Caches must not hand one origin's answer to another.
    expect(response.headers.vary).toMatch(/\bOrigin\b/);
  });

  it.each(REFUSED)('gives a preflight from %s no CORS header at all', async (origin) => {
    const response = await preflight(route, origin);
    expect(corsHeadersOf(response.headers)).toEqual({});
  });

  it.each(REFUSED)('gives the answer to %s no CORS header, so its page cannot read it', async (origin) => {
    const response = await send(route, origin);
    expectRouteAnswered(route, response.status);
    expect(corsHeadersOf(response.headers)).toEqual({});
  });

  // Not a CORS request (browsers always send Origin across origins): Strapi still writes its
  // headers, but with an empty origin, which matches no page.
  it('names no origin to a request without one (the site server, scripts)', async () => {
    const response = await send(route);
    expectRouteAnswered(route, response.status);
    expect(response.headers['access-control-allow-origin'] ?? '').toBe('');
  });
});

describe('the allowed origins (CORS_ORIGINS)', () => {
  it('are, by default, the origins of SITE_URL and PUBLIC_URL', () => {
    expect(corsOrigins({ SITE_URL: 'https://www.futurenhs.example/', PUBLIC_URL: 'https://cms.futurenhs.example/cms' })).toEqual([
      'https://www.futurenhs.example',
      'https://cms.futurenhs.example',
    ]);
  });

  it('are, without PUBLIC_URL (a local CMS), the site and the CMS on PORT as localhost and 127.0.0.1', () => {
    expect(corsOrigins({})).toEqual(['http://localhost:4321', 'http://localhost:1337', 'http://127.0.0.1:1337']);
    expect(corsOrigins({ SITE_URL: 'http://localhost:4400', PORT: '1400', PUBLIC_URL: '' })).toEqual([
      'http://localhost:4400',
      'http://localhost:1400',
      'http://127.0.0.1:1400',
    ]);
  });

  it('are exactly CORS_ORIGINS when it is set, written as browsers send them', () => {
    expect(corsOrigins({ CORS_ORIGINS: ' https://One.Example:443/ , http://two.example:8080/path,https://one.example', SITE_URL: 'https://site.example' })).toEqual([
      'https://one.example',
      'http://two.example:8080',
    ]);
  });

  it.each(['*', 'null', 'https://*.example.nhs.uk', 'site.example', 'ftp://files.example'])('refuse %s, naming the variable', (entry) => {
    expect(() => corsOrigins({ CORS_ORIGINS: `https://site.example,${entry}` })).toThrow(/^CORS_ORIGINS: /);
  });

  it('refuse a SITE_URL that names no origin', () => {
    expect(() => corsOrigins({ SITE_URL: 'not a url' })).toThrow(/^SITE_URL: /);
  });
});

describe('behind a trusted proxy (TRUST_PROXY=true)', () => {
  const HSTS = 'max-age=31536000; includeSubDomains';

  it('sends HSTS when the proxy says the request came over https, errors included', async () => {
    const page = await cms.http.get('/api/workspaces').set({ authorization: `Bearer ${cms.siteToken}` }).set('X-Forwarded-Proto', 'https');
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toBe(HSTS);
    const refused = await cms.http.get('/api/accounts/me').set('X-Forwarded-Proto', 'https');
    expect(refused.status).toBe(403);
    expect(refused.headers['strict-transport-security']).toBe(HSTS);
    const missing = await cms.http.get('/no-such-route').set('X-Forwarded-Proto', 'https');
    expect(missing.status).toBe(404);
    expect(missing.headers['strict-transport-security']).toBe(HSTS);
  });

  it('sends no HSTS for a request the proxy received over plain http', async () => {
    const plain = await cms.http.get('/api/workspaces').set({ authorization: `Bearer ${cms.siteToken}` }).set('X-Forwarded-Proto', 'http');
    expect(plain.status).toBe(200);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const unsaid = await cms.http.get('/api/workspaces').set({ authorization: `Bearer ${cms.siteToken}` });
    expect(unsaid.headers['strict-transport-security']).toBeUndefined();
  });

  it('takes the client address from the last X-Forwarded-For entry, the one the proxy added', async () => {
    const seen: string[] = [];
    cms.strapi.server.app.middleware.unshift(async (ctx, next) => {
      if (ctx.path === '/_client-address-probe') seen.push(ctx.ip);
      await next();
    });
    // Koa composes its middleware when the server is created; a fresh callback picks the probe up.
    const probe = (await import('supertest')).default(cms.strapi.server.app.callback());
    await probe.get('/_client-address-probe').set('X-Forwarded-For', '203.0.113.9, 198.51.100.7');
    cms.strapi.server.app.middleware.shift();
    expect(seen).toEqual(['198.51.100.7']);
  });
});
