import { callCms, isCmsRequestError, type CmsHttp } from './http.ts';

/**
 * The CMS as the viewer: every request carries the viewer's own access token (none when
 * anonymous, so the CMS's public role answers), nothing is ever cached (answers are for one
 * person), and refusals come back as `CmsRequestError` with the CMS's message and field errors,
 * ready for an error summary. Pages reach it as `Astro.locals.cms`.
 */
export interface MemberCms {
  get<T = unknown>(path: string): Promise<T>;
  /** `changesViewer: false` for a write that changes nothing the site remembers about the viewer (a heartbeat). */
  post<T = unknown>(path: string, body?: unknown, options?: { changesViewer?: boolean }): Promise<T>;
  put<T = unknown>(path: string, body?: unknown): Promise<T>;
  patch<T = unknown>(path: string, body?: unknown): Promise<T>;
  delete<T = unknown>(path: string, body?: unknown): Promise<T>;
}

/** What the client needs from the request's session. */
export interface MemberSession {
  /** The access token to send; undefined when anonymous. */
  accessToken(): string | undefined;
  /** After a 401: new tokens (the cookie is rewritten). False when the session has ended. */
  refresh(): Promise<boolean>;
  /** A write went through: what the site remembers about the viewer (memberships...) may be stale. */
  changed(): void;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function createMemberClient(http: CmsHttp, session: MemberSession): MemberCms {
  async function send<T>(method: Method, path: string, body?: unknown, changesViewer = method !== 'GET'): Promise<T> {
    const token = session.accessToken();
    try {
      return (await callCms(http, path, { method, body, token })).json as T;
    } catch (error) {
      // The access token expired or its session was ended elsewhere: one refresh, one retry.
      if (!token || !isCmsRequestError(error, 401) || !(await session.refresh())) throw error;
      return (await callCms(http, path, { method, body, token: session.accessToken() })).json as T;
    } finally {
      if (changesViewer) session.changed();
    }
  }
  return {
    get: (path) => send('GET', path),
    post: (path, body, options) => send('POST', path, body, options?.changesViewer ?? true),
    put: (path, body) => send('PUT', path, body),
    patch: (path, body) => send('PATCH', path, body),
    delete: (path, body) => send('DELETE', path, body),
  };
}
