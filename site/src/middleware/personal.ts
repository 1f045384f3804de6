import type { APIContext } from 'astro';
import { hasSessionCookie } from '../lib/session/cookie.ts';

/**
 * Whether a response is for this browser alone: a page rendered for a (possibly) signed-in
 * member, one carrying a CSRF token, or one setting a cookie (Astro adds the Set-Cookie headers
 * after the middleware, so the response itself cannot tell).
 */
export function isPersonal(context: Pick<APIContext, 'locals' | 'cookies' | 'request'>): boolean {
  if (context.locals.noStore || hasSessionCookie(context.request)) return true;
  return !context.cookies.headers().next().done;
}
