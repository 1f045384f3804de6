import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePorts } from '../../../scripts/stack.ts';

/**
 * Headers of the running stack as a browser gets them: the built site behind server.mjs (the
 * stack trusts a proxy, TRUST_PROXY=true) and the CMS started by `strapi start` in production
 * mode. A second site instance without TRUST_PROXY shows that a client cannot switch HSTS on.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');
const siteCommand = inject('siteCommand');
const HSTS = 'max-age=31536000; includeSubDomains';

let untrustingSite: ChildProcess;
let untrustingSiteUrl: string;

beforeAll(async () => {
  const [port] = await freePorts(1);
  untrustingSiteUrl = `http://127.0.0.1:${port}`;
  untrustingSite = spawn(process.execPath, siteCommand, { env: { ...process.env, ...env, PORT: String(port), TRUST_PROXY: 'false' }, stdio: 'ignore' });
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await fetch(`${untrustingSiteUrl}/_health`).then((r) => r.ok, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
});
afterAll(() => {
  untrustingSite?.kill();
});

/** The stylesheet the home page links to: a file server.mjs sends from disk, not through Astro. */
async function stylesheetPath(): Promise<string> {
  const html = await (await fetch(`${siteUrl}/`)).text();
  const path = html.match(/<link[^>]+href="(\/_astro\/[^"]+\.css)"/)?.[1];
  expect(path).toBeDefined();
  return path!;
}

describe('the site', () => {
  it('names no software on pages, files, errors or refusals', async () => {
    const responses = await Promise.all([
      fetch(`${siteUrl}/`),
      fetch(`${siteUrl}${await stylesheetPath()}`),
      fetch(`${siteUrl}/assets/images/nhsuk-icon-512.png`),
      fetch(`${siteUrl}/no-such-page`),
      fetch(`${siteUrl}/_health`),
      fetch(`${siteUrl}/sign-in`, { method: 'POST', headers: { origin: 'https://attacker.example', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a' }),
    ]);
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 404, 200, 403]);
    for (const response of responses) expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('sends HSTS when the trusted proxy says the visitor came over https, error pages included', async () => {
    for (const path of ['/', '/case-studies', '/no-such-page']) {
      const response = await fetch(`${siteUrl}${path}`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(response.headers.get('strict-transport-security')).toBe(HSTS);
    }
  });

  it('sends no HSTS over plain http', async () => {
    for (const headers of [{}, { 'x-forwarded-proto': 'http' }] as Record<string, string>[]) {
      const response = await fetch(`${siteUrl}/`, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY: anyone can send it', async () => {
    const response = await fetch(`${untrustingSiteUrl}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('the CMS (strapi start, production)', () => {
  it('names no software, and sends no HSTS over plain http', async () => {
    const responses = await Promise.all([
      fetch(`${cmsUrl}/_health`),
      fetch(`${cmsUrl}/api/workspaces`, { headers: { authorization: `Bearer ${env.CMS_API_TOKEN}` } }),
      fetch(`${cmsUrl}/api/accounts/me`),
      fetch(`${cmsUrl}/admin/access-token`, { method: 'POST' }),
      fetch(`${cmsUrl}/no-such-route`),
    ]);
    expect(responses.map((response) => response.status)).toEqual([204, 200, 403, 401, 404]);
    for (const response of responses) {
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('strict-transport-security')).toBeNull();
    }
  });

  it("lets the site's origin read its answers, and no other page", async () => {
    const allowed = await fetch(`${cmsUrl}/api/workspaces`, { headers: { origin: siteUrl, authorization: `Bearer ${env.CMS_API_TOKEN}` } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(siteUrl);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    for (const origin of ['https://attacker.example', 'null']) {
      const refused = await fetch(`${cmsUrl}/admin/access-token`, { method: 'POST', headers: { origin } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(refused.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });
});
