import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

/**
 * Headers on every kind of CMS response, with TRUST_PROXY off (the default): nothing that names
 * the software, and HSTS only over a real TLS connection. The same Koa application is also served
 * over TLS here (a certificate made for the test), as it would be without a proxy in front.
 * Behind a trusted proxy, see cors.test.ts.
 */
const HSTS = 'max-age=31536000; includeSubDomains';

let cms: TestCms;
let tls: Server;
let tlsDir: string;
let certificate: Buffer;

beforeAll(async () => {
  cms = await startTestCms({ TRUST_PROXY: 'false', CORS_ORIGINS: '', PUBLIC_URL: '' });
  tlsDir = mkdtempSync(join(tmpdir(), 'futurenhs-tls-'));
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-keyout', join(tlsDir, 'key.pem'), '-out', join(tlsDir, 'cert.pem'),
  ], { stdio: 'ignore' });
  certificate = readFileSync(join(tlsDir, 'cert.pem'));
  tls = createServer({ key: readFileSync(join(tlsDir, 'key.pem')), cert: certificate }, cms.strapi.server.app.callback());
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => (tls ? tls.close(resolve) : resolve(undefined)));
  if (tlsDir) rmSync(tlsDir, { recursive: true, force: true });
  await cms?.stop();
});

type Http = ReturnType<typeof supertest>;

/** One of each kind of answer: success, refusal, error, unknown route, admin API, preflight, files. */
const RESPONSES: Record<string, (http: Http) => supertest.Test> = {
  'content API': (http) => http.get('/api/workspaces').set({ authorization: `Bearer ${cms.siteToken}` }),
  refusal: (http) => http.get('/api/accounts/me'),
  'sign-in error': (http) => http.post('/api/auth/local').send({ identifier: 'nobody@example.nhs.net', password: 'Wrong-password-1' }),
  'unknown route': (http) => http.get('/no-such-route'),
  'admin API': (http) => http.post('/admin/login').send({ email: 'nobody@example.nhs.net', password: 'Wrong-password-1' }),
  preflight: (http) => http.options('/api/workspaces').set('Origin', 'http://localhost:4321').set('Access-Control-Request-Method', 'GET'),
  'health check': (http) => http.get('/_health'),
  favicon: (http) => http.get('/favicon.ico'),
};
const KINDS = Object.keys(RESPONSES);

describe('over plain http', () => {
  it.each(KINDS)('%s: no X-Powered-By, no HSTS', async (kind) => {
    const response = await RESPONSES[kind](cms.http);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('ignores a client\'s X-Forwarded-Proto: https when no proxy is trusted', async () => {
    const response = await cms.http.get('/api/workspaces').set({ authorization: `Bearer ${cms.siteToken}` }).set('X-Forwarded-Proto', 'https');
    expect(response.status).toBe(200);
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('over TLS', () => {
  it.each(KINDS)('%s: HSTS, and still no X-Powered-By', async (kind) => {
    const response = await RESPONSES[kind](supertest(tls)).ca(certificate);
    expect(response.status).toBeLessThan(500);
    expect(response.headers['strict-transport-security']).toBe(HSTS);
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});
