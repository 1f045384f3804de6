import { beforeEach, describe, expect, it } from 'vitest';
import type { Viewer } from '../cms/accounts.ts';
import { CmsRequestError } from '../cms/http.ts';
import { decodeSession, encodeSession, SESSION_COOKIE, type SessionTokens } from './cookie.ts';
import { fakeJwt } from './testing.ts';
import { RequestSession } from './session.ts';
import { VIEWER_CACHE_TTL_MS, ViewerCache } from './viewer-cache.ts';

const NOW = 1_900_000_000_000;
const access = (id: string, secondsLeft = 300) => fakeJwt({ id, exp: (NOW + secondsLeft * 1000) / 1000 });
const refresh = (id: string) => fakeJwt({ type: 'refresh', sessionId: id, exp: (NOW + 7200 * 1000) / 1000 });

const viewer = (firstName = 'Priya'): Viewer => ({
  id: '7',
  email: 'priya@nhs.net',
  firstName,
  lastName: 'Shah',
  jobTitle: 'GP',
  organisation: 'Leeds',
  bio: '',
  profileComplete: true,
  photoUrl: null,
  memberships: [],
});

/** A stand-in for the CMS's auth and /me routes, recording what the site asked. */
class FakeCms {
  calls: string[] = [];
  /** Access tokens the CMS honours. */
  live = new Set<string>();
  /** refresh token → the session it rotates to (null: refused). */
  rotations = new Map<string, { jwt: string; refreshToken: string } | null>();
  me = viewer();

  fetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const auth = new Headers(init?.headers).get('authorization')?.replace('Bearer ', '');
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.calls.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    const json = (status: number, value: unknown) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (url.pathname === '/api/auth/refresh') {
      const next = this.rotations.get(body.refreshToken);
      if (!next) return json(401, { error: { status: 401, name: 'UnauthorizedError', message: 'Invalid refresh token' } });
      this.live.add(next.jwt);
      return json(200, next);
    }
    if (!auth || !this.live.has(auth)) return json(401, { error: { status: 401, name: 'UnauthorizedError', message: 'Missing or invalid credentials' } });
    if (url.pathname === '/api/accounts/me' && (init?.method ?? 'GET') === 'GET') return json(200, { data: { ...this.me, id: 7, bio: null } });
    if (url.pathname === '/api/accounts/me' && init?.method === 'PUT') {
      this.me = { ...this.me, ...body };
      return json(200, { data: { ...this.me, id: 7 } });
    }
    if (url.pathname === '/api/auth/logout') return json(200, { ok: true });
    return json(404, { error: { status: 404, name: 'NotFoundError', message: 'Not Found' } });
  };
}

class FakeCookies {
  jar = new Map<string, string>();
  written: { name: string; value: string; options: unknown }[] = [];
  deleted: string[] = [];
  constructor(initial: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(initial)) this.jar.set(name, value);
  }
  get(name: string) {
    const value = this.jar.get(name);
    return value === undefined ? undefined : ({ value } as never);
  }
  set(name: string, value: string | Record<string, unknown>, options?: unknown) {
    this.jar.set(name, String(value));
    this.written.push({ name, value: String(value), options });
  }
  delete(name: string) {
    this.jar.delete(name);
    this.deleted.push(name);
  }
}

let cms: FakeCms;
let cache: ViewerCache;
let clock: number;
beforeEach(() => {
  cms = new FakeCms();
  cache = new ViewerCache({ now: () => clock });
  clock = NOW;
});

function sessionFor(tokens: SessionTokens | null, raw?: string) {
  const cookies = new FakeCookies(tokens ? { [SESSION_COOKIE]: encodeSession(tokens) } : raw ? { [SESSION_COOKIE]: raw } : {});
  const session = new RequestSession(cookies, {
    http: { baseUrl: 'http://cms.test', timeoutMs: 1000, fetch: cms.fetch },
    siteUrl: 'https://future.nhs.uk',
    cache,
    now: () => clock,
  });
  return { session, cookies };
}

describe('RequestSession', () => {
  it('is anonymous without a cookie, and clears a malformed one', async () => {
    expect(await sessionFor(null).session.resolve()).toBeNull();
    const { session, cookies } = sessionFor(null, 'garbage');
    expect(await session.resolve()).toBeNull();
    expect(cookies.deleted).toEqual([SESSION_COOKIE]);
    expect(cms.calls).toEqual([]);
  });

  it('resolves the viewer with the access token and remembers it for a few seconds', async () => {
    const tokens = { access: access('a1'), refresh: refresh('r1'), device: 'd1' };
    cms.live.add(tokens.access);
    expect((await sessionFor(tokens).session.resolve())?.firstName).toBe('Priya');
    expect((await sessionFor(tokens).session.resolve())?.firstName).toBe('Priya');
    expect(cms.calls).toEqual(['GET /api/accounts/me']);
    clock += VIEWER_CACHE_TTL_MS + 1;
    await sessionFor(tokens).session.resolve();
    expect(cms.calls).toEqual(['GET /api/accounts/me', 'GET /api/accounts/me']);
  });

  it('refreshes a token about to expire first, and rewrites the cookie', async () => {
    const tokens = { access: access('a1', 20), refresh: refresh('r1'), device: 'd1' };
    const renewed = { jwt: access('a2'), refreshToken: refresh('r2') };
    cms.rotations.set(tokens.refresh, renewed);
    const { session, cookies } = sessionFor(tokens);
    expect(await session.resolve()).not.toBeNull();
    expect(cms.calls).toEqual(['POST /api/auth/refresh', 'GET /api/accounts/me']);
    const written = cookies.written.find((cookie) => cookie.name === SESSION_COOKIE)!;
    expect(decodeSession(written.value)).toEqual({ access: renewed.jwt, refresh: renewed.refreshToken, device: 'd1' });
    expect(written.options).toMatchObject({ httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 7200 });
  });

  it('refreshes once when the CMS refuses the token (ended elsewhere, or expired early)', async () => {
    const tokens = { access: access('a1'), refresh: refresh('r1'), device: 'd1' };
    const renewed = { jwt: access('a2'), refreshToken: refresh('r2') };
    cms.rotations.set(tokens.refresh, renewed);
    const { session } = sessionFor(tokens);
    expect(await session.resolve()).not.toBeNull();
    expect(cms.calls).toEqual(['GET /api/accounts/me', 'POST /api/auth/refresh', 'GET /api/accounts/me']);
  });

  it('signs out (clears the cookie) when the session cannot be refreshed', async () => {
    const tokens = { access: access('a1'), refresh: refresh('r1'), device: 'd1' };
    const { session, cookies } = sessionFor(tokens);
    expect(await session.resolve()).toBeNull();
    expect(cookies.deleted).toEqual([SESSION_COOKIE]);
    expect(session.signedIn).toBe(false);
  });

  it('rotates a refresh token once for concurrent requests of one browser', async () => {
    const tokens = { access: access('a1', 5), refresh: refresh('r1'), device: 'd1' };
    cms.rotations.set(tokens.refresh, { jwt: access('a2'), refreshToken: refresh('r2') });
    const results = await Promise.all([sessionFor(tokens).session.resolve(), sessionFor(tokens).session.resolve(), sessionFor(tokens).session.resolve()]);
    expect(results.every((result) => result?.firstName === 'Priya')).toBe(true);
    expect(cms.calls.filter((call) => call === 'POST /api/auth/refresh')).toHaveLength(1);
  });

  it('forgets the remembered viewer when the member changes their data through the site', async () => {
    const tokens = { access: access('a1'), refresh: refresh('r1'), device: 'd1' };
    cms.live.add(tokens.access);
    const first = sessionFor(tokens).session;
    await first.resolve();
    await first.cms.put('/api/accounts/me', { firstName: 'Priyanka' });
    expect((await sessionFor(tokens).session.resolve())?.firstName).toBe('Priyanka');
  });

  it('forgets every remembered session of a member when one of their sessions starts anew (password change or reset)', async () => {
    const other = { access: access('a1'), refresh: refresh('r1'), device: 'd1' };
    cms.live.add(other.access);
    await sessionFor(other).session.resolve();
    cms.live.delete(other.access); // the CMS ended it
    const { session } = sessionFor(null);
    session.start({ jwt: access('a5'), refreshToken: refresh('r5'), userId: '7' });
    expect(await sessionFor(other).session.resolve()).toBeNull();
  });

  it('starts a session from sign-in tokens, and ends it at the CMS on sign-out', async () => {
    const { session, cookies } = sessionFor(null);
    const device = session.deviceId;
    session.start({ jwt: access('a9'), refreshToken: refresh('r9') }, device);
    cms.live.add(access('a9'));
    expect(decodeSession(cookies.jar.get(SESSION_COOKIE))).toEqual({ access: access('a9'), refresh: refresh('r9'), device });
    await session.end();
    expect(cms.calls).toContain('POST /api/auth/logout');
    expect(cookies.jar.has(SESSION_COOKIE)).toBe(false);
  });
});

describe('the viewer’s CMS client', () => {
  it('sends the viewer’s token, refreshes once on 401 and retries', async () => {
    const tokens = { access: access('a1'), refresh: refresh('r1'), device: 'd1' };
    cms.rotations.set(tokens.refresh, { jwt: access('a2'), refreshToken: refresh('r2') });
    const { session } = sessionFor(tokens);
    expect(await session.cms.get('/api/accounts/me')).toMatchObject({ data: { firstName: 'Priya' } });
    expect(cms.calls).toEqual(['GET /api/accounts/me', 'POST /api/auth/refresh', 'GET /api/accounts/me']);
  });

  it('turns refusals into CmsRequestError with the CMS’s message', async () => {
    const tokens = { access: access('a1'), refresh: refresh('r1'), device: 'd1' };
    cms.live.add(tokens.access);
    const { session } = sessionFor(tokens);
    const error = await session.cms.get('/api/membership/nothing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CmsRequestError);
    expect(error).toMatchObject({ status: 404, reason: 'Not Found', fieldErrors: [] });
  });
});
