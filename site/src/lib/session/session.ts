import type { AstroCookies } from 'astro';
import { fetchViewer, refreshSession, signOut, type CmsSession, type Viewer } from '../cms/accounts.ts';
import { isCmsRequestError, type CmsHttp } from '../cms/http.ts';
import { createMemberClient, type MemberCms, type MemberSession } from '../cms/member-client.ts';
import { clearCookieOptions, cookieOptions, decodeSession, encodeSession, jwtExpiresAt, SESSION_COOKIE, sessionCookieMaxAge, type SessionTokens } from './cookie.ts';
import { viewerCache, type ViewerCache } from './viewer-cache.ts';

/**
 * One request's session: reads the cookie, keeps the access token fresh, resolves the viewer,
 * and rewrites or clears the cookie when the tokens change. Middleware makes one per request
 * (src/middleware/session.ts); pages use it through `Astro.locals`.
 */

/** Refresh this long before the access token expires, so it does not expire during the request. */
export const REFRESH_MARGIN_MS = 30_000;

export type SessionCookies = Pick<AstroCookies, 'get' | 'set' | 'delete'>;

export interface SessionOptions {
  http: CmsHttp;
  siteUrl: string;
  cache?: ViewerCache;
  now?: () => number;
}

/**
 * Refreshes in flight in this process, by refresh token: a page that fires several requests at
 * once (or two tabs) uses one rotation. (The CMS also answers a repeated rotation of the same
 * token with the same new token, so instances do not race either.)
 */
const refreshes = new Map<string, Promise<CmsSession | null>>();

export class RequestSession implements MemberSession {
  readonly #cookies: SessionCookies;
  readonly #http: CmsHttp;
  readonly #siteUrl: string;
  readonly #cache: ViewerCache;
  readonly #now: () => number;
  #tokens: SessionTokens | null;
  #refreshed = false;
  viewer: Viewer | null = null;
  /** The viewer's client of the CMS. */
  readonly cms: MemberCms;

  constructor(cookies: SessionCookies, options: SessionOptions) {
    this.#cookies = cookies;
    this.#http = options.http;
    this.#siteUrl = options.siteUrl;
    this.#cache = options.cache ?? viewerCache();
    this.#now = options.now ?? Date.now;
    const raw = cookies.get(SESSION_COOKIE)?.value;
    this.#tokens = decodeSession(raw);
    if (raw !== undefined && this.#tokens === null) this.#clear();
    this.cms = createMemberClient(this.#http, this);
  }

  get signedIn(): boolean {
    return this.#tokens !== null;
  }

  /** This browser's device id; a new one when there is no session yet (sign-in). */
  get deviceId(): string {
    return this.#tokens?.device ?? crypto.randomUUID();
  }

  accessToken(): string | undefined {
    return this.#tokens?.access;
  }

  /**
   * Who is signed in, or null. A token about to expire is refreshed first; a token the CMS no
   * longer accepts gets one refresh; a session that cannot be refreshed is cleared.
   */
  async resolve(): Promise<Viewer | null> {
    if (!this.#tokens) return null;
    const expiresAt = jwtExpiresAt(this.#tokens.access);
    if ((expiresAt === null || expiresAt - this.#now() < REFRESH_MARGIN_MS) && !(await this.refresh())) return null;
    try {
      this.viewer = await this.#loadViewer();
    } catch (error) {
      if (!isCmsRequestError(error)) throw error;
      // Refused: the token expired early or the session was ended (signed out elsewhere, password
      // changed, account removed). One refresh tells which; a failed one has cleared the cookie.
      if (error.status === 401 && !this.#refreshed) {
        if (!(await this.refresh())) return null;
        return this.resolve();
      }
      this.#clear();
      return null;
    }
    return this.viewer;
  }

  async refresh(): Promise<boolean> {
    const tokens = this.#tokens;
    if (!tokens) return false;
    let pending = refreshes.get(tokens.refresh);
    if (!pending) {
      // Refused (401, 400): the session is over. Anything else (CMS down) is thrown to the error page.
      pending = refreshSession(this.#http, tokens.refresh).catch((error: unknown) => {
        if (isCmsRequestError(error)) return null;
        throw error;
      });
      refreshes.set(tokens.refresh, pending);
      const forget = () => refreshes.delete(tokens.refresh);
      pending.then(forget, forget);
    }
    const renewed = await pending;
    this.#refreshed = true;
    if (!renewed) {
      this.#clear();
      return false;
    }
    this.#tokens = { access: renewed.jwt, refresh: renewed.refreshToken, device: tokens.device };
    this.#write();
    return true;
  }

  /** The viewer's data changed through this site: drop what this process remembers about them. */
  changed(): void {
    if (this.#tokens) this.#cache.forgetToken(this.#tokens.access);
  }

  /**
   * Starts (or replaces) this browser's session with tokens the CMS just issued. `deviceId` is
   * the one sent with the sign-in; after a password change or reset (where the CMS picks its own)
   * the cookie keeps this browser's. Signing out names the session by its refresh token anyway.
   */
  start(session: CmsSession, deviceId = this.deviceId): void {
    this.changed();
    // The CMS may just have ended this member's other sessions (password change or reset).
    if (session.userId) this.#cache.forgetUser(session.userId);
    this.#tokens = { access: session.jwt, refresh: session.refreshToken, device: deviceId };
    this.viewer = null;
    this.#write();
  }

  /** Signs this browser out: the CMS ends the session family, and the cookie goes. */
  async end(): Promise<void> {
    const tokens = this.#tokens;
    if (tokens) {
      try {
        await signOut(this.cms, tokens.refresh);
      } catch (error) {
        // Already ended (401) is fine. Otherwise the cookie still goes; the CMS session expires on its own.
        if (!isCmsRequestError(error)) console.warn(`[session] sign-out could not reach the CMS: ${(error as Error).message}`);
      }
    }
    this.changed();
    this.#clear();
  }

  /** The CMS has already ended every session of this account (it was deleted): forget it, drop the cookie. */
  forget(): void {
    this.changed();
    if (this.viewer) this.#cache.forgetUser(this.viewer.id);
    this.#clear();
  }

  #loadViewer(): Promise<Viewer> {
    const access = this.#tokens!.access;
    return this.#cache.get(access, () => fetchViewer(this.#http, access));
  }

  #write(): void {
    const tokens = this.#tokens!;
    this.#cookies.set(SESSION_COOKIE, encodeSession(tokens), cookieOptions(this.#siteUrl, sessionCookieMaxAge(tokens, this.#now())));
  }

  #clear(): void {
    this.#tokens = null;
    this.viewer = null;
    this.#cookies.delete(SESSION_COOKIE, clearCookieOptions(this.#siteUrl));
  }
}
