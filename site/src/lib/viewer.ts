import type { Viewer } from './cms/accounts.ts';
import { currentPath, seeOther, withNext } from './next-url.ts';
import { hasSessionCookie } from './session/cookie.ts';

/**
 * Who is asking, as far as shared caches are concerned: 'anonymous' only for a request with no
 * session cookie at all, and null (render for this request alone, never store or serve a stored
 * page) for anyone who may be signed in. A signed-in page carries the member's name and a sign-out
 * form with their CSRF token: it must never reach anybody else.
 */
export type CacheVariant = string | null;

export function pageCacheVariant(request: Request): CacheVariant {
  return hasSessionCookie(request) ? null : 'anonymous';
}

interface ViewerContext {
  url: URL;
  locals: App.Locals;
}

/** The signed-in viewer, or a redirect to sign in and come back here. */
export function requireViewer(context: ViewerContext): Viewer | Response {
  return context.locals.viewer ?? seeOther(withNext('/sign-in', currentPath(context.url)));
}

/** Where a member with an incomplete profile is sent, to come back to `next` afterwards. */
export function completeProfileUrl(next: string): string {
  return withNext('/account?complete=1', next);
}

/**
 * A viewer who may take part (post, join, accept an invitation): signed in, with the profile
 * everyone sees (name, job title, organisation: docs/design.md#people). Otherwise a redirect: to
 * sign in, or to complete the profile, then back to this page. Use it before any POST that
 * takes part; the page itself (GET) stays readable.
 */
export function requireParticipant(context: ViewerContext): Viewer | Response {
  const viewer = requireViewer(context);
  if (viewer instanceof Response || viewer.profileComplete) return viewer;
  return seeOther(completeProfileUrl(currentPath(context.url)));
}

export function displayName(viewer: Pick<Viewer, 'firstName' | 'lastName' | 'email'>): string {
  return `${viewer.firstName} ${viewer.lastName}`.trim() || viewer.email;
}
