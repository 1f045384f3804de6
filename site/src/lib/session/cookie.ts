/**
 * The session cookie: one httpOnly cookie `fnhs_session` holding the CMS's short-lived access
 * token, its refresh token and this browser's device id. The browser never sees the tokens
 * (httpOnly) and never talks to the CMS's auth routes itself: the site is its backend.
 */
import type { AstroCookieSetOptions } from 'astro';

export const SESSION_COOKIE = 'fnhs_session';

export interface SessionTokens {
  /** The CMS's access JWT (minutes). */
  access: string;
  /** The CMS's refresh token (its expiry is the session's idle limit). */
  refresh: string;
  /** Made at sign-in; the CMS keys this browser's session family on it (sign-out ends only this one). */
  device: string;
}

// A cookie is at most ~4 KB; anything longer is not ours.
const MAX_COOKIE_LENGTH = 3800;
const TOKEN = /^[A-Za-z0-9._~+/=-]{1,2000}$/;

export function encodeSession(tokens: SessionTokens): string {
  return Buffer.from(JSON.stringify([tokens.access, tokens.refresh, tokens.device]), 'utf8').toString('base64url');
}

/** The tokens in a cookie value, or null for anything malformed (then the visitor is anonymous). */
export function decodeSession(raw: string | undefined | null): SessionTokens | null {
  if (!raw || raw.length > MAX_COOKIE_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === 'string' && TOKEN.test(part))) return null;
  const [access, refresh, device] = parsed as [string, string, string];
  return { access, refresh, device };
}

/**
 * When a JWT expires, in milliseconds since the epoch, read from its payload without checking
 * its signature: the CMS checks that on every use; the site only needs to know when to refresh
 * and how long to keep the cookie. Null when there is no readable `exp`.
 */
export function jwtExpiresAt(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/**
 * Secure everywhere except a site served over plain http on this machine (local development and
 * the browser tests), where a Secure cookie would never be sent back.
 */
export function cookiesAreSecure(siteUrl: string): boolean {
  const url = new URL(siteUrl);
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  return !(url.protocol === 'http:' && local);
}

/** Options shared by the site's own cookies; Max-Age only when the cookie should outlive the browser session. */
export function cookieOptions(siteUrl: string, maxAgeSeconds?: number): AstroCookieSetOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: cookiesAreSecure(siteUrl),
    ...(maxAgeSeconds === undefined ? {} : { maxAge: Math.max(0, Math.floor(maxAgeSeconds)) }),
  };
}

/** Deleting a cookie needs the attributes it was set with. */
export function clearCookieOptions(siteUrl: string): Omit<AstroCookieSetOptions, 'expires' | 'maxAge' | 'encode'> {
  const { httpOnly, sameSite, path, secure } = cookieOptions(siteUrl);
  return { httpOnly, sameSite, path, secure };
}

/** The session cookie lives as long as the refresh token can still be used, and no longer. */
export function sessionCookieMaxAge(tokens: SessionTokens, now = Date.now()): number {
  const expiresAt = jwtExpiresAt(tokens.refresh);
  // Without a readable expiry: the CMS's default idle limit (SESSION_IDLE_MINUTES).
  return expiresAt === null ? 120 * 60 : Math.max(0, Math.floor((expiresAt - now) / 1000));
}

/** Whether a request carries a session cookie at all (without parsing or checking it). */
export function hasSessionCookie(request: Request): boolean {
  const header = request.headers.get('cookie');
  return header !== null && new RegExp(`(?:^|;)\\s*${SESSION_COOKIE}=[^;\\s]`).test(header);
}
