import { describe, expect, it } from 'vitest';
import { fakeJwt } from './testing.ts';
import { cookieOptions, cookiesAreSecure, decodeSession, encodeSession, hasSessionCookie, jwtExpiresAt, sessionCookieMaxAge } from './cookie.ts';


describe('session cookie codec', () => {
  const tokens = { access: fakeJwt({ id: 1, exp: 2_000_000_000 }), refresh: fakeJwt({ type: 'refresh', exp: 2_000_000_600 }), device: crypto.randomUUID() };

  it('round-trips the three values in a cookie-safe string', () => {
    const encoded = encodeSession(tokens);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSession(encoded)).toEqual(tokens);
  });

  it('treats anything malformed as no session', () => {
    const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const raw of [
      undefined,
      '',
      'not base64!',
      json({ access: 'a', refresh: 'b', device: 'c' }),
      json(['a', 'b']),
      json(['a', 'b', 3]),
      json(['a', 'b', 'has space']),
      json(['a', 'b', '']),
      'x'.repeat(5000),
    ]) {
      expect(decodeSession(raw)).toBeNull();
    }
  });

  it('reads expiry from a JWT payload, and nothing from a non-JWT', () => {
    expect(jwtExpiresAt(tokens.access)).toBe(2_000_000_000_000);
    expect(jwtExpiresAt('opaque')).toBeNull();
    expect(jwtExpiresAt(fakeJwt({ id: 1 }))).toBeNull();
    expect(jwtExpiresAt('a.!!!.c')).toBeNull();
  });

  it('keeps the cookie as long as the refresh token lives', () => {
    expect(sessionCookieMaxAge(tokens, 2_000_000_000_000)).toBe(600);
    expect(sessionCookieMaxAge({ ...tokens, refresh: fakeJwt({ exp: 1 }) }, 2_000_000_000_000)).toBe(0);
    expect(sessionCookieMaxAge({ ...tokens, refresh: 'opaque' })).toBe(7200);
  });
});

describe('cookie attributes', () => {
  it('are Secure except for plain http on this machine', () => {
    expect(cookiesAreSecure('http://localhost:4321')).toBe(false);
    expect(cookiesAreSecure('http://127.0.0.1:4321')).toBe(false);
    expect(cookiesAreSecure('https://localhost:4321')).toBe(true);
    expect(cookiesAreSecure('https://future.nhs.uk')).toBe(true);
    expect(cookiesAreSecure('http://future.nhs.uk')).toBe(true);
  });

  it('are httpOnly, SameSite=Lax, for the whole site', () => {
    expect(cookieOptions('https://future.nhs.uk', 90.7)).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true, maxAge: 90 });
    expect(cookieOptions('http://localhost:4321')).not.toHaveProperty('maxAge');
  });
});

describe('hasSessionCookie', () => {
  const request = (cookie?: string) => new Request('http://site.test/', { headers: cookie ? { cookie } : {} });
  it('spots the session cookie among others, and only a non-empty one', () => {
    expect(hasSessionCookie(request())).toBe(false);
    expect(hasSessionCookie(request('fnhs_csrf=abc'))).toBe(false);
    expect(hasSessionCookie(request('fnhs_csrf=abc; fnhs_session=xyz'))).toBe(true);
    expect(hasSessionCookie(request('fnhs_session=xyz'))).toBe(true);
    expect(hasSessionCookie(request('fnhs_session='))).toBe(false);
    expect(hasSessionCookie(request('other_fnhs_session=xyz'))).toBe(false);
  });
});
